// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtproxyreply_p.h"

#include "jwtaccessmanager_p.h"
#include "jwtlogging_p.h"
#include "jwtteedevice_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qcoreevent.h>
#include <QtCore/qthread.h>
#include <QtNetwork/qhttpmultipart.h>

#include <iterator>

namespace {

// The body of a response the auth-failure predicate may look at.
constexpr qsizetype MaxClassifiedBody = 64 * 1024;

// Reply attributes an attempt sets that the caller must see on the proxy.
constexpr QNetworkRequest::Attribute ForwardedAttributes[] = {
        QNetworkRequest::HttpStatusCodeAttribute,
        QNetworkRequest::HttpReasonPhraseAttribute,
        QNetworkRequest::RedirectionTargetAttribute,
        QNetworkRequest::ConnectionEncryptedAttribute,
        QNetworkRequest::SourceIsFromCacheAttribute,
        QNetworkRequest::HttpPipeliningWasUsedAttribute,
        QNetworkRequest::Http2WasUsedAttribute,
        QNetworkRequest::OriginalContentLengthAttribute,
};
// copyMetaData() keeps one bit per forwarded attribute.
static_assert(std::size(ForwardedAttributes) <= 32);

bool isRedirectStatus(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

QString managerDestroyedMessage()
{
    return JwtProxyReply::tr("The network access manager was destroyed.");
}

QString insecureOriginMessage(const JwtOrigin &origin)
{
    return JwtProxyReply::tr("Refused to send the access token to %1 over unencrypted http.")
            .arg(origin.toString());
}

} // namespace

JwtProxyReply::JwtProxyReply(JwtAccessManager *manager, std::shared_ptr<JwtSessionState> state,
                             const JwtRoute &route, QNetworkAccessManager::Operation op,
                             const QNetworkRequest &request, QIODevice *outgoingData)
    : QNetworkReply(manager),
      m_manager(manager),
      m_state(std::move(state)),
      m_requestOrigin(route.origin),
      m_route(route),
      m_op(op),
      m_attemptBase(request),
      m_outgoingData(outgoingData),
      m_url(request.url()),
      // Only a body needs the replay bound: a GET does not take the state's lock for it.
      m_body(outgoingData, outgoingData ? m_state->maxReplayBufferSize() : 0, this),
      m_queue(manager->d->attempts)
{
    QNetworkRequest visible(request);
    // postProcess() only auto-deletes the reply it is given if its request says so (Qt 6.4).
    if (manager->autoDeleteReplies()
        && visible.attribute(QNetworkRequest::AutoDeleteReplyOnFinishAttribute).isNull())
        visible.setAttribute(QNetworkRequest::AutoDeleteReplyOnFinishAttribute, true);
    setRequest(visible);
    setOperation(op);
    setUrl(request.url());
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);

    const QVariant policy = request.attribute(QNetworkRequest::RedirectPolicyAttribute);
    m_redirectPolicy = policy.isValid() ? QNetworkRequest::RedirectPolicy(policy.toInt())
                                        : manager->redirectPolicy();
    m_redirectsLeft = request.maximumRedirectsAllowed();
    if (m_redirectPolicy == QNetworkRequest::UserVerifiedRedirectPolicy)
        connect(this, &QNetworkReply::redirectAllowed, this, &JwtProxyReply::continueRedirect);
}

JwtProxyReply::~JwtProxyReply()
{
    m_destroying = true;
    leaveWait();
    releaseSlot();
    if (QNetworkReply *attempt = m_attempt.data(); attempt && attempt->isFinished()) {
        // The common case. A finished attempt emits nothing more, and ~QObject() disconnects
        // it from us; disconnecting here would only cost time. It goes at once, unless we are
        // being deleted from within one of its signals (the caller deleting us in its finished
        // slot): then it still has code to run.
        if (sender() == attempt)
            attempt->deleteLater();
        else
            delete attempt;
        return;
    }
    // Qt 6.4 starts a random-access upload from a queued call that abort() does not cancel, so
    // the attempt, deleted later, may still open its body after this reply is gone. The body
    // objects this reply owns (Qt's QBuffer of post(QByteArray), a multipart parented to the
    // reply as Qt's documentation suggests, the tee of a sequential body) go with the attempt.
    if (QNetworkReply *attempt = m_attempt.data(); attempt && !attempt->isFinished()) {
        QObject *owned = m_outgoingData.data();
        while (owned && owned->parent() && owned->parent() != this)
            owned = owned->parent();
        if (owned && owned->parent() == this)
            owned->setParent(attempt);
        // A multipart's device has no QObject parent: the multipart itself is what we own.
        const QList<QObject *> children = this->children();
        for (QObject *child : children) {
            if (qobject_cast<JwtTeeDevice *>(child) || qobject_cast<QHttpMultiPart *>(child))
                child->setParent(attempt);
        }
    }
    dropAttempt();
}

