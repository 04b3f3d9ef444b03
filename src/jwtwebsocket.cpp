// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwtsession.h>
#include <JwtSession/jwtwebsocket.h>

#include "jwtwebsocket_p.h"

#include <QtWebSockets/qwebsocket.h>

/*!
    \class JwtWebSocket
    \brief A WebSocket that carries the session's access token, shares its single refresh, and
    reconnects on its own.

    The socket opens url() with the session's current access token, under the same rules as
    JwtAccessManager: a \c ws or \c wss URL has the origin of its \c http or \c https
    counterpart (\c wss://api.example.com is authorized by authorizing
    \c https://api.example.com), the token goes only to authorized origins, over \c wss, or
    over plain \c ws to loopback (or to an origin added with
    JwtSession::OriginOption::AllowInsecureHttp). Other origins get a handshake without a token;
    an authorized origin that may not receive tokens is not contacted at all
    (DisconnectReason::InsecureOrigin).

    The socket never refreshes on its own. Before each handshake it asks the session, like a
    request of JwtAccessManager: during a refresh it waits for it; with a token about to expire
    it waits for the session's proactive refresh. A handshake refused with 401 joins the
    refresh in flight, or starts the session's single refresh, and is retried once with the new
    token; a second refusal is DisconnectReason::AuthorizationFailed, never a loop. A close
    with one of tokenExpiredCloseCodes() (4401 by default) is handled the same way: refresh,
    then reconnect, once.

    After a drop the socket reconnects with full-jitter exponential backoff: attempt \e n waits
    a random time below min(reconnectMaxDelay(), reconnectBaseDelay() × 2^(n−1)); the count
    starts again once a connection stayed open for stableConnectionTime(). Any number of
    sockets dropped at once reconnect with one refresh between them.

    When the session expires the socket closes (DisconnectReason::SessionExpired). With
    JwtSession::ExpiryPolicy::HoldForSignIn it waits in State::WaitingForSignIn and reconnects
    once the user signed in again; signOut() ends it (DisconnectReason::SignedOut).

    Servers that close the connection when its token expires can be kept open across
    refreshes with reauthorization(): reconnect with each new token, or send an in-band
    re-authorization message from a slot of reauthorizationRequested().

    The socket lives in the session's thread. It owns one QWebSocket per connection attempt.
    Its signals are emitted from the event loop, never from inside a call of the application or
    of Qt WebSockets: a slot may delete the socket.

    \note With TokenPlacement::QueryParameter the token is part of the URL: servers, proxies and
    load balancers write URLs into their logs. Use it only where the server accepts nothing
    else.
*/

/*!
    \property JwtWebSocket::session
    \brief The session whose token the socket carries; not owned. Without one the socket
    connects without a token.
*/
/*!
    \property JwtWebSocket::url
    \brief The ws:// or wss:// URL to open; see also request().
*/
/*!
    \property JwtWebSocket::state
    \brief Closed, Connecting, Connected, Reconnecting or WaitingForSignIn.
*/
/*!
    \property JwtWebSocket::errorString
    \brief Why the last attempt failed or the socket gave up, translated; empty after a
    successful connection.
*/
/*!
    \property JwtWebSocket::tokenPlacement
    \brief Where the handshake carries the token; AuthorizationHeader by default.
*/
/*!
    \property JwtWebSocket::subprotocols
    \brief The application's subprotocols (Sec-WebSocket-Protocol), e.g. graphql-transport-ws.
*/
/*!
    \property JwtWebSocket::autoReconnect
    \brief Whether the socket reconnects after a drop or a failed attempt; true by default.
*/
/*!
    \property JwtWebSocket::tokenExpiredCloseCodes
    \brief Close codes that mean "the token expired": refresh, then reconnect; {4401} by default.
*/
/*!
    \property JwtWebSocket::sendPolicy
    \brief What messages sent while not connected do; queued by default.
*/
/*!
    \property JwtWebSocket::maxQueuedMessages
    \brief How many messages the queue holds while not connected; 100 by default.
*/
/*!
    \property JwtWebSocket::reauthorization
    \brief What happens when the session gets a new token while connected; None by default.
*/

