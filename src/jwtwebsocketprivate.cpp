// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtwebsocket_p.h"

#include "jwtlogging_p.h"
#include "jwtsession_p.h"
#include "jwtwebsockethandshake_p.h"

#include <QtCore/qrandom.h>
#include <QtWebSockets/qwebsocket.h>
#include <QtWebSockets/qwebsockethandshakeoptions.h>

namespace {

using Reason = JwtAttemptReason;
using DisconnectReason = JwtWebSocket::DisconnectReason;

} // namespace

// --- the session --------------------------------------------------------------------------

void JwtWebSocketPrivate::bindSession(JwtSession *newSession)
{
    for (const auto &connection : std::as_const(sessionConnections))
        QObject::disconnect(connection);
    sessionConnections.clear();
    session = newSession;
    sessionState = newSession ? JwtSessionPrivate::stateOf(newSession) : nullptr;
    if (!newSession)
        return;
    sessionConnections = {
            QObject::connect(newSession, &JwtSession::sessionExpired, q,
                             [this] { onSessionExpired(); }),
            QObject::connect(newSession, &JwtSession::signedOut, q, [this] { onSignedOut(); }),
            QObject::connect(newSession, &JwtSession::tokensChanged, q,
                             [this] { onTokensChanged(); }),
            QObject::connect(newSession, &QObject::destroyed, q, [this] { onSignedOut(); }),
    };
}

void JwtWebSocketPrivate::onSessionExpired()
{
    if (phase == Phase::Closed || phase == Phase::Waiting)
        return; // a waiting socket learns it from the session's release
    retireSocket(true, QStringLiteral("session expired"));
    backoffTimer.stop();
    stableTimer.stop();
    const bool hold = session && session->expiryPolicy() == JwtSession::ExpiryPolicy::HoldForSignIn;
    if (!hold) {
        giveUp(DisconnectReason::SessionExpired,
               JwtSession::tr("Your session has expired. Please sign in again."));
        return;
    }
    phase = Phase::Closed;
    if (!emitDisconnected(DisconnectReason::SessionExpired))
        return;
    startAttempt(Reason::FirstAttempt); // held until the user signs in again
}

void JwtWebSocketPrivate::onSignedOut()
{
    if (phase == Phase::Closed)
        return;
    if (phase == Phase::Waiting && session)
        return; // the session's release tells a waiting socket
    leaveWait();
    giveUp(DisconnectReason::SignedOut, JwtWebSocket::tr("The session was signed out."));
}

void JwtWebSocketPrivate::onTokensChanged()
{
    if (phase != Phase::Connected || !session
        || reauthorization == JwtWebSocket::Reauthorization::None)
        return;
    const quint64 current = session->tokenGeneration();
    if (current == generation || session->state() == JwtSession::State::Expired
        || session->state() == JwtSession::State::SignedOut)
        return;
    if (!sessionState->route(JwtWebSocketHandshake::httpUrl(request.url())).mayReceiveTokens)
        return; // the connection carries no token: nothing to re-authorize
    if (reauthorization == JwtWebSocket::Reauthorization::InBand) {
        generation = current;
        Q_EMIT q->reauthorizationRequested();
        return;
    }
    retireSocket(true, QStringLiteral("reauthorizing"));
    stableTimer.stop();
    phase = Phase::Closed;
    if (!emitDisconnected(DisconnectReason::Reauthorizing))
        return;
    startAttempt(Reason::FirstAttempt);
}

// --- asking the session -------------------------------------------------------------------

void JwtWebSocketPrivate::startAttempt(Reason reason)
{
    const QUrl httpUrl = JwtWebSocketHandshake::httpUrl(request.url());
    if (!httpUrl.isValid()) {
        giveUp(DisconnectReason::InvalidUrl,
               JwtWebSocket::tr("Expected an absolute ws:// or wss:// URL, got \"%1\".")
                       .arg(request.url().toDisplayString(QUrl::RemoveUserInfo
                                                          | QUrl::RemoveQuery)));
        return;
    }
    if (!sessionState) {
        sendHandshake({}, 0);
        return;
    }
    const JwtRoute route = sessionState->route(httpUrl);
    if (!route.authorized) {
        sendHandshake({}, 0); // like any request to an origin that was not authorized
        return;
    }
    if (!route.mayReceiveTokens) {
        giveUp(DisconnectReason::InsecureOrigin,
               JwtWebSocket::tr("Refused to send the access token to %1 over unencrypted ws.")
                       .arg(route.origin.toString()));
        return;
    }
    const JwtAdmission admission =
            sessionState->admit(reason, generation, [this](JwtSessionNotifier *notifier) {
                waitConnection =
                        QObject::connect(notifier, &JwtSessionNotifier::released, q,
                                         [this](JwtRelease release, const QString &message) {
                                             onReleased(release, message);
                                         });
            });
    act(admission, reason);
}