// Called from inside the caller's get() (createRequest()): whatever happens here, the caller
// gets the reply before any of its signals, as with Qt's own replies.
void JwtProxyReply::start()
{
    m_starting = true; // finish() emits later, see there
    if (!m_route.mayReceiveTokens) {
        finish(ProtocolInvalidOperationError, insecureOriginMessage(m_route.origin));
    } else if (m_manager->d->hooksBeforeFirstAttempt(m_manager)) {
        // A slot of a hook may abort or delete this reply, or delete the manager, none of which
        // get() could survive: the first attempt leaves from the event loop instead.
        QMetaObject::invokeMethod(this, &JwtProxyReply::startLater, Qt::QueuedConnection);
    } else {
        m_routeIsCurrent = true; // looked up by the manager a moment ago
        admitAndSend(JwtSessionState::Reason::FirstAttempt);
    }
    m_starting = false;
}

void JwtProxyReply::startLater()
{
    if (m_phase == Phase::Idle) // not aborted meanwhile
        admitAndSend(JwtSessionState::Reason::FirstAttempt);
}

// Emits a hook of the manager with \a emitHook. Its slots may abort or delete this reply, or
// delete the manager (and this reply with it): returns false when the caller must stop.
template<typename Emit>
bool JwtProxyReply::hookLetsUsGoOn(Emit emitHook)
{
    QPointer<JwtProxyReply> self(this);
    emitHook();
    return self && m_phase != Phase::Finished;
}

// --- waiting for the session --------------------------------------------------------------

JwtAdmission JwtProxyReply::admit(JwtSessionState::Reason reason)
{
    return m_state->admit(reason, m_attemptGeneration, [this](JwtSessionNotifier *notifier) {
        m_waitConnection =
                connect(notifier, &JwtSessionNotifier::released, this, &JwtProxyReply::onReleased);
    });
}

void JwtProxyReply::admitAndSend(JwtSessionState::Reason reason)
{
    act(admit(reason), reason);
}

void JwtProxyReply::act(const JwtAdmission &admission, JwtSessionState::Reason reason)
{
    switch (admission.action) {
    case JwtAdmission::Action::Send:
        if (!takeSlot(reason))
            return; // admitted again when a slot frees: the token may change meanwhile
        // Only a request that was actually refused is replayed; one that merely waited (issued
        // during a refresh, or held across an expiry) is sent for the first time.
        if (reason == JwtSessionState::Reason::AuthFailed && m_refused) {
            m_replayed = true;
            if (m_manager && !hookLetsUsGoOn([this] { Q_EMIT m_manager->replyReplayed(this); }))
                return;
        }
        sendAttempt(admission.authorization, admission.generation);
        return;
    case JwtAdmission::Action::Wait:
        enterWait(admission.held, reason);
        return;
    case JwtAdmission::Action::FailExpired:
        finish(AuthenticationRequiredError, tr("Your session has expired. Please sign in again."));
        return;
    case JwtAdmission::Action::FailTransient:
        // The refresh is backing off (a first attempt gets here too, when the current token is
        // known to be refused).
        finish(TemporaryNetworkFailureError, admission.message);
        return;
    case JwtAdmission::Action::Deliver:
        // Only for a refusal, whose attempt handleAuthFailure() keeps for the caller.
        Q_ASSERT(m_attempt);
        becomeCounting();
        return;
    }
}

// Takes a slot in the manager's attempt window for the attempt about to leave, or queues for
// one and returns false (see JwtAttemptQueue).
bool JwtProxyReply::takeSlot(JwtSessionState::Reason reason)
{
    if (m_slot || !m_manager)
        return true; // without a manager, sendAttempt() fails the reply
    m_slot = m_queue->acquire(m_route.origin, this, m_attemptBase,
                              std::exchange(m_tokenIsFresh, false));
    if (m_slot)
        return true;
    m_phase = Phase::WaitingForSlot;
    m_slotReason = reason;
    m_routeIsCurrent = false; // the authorized set may change while we wait
    return false;
}

void JwtProxyReply::releaseSlot()
{
    if (m_slot)
        m_queue->release(std::exchange(m_slot, nullptr));
}