/*!
    \fn void JwtWebSocket::sessionChanged(JwtSession *session)
    Emitted when setSession() changed the session.
*/
/*!
    \fn void JwtWebSocket::urlChanged(const QUrl &url)
    Emitted when the URL changed.
*/
/*!
    \fn void JwtWebSocket::stateChanged(JwtWebSocket::State state)
    Emitted whenever state() changes.
*/
/*!
    \fn void JwtWebSocket::tokenPlacementChanged(JwtWebSocket::TokenPlacement placement)
    Emitted when tokenPlacement() changed.
*/
/*!
    \fn void JwtWebSocket::subprotocolsChanged(const QStringList &subprotocols)
    Emitted when subprotocols() changed.
*/
/*!
    \fn void JwtWebSocket::autoReconnectChanged(bool enabled)
    Emitted when autoReconnect() changed.
*/
/*!
    \fn void JwtWebSocket::tokenExpiredCloseCodesChanged(const QList<int> &codes)
    Emitted when tokenExpiredCloseCodes() changed.
*/
/*!
    \fn void JwtWebSocket::sendPolicyChanged(JwtWebSocket::SendPolicy policy)
    Emitted when sendPolicy() changed.
*/
/*!
    \fn void JwtWebSocket::maxQueuedMessagesChanged(int messages)
    Emitted when maxQueuedMessages() changed.
*/
/*!
    \fn void JwtWebSocket::reauthorizationChanged(JwtWebSocket::Reauthorization mode)
    Emitted when reauthorization() changed.
*/

/*!
    \fn void JwtWebSocket::connected()
    Emitted when a handshake succeeded; queued messages have been written by then.
*/
/*!
    \fn void JwtWebSocket::disconnected(JwtWebSocket::DisconnectReason reason)
    Emitted when a connection ends, and when the socket gives up without having connected
    (then state() is Closed and errorString() says why). A reconnection, if any, follows with
    reconnecting() or, after a token-expired close, once the session has refreshed.
*/
/*!
    \fn void JwtWebSocket::reconnecting(int attempt, int delayMSecs)
    Emitted when reconnection \a attempt (from 1) is scheduled after \a delayMSecs ms.
*/
/*!
    \fn void JwtWebSocket::reauthorizationRequested()
    Emitted with Reauthorization::InBand when the session has a new access token while the
    socket is connected: send the server its re-authorization message (read the token from
    JwtSession::accessToken()). The connection then counts as carrying the new token.
*/
/*!
    \fn void JwtWebSocket::textMessageReceived(const QString &message)
    Forwarded from the connection's QWebSocket.
*/
/*!
    \fn void JwtWebSocket::binaryMessageReceived(const QByteArray &message)
    Forwarded from the connection's QWebSocket.
*/
/*!
    \typedef JwtWebSocket::JitterSource
    Returns a random number in [0, 1) for the backoff; tests set a fixed one (setJitterSource()).
*/

namespace {

using Reason = JwtAttemptReason;
using DisconnectReason = JwtWebSocket::DisconnectReason;

} // namespace

// --- JwtWebSocket -------------------------------------------------------------------------

/*! Creates a socket without a session; see setSession(). */
JwtWebSocket::JwtWebSocket(QObject *parent) : JwtWebSocket(nullptr, parent) { }

/*! Creates a socket that carries the tokens of \a session. */
JwtWebSocket::JwtWebSocket(JwtSession *session, QObject *parent)
    : QObject(parent), d(std::make_unique<JwtWebSocketPrivate>(this))
{
    d->bindSession(session);
    d->waitTimer.setSingleShot(true);
    d->backoffTimer.setSingleShot(true);
    d->stableTimer.setSingleShot(true);
    connect(&d->waitTimer, &QTimer::timeout, this, [d = d.get()] {
        // The refresh did not end in time: treat it like a failed one, and try again later.
        d->leaveWait();
        d->phase = JwtWebSocketPrivate::Phase::Closed;
        d->reconnectLater(DisconnectReason::RefreshFailed,
                          tr("The session could not be renewed in time."));
    });
    connect(&d->backoffTimer, &QTimer::timeout, this, [d = d.get()] {
        d->phase = JwtWebSocketPrivate::Phase::Closed;
        d->startAttempt(Reason::FirstAttempt);
    });
    connect(&d->stableTimer, &QTimer::timeout, this, [d = d.get()] {
        // The connection held: the next drop starts the backoff from the beginning, and the
        // next refusal may refresh again.
        d->attempt = 0;
        d->refused = d->retried = false;
    });
}

