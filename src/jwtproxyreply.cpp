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

namespace {

// The body of a response the auth-failure predicate may look at.
constexpr qsizetype MaxClassifiedBody = 64 * 1024;

QNetworkRequest::RedirectPolicy redirectPolicyOf(const QNetworkRequest &request,
                                                 const QNetworkAccessManager *manager)
{
    const QVariant policy = request.attribute(QNetworkRequest::RedirectPolicyAttribute);
    return policy.isValid() ? QNetworkRequest::RedirectPolicy(policy.toInt())
                            : manager->redirectPolicy();
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
      m_queue(manager->d->attempts),
      m_redirect(redirectPolicyOf(request, manager), request.maximumRedirectsAllowed())
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

    if (m_redirect.policy() == QNetworkRequest::UserVerifiedRedirectPolicy)
        connect(this, &QNetworkReply::redirectAllowed, this, &JwtProxyReply::continueRedirect);
}

JwtProxyReply::~JwtProxyReply()
{
    m_destroying = true;
    leaveWait();
    releaseSlot();
    m_attempt.endWithProxy(this, m_outgoingData, sender());
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
        admitAndSend(Reason::FirstAttempt);
    }
    m_starting = false;
}

void JwtProxyReply::startLater()
{
    if (m_phase == Phase::Idle) // not aborted meanwhile
        admitAndSend(Reason::FirstAttempt);
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

JwtAdmission JwtProxyReply::admit(Reason reason)
{
    return m_state->admit(reason, m_attempt.generation(), [this](JwtSessionNotifier *notifier) {
        m_wait.connection =
                connect(notifier, &JwtSessionNotifier::released, this, &JwtProxyReply::onReleased);
    });
}

void JwtProxyReply::admitAndSend(Reason reason)
{
    act(admit(reason), reason);
}

void JwtProxyReply::act(const JwtAdmission &admission, Reason reason)
{
    switch (admission.action) {
    case JwtAdmission::Action::Send:
        if (!takeSlot(reason))
            return; // admitted again when a slot frees: the token may change meanwhile
        // Only a request that was actually refused is replayed; one that merely waited (issued
        // during a refresh, or held across an expiry) is sent for the first time.
        if (reason == Reason::AuthFailed && m_refused) {
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
        Q_ASSERT(m_attempt.reply());
        becomeCounting();
        return;
    }
}

// Takes a slot in the manager's attempt window for the attempt about to leave, or queues for
// one and returns false (see JwtAttemptQueue).
bool JwtProxyReply::takeSlot(Reason reason)
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

void JwtProxyReply::enterWait(bool forSignIn, Reason reason)
{
    releaseSlot();
    m_phase = Phase::Waiting;
    m_routeIsCurrent = false; // the authorized set may change while we wait
    m_wait.reason = reason;
    m_wait.forSignIn = forSignIn;
    const std::chrono::milliseconds limit =
            forSignIn ? m_state->holdTimeout() : m_state->maxWaitTime();
    m_wait.timer.start(int(qMin<qint64>(limit.count(), INT_MAX)), this);
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
    if (m_wait.connection)
        disconnect(m_wait.connection);
    m_wait.timer.stop();
}

void JwtProxyReply::onReleased(JwtRelease release, const QString &message)
{
    if (m_phase != Phase::Waiting)
        return;
    const JwtWakeUp wakeUp = decideWakeUp(release, m_wait.forSignIn);
    if (wakeUp.kind == JwtWakeUp::Kind::KeepWaiting)
        return;
    leaveWait();
    switch (wakeUp.kind) {
    case JwtWakeUp::Kind::KeepWaiting:
        return;
    case JwtWakeUp::Kind::AskAgain:
        m_tokenIsFresh = wakeUp.freshToken;
        admitAndSend(m_wait.reason);
        return;
    case JwtWakeUp::Kind::AskAgainRefused:
        admitAndSend(Reason::AuthFailed);
        return;
    case JwtWakeUp::Kind::Fail:
        finish(wakeUp.error, message);
        return;
    }
}

void JwtProxyReply::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_wait.timer.timerId())
        return QNetworkReply::timerEvent(event);
    leaveWait();
    if (m_wait.forSignIn)
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
    // Redirects of authorized requests are ours: Qt would forward Authorization across origins.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    // The proxy owns its attempts. Qt deletes a reply on its own only when its request, or the
    // manager for a request that does not say, asks for it.
    if (m_manager->autoDeleteReplies()
        || !m_attemptBase.attribute(QNetworkRequest::AutoDeleteReplyOnFinishAttribute).isNull())
        request.setAttribute(QNetworkRequest::AutoDeleteReplyOnFinishAttribute, false);
    JwtRedirect::setHopHeaders(request, m_route.authorized, authorization,
                               m_route.origin == m_requestOrigin);
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
    QNetworkRequest request = attemptRequest(authorization);
    if (m_manager->d->hasAboutToSendHook(m_manager)
        && (!hookLetsUsGoOn([&] { Q_EMIT m_manager->aboutToSend(this, &request); }) || !m_manager))
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
    QNetworkReply *attempt = m_manager->createAttempt(m_op, request, body);
    if (m_readBufferSize > 0)
        attempt->setReadBufferSize(m_readBufferSize);
#if QT_CONFIG(ssl)
    const bool tls = m_route.origin.isSecure();
    if (tls)
        carryTlsChoices(attempt);
#else
    const bool tls = false;
#endif
    m_attempt.wire(attempt, this, body != nullptr, tls);
    m_attempt.setGeneration(generation);
    if (m_forwardsDownloadProgress)
        m_attempt.forwardDownloadProgress(this);
}