void JwtProxyReply::onSlotGranted(JwtAttemptQueue::Window *slot)
{
    Q_ASSERT(m_phase == Phase::WaitingForSlot && !m_slot);
    m_slot = slot;
    admitAndSend(m_slotReason); // gives the slot back if it has to wait or fail instead
}

void JwtProxyReply::onManagerDestroyed()
{
    finish(OperationCanceledError, managerDestroyedMessage());
}

void JwtProxyReply::enterWait(bool forSignIn, JwtSessionState::Reason reason)
{
    releaseSlot();
    m_phase = Phase::Waiting;
    m_routeIsCurrent = false; // the authorized set may change while we wait
    m_waitReason = reason;
    m_waitingForSignIn = forSignIn;
    const std::chrono::milliseconds limit =
            forSignIn ? m_state->holdTimeout() : m_state->maxWaitTime();
    m_waitTimer.start(int(qMin<qint64>(limit.count(), INT_MAX)), this);
    watchManager();
    if (!m_queuedReported && m_manager) {
        m_queuedReported = true;
        Q_EMIT m_manager->replyQueued(this);
    }
}

// Replies are deleted with their manager; one the caller moved to another parent finishes
// when the manager goes. While it waits it has no attempt (which the manager owns) whose
// destruction would tell it: only then is it told through a connection of its own.
void JwtProxyReply::watchManager()
{
    if (m_watchingManager || !m_manager)
        return;
    m_watchingManager = true;
    connect(m_manager, &QObject::destroyed, this, &JwtProxyReply::onManagerDestroyed);
}

void JwtProxyReply::leaveWait()
{
    if (m_waitConnection)
        disconnect(m_waitConnection);
    m_waitTimer.stop();
}

void JwtProxyReply::onReleased(int release, const QString &message)
{
    if (m_phase != Phase::Waiting)
        return;
    const auto why = JwtRelease(release);
    if (why == JwtRelease::HoldCanceled && !m_waitingForSignIn)
        return; // only replies held for a sign-in are canceled; refresh waiters keep waiting
    if (why == JwtRelease::SignInFailed && m_waitingForSignIn)
        return; // held for a sign-in: the user may try again, until the hold times out
    leaveWait();
    switch (why) {
    case JwtRelease::Refreshed:
    case JwtRelease::SignedIn:
        m_tokenIsFresh = true; // the server has just issued it: no need to start narrow
        admitAndSend(m_waitReason);
        return;
    case JwtRelease::TokenKept:
    case JwtRelease::SignInFailed:
        admitAndSend(m_waitReason);
        return;
    case JwtRelease::Expired:
        // Held replies wait again for a sign-in; the others fail (FailWaiting policy).
        admitAndSend(JwtSessionState::Reason::AuthFailed);
        return;
    case JwtRelease::RefreshFailed:
        finish(TemporaryNetworkFailureError, message);
        return;
    case JwtRelease::SignedOut:
    case JwtRelease::HoldCanceled:
    case JwtRelease::SessionDeleted:
        finish(AuthenticationRequiredError, message);
        return;
    }
}

void JwtProxyReply::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_waitTimer.timerId())
        return QNetworkReply::timerEvent(event);
    leaveWait();
    if (m_waitingForSignIn)
        finish(AuthenticationRequiredError,
               tr("Your session has expired and nobody signed in again in time."));
    else
        finish(TimeoutError, tr("The session could not be renewed in time."));
}

// --- attempts -------------------------------------------------------------------------------

// \a authorization is the ready "Bearer …" value (JwtSessionState keeps it per token).
QNetworkRequest JwtProxyReply::attemptRequest(const QByteArray &authorization) const
{
    // One copy per attempt: the first change detaches it from the caller's request, the
    // others are made in place.
    QNetworkRequest request(m_attemptBase);
    request.setUrl(m_url);
    // Redirects of authorized requests are ours: Qt would forward Authorization across origins.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::AutoDeleteReplyOnFinishAttribute, false);
    if (!m_route.authorized)
        request.setRawHeader(QByteArrayLiteral("Authorization"), QByteArray()); // never elsewhere
    else if (!authorization.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), authorization);
    // Cookies the caller set were meant for its own origin; the jar adds a hop's own ones.
    if (m_route.origin != m_requestOrigin)
        request.setRawHeader(QByteArrayLiteral("Cookie"), QByteArray());
    return request;
}