/*! Closes the connection (with a close frame, if open) and destroys the socket. */
JwtWebSocket::~JwtWebSocket()
{
    d->leaveWait();
    for (const auto &connection : std::as_const(d->sessionConnections))
        disconnect(connection);
    if (d->socket) {
        QObject::disconnect(d->socket, nullptr, this, nullptr);
        if (d->socket->state() == QAbstractSocket::ConnectedState)
            d->socket->close(QWebSocketProtocol::CloseCodeGoingAway);
        else
            d->socket->abort();
    }
}

/*! The session whose token the socket carries. */
JwtSession *JwtWebSocket::session() const
{
    return d->session;
}

/*!
    Sets the session whose token the socket carries. An open socket reconnects through the
    new session.
*/
void JwtWebSocket::setSession(JwtSession *session)
{
    if (d->session == session)
        return;
    const bool wasOpen = d->state != State::Closed;
    if (wasOpen)
        close();
    d->bindSession(session);
    Q_EMIT sessionChanged(session);
    if (wasOpen)
        open();
}

/*! The URL open() opens. */
QUrl JwtWebSocket::url() const
{
    return d->request.url();
}

/*! Sets the URL opened by open(); takes effect at the next connection. */
void JwtWebSocket::setUrl(const QUrl &url)
{
    if (d->request.url() == url)
        return;
    d->request.setUrl(url);
    Q_EMIT urlChanged(url);
}

/*! The handshake request: url() and any headers of the application. */
QNetworkRequest JwtWebSocket::request() const
{
    return d->request;
}

/*!
    Sets the handshake request: its URL becomes url(), its headers are sent with every
    handshake. An Authorization header in it is dropped: the socket decides who gets a token.
*/
void JwtWebSocket::setRequest(const QNetworkRequest &request)
{
    const QUrl old = d->request.url();
    d->request = request;
    if (old != request.url())
        Q_EMIT urlChanged(request.url());
}

/*! The application's subprotocols, offered in every handshake. */
QStringList JwtWebSocket::subprotocols() const
{
    return d->subprotocols;
}

/*! Sets the subprotocols offered from the next handshake on. */
void JwtWebSocket::setSubprotocols(const QStringList &subprotocols)
{
    if (d->subprotocols == subprotocols)
        return;
    d->subprotocols = subprotocols;
    Q_EMIT subprotocolsChanged(subprotocols);
}

/*! The TLS configuration of wss connections. */
QSslConfiguration JwtWebSocket::sslConfiguration() const
{
    return d->sslConfiguration;
}

/*! The TLS configuration of wss connections (for a private CA, say). */
void JwtWebSocket::setSslConfiguration(const QSslConfiguration &configuration)
{
    d->sslConfiguration = configuration;
}

/*! Where the socket stands; stateChanged() on every change. */
JwtWebSocket::State JwtWebSocket::state() const
{
    return d->state;
}

/*! True while state() is State::Connected. */
bool JwtWebSocket::isConnected() const
{
    return d->state == State::Connected;
}

/*! Why the last attempt failed or the socket gave up, translated; never holds a token. */
QString JwtWebSocket::errorString() const
{
    return d->errorString;
}

QString JwtWebSocket::acceptedSubprotocol() const
{
    if (!d->socket || d->phase != JwtWebSocketPrivate::Phase::Connected)
        return QString();
    QString accepted = d->socket->subprotocol();
    // A server that echoes the token's own entry does not get it repeated to the application,
    // whose logs it could reach.
    if (d->placement == TokenPlacement::Subprotocol && !d->subprotocolPrefix.isEmpty()
        && accepted.startsWith(d->subprotocolPrefix))
        return QString();
    return accepted;
}

