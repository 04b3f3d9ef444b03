// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwtsession.h>

#include "jwtbearer_p.h"
#include "jwtlogging_p.h"
#include "jwtsession_p.h"
#include "jwtsessionpersistence_p.h"
#include "jwtsharedsession_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qdatetime.h>

#include <algorithm>

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

    The session owns no object it is given: the refresher and the token store are not owned, and
    the JwtRefreshJob objects it creates are its children and deleted by it.
*/

/*!
    \enum JwtSession::State
    The life cycle of the session; see state().
*/
/*!
    \enum JwtSession::FailureKind
    Why a refresh or a sign-in failed; see refreshFailed() and signInFailed(). Only a Rejected
    refresh signs the user out. For a sign-in, Rejected means the server refused the user's
    credentials (a wrong password), Transient that it could not be reached or failed, Malformed
    that it answered without a usable token, and Canceled that signOut(), or
    JwtBrowserSignIn::cancel(), ended the sign-in before its answer arrived.
*/
/*!
    \enum JwtSession::ExpiryPolicy
    What replies waiting for a refresh do when the session expires; see expiryPolicy().
*/
/*!
    \typedef JwtSession::AuthFailurePredicate
    Decides whether a finished attempt whose status is one of authFailureStatusCodes() means "the
    access token was refused". Receives the attempt (read its status and headers, not its data)
    and the first 64 KiB of its body. Called on the thread of the manager that sent the request,
    so it must be thread-safe. See setAuthFailurePredicate().
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
    \brief How close to its expiry the access token may get before the session replaces it
    (default 30 s, at most half the token's lifetime); refreshLeewayChanged() when it changes.

    A request about to leave with a token inside the leeway waits for its successor. The
    refresh starts ahead of that, by half the leeway (at most 10 s more, and not before half the
    lifetime), and runs in the background: until the token enters the leeway, requests keep
    going out with it, so in steady state nobody waits and no request collects a 401. A 2 s
    token with the default leeway is refreshed and held back after 1 s; with a 0.5 s leeway it
    is refreshed after 1.25 s and held back from 1.5 s on.

    Applies only when the lifetime is known: from \c expires_in, measured when the token
    response arrived, else from the unverified JWT \c exp (corrected by the server's \c Date).
    The schedule runs on a monotonic clock and is re-checked against the wall clock, so a
    changed system clock or a suspended machine costs at most one 401 and one refresh. Zero
    disables proactive refresh.
*/
/*!
    \property JwtSession::refreshTimeout
    \brief The deadline of one refresh call (default 30 s); see setRefreshTimeout().
*/
/*!
    \property JwtSession::maxWaitTime
    \brief How long a reply may wait for a refresh (default 60 s).
*/
/*!
    \property JwtSession::holdTimeout
    \brief How long a reply held for a sign-in waits (default 5 minutes).
*/
/*!
    \property JwtSession::maxReplayBufferSize
    \brief How many bytes of a sequential upload are kept for a replay (default 4 MiB).
*/
/*!
    \property JwtSession::authFailureStatusCodes
    \brief The HTTP status codes that may mean "the access token was refused" (default 401).
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

/*! Creates a signed-out session. */
JwtSession::JwtSession(QObject *parent)
    : QObject(parent), d(std::make_unique<JwtSessionPrivate>(this))
{
    d->state->session = this;
    d->state->notifierOwner = std::make_unique<JwtSessionNotifier>(this);
    d->state->notifier = d->state->notifierOwner.get();
    d->persistence = new JwtSessionPersistence(this);
    d->shared = new JwtSharedSession(this);
    connect(&d->refreshDeadline, &QTimer::timeout, this, [d = d.get()] { d->onRefreshDeadline(); });
    connect(&d->retryTimer, &QTimer::timeout, this, [d = d.get()] { d->onRetryTimer(); });
    connect(&d->scheduleTimer, &QTimer::timeout, this, [d = d.get()] { d->onScheduleTimer(); });
}

/*!
    Destroys the session. Replies still waiting for it fail with
    QNetworkReply::AuthenticationRequiredError; managers bound to it then pass requests through
    untouched.
*/
JwtSession::~JwtSession()
{
    d->cancelRefreshJob();
    JwtSessionNotifier *notifier = nullptr;
    {
        QMutexLocker lock(&d->state->mutex);
        d->state->session = nullptr;
        notifier = std::exchange(d->state->notifier, nullptr);
    }
    // No refresh can be asked for any more (admit() sees no session): drop those still posted.
    // The notifier itself lives on with the state, see JwtSessionNotifier.
    QCoreApplication::removePostedEvents(notifier);
    notifier->setParent(nullptr);
    Q_EMIT notifier->released(JwtRelease::SessionDeleted, tr("The session was closed."));
}

