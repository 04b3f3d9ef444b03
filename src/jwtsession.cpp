// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwtsession.h>

#include "jwtbearer_p.h"
#include "jwtlogging_p.h"
#include "jwtsession_p.h"

#include <QtCore/qdatetime.h>
#include <QtCore/qmetaobject.h>

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

JwtSessionPrivate::JwtSessionPrivate(JwtSession *q) : q_ptr(q)
{
    refreshDeadline.setSingleShot(true);
}

/*! Creates a signed-out session. */
JwtSession::JwtSession(QObject *parent)
    : QObject(parent), d_ptr(std::make_unique<JwtSessionPrivate>(this))
{
    Q_D(JwtSession);
    d->state->session = this;
    d->state->notifier = new JwtSessionNotifier(this);
    connect(&d->refreshDeadline, &QTimer::timeout, this, [d] { d->onRefreshDeadline(); });
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
*/
void JwtSession::addAuthorizedOrigin(const QUrl &origin)
{
    Q_D(JwtSession);
    const JwtOrigin o = JwtOrigin::fromUrl(origin);
    if (!o.isValid()) {
        qCWarning(lcJwtSession, "addAuthorizedOrigin: not an http(s) origin; ignored");
        return;
    }
    QMutexLocker lock(&d->state->mutex);
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
    d->applyTokens({accessToken, refreshToken, expiresInSeconds, {}});
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

/*! Sets the deadline of one refresh call (default 30 s); past it, the refresh fails transiently. */
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
    Refreshes the access token now, unless a refresh is already in flight. Requests issued
    meanwhile wait for it.
*/
void JwtSession::refresh()
{
    Q_D(JwtSession);
    {
        QMutexLocker lock(&d->state->mutex);
        if (d->state->state == State::Refreshing) {
            qCDebug(lcJwtSession, "refresh: a refresh is already in flight");
            return;
        }
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
    QByteArray refreshToken;
    {
        QMutexLocker lock(&d->state->mutex);
        refreshToken = std::exchange(d->state->refreshToken, {});
        d->state->accessToken.clear();
        d->state->expiresAtMSecs = 0;
        ++d->state->generation;
        d->state->state = State::SignedOut;
    }
    if (d->refresher)
        d->refresher->signOut(refreshToken);
    refreshToken.fill('\0');
    d->userName.clear();
    d->expiryReported = false;
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

void JwtSessionPrivate::startRefresh()
{
    Q_Q(JwtSession);
    if (refreshJob)
        return; // already running: this request joins it
    QByteArray refreshToken;
    {
        QMutexLocker lock(&state->mutex);
        // Posted by a manager's thread; new tokens may have arrived since (setTokens, sign-in).
        if (state->state != JwtSession::State::Refreshing)
            return;
        refreshToken = state->refreshToken;
        refreshStartGeneration = state->generation;
    }
    refreshJob = new JwtRefreshJob(JwtRefreshJob::Kind::Refresh, q);
    refreshJob->setRefreshToken(refreshToken);
    JwtRefreshJob *job = refreshJob;
    QObject::connect(
            job, &JwtRefreshJob::finished, q, [this, job] { onRefreshFinished(job); },
            Qt::QueuedConnection);
    refreshDeadline.start(refreshTimeout);
    qCDebug(lcJwtSession, "refresh started (generation %llu)", refreshStartGeneration);
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
    JwtRefreshJob *job = std::exchange(refreshJob, nullptr);
    job->cancel();
    job->deleteLater();
    failTransiently(JwtSession::FailureKind::Transient,
                    JwtSession::tr("The session could not be renewed: the server did not answer "
                                   "in time."));
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
                        JwtSession::tr("The session could not be renewed: the server sent an "
                                       "access token that cannot be used."));
        return;
    }
    switch (result) {
    case JwtRefreshJob::Result::Succeeded:
        applyTokens({job->accessToken(), job->rotatedRefreshToken(), job->expiresInSeconds(),
                     job->userName()});
        qCDebug(lcJwtSession, "refresh succeeded");
        Q_EMIT q->refreshSucceeded();
        release(JwtRelease::Refreshed);
        return;
    case JwtRefreshJob::Result::Rejected:
        expire(job->errorString());
        return;
    case JwtRefreshJob::Result::Malformed:
        failTransiently(JwtSession::FailureKind::Malformed, job->errorString());
        return;
    case JwtRefreshJob::Result::Pending:
    case JwtRefreshJob::Result::Transient:
    case JwtRefreshJob::Result::Canceled:
        failTransiently(JwtSession::FailureKind::Transient, job->errorString());
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
    applyTokens({job->accessToken(), job->rotatedRefreshToken(), job->expiresInSeconds(),
                 job->userName()});
    Q_EMIT q->signInSucceeded();
    release(JwtRelease::SignedIn);
}

void JwtSessionPrivate::applyTokens(const NewTokens &tokens)
{
    Q_Q(JwtSession);
    const JwtToken decoded = JwtToken::decode(tokens.accessToken);
    qint64 expiresAt = 0;
    if (tokens.expiresInSeconds > 0)
        expiresAt = QDateTime::currentMSecsSinceEpoch() + tokens.expiresInSeconds * 1000;
    else if (decoded.hasExpiry())
        expiresAt = decoded.expiresAt().toMSecsSinceEpoch(); // unverified: a hint only
    {
        QMutexLocker lock(&state->mutex);
        state->accessToken = tokens.accessToken;
        if (!tokens.refreshToken.isEmpty())
            state->refreshToken = tokens.refreshToken;
        state->expiresAtMSecs = expiresAt;
        ++state->generation;
        state->state = JwtSession::State::Active;
    }
    if (!tokens.userName.isEmpty())
        userName = tokens.userName;
    expiryReported = false;
    // Persistence first: a rotated refresh credential reaches the store before any replay.
    Q_EMIT q->tokensChanged();
    publishChanges();
}

void JwtSessionPrivate::expire(const QString &message)
{
    Q_Q(JwtSession);
    {
        QMutexLocker lock(&state->mutex);
        state->accessToken.clear();
        state->refreshToken.clear();
        state->expiresAtMSecs = 0;
        ++state->generation;
        state->state = JwtSession::State::Expired;
    }
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

void JwtSessionPrivate::failTransiently(JwtSession::FailureKind kind, const QString &message)
{
    Q_Q(JwtSession);
    {
        QMutexLocker lock(&state->mutex);
        const bool hasCredentials = !state->accessToken.isEmpty() || !state->refreshToken.isEmpty();
        state->state = hasCredentials ? JwtSession::State::Active : JwtSession::State::SignedOut;
    }
    qCInfo(lcJwtSession, "refresh failed transiently; the session stays signed in");
    publishChanges();
    Q_EMIT q->refreshFailed(kind, message);
    release(JwtRelease::RefreshFailed,
            JwtSession::tr("The session could not be renewed: %1").arg(message));
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
    Emitted whenever the access token or the refresh credential changes (sign-in, refresh,
    rotation, expiry, sign-out), before any waiting reply is replayed. Persist refreshToken() here.
*/
/*!
    \fn void JwtSession::refreshStarted()
    Emitted once per refresh call, when it starts.
*/
/*!
    \fn void JwtSession::refreshSucceeded()
    Emitted once per successful refresh, after tokensChanged() and before waiting replies replay.
*/
/*!
    \fn void JwtSession::refreshFailed(JwtSession::FailureKind kind, const QString &message)
    Emitted once per failed refresh with the failure \a kind and a translated \a message that
    never contains a credential.
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
