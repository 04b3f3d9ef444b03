// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTWEBSOCKET_P_H
#define JWTWEBSOCKET_P_H

#include <JwtSession/jwtwebsocket.h>

#include "jwtsessionstate_p.h"

#include <QtCore/qpointer.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qsslconfiguration.h>

#include <deque>
#include <memory>
#include <variant>

class QWebSocket;

// The state machine of JwtWebSocket: asks the session before each handshake (admit()), waits
// for its releases, owns the QWebSocket of the current attempt, reconnects with backoff.
class JwtWebSocketPrivate
{
public:
    enum class Phase { Closed, Waiting, Handshaking, Connected, Backoff };

    explicit JwtWebSocketPrivate(JwtWebSocket *q) : q(q) { }

    void bindSession(JwtSession *newSession);
    void startAttempt(JwtAttemptReason reason);
    void act(const JwtAdmission &admission, JwtAttemptReason reason);
    void sendHandshake(const QByteArray &authorization, quint64 tokenGeneration);
    void onReleased(JwtRelease release, const QString &message);
    void leaveWait();
    void onSocketConnected(quint64 serial);
    void onSocketError(quint64 serial);
    void onSocketDisconnected(quint64 serial);
    void handleRefusal();
    void reconnectLater(JwtWebSocket::DisconnectReason reason, const QString &message);
    void giveUp(JwtWebSocket::DisconnectReason reason, const QString &message);
    void retireSocket(bool graceful, const QString &closeReason = {});
    void onSessionExpired();
    void onSignedOut();
    void onTokensChanged();
    void flushQueue();
    bool send(std::variant<QString, QByteArray> message);
    bool setState(JwtWebSocket::State newState); // false: the socket was deleted
    // Not const, although it changes no member: the slots it runs may delete the socket.
    // NOLINTNEXTLINE(readability-make-member-function-const)
    bool emitDisconnected(JwtWebSocket::DisconnectReason reason); // false: the socket was deleted

    JwtWebSocket *const q;
    QPointer<JwtSession> session;
    std::shared_ptr<JwtSessionState> sessionState;
    QList<QMetaObject::Connection> sessionConnections;
    QNetworkRequest request;
    QStringList subprotocols;
    QSslConfiguration sslConfiguration = QSslConfiguration::defaultConfiguration();
    JwtWebSocket::TokenPlacement placement = JwtWebSocket::TokenPlacement::AuthorizationHeader;
    QString queryParameter = QStringLiteral("access_token");
    QString subprotocolPrefix = QStringLiteral("access_token.");
    bool autoReconnect = true;
    std::chrono::milliseconds baseDelay {500};
    std::chrono::milliseconds maxDelay {30000};
    int maxAttempts = -1;
    std::chrono::milliseconds stableTime {10000};
    JwtWebSocket::JitterSource jitter;
    QList<int> expiredCodes {4401};
    JwtWebSocket::SendPolicy sendPolicy = JwtWebSocket::SendPolicy::QueueWhileReconnecting;
    int maxQueued = 100;
    JwtWebSocket::Reauthorization reauthorization = JwtWebSocket::Reauthorization::None;

    Phase phase = Phase::Closed;
    JwtWebSocket::State state = JwtWebSocket::State::Closed;
    QString errorString;
    QWebSocket *socket = nullptr;
    quint64 socketSerial = 0; // of socket: events of retired sockets are ignored
    quint64 generation = 0; // of the token the current attempt or connection carries
    bool refused = false; // the server refused this socket's token (401, expired close)
    bool retried = false; // and the socket tried again with a new token: the next refusal is final
    int attempt = 0; // reconnection attempts since the last stable connection
    QMetaObject::Connection waitConnection;
    JwtAttemptReason waitReason = JwtAttemptReason::FirstAttempt;
    bool waitHeld = false;
    QTimer waitTimer; // maxWaitTime of the session, for a refresh that does not end
    QTimer backoffTimer;
    QTimer stableTimer;
    std::deque<std::variant<QString, QByteArray>> queue;
};

#endif // JWTWEBSOCKET_P_H