void JwtProxyReply::sendAttempt(const QByteArray &authorization, quint64 generation)
{
    dropAttempt();
    if (!m_manager) {
        finish(OperationCanceledError, managerDestroyedMessage());
        return;
    }
    if (!m_routeIsCurrent)
        m_route = m_state->route(m_url); // a replay, or after a wait
    m_routeIsCurrent = false;
    if (m_route.authorized && !m_route.mayReceiveTokens) {
        finish(ProtocolInvalidOperationError, insecureOriginMessage(m_route.origin)); // a hop
        return;
    }
    m_attemptGeneration = generation;
    QNetworkRequest request = attemptRequest(authorization);
    if (!hookLetsUsGoOn([&] { Q_EMIT m_manager->aboutToSend(this, &request); }) || !m_manager)
        return; // the hook aborted or deleted the reply, or deleted the manager

    QIODevice *body = nullptr;
    if (m_sendBody && m_body.hasBody()) {
        body = m_body.deviceForAttempt();
        if (!body) {
            finish(ContentReSendError, m_body.errorString());
            return;
        }
    }
    m_phase = Phase::InFlight;
    connectAttempt(m_manager->createAttempt(m_op, request, body), body != nullptr);
}

// Every connection costs time on every request, so an attempt gets only those it can use:
// upload progress only with a body, TLS signals only over https, download progress only when
// someone listens (see connectNotify()). Each slot first marks the attempt as heard from (see
// dropAttempt()).
void JwtProxyReply::connectAttempt(QNetworkReply *attempt, bool uploads)
{
    m_attempt = attempt;
    m_attemptCounts = false;
    m_attemptBytesRead = 0;
    m_attemptUploaded = false;
    m_attemptHeard = false;
    if (m_readBufferSize > 0)
        attempt->setReadBufferSize(m_readBufferSize);
    connect(attempt, &QNetworkReply::metaDataChanged, this, &JwtProxyReply::onAttemptMetaData);
    connect(attempt, &QIODevice::readyRead, this, &JwtProxyReply::onAttemptReadyRead);
    connect(attempt, &QNetworkReply::finished, this, &JwtProxyReply::onAttemptFinished);
    m_forwardingDownloadProgress = false;
    if (isSignalConnected(downloadProgressSignal()))
        forwardDownloadProgress();
    if (uploads) {
        connect(attempt, &QNetworkReply::uploadProgress, this,
                &JwtProxyReply::onAttemptUploadProgress);
    }
    connect(attempt, &QObject::destroyed, this, &JwtProxyReply::onAttemptDestroyed);
#if QT_CONFIG(ssl)
    if (m_route.origin.isSecure())
        connectTls(attempt);
#endif
}

#if QT_CONFIG(ssl)
void JwtProxyReply::connectTls(QNetworkReply *attempt)
{
    // The library never ignores TLS errors; it only carries the application's decision over.
    if (m_sslConfiguration)
        attempt->setSslConfiguration(*m_sslConfiguration);
    if (m_ignoreAllSslErrors)
        attempt->ignoreSslErrors();
    else if (!m_ignoredSslErrors.isEmpty())
        attempt->ignoreSslErrors(m_ignoredSslErrors);
    // Direct connections: the application decides inside its slot, on the reply it holds.
    connect(attempt, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        m_attemptHeard = true;
        Q_EMIT sslErrors(errors);
    });
    connect(attempt, &QNetworkReply::encrypted, this, [this] {
        m_attemptHeard = true;
        Q_EMIT encrypted();
    });
    connect(attempt, &QNetworkReply::preSharedKeyAuthenticationRequired, this,
            [this](QSslPreSharedKeyAuthenticator *authenticator) {
                m_attemptHeard = true;
                Q_EMIT preSharedKeyAuthenticationRequired(authenticator);
            });
}
#endif

// Forgets the current attempt and stops listening to it; returns it, or nullptr when there was
// none. Disconnected first: Qt 6.4's abort() emits finished() synchronously.
QNetworkReply *JwtProxyReply::detachAttempt()
{
    QNetworkReply *attempt = m_attempt.data();
    m_attempt = nullptr;
    m_attemptCounts = false;
    if (!attempt)
        return nullptr;
    releaseSlot(); // the slot was this attempt's; a new one is taken only once it is gone
    disconnect(attempt, nullptr, this, nullptr);
    return attempt;
}

