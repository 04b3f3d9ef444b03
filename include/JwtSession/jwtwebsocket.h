// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTWEBSOCKET_H
#define JWTWEBSOCKET_H

#include <JwtSession/jwtsession_export.h>

#include <QtCore/qlist.h>
#include <QtCore/qobject.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qurl.h>
#include <QtNetwork/qnetworkrequest.h>

#include <chrono>
#include <functional>
#include <memory>

class JwtSession;
class JwtWebSocketPrivate;
class QSslConfiguration;
Q_MOC_INCLUDE("JwtSession/jwtsession.h")

class JWTSESSION_EXPORT JwtWebSocket : public QObject
{
    Q_OBJECT
    Q_PROPERTY(JwtSession *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QUrl url READ url WRITE setUrl NOTIFY urlChanged)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY stateChanged)
    Q_PROPERTY(TokenPlacement tokenPlacement READ tokenPlacement WRITE setTokenPlacement NOTIFY
                       tokenPlacementChanged)
    Q_PROPERTY(QStringList subprotocols READ subprotocols WRITE setSubprotocols NOTIFY
                       subprotocolsChanged)
    Q_PROPERTY(bool autoReconnect READ autoReconnect WRITE setAutoReconnect NOTIFY
                       autoReconnectChanged)
    Q_PROPERTY(QList<int> tokenExpiredCloseCodes READ tokenExpiredCloseCodes WRITE
                       setTokenExpiredCloseCodes NOTIFY tokenExpiredCloseCodesChanged)
    Q_PROPERTY(SendPolicy sendPolicy READ sendPolicy WRITE setSendPolicy NOTIFY sendPolicyChanged)
    Q_PROPERTY(int maxQueuedMessages READ maxQueuedMessages WRITE setMaxQueuedMessages NOTIFY
                       maxQueuedMessagesChanged)
    Q_PROPERTY(Reauthorization reauthorization READ reauthorization WRITE setReauthorization NOTIFY
                       reauthorizationChanged)

