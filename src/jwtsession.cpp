// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwtsession.h>

#include "jwtbearer_p.h"
#include "jwtlogging_p.h"
#include "jwtsession_p.h"
#include "jwtsessionpersistence_p.h"

#include <QtCore/qdatetime.h>
#include <QtCore/qmetaobject.h>
#include <QtCore/qrandom.h>

#include <algorithm>

namespace {

// Backoff of failed refreshes: 0.5 s, 1 s, 2 s … capped, each ±20 % so that many clients
// recovering from the same outage do not come back in lockstep.
constexpr std::chrono::milliseconds InitialBackoff {500};
constexpr std::chrono::milliseconds MaximumBackoff {30000};
constexpr double BackoffJitter = 0.2;
// A server's Retry-After is honoured up to this; waiting replies have their own bound.
constexpr std::chrono::seconds MaximumRetryAfter {60};
// Wall and steady time drifting apart by more than this is a clock change or a sleep, not NTP
// slewing (at most 0.5 ms/s).
constexpr qint64 ClockJumpThresholdMSecs = 2000;
// The server's Date is believed for skew corrections up to a day.
constexpr qint64 MaximumSkewMSecs = 24 * 3600 * 1000;

} // namespace

/*!
    \class JwtSession
    \brief The signed-in session: tokens, state, the single refresh in flight, and the policies
    that decide what waiting requests do.

    A session is shared by any number of JwtAccessManager objects, in any thread. It lives in the
    thread that created it: its signals are emitted there and its refresher runs there. Token reads
    and the decision to start a refresh are thread-safe, so managers created by QML on other threads
    share one session and one refresh.

    Only requests to authorized origins (addAuthorizedOrigin()) get the access token. When one of
    them is answered with an authorization failure (401 by default), the session refreshes once
    through its JwtRefresher while every other affected request waits, then each waiting request
    is replayed once with the new token.
*/

/*!
    \property JwtSession::state
    \brief SignedOut, Active, Refreshing or Expired; stateChanged() on every change.
*/
/*!
    \property JwtSession::signedIn
    \brief True while the session holds an access token or a refresh credential.
*/
/*!
    \property JwtSession::refreshing
    \brief True while a refresh is in flight.
*/
/*!
    \property JwtSession::accessTokenExpiresAt
    \brief When the access token expires (from \c expires_in, else the JWT \c exp); invalid if
   unknown.
*/
/*!
    \property JwtSession::userName
    \brief The signed-in user: the name the server reported at sign-in, else the token's \c sub.
*/
/*!
    \property JwtSession::claims
    \brief The access token's claims, decoded without verification, for display only.
*/
/*!
    \property JwtSession::expiryPolicy
    \brief What waiting requests do when the session expires: fail, or wait for a new sign-in.
*/
/*!
    \property JwtSession::refresher
    \brief How tokens are renewed; not owned. Without one, refreshRequested() is emitted.
*/
/*!
    \property JwtSession::refreshLeeway
    \brief How long before the access token expires the session refreshes it (default 30 s,
    at most half the token's lifetime); refreshLeewayChanged() when it changes.

    Applies only when the lifetime is known: from \c expires_in, measured when the token
    response arrived, else from the unverified JWT \c exp (corrected by the server's \c Date).
    The schedule runs on a monotonic clock and is re-checked against the wall clock, so a
    changed system clock or a suspended machine costs at most one 401 and one refresh. A request
    about to leave with a token inside the leeway waits for the refresh instead. Zero disables
    proactive refresh.
*/
/*!
    \property JwtSession::maxRefreshAttempts
    \brief How many refresh calls one round makes on transient failures before giving up
    (default 3); maxRefreshAttemptsChanged() when it changes.

    Between attempts the session backs off exponentially (0.5 s, 1 s, 2 s … at most 30 s, with
    ±20 % jitter, or the server's Retry-After when longer). Waiting replies keep waiting, up to
    maxWaitTime(). When a round gives up, they fail with
    QNetworkReply::TemporaryNetworkFailureError, the user stays signed in, and until the backoff
    has passed a refused request fails at once without a new refresh call.
*/

JwtSessionPrivate::JwtSessionPrivate(JwtSession *q) : q_ptr(q)
{
    refreshDeadline.setSingleShot(true);
    retryTimer.setSingleShot(true);
    // Retry-After is a promise to the server: never come back early (coarse timers may).
    retryTimer.setTimerType(Qt::PreciseTimer);
    scheduleTimer.setSingleShot(true);
}

/*! Creates a signed-out session. */
JwtSession::JwtSession(QObject *parent)
    : QObject(parent), d_ptr(std::make_unique<JwtSessionPrivate>(this))
{
    Q_D(JwtSession);
    d->state->session = this;
    d->state->notifier = new JwtSessionNotifier(this);
    d->persistence = new JwtSessionPersistence(this);
    connect(&d->refreshDeadline, &QTimer::timeout, this, [d] { d->onRefreshDeadline(); });
    connect(&d->retryTimer, &QTimer::timeout, this, [d] { d->onRetryTimer(); });
    connect(&d->scheduleTimer, &QTimer::timeout, this, [d] { d->onScheduleTimer(); });
}