#if QT_CONFIG(ssl)
// The library never ignores TLS errors; it only carries the application's decision over.
void JwtProxyReply::carryTlsChoices(QNetworkReply *attempt) const
{
    if (m_sslConfiguration)
        attempt->setSslConfiguration(*m_sslConfiguration);
    if (m_ignoreAllSslErrors)
        attempt->ignoreSslErrors();
    else if (!m_ignoredSslErrors.isEmpty())
        attempt->ignoreSslErrors(m_ignoredSslErrors);
}
#endif

// Stops listening to a refused or redirected attempt (see JwtAttempt::retire()). The slot was
// this attempt's; a new one is taken only once it is gone.
void JwtProxyReply::retireAttempt()
{
    const bool stillUploading = m_sendBody && m_body.hasBody() && !m_attempt.uploaded();
    if (QNetworkReply *attempt = m_attempt.detach(this)) {
        releaseSlot();
        JwtAttempt::retire(attempt, stillUploading);
    }
}

void JwtProxyReply::dropAttempt()
{
    const bool heard = m_attempt.wasHeard();
    if (QNetworkReply *attempt = m_attempt.detach(this)) {
        releaseSlot();
        JwtAttempt::drop(attempt, heard);
    }
}

void JwtProxyReply::onAttemptDestroyed(QObject *attempt)
{
    Q_UNUSED(attempt)
    if (m_destroying)
        return; // our destructor deletes it
    // Attempts belong to the manager: they only vanish under us when it is deleted.
    m_attempt.setCounts(false);
    finish(OperationCanceledError, managerDestroyedMessage());
}

// --- classifying an answer ----------------------------------------------------------------

void JwtProxyReply::onAttemptMetaData()
{
    m_attempt.markHeard();
    if (m_phase == Phase::Counting) {
        m_attempt.copyMetaDataTo(this);
        Q_EMIT metaDataChanged();
        return;
    }
    if (m_phase != Phase::InFlight)
        return;
    classify(m_attempt.status());
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
            m_attempt.generation());
    if (m_manager && !hookLetsUsGoOn([&] { Q_EMIT m_manager->authorizationFailed(this, status); }))
        return;
    if (m_replayed) {
        // Refused again with a fresh token: an authorization error, never a second refresh.
        becomeCounting();
        return;
    }
    const JwtAdmission admission = admit(Reason::AuthFailed);
    if (admission.action != JwtAdmission::Action::Deliver) {
        m_refused = true;
        retireAttempt();
    }
    act(admission, Reason::AuthFailed);
}

void JwtProxyReply::onAttemptReadyRead()
{
    m_attempt.markHeard();
    switch (m_phase) {
    case Phase::Counting:
        Q_EMIT readyRead();
        return;
    case Phase::Classifying:
        m_attempt.hold(MaxClassifiedBody + 1 - m_attempt.held().size());
        if (m_attempt.held().size() > MaxClassifiedBody)
            becomeCounting(); // too large to be an expiry notice: hand it over as it is
        return;
    default:
        return;
    }
}