/*! Where the handshake carries the token. */
JwtWebSocket::TokenPlacement JwtWebSocket::tokenPlacement() const
{
    return d->placement;
}

/*! Sets where the handshake carries the token, from the next handshake on. */
void JwtWebSocket::setTokenPlacement(TokenPlacement placement)
{
    if (d->placement == placement)
        return;
    d->placement = placement;
    Q_EMIT tokenPlacementChanged(placement);
}

/*!
    The query parameter that carries the token with TokenPlacement::QueryParameter;
    \c access_token by default (RFC 6750 §2.3).

    \warning URLs end up in the logs of servers, proxies and load balancers, and with them the
    token. Prefer the Authorization header or a subprotocol wherever the server accepts one.
*/
QString JwtWebSocket::tokenQueryParameter() const
{
    return d->queryParameter;
}

/*! Sets the query parameter that carries the token; see tokenQueryParameter(). */
void JwtWebSocket::setTokenQueryParameter(const QString &name)
{
    d->queryParameter = name;
}

/*!
    What precedes the token in its Sec-WebSocket-Protocol entry with
    TokenPlacement::Subprotocol; \c access_token. by default. The entry must be an HTTP token:
    a token with \c / or \c = in it cannot be sent this way (the socket gives up with
    DisconnectReason::AuthorizationFailed and says so in errorString()).
*/
QString JwtWebSocket::tokenSubprotocolPrefix() const
{
    return d->subprotocolPrefix;
}

/*! Sets the prefix of the token subprotocol; see tokenSubprotocolPrefix(). */
void JwtWebSocket::setTokenSubprotocolPrefix(const QString &prefix)
{
    d->subprotocolPrefix = prefix;
}

/*! Whether the socket reconnects after a drop or a failed attempt (default true). */
bool JwtWebSocket::autoReconnect() const
{
    return d->autoReconnect;
}

/*! Turns reconnection on or off; off, the first drop or failure is final. */
void JwtWebSocket::setAutoReconnect(bool enabled)
{
    if (d->autoReconnect == enabled)
        return;
    d->autoReconnect = enabled;
    Q_EMIT autoReconnectChanged(enabled);
}

/*! The backoff's first step; 500 ms by default. */
std::chrono::milliseconds JwtWebSocket::reconnectBaseDelay() const
{
    return d->baseDelay;
}

/*! Sets the first step of the backoff; negative values count as 0. */
void JwtWebSocket::setReconnectBaseDelay(std::chrono::milliseconds delay)
{
    d->baseDelay = std::max(delay, std::chrono::milliseconds(0));
}

/*! The backoff's cap; 30 s by default. */
std::chrono::milliseconds JwtWebSocket::reconnectMaxDelay() const
{
    return d->maxDelay;
}

/*! Sets the cap of the backoff; negative values count as 0. */
void JwtWebSocket::setReconnectMaxDelay(std::chrono::milliseconds delay)
{
    d->maxDelay = std::max(delay, std::chrono::milliseconds(0));
}

/*! How many reconnections in a row before the socket gives up; -1 (the default): no limit. */
int JwtWebSocket::maxReconnectAttempts() const
{
    return d->maxAttempts;
}

/*! Sets how many reconnections in a row are tried; -1: no limit. */
void JwtWebSocket::setMaxReconnectAttempts(int attempts)
{
    d->maxAttempts = std::max(attempts, -1);
}

/*!
    How long a connection must stay open to count as stable; 10 s by default. Then the backoff
    starts again from its first step, and a later refusal of the token may refresh again.
    Before then, a second refusal in a row is final.
*/
std::chrono::milliseconds JwtWebSocket::stableConnectionTime() const
{
    return d->stableTime;
}

/*! Sets how long a connection must stay open to count as stable. */
void JwtWebSocket::setStableConnectionTime(std::chrono::milliseconds time)
{
    d->stableTime = std::max(time, std::chrono::milliseconds(0));
}

/*!
    Sets the random source of the backoff (numbers in [0, 1)); QRandomGenerator::global() when
    \a source is empty. Tests pass a fixed value to get predictable delays.
*/
void JwtWebSocket::setJitterSource(const JitterSource &source)
{
    d->jitter = source;
}