void JwtWebSocketPrivate::act(const JwtAdmission &admission, Reason reason)
{
    switch (admission.action) {
    case JwtAdmission::Action::Send:
        if (reason == Reason::AuthFailed && refused)
            retried = true;
        sendHandshake(admission.authorization, admission.generation);
        return;
    case JwtAdmission::Action::Wait:
        phase = Phase::Waiting;
        waitReason = reason;
        waitHeld = admission.held;
        if (!waitHeld && sessionState) {
            const auto limit = sessionState->maxWaitTime();
            waitTimer.start(int(qMin<qint64>(limit.count(), INT_MAX)));
        }
        setState(waitHeld ? JwtWebSocket::State::WaitingForSignIn
                          : JwtWebSocket::State::Connecting);
        return;
    case JwtAdmission::Action::FailExpired:
        giveUp(DisconnectReason::SessionExpired,
               JwtSession::tr("Your session has expired. Please sign in again."));
        return;
    case JwtAdmission::Action::FailTransient:
        reconnectLater(DisconnectReason::RefreshFailed, admission.message);
        return;
    case JwtAdmission::Action::Deliver:
        giveUp(DisconnectReason::AuthorizationFailed,
               JwtWebSocket::tr("The server refused the connection, and the session is signed "
                                "out."));
        return;
    }
}

void JwtWebSocketPrivate::leaveWait()
{
    if (waitConnection)
        QObject::disconnect(waitConnection);
    waitTimer.stop();
}

void JwtWebSocketPrivate::onReleased(JwtRelease release, const QString &message)
{
    if (phase != Phase::Waiting)
        return;
    const JwtWakeUp wakeUp = decideWakeUp(release, waitHeld);
    if (wakeUp.kind == JwtWakeUp::Kind::KeepWaiting)
        return;
    leaveWait();
    phase = Phase::Closed;
    switch (wakeUp.kind) {
    case JwtWakeUp::Kind::KeepWaiting:
        return;
    case JwtWakeUp::Kind::AskAgain:
        startAttempt(waitReason);
        return;
    case JwtWakeUp::Kind::AskAgainRefused:
        startAttempt(Reason::AuthFailed);
        return;
    case JwtWakeUp::Kind::Fail:
        if (release == JwtRelease::RefreshFailed)
            reconnectLater(DisconnectReason::RefreshFailed, message);
        else if (release == JwtRelease::HoldCanceled)
            giveUp(DisconnectReason::SessionExpired, message);
        else
            giveUp(DisconnectReason::SignedOut, message);
        return;
    }
}

// --- the connection -----------------------------------------------------------------------

void JwtWebSocketPrivate::sendHandshake(const QByteArray &authorization, quint64 tokenGeneration)
{
    JwtWebSocketHandshake::Settings settings;
    settings.placement = placement;
    settings.queryParameter = queryParameter;
    settings.subprotocolPrefix = subprotocolPrefix;
    settings.subprotocols = subprotocols;
    const JwtWebSocketHandshake::Request built =
            JwtWebSocketHandshake::build(request, authorization, settings);
    if (!built.error.isEmpty()) {
        giveUp(DisconnectReason::AuthorizationFailed, built.error);
        return;
    }
    retireSocket(false);
    generation = tokenGeneration;
    phase = Phase::Handshaking;
    socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, q);
    socket->setSslConfiguration(sslConfiguration);
    const quint64 serial = ++socketSerial;
    // Queued: the application's slots run from the event loop, never inside Qt WebSockets'
    // own call stack, so that they may delete this object (and the QWebSocket with it).
    QObject::connect(
            socket, &QWebSocket::connected, q, [this, serial] { onSocketConnected(serial); },
            Qt::QueuedConnection);
    QObject::connect(
            socket, &QWebSocket::disconnected, q, [this, serial] { onSocketDisconnected(serial); },
            Qt::QueuedConnection);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    QObject::connect(
            socket, &QWebSocket::errorOccurred, q, [this, serial] { onSocketError(serial); },
            Qt::QueuedConnection);