void JwtProxyReply::onAttemptFinished()
{
    m_attempt.markHeard();
    releaseSlot(); // Qt is done with it
    switch (m_phase) {
    case Phase::InFlight:
        becomeCounting(); // finished without a classifiable answer (e.g. connection refused)
        return;
    case Phase::Counting:
        finishFromAttempt();
        return;
    case Phase::Classifying: {
        m_attempt.hold(m_attempt->bytesAvailable());
        const int status = m_attempt.status();
        const JwtSession::AuthFailurePredicate predicate = m_state->authFailurePredicate();
        if (predicate && predicate(m_attempt.reply(), m_attempt.held()))
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
    m_attempt.markHeard();
    m_attempt.setUploaded(total >= 0 && sent == total);
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
    m_forwardsDownloadProgress = true; // for the attempts to come too
    m_attempt.forwardDownloadProgress(this);
}

void JwtProxyReply::onAttemptDownloadProgress(qint64 received, qint64 total)
{
    m_attempt.markHeard();
    if (m_phase == Phase::Counting || m_phase == Phase::Finished)
        Q_EMIT downloadProgress(received + m_attempt.held().size(), total);
}

// --- redirects ------------------------------------------------------------------------------

bool JwtProxyReply::startRedirect(int status)
{
    const JwtRedirect::Verdict verdict = m_redirect.consider(
            status, m_url,
            m_attempt->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl());
    switch (verdict.kind) {
    case JwtRedirect::Verdict::Kind::NotFollowed:
        return false;
    case JwtRedirect::Verdict::Kind::Refuse:
        finish(verdict.error, verdict.message);
        return true;
    case JwtRedirect::Verdict::Kind::Follow:
        break;
    }
    retireAttempt();
    m_phase = Phase::Redirecting;
    watchManager(); // no attempt until the hop leaves
    m_hop = {verdict.target, status};
    QPointer<JwtProxyReply> self(this);
    Q_EMIT redirected(verdict.target);
    if (self && m_redirect.policy() != QNetworkRequest::UserVerifiedRedirectPolicy)
        continueRedirect();
    return true;
}

void JwtProxyReply::continueRedirect()
{
    if (m_phase != Phase::Redirecting)
        return;
    if (JwtRedirect::turnsIntoGet(m_hop.status, m_op)) {
        m_op = QNetworkAccessManager::GetOperation;
        m_sendBody = false;
        JwtRedirect::dropBody(m_attemptBase);
    }
    m_url = std::exchange(m_hop, {}).target;
    m_attemptBase.setUrl(m_url);
    m_route = m_state->route(m_url);
    m_routeIsCurrent = true;
    if (!m_route.authorized) {
        // A hop elsewhere never carries the token, so it has nothing to wait for.
        sendAttempt(QByteArray(), 0);
        return;
    }
    admitAndSend(Reason::FirstAttempt);
}

// --- the attempt that counts ----------------------------------------------------------------

void JwtProxyReply::becomeCounting()
{
    m_phase = Phase::Counting;
    m_attempt.setCounts(true);
    QPointer<JwtProxyReply> self(this);
    if (m_attempt->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid()) {
        m_attempt.copyMetaDataTo(this);
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

void JwtProxyReply::finishFromAttempt()
{
    NetworkError error = m_attempt->error();
    // Without an error the string is a translated "Unknown error" nobody reads.
    QString message = error == NoError ? QString() : m_attempt->errorString();
    if (error == OperationCanceledError) {
        // We never abort an attempt we still listen to: in Qt 6.4 this is the transfer timeout.
        error = TimeoutError;
        message = tr("The server did not answer in time.");
    } else if (error == NoError && m_attempt.bodyIsShort(m_op)) {
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
    if (!m_attempt.counts())
        dropAttempt();
    if (error != NoError)
        setError(error, message);
    setFinished(true);
    m_finishEmitted = true;
    if (error != NoError) {
        const QPointer<JwtProxyReply> self(this); // a slot may delete the reply
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

// The caller reads only the attempt that counts: while an answer is being classified, what it
// holds may still be the body of a refused attempt, which is dropped.
qint64 JwtProxyReply::readData(char *data, qint64 maxSize)
{
    if (m_attempt.counts() && m_attempt.hasBody())
        return m_attempt.readBody(data, maxSize);
    return m_phase == Phase::Finished ? -1 : 0;
}

qint64 JwtProxyReply::bytesAvailable() const
{
    const qint64 available = QNetworkReply::bytesAvailable();
    return m_attempt.counts() ? available + m_attempt.bodyAvailable() : available;
}

bool JwtProxyReply::canReadLine() const
{
    return QNetworkReply::canReadLine() || (m_attempt.counts() && m_attempt.canReadBodyLine());
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