// Stops listening to the current attempt (a refused or redirected one) but lets it run to its
// end, so its small body drains and the keep-alive connection is reused by the next attempt.
// Aborting it would also race with the answer Qt has already queued from its HTTP thread. Only
// an attempt still uploading is aborted: the next attempt reads the same body device.
void JwtProxyReply::retireAttempt()
{
    QNetworkReply *attempt = detachAttempt();
    if (!attempt)
        return;
    const bool stillUploading = m_sendBody && m_body.hasBody() && !m_attemptUploaded;
    if (attempt->isFinished()) {
        attempt->deleteLater();
    } else if (stillUploading) {
        if (attempt->error() == NoError)
            attempt->abort();
        attempt->deleteLater();
    } else {
        connect(attempt, &QNetworkReply::finished, attempt, &QObject::deleteLater);
    }
}

void JwtProxyReply::dropAttempt()
{
    QNetworkReply *attempt = detachAttempt();
    if (!attempt)
        return;
    if (!m_attemptHeard) {
        // Not started yet: Qt 6.4 starts it from a posted call, which runs even after abort()
        // and reads the body device, perhaps a QBuffer dying with us. Drop that call.
        QCoreApplication::removePostedEvents(attempt);
    }
    // An attempt whose answer has begun (its status is known) may already have its error
    // queued, as Qt sets it after the headers of a 401; one that reported an error is only
    // waiting to emit finished. Deleting them is enough: aborting would report a second error.
    if (!attempt->isFinished() && attempt->error() == NoError
        && !attempt->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid())
        attempt->abort();
    attempt->deleteLater();
}

void JwtProxyReply::onAttemptDestroyed(QObject *attempt)
{
    Q_UNUSED(attempt)
    if (m_destroying)
        return; // our destructor deletes it
    // Attempts belong to the manager: they only vanish under us when it is deleted.
    m_attemptCounts = false;
    finish(OperationCanceledError, managerDestroyedMessage());
}

// --- classifying an answer ----------------------------------------------------------------