#else
    QObject::connect(
            socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), q,
            [this, serial] { onSocketError(serial); }, Qt::QueuedConnection);
#endif
    QObject::connect(
            socket, &QWebSocket::textMessageReceived, q,
            [this, serial](const QString &message) {
                if (serial == socketSerial && phase == Phase::Connected)
                    Q_EMIT q->textMessageReceived(message);
            },
            Qt::QueuedConnection);
    QObject::connect(
            socket, &QWebSocket::binaryMessageReceived, q,
            [this, serial](const QByteArray &message) {
                if (serial == socketSerial && phase == Phase::Connected)
                    Q_EMIT q->binaryMessageReceived(message);
            },
            Qt::QueuedConnection);
    if (!setState(JwtWebSocket::State::Connecting))
        return;
    qCDebug(lcJwtAccess, "websocket handshake (token generation %llu, %s)", tokenGeneration,
            authorization.isEmpty() ? "no token" : "with token");
    QWebSocketHandshakeOptions options;
    options.setSubprotocols(built.subprotocols);
    socket->open(built.request, options);
}

void JwtWebSocketPrivate::onSocketConnected(quint64 serial)
{
    if (serial != socketSerial || phase != Phase::Handshaking)
        return;
    phase = Phase::Connected;
    errorString.clear();
    stableTimer.start(stableTime);
    flushQueue();
    if (!setState(JwtWebSocket::State::Connected))
        return;
    if (phase == Phase::Connected && serial == socketSerial)
        Q_EMIT q->connected();
}

void JwtWebSocketPrivate::onSocketError(quint64 serial)
{
    if (serial != socketSerial || phase != Phase::Handshaking)
        return; // a connected socket's errors end in disconnected()
    const QString message = socket->errorString();
    if (JwtWebSocketHandshake::isAuthorizationRefusal(message)) {
        qCDebug(lcJwtAccess, "websocket handshake refused with 401 (generation %llu)", generation);
        retireSocket(false);
        if (!sessionState || generation == 0) {
            // No token went there: nothing to refresh, the answer is the server's.
            reconnectLater(DisconnectReason::HandshakeFailed, message);
            return;
        }
        handleRefusal();
        return;
    }
    retireSocket(false);
    reconnectLater(DisconnectReason::HandshakeFailed, message);
}

void JwtWebSocketPrivate::onSocketDisconnected(quint64 serial)
{
    if (serial != socketSerial)
        return;
    if (phase == Phase::Handshaking) {
        // Closed before any answer, without an error (Qt reports most failures as errors).
        const QString message = socket->errorString();
        retireSocket(false);
        reconnectLater(DisconnectReason::HandshakeFailed, message);
        return;
    }
    if (phase != Phase::Connected)
        return;
    const int code = int(socket->closeCode());
    const QString closeReason = socket->closeReason();
    const QString message = socket->errorString();
    retireSocket(false);
    stableTimer.stop();
    phase = Phase::Closed;
    if (expiredCodes.contains(code) && sessionState && generation != 0) {
        errorString =
                JwtWebSocket::tr("The server closed the connection: the access token expired.");
        if (!emitDisconnected(DisconnectReason::TokenExpired))
            return;
        handleRefusal();
        return;
    }
    const bool byServer = code != int(QWebSocketProtocol::CloseCodeAbnormalDisconnection)
            && code != int(QWebSocketProtocol::CloseCodeGoingAway);
    const DisconnectReason reason =
            byServer ? DisconnectReason::ClosedByServer : DisconnectReason::ConnectionLost;
    const QString why = byServer
            ? JwtWebSocket::tr("The server closed the connection (code %1): %2")
                      .arg(code)
                      .arg(closeReason)
            : message;
    errorString = why;
    if (!emitDisconnected(reason))
        return;
    reconnectLater(reason, why);
}