/*! The close codes that mean "the token expired"; see setTokenExpiredCloseCodes(). */
QList<int> JwtWebSocket::tokenExpiredCloseCodes() const
{
    return d->expiredCodes;
}

/*!
    Sets the close codes that mean "the token expired" (4401 by default, as graphql-ws uses
    it; add 1008, Policy Violation, for servers that use it so). Such a close refreshes the
    token through the session and reconnects at once; it is never a reason to give up, unless
    the fresh token is refused too.
*/
void JwtWebSocket::setTokenExpiredCloseCodes(const QList<int> &codes)
{
    if (d->expiredCodes == codes)
        return;
    d->expiredCodes = codes;
    Q_EMIT tokenExpiredCloseCodesChanged(codes);
}

/*! What messages sent while not connected do (default: queued). */
JwtWebSocket::SendPolicy JwtWebSocket::sendPolicy() const
{
    return d->sendPolicy;
}

/*! Sets the send policy; RefuseWhileReconnecting drops the queue. */
void JwtWebSocket::setSendPolicy(SendPolicy policy)
{
    if (d->sendPolicy == policy)
        return;
    d->sendPolicy = policy;
    if (policy == SendPolicy::RefuseWhileReconnecting)
        d->queue.clear();
    Q_EMIT sendPolicyChanged(policy);
}

/*! How many messages wait for the connection at most (default 100). */
int JwtWebSocket::maxQueuedMessages() const
{
    return d->maxQueued;
}

/*! Sets the queue bound; the newest messages beyond it are dropped. */
void JwtWebSocket::setMaxQueuedMessages(int messages)
{
    messages = std::max(messages, 0);
    if (d->maxQueued == messages)
        return;
    d->maxQueued = messages;
    while (int(d->queue.size()) > messages)
        d->queue.pop_back();
    Q_EMIT maxQueuedMessagesChanged(messages);
}

/*! The messages waiting for the connection. */
int JwtWebSocket::queuedMessages() const
{
    return int(d->queue.size());
}

/*! What happens when the session gets a new token while connected (default None). */
JwtWebSocket::Reauthorization JwtWebSocket::reauthorization() const
{
    return d->reauthorization;
}

/*! Sets what happens when the session gets a new token while connected. */
void JwtWebSocket::setReauthorization(Reauthorization mode)
{
    if (d->reauthorization == mode)
        return;
    d->reauthorization = mode;
    Q_EMIT reauthorizationChanged(mode);
}

/*!
    Sends \a message now if connected. While the socket connects or reconnects, the message is
    queued (SendPolicy::QueueWhileReconnecting, up to maxQueuedMessages()) or refused. Returns
    false when it was refused: closed, refused by the policy, or the queue is full.
*/
bool JwtWebSocket::sendTextMessage(const QString &message)
{
    return d->send(message);
}

/*! Like sendTextMessage(), for a binary \a message. */
bool JwtWebSocket::sendBinaryMessage(const QByteArray &message)
{
    return d->send(message);
}

/*! Opens url(); an open socket is closed first (DisconnectReason::ClosedByApplication). */
void JwtWebSocket::open()
{
    if (d->state != State::Closed) {
        QPointer<JwtWebSocket> self(this);
        close();
        if (!self)
            return;
    }
    d->errorString.clear();
    d->attempt = 0;
    d->refused = d->retried = false;
    d->generation = 0;
    d->startAttempt(Reason::FirstAttempt);
}

/*! Sets url() to \a url and opens it. */
void JwtWebSocket::open(const QUrl &url)
{
    setUrl(url);
    open();
}

/*!
    Closes the connection with a normal close frame and stops reconnecting; queued messages
    are dropped. Emits disconnected(DisconnectReason::ClosedByApplication) unless already closed.
*/
void JwtWebSocket::close()
{
    if (d->state == State::Closed && d->phase == JwtWebSocketPrivate::Phase::Closed)
        return;
    d->giveUp(DisconnectReason::ClosedByApplication, QString());
}