void JwtProxyReply::onAttemptMetaData()
{
    m_attemptHeard = true;
    if (m_phase == Phase::Counting) {
        copyMetaData(m_attempt);
        Q_EMIT metaDataChanged();
        return;
    }
    if (m_phase != Phase::InFlight)
        return;
    classify(m_attempt->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
}

void JwtProxyReply::classify(int status)
{
    if (isAuthFailure(status)) {
        if (m_state->authFailurePredicate()) {
            m_phase = Phase::Classifying; // the predicate decides once the body is complete
            return;
        }
        handleAuthFailure(status);
        return;
    }
    // An answer past authorization: the token works, more requests may be in Qt's hands.
    if (m_slot && m_route.authorized && status >= 200 && status < 400)
        m_queue->accepted(m_slot);
    if (startRedirect(status))
        return;
    becomeCounting();
}

// Moves up to \a maxSize bytes of the attempt's body into the prefix held while classifying.
void JwtProxyReply::holdFromAttempt(qint64 maxSize)
{
    const QByteArray bytes = m_attempt->read(maxSize);
    m_attemptBytesRead += bytes.size();
    m_prefix += bytes;
}

bool JwtProxyReply::isAuthFailure(int status) const
{
    if (!m_route.authorized || !m_state->isAuthFailureStatus(status))
        return false;
    // RFC 6750 §3.1: a token lacking scope is not an expired token; refreshing cannot help.
    const QByteArray challenge = m_attempt->rawHeader("WWW-Authenticate");
    return !challenge.contains("insufficient_scope");
}

void JwtProxyReply::handleAuthFailure(int status)
{
    qCDebug(lcJwtAccess, "authorization refused (HTTP %d, generation %llu)", status,
            m_attemptGeneration);
    if (m_manager && !hookLetsUsGoOn([&] { Q_EMIT m_manager->authorizationFailed(this, status); }))
        return;
    if (m_replayed) {
        // Refused again with a fresh token: an authorization error, never a second refresh.
        becomeCounting();
        return;
    }
    const JwtAdmission admission = admit(JwtSessionState::Reason::AuthFailed);
    if (admission.action != JwtAdmission::Action::Deliver) {
        m_refused = true;
        retireAttempt();
        m_prefix.clear();
        m_prefixPos = 0;
    }
    act(admission, JwtSessionState::Reason::AuthFailed);
}

void JwtProxyReply::onAttemptReadyRead()
{
    m_attemptHeard = true;
    switch (m_phase) {
    case Phase::Counting:
        Q_EMIT readyRead();
        return;
    case Phase::Classifying:
        holdFromAttempt(MaxClassifiedBody + 1 - m_prefix.size());
        if (m_prefix.size() > MaxClassifiedBody)
            becomeCounting(); // too large to be an expiry notice: hand it over as it is
        return;
    default:
        return;
    }
}

void JwtProxyReply::onAttemptFinished()
{
    m_attemptHeard = true;
    releaseSlot(); // Qt is done with it
    switch (m_phase) {
    case Phase::InFlight:
        becomeCounting(); // finished without a classifiable answer (e.g. connection refused)
        return;
    case Phase::Counting:
        finishFromAttempt();
        return;
    case Phase::Classifying: {
        holdFromAttempt(m_attempt->bytesAvailable());
        const int status = m_attempt->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const JwtSession::AuthFailurePredicate predicate = m_state->authFailurePredicate();
        if (predicate && predicate(m_attempt, m_prefix))
            handleAuthFailure(status);
        else
            becomeCounting();
        return;
    }
    default:
        return;
    }
}

void JwtProxyReply::onAttemptUploadProgress(qint64 sent, qint64 total)
{
    m_attemptHeard = true;
    m_attemptUploaded = total >= 0 && sent == total;
    // A replay uploads the body again from zero; the caller's progress never goes back.
    if (sent <= m_uploadSent && total == m_uploadTotal)
        return;
    m_uploadSent = qMax(sent, m_uploadSent);
    m_uploadTotal = total;
    Q_EMIT uploadProgress(m_uploadSent, total);
}

const QMetaMethod &JwtProxyReply::downloadProgressSignal()
{
    static const QMetaMethod signal = QMetaMethod::fromSignal(&QNetworkReply::downloadProgress);
    return signal;
}

void JwtProxyReply::connectNotify(const QMetaMethod &signal)
{
    QNetworkReply::connectNotify(signal);
    if (signal != downloadProgressSignal())
        return;
    // Called in the thread that connects; the attempt belongs to ours.
    QMetaObject::invokeMethod(this, &JwtProxyReply::forwardDownloadProgress,
                              thread() == QThread::currentThread() ? Qt::DirectConnection
                                                                   : Qt::QueuedConnection);
}

void JwtProxyReply::forwardDownloadProgress()
{
    if (!m_attempt || m_forwardingDownloadProgress)
        return;
    m_forwardingDownloadProgress = true;
    connect(m_attempt, &QNetworkReply::downloadProgress, this,
            &JwtProxyReply::onAttemptDownloadProgress);
}

void JwtProxyReply::onAttemptDownloadProgress(qint64 received, qint64 total)
{
    m_attemptHeard = true;
    if (m_phase == Phase::Counting || m_phase == Phase::Finished)
        Q_EMIT downloadProgress(received + m_prefix.size(), total);
}

// --- redirects ------------------------------------------------------------------------------

bool JwtProxyReply::startRedirect(int status)
{
    if (!isRedirectStatus(status) || m_redirectPolicy == QNetworkRequest::ManualRedirectPolicy)
        return false;
    const QUrl location = m_attempt->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
    if (location.isEmpty() || !location.isValid()) {
        // As Qt does when it follows redirects itself.
        finish(ProtocolUnknownError, tr("The server sent a redirect without a valid Location."));
        return true;
    }
    // A protocol-relative "//host/path" resolves to the current scheme, like any relative one.
    const QUrl target = m_url.resolved(location);
    const QString scheme = target.scheme();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        finish(ProtocolUnknownError, tr("Refused to follow a redirect to an unsupported scheme."));
        return true;
    }
    if (--m_redirectsLeft < 0) {
        finish(TooManyRedirectsError, tr("Too many redirects."));
        return true;
    }
    const bool downgrade =
            m_url.scheme() == QLatin1String("https") && scheme == QLatin1String("http");
    if (downgrade && m_redirectPolicy != QNetworkRequest::UserVerifiedRedirectPolicy) {
        finish(InsecureRedirectError, tr("Refused to follow a redirect from https to http."));
        return true;
    }
    if (m_redirectPolicy == QNetworkRequest::SameOriginRedirectPolicy
        && JwtOrigin::fromUrl(target) != m_route.origin) {
        finish(InsecureRedirectError, tr("Refused to follow a redirect to another origin."));
        return true;
    }
    retireAttempt();
    m_phase = Phase::Redirecting;
    watchManager(); // no attempt until the hop leaves
    m_pendingRedirect = target;
    m_pendingRedirectStatus = status;
    QPointer<JwtProxyReply> self(this);
    Q_EMIT redirected(target);
    if (self && m_redirectPolicy != QNetworkRequest::UserVerifiedRedirectPolicy)
        continueRedirect();
    return true;
}