// A refusal of the token this socket carried (401, or a token-expired close): join or start
// the session's single refresh and try once more; a second refusal in a row is final.
void JwtWebSocketPrivate::handleRefusal()
{
    if (retried) {
        giveUp(DisconnectReason::AuthorizationFailed,
               JwtWebSocket::tr("The server refused the connection with a fresh access token."));
        return;
    }
    refused = true;
    phase = Phase::Closed;
    startAttempt(Reason::AuthFailed);
}

void JwtWebSocketPrivate::reconnectLater(DisconnectReason reason, const QString &message)
{
    errorString = message;
    refused = retried = false; // a drop is no refusal: the next one may refresh again
    if (!autoReconnect || (maxAttempts >= 0 && attempt >= maxAttempts)) {
        giveUp(reason, message);
        return;
    }
    ++attempt;
    const double random = jitter ? jitter() : QRandomGenerator::global()->generateDouble();
    const auto delay = JwtWebSocketHandshake::fullJitter(attempt, baseDelay, maxDelay, random);
    phase = Phase::Backoff;
    backoffTimer.start(delay);
    if (!setState(JwtWebSocket::State::Reconnecting))
        return;
    if (phase == Phase::Backoff)
        Q_EMIT q->reconnecting(attempt, int(qMin<qint64>(delay.count(), INT_MAX)));
}

void JwtWebSocketPrivate::giveUp(DisconnectReason reason, const QString &message)
{
    leaveWait();
    retireSocket(true, QStringLiteral("closing"));
    backoffTimer.stop();
    stableTimer.stop();
    queue.clear();
    phase = Phase::Closed;
    errorString = message;
    refused = retried = false;
    attempt = 0;
    qCDebug(lcJwtAccess, "websocket closed for good");
    if (!setState(JwtWebSocket::State::Closed))
        return;
    emitDisconnected(reason);
}

bool JwtWebSocketPrivate::setState(JwtWebSocket::State newState)
{
    if (state == newState)
        return true;
    state = newState;
    QPointer<JwtWebSocket> self(q);
    Q_EMIT q->stateChanged(newState);
    return !self.isNull();
}

// NOLINTNEXTLINE(readability-make-member-function-const): its slots may delete the socket
bool JwtWebSocketPrivate::emitDisconnected(DisconnectReason reason)
{
    qCDebug(lcJwtAccess) << "websocket disconnected:" << reason;
    QPointer<JwtWebSocket> self(q);
    Q_EMIT q->disconnected(reason);
    return !self.isNull();
}

// Forgets the current QWebSocket: its queued events are ignored from now on (the serial), and
// it is deleted from the event loop. \a graceful: an open connection is closed with a close
// frame first, which the socket gets a few seconds to deliver.
void JwtWebSocketPrivate::retireSocket(bool graceful, const QString &closeReason)
{
    if (!socket)
        return;
    QWebSocket *old = std::exchange(socket, nullptr);
    ++socketSerial;
    QObject::disconnect(old, nullptr, q, nullptr);
    if (graceful && old->state() == QAbstractSocket::ConnectedState) {
        QObject::connect(old, &QWebSocket::disconnected, old, &QObject::deleteLater);
        QTimer::singleShot(std::chrono::seconds(5), old, &QObject::deleteLater);
        old->close(QWebSocketProtocol::CloseCodeNormal, closeReason);
        return;
    }
    old->abort();
    old->deleteLater();
}

// --- messages -----------------------------------------------------------------------------

bool JwtWebSocketPrivate::send(std::variant<QString, QByteArray> message)
{
    if (phase == Phase::Connected && socket) {
        if (const QString *text = std::get_if<QString>(&message))
            socket->sendTextMessage(*text);
        else
            socket->sendBinaryMessage(std::get<QByteArray>(message));
        return true;
    }
    if (phase == Phase::Closed && state == JwtWebSocket::State::Closed)
        return false; // not open: nothing will ever send it
    if (sendPolicy == JwtWebSocket::SendPolicy::RefuseWhileReconnecting
        || int(queue.size()) >= maxQueued)
        return false;
    queue.push_back(std::move(message));
    return true;
}

void JwtWebSocketPrivate::flushQueue()
{
    while (!queue.empty() && socket) {
        const auto message = std::move(queue.front());
        queue.pop_front();
        if (const QString *text = std::get_if<QString>(&message))
            socket->sendTextMessage(*text);
        else
            socket->sendBinaryMessage(std::get<QByteArray>(message));
    }
}