public:
    //! The socket's life cycle; see state().
    enum class State {
        Closed, //!< not open: never opened, closed, or given up (see errorString())
        Connecting, //!< a handshake is under way, or waits for the session's refresh
        Connected, //!< the connection is open; messages go out at once
        Reconnecting, //!< waiting out the backoff delay before the next attempt
        WaitingForSignIn, //!< the session expired (HoldForSignIn): reconnects after sign-in
    };
    Q_ENUM(State)

    //! Why a connection ended, or why the socket gave up; see disconnected().
    enum class DisconnectReason {
        ClosedByApplication, //!< close(), or the socket was reconfigured
        ConnectionLost, //!< the connection failed or dropped without a close frame
        ClosedByServer, //!< the server closed with a code that is not a token-expired code
        TokenExpired, //!< the server closed with a token-expired code: refresh, then reconnect
        Reauthorizing, //!< closed to reconnect with the session's new token
        //! no connection: refused, unreachable, or a handshake refused for a reason other than 401
        HandshakeFailed,
        AuthorizationFailed, //!< refused again with a fresh token: an error, never a loop
        RefreshFailed, //!< the session could not renew the token (transient); retried later
        SessionExpired, //!< the session expired: the user must sign in again
        SignedOut, //!< the user signed out, or the session was deleted
        InsecureOrigin, //!< the URL's origin is authorized but may not receive tokens
        InvalidUrl, //!< not an absolute ws:// or wss:// URL
    };
    Q_ENUM(DisconnectReason)

    //! Where the access token goes in the handshake.
    enum class TokenPlacement {
        AuthorizationHeader, //!< "Authorization: Bearer <token>" (the default)
        Subprotocol, //!< an extra Sec-WebSocket-Protocol entry: tokenSubprotocolPrefix() + token
        QueryParameter, //!< a query parameter, tokenQueryParameter(); ends up in server logs
    };
    Q_ENUM(TokenPlacement)

    //! What sendTextMessage() and sendBinaryMessage() do while the socket is not connected.
    enum class SendPolicy {
        QueueWhileReconnecting, //!< keep up to maxQueuedMessages(), send them once connected
        RefuseWhileReconnecting, //!< return false; nothing is kept
    };
    Q_ENUM(SendPolicy)

    //! What happens when the session gets a new token while the socket is connected.
    enum class Reauthorization {
        None, //!< nothing: the server closes when the old token expires (tokenExpiredCloseCodes)
        Reconnect, //!< close and reconnect at once with the new token
        InBand, //!< emit reauthorizationRequested(): the application sends its re-auth message
    };
    Q_ENUM(Reauthorization)

    //! Returns a number in [0, 1): the random factor of the full-jitter backoff.
    using JitterSource = std::function<double()>;

    explicit JwtWebSocket(QObject *parent = nullptr);
    explicit JwtWebSocket(JwtSession *session, QObject *parent = nullptr);
    ~JwtWebSocket() override;

    JwtSession *session() const;
    void setSession(JwtSession *session);

    QUrl url() const;
    void setUrl(const QUrl &url);
    QNetworkRequest request() const;
    void setRequest(const QNetworkRequest &request);
    QStringList subprotocols() const;
    void setSubprotocols(const QStringList &subprotocols);
    QSslConfiguration sslConfiguration() const;
    void setSslConfiguration(const QSslConfiguration &configuration);

    State state() const;
    bool isConnected() const;
    QString errorString() const;
    //! The subprotocol the server chose for the current connection; empty if none.
    QString acceptedSubprotocol() const;

    TokenPlacement tokenPlacement() const;
    void setTokenPlacement(TokenPlacement placement);
    QString tokenQueryParameter() const;
    void setTokenQueryParameter(const QString &name);
    QString tokenSubprotocolPrefix() const;
    void setTokenSubprotocolPrefix(const QString &prefix);

    bool autoReconnect() const;
    void setAutoReconnect(bool enabled);
    std::chrono::milliseconds reconnectBaseDelay() const;
    void setReconnectBaseDelay(std::chrono::milliseconds delay);
    std::chrono::milliseconds reconnectMaxDelay() const;
    void setReconnectMaxDelay(std::chrono::milliseconds delay);
    int maxReconnectAttempts() const;
    void setMaxReconnectAttempts(int attempts);
    std::chrono::milliseconds stableConnectionTime() const;
    void setStableConnectionTime(std::chrono::milliseconds time);
    void setJitterSource(const JitterSource &source);

    QList<int> tokenExpiredCloseCodes() const;
    void setTokenExpiredCloseCodes(const QList<int> &codes);

    SendPolicy sendPolicy() const;
    void setSendPolicy(SendPolicy policy);
    int maxQueuedMessages() const;
    void setMaxQueuedMessages(int messages);
    int queuedMessages() const;

    Reauthorization reauthorization() const;
    void setReauthorization(Reauthorization mode);

    Q_INVOKABLE bool sendTextMessage(const QString &message);
    Q_INVOKABLE bool sendBinaryMessage(const QByteArray &message);

public Q_SLOTS:
    void open();
    void open(const QUrl &url);
    void close();

Q_SIGNALS:
    void sessionChanged(JwtSession *session);
    void urlChanged(const QUrl &url);
    void stateChanged(JwtWebSocket::State state);
    void tokenPlacementChanged(JwtWebSocket::TokenPlacement placement);
    void subprotocolsChanged(const QStringList &subprotocols);
    void autoReconnectChanged(bool enabled);
    void tokenExpiredCloseCodesChanged(const QList<int> &codes);
    void sendPolicyChanged(JwtWebSocket::SendPolicy policy);
    void maxQueuedMessagesChanged(int messages);
    void reauthorizationChanged(JwtWebSocket::Reauthorization mode);

    void connected();
    void disconnected(JwtWebSocket::DisconnectReason reason);
    // The delay is in milliseconds, an int rather than std::chrono, so that QML can read it.
    void reconnecting(int attempt, int delayMSecs);
    void reauthorizationRequested();
    void textMessageReceived(const QString &message);
    void binaryMessageReceived(const QByteArray &message);

private:
    friend class JwtWebSocketPrivate;
    std::unique_ptr<JwtWebSocketPrivate> const d;
    Q_DISABLE_COPY_MOVE(JwtWebSocket)
};

#endif // JWTWEBSOCKET_H