void JwtProxyReply::continueRedirect()
{
    if (m_phase != Phase::Redirecting)
        return;
    // Browsers turn 301/302 POST and every 303 but HEAD into a GET without body; 307/308 keep
    // method and body (sent again from the same source as a replay).
    const bool toGet = m_pendingRedirectStatus == 303
            ? m_op != QNetworkAccessManager::HeadOperation
            : (m_pendingRedirectStatus == 301 || m_pendingRedirectStatus == 302)
                    && m_op == QNetworkAccessManager::PostOperation;
    if (toGet) {
        m_op = QNetworkAccessManager::GetOperation;
        m_sendBody = false;
        m_attemptBase.setAttribute(QNetworkRequest::CustomVerbAttribute, QVariant());
        m_attemptBase.setHeader(QNetworkRequest::ContentTypeHeader, QVariant());
        m_attemptBase.setHeader(QNetworkRequest::ContentLengthHeader, QVariant());
    }
    m_url = m_pendingRedirect;
    m_pendingRedirect.clear();
    m_route = m_state->route(m_url);
    m_routeIsCurrent = true;
    if (!m_route.authorized) {
        // A hop elsewhere never carries the token, so it has nothing to wait for.
        sendAttempt(QByteArray(), 0);
        return;
    }
    admitAndSend(JwtSessionState::Reason::FirstAttempt);
}

// --- the attempt that counts ----------------------------------------------------------------

void JwtProxyReply::becomeCounting()
{
    m_phase = Phase::Counting;
    m_attemptCounts = true;
    QPointer<JwtProxyReply> self(this);
    if (m_attempt->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid()) {
        copyMetaData(m_attempt);
        Q_EMIT metaDataChanged();
        if (!self || m_phase != Phase::Counting)
            return;
    }
    if (bytesAvailable() > 0) {
        Q_EMIT readyRead();
        if (!self || m_phase != Phase::Counting)
            return;
    }
    if (m_attempt->isFinished())
        finishFromAttempt();
}

// Called once per attempt that counts, and again if it changes its metadata. Only this function
// sets the proxy's attributes and headers, so the masks say exactly what an earlier call set:
// most attributes are unset on both sides, and the first call has nothing to clear.
void JwtProxyReply::copyMetaData(const QNetworkReply *from)
{
    quint32 forwarded = 0;
    for (size_t i = 0; i < std::size(ForwardedAttributes); ++i) {
        const QNetworkRequest::Attribute code = ForwardedAttributes[i];
        const QVariant value = from->attribute(code);
        if (value.isValid()) {
            setAttribute(code, value);
            forwarded |= 1u << i;
        } else if (m_forwardedAttributes & (1u << i)) {
            setAttribute(code, value);
        }
    }
    m_forwardedAttributes = forwarded;
    setUrl(from->url());
    if (m_forwardedHeaders) {
        for (const QByteArray &name : rawHeaderList())
            setRawHeader(name, QByteArray());
    }
    const QList<RawHeaderPair> &headers = from->rawHeaderPairs();
    for (const auto &header : headers)
        setRawHeader(header.first, header.second);
    m_forwardedHeaders = !headers.isEmpty();
}

// Qt 6.4 can finish an HTTP/1.1 reply without error although the connection closed before the
// body its Content-Length announced was complete: when the answer is parsed before Qt marked
// the request as sent (an upload still being written, or a request head just written on a busy
// machine), Qt takes the close for the end of a body without length (and sends the request
// again on a new connection). The caller must never take a cut body for the whole one.
// Every finished reply asks: the common answer (the whole body arrived) costs one lookup.
bool JwtProxyReply::attemptBodyIsShort() const
{
    // Qt removes Content-Length when it decompresses the body (it counted the compressed one).
    bool ok = false;
    const qint64 announced =
            m_attempt->rawHeader(QByteArrayLiteral("Content-Length")).toLongLong(&ok);
    if (!ok || m_attemptBytesRead + m_attempt->bytesAvailable() >= announced)
        return false;
    // Answers without a body announce a length all the same.
    if (m_op == QNetworkAccessManager::HeadOperation)
        return false;
    const int status = m_attempt->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status < 200 || status == 204 || status == 304)
        return false;
    // A chunked body ends with its last chunk; a Content-Length sent with it means nothing.
    return !m_attempt->hasRawHeader(QByteArrayLiteral("Transfer-Encoding"));
}