/*!
    The session's state: the one stateChanged() last reported, so the two never disagree.
    Thread-safe. (A request in another thread that needs a refresh makes the session Refreshing
    for the requests behind it at once; state() and stateChanged() follow when the session's
    thread starts that refresh, a moment later.)
    \sa stateChanged()
*/
JwtSession::State JwtSession::state() const
{
    return d->publishedState.load();
}

/*!
    True while the session holds an access token or a refresh credential. Thread-safe.
    \sa signedInChanged()
*/
bool JwtSession::isSignedIn() const
{
    QMutexLocker lock(&d->state->mutex);
    return !d->state->accessToken.isEmpty() || !d->state->refreshToken.isEmpty();
}

/*! True while a refresh is in flight (state() is Refreshing). Thread-safe. */
bool JwtSession::isRefreshing() const
{
    return state() == State::Refreshing;
}

/*!
    When the access token expires, in UTC: from \c expires_in when the server sent it, else from
    the JWT's \c exp. Invalid when unknown or signed out. Thread-safe.
*/
QDateTime JwtSession::accessTokenExpiresAt() const
{
    QMutexLocker lock(&d->state->mutex);
    if (d->state->expiresAtMSecs <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(d->state->expiresAtMSecs, Qt::UTC);
}

/*!
    The signed-in user: the name the server reported at sign-in, else the token's \c sub claim;
    empty when signed out. Call it on the session's thread. \sa userNameChanged()
*/
QString JwtSession::userName() const
{
    return d->publishedUserName;
}

/*!
    The access token's claims, decoded without verifying the signature: for display only, never
    for access decisions. Empty when there is no token or it is not a JWT. Thread-safe.
*/
QJsonObject JwtSession::claims() const
{
    return accessToken().claims();
}

/*! The current access token, decoded without verification (display and scheduling only). */
JwtToken JwtSession::accessToken() const
{
    QMutexLocker lock(&d->state->mutex);
    return JwtToken::decode(d->state->accessToken);
}

/*! A counter that grows every time the access token changes (refresh, sign-in, sign-out). */
quint64 JwtSession::tokenGeneration() const
{
    QMutexLocker lock(&d->state->mutex);
    return d->state->generation;
}

QByteArray JwtSession::refreshToken() const
{
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
    How an authorized origin may be reached; see addAuthorizedOrigin(). OriginOptions combines
    them.
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
    const JwtOrigin o = JwtOrigin::fromUrl(origin);
    if (!o.isValid()) {
        qCWarning(lcJwtSession, "addAuthorizedOrigin: not an http(s) origin; ignored");
        return;
    }
    const bool mayReceiveTokens =
            o.isPotentiallyTrustworthy() || options.testFlag(OriginOption::AllowInsecureHttp);
    if (!mayReceiveTokens) {
        qCWarning(lcJwtSession,
                  "addAuthorizedOrigin: %s is plain http and not loopback; requests to it will "
                  "fail unless JwtSession::OriginOption::AllowInsecureHttp is given",
                  qUtf8Printable(o.toString()));
    }
    QMutexLocker lock(&d->state->mutex);
    d->state->origins.insert(o, mayReceiveTokens);
}

/*! Stops sending the token to \a origin. */
void JwtSession::removeAuthorizedOrigin(const QUrl &origin)
{
    QMutexLocker lock(&d->state->mutex);
    d->state->origins.remove(JwtOrigin::fromUrl(origin));
}

/*! The authorized origins, as URLs without path. */
QList<QUrl> JwtSession::authorizedOrigins() const
{
    QMutexLocker lock(&d->state->mutex);
    QList<QUrl> result;
    result.reserve(d->state->origins.size());
    for (auto it = d->state->origins.cbegin(); it != d->state->origins.cend(); ++it)
        result.append(QUrl(it.key().toString()));
    return result;
}

/*! True when a request to \a url would carry the access token. */
bool JwtSession::isAuthorizedUrl(const QUrl &url) const
{
    return d->state->isAuthorized(url);
}

/*! The refresher that renews tokens, or nullptr. Not owned. */
JwtRefresher *JwtSession::refresher() const
{
    return d->refresher;
}

/*!
    Renews tokens with \a refresher (not owned; the session forgets it when it is deleted).
    nullptr: refreshRequested() asks the application instead. Emits refresherChanged() when it
    changes. Call it on the session's thread.
*/
void JwtSession::setRefresher(JwtRefresher *refresher)
{
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
    A token that is not a valid RFC 6750 b64token is refused, and so is a refresh credential
    that cannot be sent safely: one with control characters, or one the refresher does not
    accept (JwtRefresher::acceptsRefreshCredential(); RFC 6265 cookie-octets for
    JwtCookieRefresher). Then it returns false and changes nothing. Held and waiting replies are
    released with the new token. Emits tokensChanged().
*/
bool JwtSession::setTokens(const QByteArray &accessToken, const QByteArray &refreshToken,
                           qint64 expiresInSeconds)
{
    if (!accessToken.isEmpty() && !JwtBearer::isValidToken(accessToken)) {
        qCWarning(lcJwtSession, "setTokens: the access token is not a valid RFC 6750 b64token");
        return false;
    }
    if (!refreshToken.isEmpty() && !d->acceptsRefreshCredential(refreshToken, "setTokens"))
        return false;
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

/*! The HTTP status codes that may mean "the access token was refused" (default: 401). */
QList<int> JwtSession::authFailureStatusCodes() const
{
    QMutexLocker lock(&d->state->mutex);
    return d->state->authFailureCodes;
}

/*!
    Sets the HTTP status codes that may mean "the access token was refused" (default: 401).
    A response carrying \c{WWW-Authenticate: … error="insufficient_scope"} never counts.
*/
void JwtSession::setAuthFailureStatusCodes(const QList<int> &codes)
{
    if (d->changeSetting(&JwtSessionState::authFailureCodes, codes))
        Q_EMIT authFailureStatusCodesChanged(codes);
}

/*!
    Sets a predicate for APIs that signal an expired token in the body: it is called with the
    finished attempt and its body (at most 64 KiB) when the status is one of
    authFailureStatusCodes(), and decides. It may be called from any manager's thread.
*/
void JwtSession::setAuthFailurePredicate(const AuthFailurePredicate &predicate)
{
    QMutexLocker lock(&d->state->mutex);
    d->state->predicate = predicate;
}

/*! How many bytes of a sequential upload are kept for a replay (default 4 MiB). */
qint64 JwtSession::maxReplayBufferSize() const
{
    return d->state->maxReplayBufferSize();
}

/*!
    Sets how many bytes of a sequential upload device are kept so the request can be replayed
    (default 4 MiB). Random-access devices are rewound and never copied.
*/
void JwtSession::setMaxReplayBufferSize(qint64 bytes)
{
    bytes = qMax<qint64>(0, bytes);
    if (d->changeSetting(&JwtSessionState::replayBufferSize, bytes))
        Q_EMIT maxReplayBufferSizeChanged(bytes);
}

/*! The deadline of one refresh call (default 30 s). \sa setRefreshTimeout() */
std::chrono::milliseconds JwtSession::refreshTimeout() const
{
    return d->refreshTimeout;
}

/*!
    Sets the deadline of one refresh call to \a timeout (default 30 s; negative counts as 0),
    counted from its start whatever the server sends meanwhile, so a server trickling its answer
    byte by byte hits it too. Past it,
    the call counts as a transient failure (refreshFailed(), then a retry after the backoff, or
    the waiting replies fail when the round gives up), but it is not canceled: the server may
    have rotated the refresh credential already, and another call with the old one would look
    like reuse to a server with reuse detection, which revokes the whole session. So no other
    refresh call starts while it runs; a retry waits for it instead, and its answer is used when
    it comes (a late success signs nobody out and replays the waiting replies). A call that has
    not answered after four deadlines is abandoned.
*/
void JwtSession::setRefreshTimeout(std::chrono::milliseconds timeout)
{
    timeout = std::max(timeout, std::chrono::milliseconds(0));
    if (d->refreshTimeout == timeout)
        return;
    d->refreshTimeout = timeout;
    Q_EMIT refreshTimeoutChanged(timeout);
}

/*! How long a reply may wait for a refresh (default 60 s). \sa setMaxWaitTime() */
std::chrono::milliseconds JwtSession::maxWaitTime() const
{
    return d->state->maxWaitTime();
}

/*!
    Sets how long a reply may wait for a refresh to \a timeout (default 60 s; negative counts as
    0); past it, the reply fails with QNetworkReply::TimeoutError.
*/
void JwtSession::setMaxWaitTime(std::chrono::milliseconds timeout)
{
    timeout = std::max(timeout, std::chrono::milliseconds(0));
    if (d->changeSetting(&JwtSessionState::waitTime, timeout))
        Q_EMIT maxWaitTimeChanged(timeout);
}

/*! What waiting replies do when the session expires (default FailWaiting). Thread-safe. */
JwtSession::ExpiryPolicy JwtSession::expiryPolicy() const
{
    QMutexLocker lock(&d->state->mutex);
    return d->state->expiryPolicy;
}

/*!
    Sets what replies waiting for a refresh do when the session expires to \a policy:
    FailWaiting fails them with QNetworkReply::AuthenticationRequiredError; HoldForSignIn parks
    them for holdTimeout() until signIn() or setTokens() replays them, or cancelHeldRequests()
    or the timeout fails them. Emits expiryPolicyChanged() when it changes.
*/
void JwtSession::setExpiryPolicy(ExpiryPolicy policy)
{
    {
        QMutexLocker lock(&d->state->mutex);
        if (d->state->expiryPolicy == policy)
            return;
        d->state->expiryPolicy = policy;
    }
    Q_EMIT expiryPolicyChanged(policy);
}

/*! How long a held reply waits for a sign-in (default 5 minutes). \sa setHoldTimeout() */
std::chrono::milliseconds JwtSession::holdTimeout() const
{
    return d->state->holdTimeout();
}

/*! Sets how long a held reply waits for a sign-in to \a timeout (default 5 minutes; negative
    counts as 0). */
void JwtSession::setHoldTimeout(std::chrono::milliseconds timeout)
{
    timeout = std::max(timeout, std::chrono::milliseconds(0));
    if (d->changeSetting(&JwtSessionState::holdTime, timeout))
        Q_EMIT holdTimeoutChanged(timeout);
}

/*! \sa setRefreshLeeway() */
std::chrono::milliseconds JwtSession::refreshLeeway() const
{
    return d->leeway;
}

/*!
    Sets the refresh leeway to \a leeway (default 30 s; at most half the token's lifetime is
    used; zero turns proactive refresh off; negative counts as zero): requests wait for a new
    token once the current one expires within it, and the refresh starts half a leeway (at most
    10 s, not before half the lifetime) earlier. Applies to the current token at once. Emits
    refreshLeewayChanged() when it changes.
*/
void JwtSession::setRefreshLeeway(std::chrono::milliseconds leeway)
{
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
    return d->maxRefreshAttempts;
}

/*!
    Sets how many refresh calls one round makes on transient failures to \a attempts (default
    3, at least 1). Emits maxRefreshAttemptsChanged() when it changes.
*/
void JwtSession::setMaxRefreshAttempts(int attempts)
{
    attempts = std::max(attempts, 1);
    if (d->maxRefreshAttempts == attempts)
        return;
    d->maxRefreshAttempts = attempts;
    Q_EMIT maxRefreshAttemptsChanged(attempts);
}

/*!
    Signs in through the refresher's sign-in call. Emits signInSucceeded() or signInFailed()
    once, later. On success, replies held for a sign-in are replayed.

    Meanwhile, requests to authorized origins that have no usable token (none yet, or one the
    server refused) wait for the sign-in instead of going out without one: on success they
    leave with the new token, on failure they go on as they would have without it.
*/
void JwtSession::signIn(const QString &userName, const QString &password)
{
    if (d->signInJob) {
        qCWarning(lcJwtSession, "signIn: a sign-in is already in progress; ignored");
        return;
    }
    d->signInJob = new JwtRefreshJob(JwtRefreshJob::Kind::SignIn, this);
    d->signInJob->setCredentials(userName, password);
    JwtRefreshJob *job = d->signInJob;
    d->setSigningIn(true);
    connect(
            job, &JwtRefreshJob::finished, this, [d = d.get(), job] { d->onSignInFinished(job); },
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
    if (d->refreshJob) {
        qCDebug(lcJwtSession, "refresh: a refresh is already in flight");
        return;
    }
    d->retryTimer.stop();
    {
        QMutexLocker lock(&d->state->mutex);
        d->state->retryScheduled = false;
        d->state->beginRefreshingLocked(false);
    }
    d->startRefresh();
}

/*!
    Ends the session: clears the tokens in memory, asks the refresher to forget the refresh
    credential (cookies, revocation), and fails every waiting or held reply. Emits tokensChanged()
    and signedOut().

    The user's last word wins: a sign-in in flight is canceled first (signInFailed() with
    FailureKind::Canceled; its answer, if one still comes, is ignored and nothing is stored),
    and so is a refresh in flight.

    When the session is remembered in a store other processes share (see crossProcessLock),
    the other instances sign out too, once the store has forgotten the credential.
*/
void JwtSession::signOut()
{
    // Other instances sharing the remembered credential sign out too (crossProcessLock).
    const bool announce = d->shared->coordinates() && !refreshToken().isEmpty();
    d->cancelSignIn();
    d->cancelRefreshJob();
    d->userName.clear();
    d->expiryReported = false;
    QByteArray refreshToken = d->clearTokens(State::SignedOut);
    if (announce)
        d->shared->announceSignOut();
    if (d->refresher)
        d->refresher->signOut(refreshToken);
    refreshToken.fill('\0');
    Q_EMIT signedOut();
    d->release(JwtRelease::SignedOut, tr("You signed out."));
}

/*! Fails every reply held for a sign-in (the user canceled the login dialog). */
void JwtSession::cancelHeldRequests()
{
    d->release(JwtRelease::HoldCanceled, tr("Sign-in was canceled."));
}

/*!
    \fn void JwtSession::stateChanged(JwtSession::State state)
    Emitted on the session's thread whenever state() changes.
*/
/*!
    \fn void JwtSession::signedInChanged(bool signedIn)
    Emitted on the session's thread when isSignedIn() changes, once per change, with the new
    value \a signedIn.
*/
/*!
    \fn void JwtSession::refreshingChanged(bool refreshing)
    Emitted on the session's thread when a refresh starts (\a refreshing true) and when it ends
    (false), once per change.
*/
/*!
    \fn void JwtSession::accessTokenExpiresAtChanged(const QDateTime &expiresAt)
    Emitted on the session's thread when accessTokenExpiresAt() changes, with the new value
    \a expiresAt: after a sign-in or a refresh, on sign-out and expiry, and when a clock change
    moves the expected expiry.
*/
/*!
    \fn void JwtSession::userNameChanged(const QString &userName)
    Emitted on the session's thread when userName() changes, with the new \a userName.
*/
/*!
    \fn void JwtSession::claimsChanged(const QJsonObject &claims)
    Emitted on the session's thread once per new access token (and on sign-out), with its
    decoded \a claims.
*/
/*!
    \fn void JwtSession::expiryPolicyChanged(JwtSession::ExpiryPolicy policy)
    Emitted when setExpiryPolicy() changes the policy to \a policy.
*/
/*!
    \fn void JwtSession::refresherChanged(JwtRefresher *refresher)
    Emitted when setRefresher() changes the refresher to \a refresher.
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
    \fn void JwtSession::refreshTimeoutChanged(std::chrono::milliseconds timeout)
    Emitted when setRefreshTimeout() changes the deadline to \a timeout, once per change.
*/
/*!
    \fn void JwtSession::maxWaitTimeChanged(std::chrono::milliseconds timeout)
    Emitted when setMaxWaitTime() changes the bound to \a timeout, once per change.
*/
/*!
    \fn void JwtSession::holdTimeoutChanged(std::chrono::milliseconds timeout)
    Emitted when setHoldTimeout() changes the bound to \a timeout, once per change.
*/
/*!
    \fn void JwtSession::maxReplayBufferSizeChanged(qint64 bytes)
    Emitted when setMaxReplayBufferSize() changes the bound to \a bytes, once per change.
*/
/*!
    \fn void JwtSession::authFailureStatusCodesChanged(const QList<int> &codes)
    Emitted when setAuthFailureStatusCodes() changes the list to \a codes, once per change.
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
    \fn void JwtSession::signInFailed(JwtSession::FailureKind kind, const QString &message)
    Emitted once per failed signIn(), with what went wrong (\a kind: Rejected for refused
    credentials, Transient, Malformed, or Canceled when signOut() or JwtBrowserSignIn::cancel()
    ended it) and a translated \a message for the user.
*/
/*!
    \fn void JwtSession::signedOut()
    Emitted once per signOut(), after the tokens were cleared; also when another instance of
    the application that shares the remembered credential signed out (see crossProcessLock).
*/
/*!
    \fn void JwtSession::refreshRequested(JwtRefreshJob *job)
    Emitted when a refresh is needed and no refresher is set. Complete \a job with
    JwtRefreshJob::succeed() or JwtRefreshJob::fail(); the session owns it.
*/