/*!
    Destroys the session. Replies still waiting for it fail with
    QNetworkReply::AuthenticationRequiredError; managers bound to it then pass requests through
    untouched.
*/
JwtSession::~JwtSession()
{
    Q_D(JwtSession);
    d->cancelRefreshJob();
    JwtSessionNotifier *notifier = nullptr;
    {
        QMutexLocker lock(&d->state->mutex);
        d->state->session = nullptr;
        notifier = std::exchange(d->state->notifier, nullptr);
    }
    Q_EMIT notifier->released(int(JwtRelease::SessionDeleted), tr("The session was closed."));
    delete notifier;
}

JwtSession::State JwtSession::state() const
{
    Q_D(const JwtSession);
    QMutexLocker lock(&d->state->mutex);
    return d->state->state;
}

bool JwtSession::isSignedIn() const
{
    Q_D(const JwtSession);
    QMutexLocker lock(&d->state->mutex);
    return !d->state->accessToken.isEmpty() || !d->state->refreshToken.isEmpty();
}

bool JwtSession::isRefreshing() const
{
    return state() == State::Refreshing;
}

QDateTime JwtSession::accessTokenExpiresAt() const
{
    Q_D(const JwtSession);
    QMutexLocker lock(&d->state->mutex);
    if (d->state->expiresAtMSecs <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(d->state->expiresAtMSecs, Qt::UTC);
}

QString JwtSession::userName() const
{
    Q_D(const JwtSession);
    return d->publishedUserName;
}

QJsonObject JwtSession::claims() const
{
    return accessToken().claims();
}

/*! The current access token, decoded without verification (display and scheduling only). */
JwtToken JwtSession::accessToken() const
{
    Q_D(const JwtSession);
    QMutexLocker lock(&d->state->mutex);
    return JwtToken::decode(d->state->accessToken);
}

/*! A counter that grows every time the access token changes (refresh, sign-in, sign-out). */
quint64 JwtSession::tokenGeneration() const
{
    Q_D(const JwtSession);
    QMutexLocker lock(&d->state->mutex);
    return d->state->generation;
}

QByteArray JwtSession::refreshToken() const
{
    Q_D(const JwtSession);
    QMutexLocker lock(&d->state->mutex);
    return d->state->refreshToken;
}

/*!
    Authorizes \a origin (scheme, host and port of the URL; the path is ignored): requests to it
    get the access token. Anything but http and https is ignored with a warning.

    Same as addAuthorizedOrigin(origin, {}): a plain-http origin that is not loopback
    (127.0.0.0/8, ::1, \c localhost) is authorized, but every request to it fails before
    anything is sent (see the two-argument overload).
*/
void JwtSession::addAuthorizedOrigin(const QUrl &origin)
{
    addAuthorizedOrigin(origin, OriginOptions());
}

/*!
    \enum JwtSession::OriginOption
    \value NoOriginOption Tokens go to the origin over https, or over http to loopback only.
    \value AllowInsecureHttp Tokens also go over plain http to a non-loopback origin, where
    anyone on the network path can read them. For test rigs and closed networks only.
*/

/*!
    Authorizes \a origin with \a options, replacing the options of an earlier call for it.

    Tokens travel over https only; loopback origins are exempt for development. A request to
    any other authorized http origin fails before anything is sent, asynchronously, with
    QNetworkReply::ProtocolInvalidOperationError (a bearer token is not something plain http can
    carry safely), unless \a options contains AllowInsecureHttp. The library warns once, here,
    when such an origin is authorized without the opt-in.
*/
void JwtSession::addAuthorizedOrigin(const QUrl &origin, OriginOptions options)
{
    Q_D(JwtSession);
    JwtOrigin o = JwtOrigin::fromUrl(origin);
    if (!o.isValid()) {
        qCWarning(lcJwtSession, "addAuthorizedOrigin: not an http(s) origin; ignored");
        return;
    }
    o.setAllowsInsecureHttp(options.testFlag(OriginOption::AllowInsecureHttp));
    if (!o.mayReceiveTokens()) {
        qCWarning(lcJwtSession,
                  "addAuthorizedOrigin: %s is plain http and not loopback; requests to it will "
                  "fail unless JwtSession::OriginOption::AllowInsecureHttp is given",
                  qUtf8Printable(o.toString()));
    }
    QMutexLocker lock(&d->state->mutex);
    // QSet keeps an equal element it already holds: replace it, so the new options count.
    d->state->origins.remove(o);
    d->state->origins.insert(o);
}

/*! Stops sending the token to \a origin. */
void JwtSession::removeAuthorizedOrigin(const QUrl &origin)
{
    Q_D(JwtSession);
    QMutexLocker lock(&d->state->mutex);
    d->state->origins.remove(JwtOrigin::fromUrl(origin));
}

/*! The authorized origins, as URLs without path. */
QList<QUrl> JwtSession::authorizedOrigins() const
{
    Q_D(const JwtSession);
    QMutexLocker lock(&d->state->mutex);
    QList<QUrl> result;
    result.reserve(d->state->origins.size());
    for (const JwtOrigin &o : std::as_const(d->state->origins))
        result.append(QUrl(o.toString()));
    return result;
}

/*! True when a request to \a url would carry the access token. */
bool JwtSession::isAuthorizedUrl(const QUrl &url) const
{
    Q_D(const JwtSession);
    return d->state->isAuthorized(url);
}

JwtRefresher *JwtSession::refresher() const
{
    Q_D(const JwtSession);
    return d->refresher;
}

void JwtSession::setRefresher(JwtRefresher *refresher)
{
    Q_D(JwtSession);
    if (d->refresher == refresher)
        return;
    d->refresher = refresher;
    {
        QMutexLocker lock(&d->state->mutex);
        d->updateRefreshAtLocked(); // proactive refresh needs a way to refresh
    }
    d->reschedule();
    Q_EMIT refresherChanged(refresher);
}

/*!
    Signs in with tokens obtained elsewhere: \a accessToken (may be empty when only a restored
    \a refreshToken is known: the first request then refreshes), the refresh credential
    (empty: keep the current one) and the access token's lifetime \a expiresInSeconds (-1 unknown).
    A token that is not a valid RFC 6750 b64token is refused: returns false and changes nothing.
    Held and waiting replies are released with the new token. Emits tokensChanged().
*/
bool JwtSession::setTokens(const QByteArray &accessToken, const QByteArray &refreshToken,
                           qint64 expiresInSeconds)
{
    Q_D(JwtSession);
    if (!accessToken.isEmpty() && !JwtBearer::isValidToken(accessToken)) {
        qCWarning(lcJwtSession, "setTokens: the access token is not a valid RFC 6750 b64token");
        return false;
    }
    if (accessToken.isEmpty() && refreshToken.isEmpty() && this->refreshToken().isEmpty()) {
        qCWarning(lcJwtSession, "setTokens: no token given; use signOut() to clear the session");
        return false;
    }
    d->cancelRefreshJob(); // superseded by the tokens given here
    d->resetBackoff();
    d->applyTokens({accessToken, refreshToken, expiresInSeconds, {}, {}});
    d->release(JwtRelease::SignedIn);
    return true;
}

QList<int> JwtSession::authFailureStatusCodes() const
{
    Q_D(const JwtSession);
    QMutexLocker lock(&d->state->mutex);
    return d->state->authFailureCodes;
}

/*!
    Sets the HTTP status codes that may mean "the access token was refused" (default: 401).
    A response carrying \c{WWW-Authenticate: … error="insufficient_scope"} never counts.
*/
void JwtSession::setAuthFailureStatusCodes(const QList<int> &codes)
{
    Q_D(JwtSession);
    QMutexLocker lock(&d->state->mutex);
    d->state->authFailureCodes = codes;
}

/*!
    Sets a predicate for APIs that signal an expired token in the body: it is called with the
    finished attempt and its body (at most 64 KiB) when the status is one of
    authFailureStatusCodes(), and decides. It may be called from any manager's thread.
*/
void JwtSession::setAuthFailurePredicate(const AuthFailurePredicate &predicate)
{
    Q_D(JwtSession);
    QMutexLocker lock(&d->state->mutex);
    d->state->predicate = predicate;
}

qint64 JwtSession::maxReplayBufferSize() const
{
    Q_D(const JwtSession);
    return d->state->maxReplayBufferSize();
}

/*!
    Sets how many bytes of a sequential upload device are kept so the request can be replayed
    (default 4 MiB). Random-access devices are rewound and never copied.
*/
void JwtSession::setMaxReplayBufferSize(qint64 bytes)
{
    Q_D(JwtSession);
    QMutexLocker lock(&d->state->mutex);
    d->state->replayBufferSize = qMax<qint64>(0, bytes);
}

std::chrono::milliseconds JwtSession::refreshTimeout() const
{
    Q_D(const JwtSession);
    return d->refreshTimeout;
}

/*!
    Sets the deadline of one refresh call (default 30 s), counted from its start whatever the
    server sends meanwhile, so a server trickling its answer byte by byte hits it too. Past it,
    the call fails transiently and is retried like any transient failure.
*/
void JwtSession::setRefreshTimeout(std::chrono::milliseconds timeout)
{
    Q_D(JwtSession);
    d->refreshTimeout = timeout;
}

std::chrono::milliseconds JwtSession::maxWaitTime() const
{
    Q_D(const JwtSession);
    return d->state->maxWaitTime();
}

/*! Sets how long a reply may wait for a refresh before it fails with TimeoutError (default 60 s). */
void JwtSession::setMaxWaitTime(std::chrono::milliseconds timeout)
{
    Q_D(JwtSession);
    QMutexLocker lock(&d->state->mutex);
    d->state->waitTime = timeout;
}

JwtSession::ExpiryPolicy JwtSession::expiryPolicy() const
{
    Q_D(const JwtSession);
    QMutexLocker lock(&d->state->mutex);
    return d->state->expiryPolicy;
}

void JwtSession::setExpiryPolicy(ExpiryPolicy policy)
{
    Q_D(JwtSession);
    {
        QMutexLocker lock(&d->state->mutex);
        if (d->state->expiryPolicy == policy)
            return;
        d->state->expiryPolicy = policy;
    }
    Q_EMIT expiryPolicyChanged(policy);
}

std::chrono::milliseconds JwtSession::holdTimeout() const
{
    Q_D(const JwtSession);
    return d->state->holdTimeout();
}

/*! Sets how long a held reply waits for a sign-in (default 5 minutes). */
void JwtSession::setHoldTimeout(std::chrono::milliseconds timeout)
{
    Q_D(JwtSession);
    QMutexLocker lock(&d->state->mutex);
    d->state->holdTime = timeout;
}

/*! \sa setRefreshLeeway() */
std::chrono::milliseconds JwtSession::refreshLeeway() const
{
    Q_D(const JwtSession);
    return d->leeway;
}

/*!
    Sets how long before expiry the access token is refreshed to \a leeway (default 30 s; at
    most half the token's lifetime is used; zero turns proactive refresh off; negative counts as
    zero). Applies to the current token at once. Emits refreshLeewayChanged() when it changes.
*/
void JwtSession::setRefreshLeeway(std::chrono::milliseconds leeway)
{
    Q_D(JwtSession);
    leeway = std::max(leeway, std::chrono::milliseconds(0));
    if (d->leeway == leeway)
        return;
    d->leeway = leeway;
    {
        QMutexLocker lock(&d->state->mutex);
        d->updateRefreshAtLocked();
    }
    d->reschedule();
    Q_EMIT refreshLeewayChanged(leeway);
}

/*! \sa setMaxRefreshAttempts() */
int JwtSession::maxRefreshAttempts() const
{
    Q_D(const JwtSession);
    return d->maxRefreshAttempts;
}

/*!
    Sets how many refresh calls one round makes on transient failures to \a attempts (default
    3, at least 1). Emits maxRefreshAttemptsChanged() when it changes.
*/
void JwtSession::setMaxRefreshAttempts(int attempts)
{
    Q_D(JwtSession);
    attempts = std::max(attempts, 1);
    if (d->maxRefreshAttempts == attempts)
        return;
    d->maxRefreshAttempts = attempts;
    Q_EMIT maxRefreshAttemptsChanged(attempts);
}

/*!
    Signs in through the refresher's sign-in call. Emits signInSucceeded() or signInFailed()
    once, later. On success, replies held for a sign-in are replayed.
*/
void JwtSession::signIn(const QString &userName, const QString &password)
{
    Q_D(JwtSession);
    if (d->signInJob) {
        qCWarning(lcJwtSession, "signIn: a sign-in is already in progress; ignored");
        return;
    }
    d->signInJob = new JwtRefreshJob(JwtRefreshJob::Kind::SignIn, this);
    d->signInJob->setCredentials(userName, password);
    JwtRefreshJob *job = d->signInJob;
    connect(
            job, &JwtRefreshJob::finished, this, [d, job] { d->onSignInFinished(job); },
            Qt::QueuedConnection);
    if (d->refresher)
        d->refresher->signIn(job);
    else
        job->fail(JwtRefreshJob::Result::Rejected, tr("No sign-in method is configured."));
}

/*!
    Refreshes the access token now, unless a refresh is already in flight; a retry waiting for
    its backoff starts at once. Requests issued meanwhile wait for it.
*/
void JwtSession::refresh()
{
    Q_D(JwtSession);
    if (d->refreshJob) {
        qCDebug(lcJwtSession, "refresh: a refresh is already in flight");
        return;
    }
    d->retryTimer.stop();
    {
        QMutexLocker lock(&d->state->mutex);
        d->state->retryScheduled = false;
        d->state->state = State::Refreshing;
    }
    d->startRefresh();
}

/*!
    Ends the session: clears the tokens in memory, asks the refresher to forget the refresh
    credential (cookies, revocation), and fails every waiting or held reply. Emits tokensChanged()
    and signedOut().
*/
void JwtSession::signOut()
{
    Q_D(JwtSession);
    d->cancelRefreshJob();
    d->resetBackoff();
    QByteArray refreshToken;
    {
        QMutexLocker lock(&d->state->mutex);
        refreshToken = std::exchange(d->state->refreshToken, {});
        d->state->accessToken.clear();
        d->state->expiresAtMSecs = 0;
        d->state->refreshAtSteady = 0;
        d->state->tokenRefused = false;
        ++d->state->generation;
        d->state->state = State::SignedOut;
    }
    if (d->refresher)
        d->refresher->signOut(refreshToken);
    refreshToken.fill('\0');
    d->userName.clear();
    d->expiryReported = false;
    d->lifetime = 0;
    d->expiresAtSteady = 0;
    d->reschedule();
    Q_EMIT tokensChanged();
    d->publishChanges();
    Q_EMIT signedOut();
    d->release(JwtRelease::SignedOut, tr("You signed out."));
}

/*! Fails every reply held for a sign-in (the user canceled the login dialog). */
void JwtSession::cancelHeldRequests()
{
    Q_D(JwtSession);
    d->release(JwtRelease::HoldCanceled, tr("Sign-in was canceled."));
}

void JwtSessionPrivate::startRefresh(bool proactive)
{
    Q_Q(JwtSession);
    if (refreshJob)
        return; // already running: this request joins it
    if (proactive && !canRefresh()) {
        // Nobody can refresh (the refresher went away): let the waiters go with the token
        // they have; the server's 401 will decide.
        {
            QMutexLocker lock(&state->mutex);
            if (state->state != JwtSession::State::Refreshing)
                return;
            state->state = JwtSession::State::Active;
            state->refreshAtSteady = 0;
        }
        publishChanges();
        release(JwtRelease::Refreshed);
        return;
    }
    QByteArray refreshToken;
    {
        QMutexLocker lock(&state->mutex);
        // Posted by a manager's thread; new tokens may have arrived since (setTokens, sign-in).
        if (state->state != JwtSession::State::Refreshing)
            return;
        refreshToken = state->refreshToken;
        refreshStartGeneration = state->generation;
    }
    refreshIsProactive = proactive;
    retryTimer.stop();
    refreshJob = new JwtRefreshJob(JwtRefreshJob::Kind::Refresh, q);
    refreshJob->setRefreshToken(refreshToken);
    JwtRefreshJob *job = refreshJob;
    QObject::connect(
            job, &JwtRefreshJob::finished, q, [this, job] { onRefreshFinished(job); },
            Qt::QueuedConnection);
    refreshDeadline.start(refreshTimeout);
    qCDebug(lcJwtSession, "%s refresh started (generation %llu, attempt %d)",
            proactive ? "proactive" : "on-demand", refreshStartGeneration, attemptsInRound + 1);
    publishChanges();
    Q_EMIT q->refreshStarted();
    if (refresher)
        refresher->refresh(job);
    else if (q->isSignalConnected(QMetaMethod::fromSignal(&JwtSession::refreshRequested)))
        Q_EMIT q->refreshRequested(job);
    else
        job->fail(JwtRefreshJob::Result::Rejected,
                  JwtSession::tr("No refresher is configured; sign in again."));
}

void JwtSessionPrivate::onRefreshDeadline()
{
    if (!refreshJob)
        return;
    qCWarning(lcJwtSession, "refresh timed out after %lld ms",
              static_cast<long long>(refreshTimeout.count()));
    // The deadline runs from the start of the call, whatever arrives meanwhile: a server that
    // trickles one byte a second hits it like one that never answers.
    JwtRefreshJob *job = std::exchange(refreshJob, nullptr);
    job->cancel();
    job->deleteLater();
    failTransiently(JwtSession::FailureKind::Transient,
                    JwtSession::tr("The server did not answer in time."));
}

void JwtSessionPrivate::cancelRefreshJob()
{
    refreshDeadline.stop();
    if (JwtRefreshJob *job = std::exchange(refreshJob, nullptr)) {
        job->cancel();
        job->deleteLater();
    }
}

void JwtSessionPrivate::onRefreshFinished(JwtRefreshJob *job)
{
    Q_Q(JwtSession);
    job->deleteLater();
    if (job != refreshJob)
        return; // canceled or superseded: its answer no longer matters
    refreshJob = nullptr;
    refreshDeadline.stop();

    const JwtRefreshJob::Result result = job->result();
    if (result == JwtRefreshJob::Result::Succeeded
        && !JwtBearer::isValidToken(job->accessToken())) {
        // A hostile or broken server must not get CR/LF into our request headers.
        failTransiently(JwtSession::FailureKind::Malformed,
                        JwtSession::tr("The server sent an access token that cannot be used."));
        return;
    }
    switch (result) {
    case JwtRefreshJob::Result::Succeeded:
        resetBackoff();
        applyTokens({job->accessToken(), job->rotatedRefreshToken(), job->expiresInSeconds(),
                     job->userName(), job->serverDate()});
        qCDebug(lcJwtSession, "refresh succeeded");
        Q_EMIT q->refreshSucceeded();
        release(JwtRelease::Refreshed);
        return;
    case JwtRefreshJob::Result::Rejected:
        expire(job->errorString());
        return;
    case JwtRefreshJob::Result::Malformed:
        failTransiently(JwtSession::FailureKind::Malformed, job->errorString(), job->retryAfter());
        return;
    case JwtRefreshJob::Result::Pending:
    case JwtRefreshJob::Result::Transient:
    case JwtRefreshJob::Result::Canceled:
        failTransiently(JwtSession::FailureKind::Transient, job->errorString(), job->retryAfter());
        return;
    }
}

void JwtSessionPrivate::onSignInFinished(JwtRefreshJob *job)
{
    Q_Q(JwtSession);
    job->deleteLater();
    if (job != signInJob)
        return;
    signInJob = nullptr;
    if (job->result() != JwtRefreshJob::Result::Succeeded) {
        Q_EMIT q->signInFailed(job->errorString());
        return;
    }
    if (!JwtBearer::isValidToken(job->accessToken())) {
        Q_EMIT q->signInFailed(
                JwtSession::tr("The server sent an access token that cannot be used."));
        return;
    }
    cancelRefreshJob(); // superseded by the new sign-in
    resetBackoff();
    applyTokens({job->accessToken(), job->rotatedRefreshToken(), job->expiresInSeconds(),
                 job->userName(), job->serverDate()});
    Q_EMIT q->signInSucceeded();
    release(JwtRelease::SignedIn);
}

void JwtSessionPrivate::applyTokens(const NewTokens &tokens)
{
    Q_Q(JwtSession);
    const JwtToken decoded = JwtToken::decode(tokens.accessToken);
    const qint64 wallNow = clock().wallMSecs();
    const qint64 steadyNow = clock().steadyMSecs();
    lifetime = tokens.accessToken.isEmpty() ? 0 : lifetimeMSecs(tokens, decoded, wallNow);
    expiresAtSteady = lifetime > 0 ? steadyNow + lifetime : 0;
    clockOffset = wallNow - steadyNow;
    {
        QMutexLocker lock(&state->mutex);
        state->accessToken = tokens.accessToken;
        if (!tokens.refreshToken.isEmpty())
            state->refreshToken = tokens.refreshToken;
        state->expiresAtMSecs = lifetime > 0 ? wallNow + lifetime : 0;
        ++state->generation;
        state->state = JwtSession::State::Active;
        state->tokenRefused = false;
        updateRefreshAtLocked();
    }
    if (!tokens.userName.isEmpty())
        userName = tokens.userName;
    expiryReported = false;
    reschedule();
    // Persistence first: a rotated refresh credential reaches the store before any replay.
    Q_EMIT q->tokensChanged();
    publishChanges();
}

// The access token's lifetime in milliseconds from now, 0 when unknown. expires_in is the
// authority (RFC 6749 §5.1), measured from when the answer arrived; the unverified exp claim is
// only a hint, read on the server's clock when its Date header is known (RFC 9068 §6).
qint64 JwtSessionPrivate::lifetimeMSecs(const NewTokens &tokens, const JwtToken &decoded,
                                        qint64 wallNow) const
{
    if (tokens.expiresInSeconds > 0)
        return tokens.expiresInSeconds * 1000;
    if (!decoded.hasExpiry())
        return 0;
    const qint64 exp = decoded.expiresAt().toMSecsSinceEpoch();
    qint64 life = 0;
    if (tokens.serverDate.isValid()) {
        const qint64 skew = std::clamp(tokens.serverDate.toMSecsSinceEpoch() - wallNow,
                                       -MaximumSkewMSecs, MaximumSkewMSecs);
        life = exp - (wallNow + skew);
    } else {
        life = exp - wallNow;
        // Without the server's clock, iat says how long the server meant the token to live:
        // never schedule later than that (a slow local clock), nor give up on a fast one.
        const QDateTime issued = decoded.issuedAt();
        if (issued.isValid() && exp > issued.toMSecsSinceEpoch()) {
            const qint64 intended = exp - issued.toMSecsSinceEpoch();
            life = life > 0 ? std::min(life, intended) : intended;
        }
    }
    if (life <= 0) {
        qCWarning(lcJwtSession,
                  "the access token's exp lies in the past (clock skew?); it is "
                  "refreshed when the server refuses it");
        return 0;
    }
    return life;
}

void JwtSessionPrivate::expire(const QString &message)
{
    Q_Q(JwtSession);
    resetBackoff();
    lifetime = 0;
    expiresAtSteady = 0;
    {
        QMutexLocker lock(&state->mutex);
        state->accessToken.clear();
        state->refreshToken.clear();
        state->expiresAtMSecs = 0;
        state->refreshAtSteady = 0;
        state->tokenRefused = false;
        ++state->generation;
        state->state = JwtSession::State::Expired;
    }
    reschedule();
    qCInfo(lcJwtSession, "the refresh credential was rejected: session expired");
    Q_EMIT q->tokensChanged();
    publishChanges();
    Q_EMIT q->refreshFailed(JwtSession::FailureKind::Rejected, message);
    if (!expiryReported) {
        expiryReported = true;
        Q_EMIT q->sessionExpired();
    }
    release(JwtRelease::Expired, JwtSession::tr("Your session has expired. Please sign in again."));
}

// A transient or malformed failure never signs the user out. A transient one is retried after a
// backoff, up to maxRefreshAttempts calls per round, while the replies that need the new token
// keep waiting; a malformed one ends the round at once (the server did answer: asking again
// right away rarely helps). When the round ends, the waiting replies fail, and until the backoff
// has passed a refused request fails at once instead of calling the server again.
void JwtSessionPrivate::failTransiently(JwtSession::FailureKind kind, const QString &message,
                                        std::chrono::seconds retryAfter)
{
    Q_Q(JwtSession);
    ++consecutiveFailures;
    ++attemptsInRound;
    const bool retry =
            kind == JwtSession::FailureKind::Transient && attemptsInRound < maxRefreshAttempts;
    const std::chrono::milliseconds delay = backoffDelay(consecutiveFailures, retryAfter);
    const QString forReplies = JwtSession::tr("The session could not be renewed: %1").arg(message);
    bool tokenUsable = false;
    {
        QMutexLocker lock(&state->mutex);
        const qint64 now = clock().steadyMSecs();
        const bool hasCredentials = !state->accessToken.isEmpty() || !state->refreshToken.isEmpty();
        // A proactive refresh failed while the token still works: requests keep using it.
        tokenUsable = !state->accessToken.isEmpty() && !state->tokenRefused
                && (expiresAtSteady == 0 || now < expiresAtSteady);
        state->notBeforeSteady = delay.count() > 0 ? now + delay.count() : 0;
        state->retryScheduled = retry;
        state->lastFailure = forReplies;
        // One odd answer (a proxy's page during a deploy) does not lock new requests out; a
        // server that keeps answering garbage gets one call per backoff step.
        state->newRequestsMayRefresh =
                kind == JwtSession::FailureKind::Malformed && consecutiveFailures == 1;
        if (retry && !tokenUsable)
            state->state = JwtSession::State::Refreshing; // waiting replies keep waiting
        else
            state->state =
                    hasCredentials ? JwtSession::State::Active : JwtSession::State::SignedOut;
    }
    if (retry) {
        retryTimer.start(delay);
        qCInfo(lcJwtSession, "refresh attempt %d failed transiently; retrying in %lld ms",
               attemptsInRound, static_cast<long long>(delay.count()));
    } else {
        attemptsInRound = 0;
        proactivePaused = true;
        qCInfo(lcJwtSession,
               "refresh failed (%s); the session stays signed in, next try in %lld ms at the "
               "earliest",
               kind == JwtSession::FailureKind::Malformed ? "malformed answer" : "transient",
               static_cast<long long>(delay.count()));
    }
    publishChanges();
    Q_EMIT q->refreshFailed(kind, message);
    if (retry)
        Q_EMIT q->refreshRetryScheduled(delay);
    if (tokenUsable) {
        // Replies that waited only because the token was about to expire go out with it;
        // those whose token was refused ask again and wait for the retry, or fail at once.
        release(JwtRelease::Refreshed);
    } else if (!retry) {
        release(JwtRelease::RefreshFailed, forReplies);
    }
    reschedule();
}

std::chrono::milliseconds JwtSessionPrivate::backoffDelay(int failures,
                                                          std::chrono::seconds retryAfter) const
{
    std::chrono::milliseconds delay {0};
    if (failures > 0) {
        const qint64 base = std::min<qint64>(InitialBackoff.count() << std::min(failures - 1, 16),
                                             MaximumBackoff.count());
        const double jitter =
                1.0 + BackoffJitter * (2.0 * QRandomGenerator::global()->generateDouble() - 1.0);
        delay = std::chrono::milliseconds(qint64(double(base) * jitter));
    }
    return std::max<std::chrono::milliseconds>(delay, std::min(retryAfter, MaximumRetryAfter));
}

void JwtSessionPrivate::resetBackoff()
{
    retryTimer.stop();
    attemptsInRound = 0;
    consecutiveFailures = 0;
    proactivePaused = false;
    QMutexLocker lock(&state->mutex);
    state->notBeforeSteady = 0;
    state->retryScheduled = false;
    state->newRequestsMayRefresh = false;
    state->lastFailure.clear();
}

void JwtSessionPrivate::onRetryTimer()
{
    {
        QMutexLocker lock(&state->mutex);
        if (!state->retryScheduled || state->state == JwtSession::State::Expired)
            return;
        state->retryScheduled = false;
        state->state = JwtSession::State::Refreshing;
    }
    startRefresh(refreshIsProactive);
}

// True when a refresh can be made at all: proactive refresh is pointless (and would expire the
// session) without one.
bool JwtSessionPrivate::canRefresh() const
{
    Q_Q(const JwtSession);
    return refresher
            || q->isSignalConnected(QMetaMethod::fromSignal(&JwtSession::refreshRequested));
}

void JwtSessionPrivate::updateRefreshAtLocked()
{
    if (expiresAtSteady == 0 || leeway.count() <= 0 || state->accessToken.isEmpty()
        || !canRefresh()) {
        state->refreshAtSteady = 0;
        return;
    }
    // At most half the lifetime: a 2 s token with a 30 s leeway is refreshed after 1 s, not
    // on every request.
    const qint64 ahead = std::min<qint64>(leeway.count(), lifetime / 2);
    state->refreshAtSteady = std::max<qint64>(expiresAtSteady - ahead, 1);
}

// Wall time moving differently from steady time means the system clock was set, or the machine
// slept while a steady clock that stops in sleep did not count it. Either way the token may be
// nearer its end than the schedule says: assume the worst, which costs at most one early
// refresh. A clock set back changes nothing the schedule depends on.
void JwtSessionPrivate::checkClock()
{
    const qint64 wall = clock().wallMSecs();
    const qint64 steady = clock().steadyMSecs();
    const qint64 drift = (wall - steady) - clockOffset;
    if (std::abs(drift) <= ClockJumpThresholdMSecs)
        return;
    clockOffset = wall - steady;
    qCInfo(lcJwtSession, "the wall clock jumped by %lld ms against the steady clock",
           static_cast<long long>(drift));
    if (expiresAtSteady == 0)
        return;
    if (drift > 0)
        expiresAtSteady -= drift;
    {
        QMutexLocker lock(&state->mutex);
        updateRefreshAtLocked();
        state->expiresAtMSecs = wall + (expiresAtSteady - steady);
    }
    publishChanges();
}

void JwtSessionPrivate::onScheduleTimer()
{
    checkClock();
    bool start = false;
    {
        QMutexLocker lock(&state->mutex);
        if (state->state == JwtSession::State::Active && state->refreshAtSteady != 0
            && !state->retryScheduled && !proactivePaused) {
            const qint64 now = clock().steadyMSecs();
            start = now >= state->refreshAtSteady && now >= state->notBeforeSteady;
            if (start)
                state->state = JwtSession::State::Refreshing;
        }
    }
    if (start)
        startRefresh(true);
    reschedule();
}

// One timer serves both the proactive refresh and the periodic clock check: it wakes at the
// refresh time, or after clockCheckInterval, whichever comes first. A QTimer alone drifts and
// does not know about sleep; each wake-up re-reads the clocks.
void JwtSessionPrivate::reschedule()
{
    qint64 refreshAt = 0;
    qint64 notBefore = 0;
    bool mayStart = false;
    {
        QMutexLocker lock(&state->mutex);
        refreshAt = state->refreshAtSteady;
        notBefore = state->notBeforeSteady;
        mayStart = state->state == JwtSession::State::Active && !state->retryScheduled
                && !proactivePaused;
    }
    if (refreshAt == 0) {
        scheduleTimer.stop();
        return;
    }
    qint64 wait = clockCheckInterval.count();
    if (mayStart)
        wait = std::clamp<qint64>(std::max(refreshAt, notBefore) - clock().steadyMSecs(), 0, wait);
    scheduleTimer.setTimerType(wait < 2000 ? Qt::PreciseTimer : Qt::CoarseTimer);
    scheduleTimer.start(std::chrono::milliseconds(wait));
}

void JwtSessionPrivate::setClock(JwtSession *session, std::shared_ptr<const JwtClock> clock)
{
    JwtSessionPrivate *d = get(session);
    const qint64 remaining = d->expiresAtSteady ? d->expiresAtSteady - d->clock().steadyMSecs() : 0;
    {
        QMutexLocker lock(&d->state->mutex);
        d->state->clock = std::move(clock);
    }
    d->clockOffset = d->clock().wallMSecs() - d->clock().steadyMSecs();
    if (d->expiresAtSteady) {
        d->expiresAtSteady = d->clock().steadyMSecs() + remaining;
        QMutexLocker lock(&d->state->mutex);
        d->updateRefreshAtLocked();
    }
    d->reschedule();
}

void JwtSessionPrivate::setClockCheckInterval(JwtSession *session,
                                              std::chrono::milliseconds interval)
{
    JwtSessionPrivate *d = get(session);
    d->clockCheckInterval = std::max(interval, std::chrono::milliseconds(1));
    d->reschedule();
}

void JwtSessionPrivate::release(JwtRelease release, const QString &message)
{
    JwtSessionNotifier *notifier = nullptr;
    {
        QMutexLocker lock(&state->mutex);
        notifier = state->notifier;
    }
    if (notifier)
        Q_EMIT notifier->released(int(release), message);
}

void JwtSessionPrivate::publishChanges()
{
    Q_Q(JwtSession);
    JwtSession::State s;
    bool signedIn;
    qint64 expiresAt;
    quint64 generation;
    QByteArray token;
    {
        QMutexLocker lock(&state->mutex);
        s = state->state;
        signedIn = !state->accessToken.isEmpty() || !state->refreshToken.isEmpty();
        expiresAt = state->expiresAtMSecs;
        generation = state->generation;
        if (generation != publishedGeneration)
            token = state->accessToken;
    }
    const bool tokenChanged = generation != publishedGeneration;
    if (tokenChanged) {
        publishedGeneration = generation;
        decodedToken = JwtToken::decode(token);
    }
    const QDateTime expires =
            expiresAt > 0 ? QDateTime::fromMSecsSinceEpoch(expiresAt, Qt::UTC) : QDateTime();
    const QString name = !signedIn ? QString()
            : !userName.isEmpty()  ? userName
                                   : decodedToken.subject();

    const bool wasRefreshing = publishedState == JwtSession::State::Refreshing;
    if (s != publishedState) {
        publishedState = s;
        Q_EMIT q->stateChanged(s);
    }
    if (signedIn != publishedSignedIn) {
        publishedSignedIn = signedIn;
        Q_EMIT q->signedInChanged(signedIn);
    }
    if (wasRefreshing != (s == JwtSession::State::Refreshing))
        Q_EMIT q->refreshingChanged(s == JwtSession::State::Refreshing);
    if (expires != publishedExpiresAt) {
        publishedExpiresAt = expires;
        Q_EMIT q->accessTokenExpiresAtChanged(expires);
    }
    if (name != publishedUserName) {
        publishedUserName = name;
        Q_EMIT q->userNameChanged(name);
    }
    if (tokenChanged)
        Q_EMIT q->claimsChanged(decodedToken.claims());
}

/*!
    \fn void JwtSession::stateChanged(JwtSession::State state)
    Emitted on the session's thread whenever state() changes.
*/
/*!
    \fn void JwtSession::tokensChanged()
    Emitted once per change of the access token or the refresh credential (sign-in, setTokens(),
    each successful refresh whether proactive or on demand, rotation, expiry, sign-out), before
    any waiting reply is replayed. Never emitted for a failed refresh, which changes nothing.
    Persist refreshToken() here.
*/
/*!
    \fn void JwtSession::refreshStarted()
    Emitted once per refresh call when it starts: on demand (a 401), ahead of expiry
    (refreshLeeway()), for each automatic retry, and for refresh().
*/
/*!
    \fn void JwtSession::refreshSucceeded()
    Emitted once per successful refresh, after tokensChanged() and before waiting replies replay.
*/
/*!
    \fn void JwtSession::refreshFailed(JwtSession::FailureKind kind, const QString &message)
    Emitted once per failed refresh call, retried attempts included, with the failure \a kind and
    a translated \a message that never contains a credential. For Rejected it comes right before
    sessionExpired(); for Transient and Malformed the user stays signed in, and
    refreshRetryScheduled() follows when the session tries again by itself.
*/
/*!
    \fn void JwtSession::refreshRetryScheduled(std::chrono::milliseconds delay)
    Emitted after refreshFailed() when a transient failure is retried automatically, at most
    maxRefreshAttempts() - 1 times per round: the next refresh call starts after \a delay
    (exponential backoff with jitter, or the server's Retry-After). Not emitted when the round
    gives up; waiting replies then fail.
*/
/*!
    \fn void JwtSession::refreshLeewayChanged(std::chrono::milliseconds leeway)
    Emitted when setRefreshLeeway() changes the leeway, once per change.
*/
/*!
    \fn void JwtSession::maxRefreshAttemptsChanged(int attempts)
    Emitted when setMaxRefreshAttempts() changes the number of attempts, once per change.
*/
/*!
    \fn void JwtSession::sessionExpired()
    Emitted exactly once per expiry, when the refresh credential is rejected. Show the login
    screen here; replies are failed or held according to expiryPolicy().
*/
/*!
    \fn void JwtSession::signInSucceeded()
    Emitted once per successful signIn().
*/
/*!
    \fn void JwtSession::signInFailed(const QString &message)
    Emitted once per failed signIn(), with a translated \a message for the user.
*/
/*!
    \fn void JwtSession::signedOut()
    Emitted once per signOut(), after the tokens were cleared.
*/
/*!
    \fn void JwtSession::refreshRequested(JwtRefreshJob *job)
    Emitted when a refresh is needed and no refresher is set. Complete \a job with
    JwtRefreshJob::succeed() or JwtRefreshJob::fail(); the session owns it.
*/