void JwtProxyReply::finishFromAttempt()
{
    NetworkError error = m_attempt->error();
    QString message = m_attempt->errorString();
    if (error == OperationCanceledError) {
        // We never abort an attempt we still listen to: in Qt 6.4 this is the transfer timeout.
        error = TimeoutError;
        message = tr("The server did not answer in time.");
    } else if (error == NoError && attemptBodyIsShort()) {
        // The error Qt reports for any other body cut by a closed connection.
        error = RemoteHostClosedError;
        message = tr("The connection closed before the whole answer arrived.");
    }
    finish(error, message);
}

void JwtProxyReply::finish(NetworkError error, const QString &message)
{
    if (m_phase == Phase::Finished)
        return;
    if (m_starting) {
        // Inside get(): the caller has not even received the reply. Like Qt's own early
        // errors, it finishes from the event loop.
        QMetaObject::invokeMethod(
                this, [this, error, message] { finish(error, message); }, Qt::QueuedConnection);
        return;
    }
    Q_ASSERT_X(!m_finishEmitted, "JwtProxyReply", "finished must be emitted exactly once");
    m_phase = Phase::Finished;
    leaveWait();
    releaseSlot();
    if (!m_attemptCounts)
        dropAttempt();
    if (error != NoError)
        setError(error, message);
    setFinished(true);
    m_finishEmitted = true;
    QPointer<JwtProxyReply> self(this);
    if (error != NoError) {
        Q_EMIT errorOccurred(error);
        if (!self)
            return;
    }
    Q_EMIT finished();
}

// --- QNetworkReply / QIODevice --------------------------------------------------------------

void JwtProxyReply::abort()
{
    if (m_phase == Phase::Finished)
        return;
    dropAttempt();
    QNetworkReply::close();
    finish(OperationCanceledError, tr("Operation canceled"));
}

void JwtProxyReply::close()
{
    // Like Qt's own replies: closing a running reply cancels it; a finished one stays readable.
    if (m_phase == Phase::Finished)
        return;
    abort();
}

// The caller reads only the attempt that counts: while an answer is being classified its
// prefix may still be the body of a refused attempt, which is dropped.
qint64 JwtProxyReply::readData(char *data, qint64 maxSize)
{
    if (m_attemptCounts && m_prefixPos < m_prefix.size()) {
        const qint64 n = qMin<qint64>(maxSize, m_prefix.size() - m_prefixPos);
        memcpy(data, m_prefix.constData() + m_prefixPos, size_t(n));
        m_prefixPos += n;
        return n;
    }
    // An attempt Qt aborted (its transfer timeout) is closed: reading it would only warn.
    if (m_attemptCounts && m_attempt && m_attempt->isOpen()) {
        const qint64 n = m_attempt->read(data, maxSize);
        if (n > 0)
            m_attemptBytesRead += n;
        return n;
    }
    return m_phase == Phase::Finished ? -1 : 0;
}

qint64 JwtProxyReply::bytesAvailable() const
{
    qint64 available = QNetworkReply::bytesAvailable();
    if (m_attemptCounts) {
        available += m_prefix.size() - m_prefixPos;
        if (m_attempt)
            available += m_attempt->bytesAvailable();
    }
    return available;
}

bool JwtProxyReply::canReadLine() const
{
    if (QNetworkReply::canReadLine())
        return true;
    return m_attemptCounts
            && (m_prefix.indexOf('\n', m_prefixPos) >= 0
                || (m_attempt && m_attempt->canReadLine()));
}

void JwtProxyReply::setReadBufferSize(qint64 size)
{
    QNetworkReply::setReadBufferSize(size);
    m_readBufferSize = size;
    if (m_attempt)
        m_attempt->setReadBufferSize(size);
}

void JwtProxyReply::ignoreSslErrors()
{
#if QT_CONFIG(ssl)
    m_ignoreAllSslErrors = true;
    if (m_attempt)
        m_attempt->ignoreSslErrors();
#endif
}

#if QT_CONFIG(ssl)
void JwtProxyReply::ignoreSslErrorsImplementation(const QList<QSslError> &errors)
{
    m_ignoredSslErrors = errors;
    if (m_attempt)
        m_attempt->ignoreSslErrors(errors);
}

void JwtProxyReply::setSslConfigurationImplementation(const QSslConfiguration &configuration)
{
    m_sslConfiguration = configuration;
    if (m_attempt)
        m_attempt->setSslConfiguration(configuration);
}

void JwtProxyReply::sslConfigurationImplementation(QSslConfiguration &configuration) const
{
    if (m_attempt)
        configuration = m_attempt->sslConfiguration();
    else if (m_sslConfiguration)
        configuration = *m_sslConfiguration;
}
#endif
