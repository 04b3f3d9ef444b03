// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtdemoliveserver.h"

#include "jwtdemoauthority.h"

#include <QtCore/qpointer.h>
#include <QtCore/qurlquery.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>
#include <QtWebSockets/qwebsocket.h>
#include <QtWebSockets/qwebsocketserver.h>

namespace {

constexpr qsizetype MaxRequestHead = 16 * 1024;
constexpr char TokenProperty[] = "jwtDemoBearer";
constexpr QLatin1String SubprotocolPrefix("access_token.");

struct RequestHead
{
    JwtDemoLiveServer::Handshake handshake;
    QByteArray token;
};

RequestHead parseHead(const QByteArray &head)
{
    RequestHead result;
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    result.handshake.path = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "host")
            result.handshake.host = value;
        else if (name == "authorization")
            result.handshake.authorization = value;
        else if (name == "sec-websocket-protocol")
            result.handshake.subprotocols = value;
    }
    if (result.handshake.authorization.startsWith("Bearer ")) {
        result.token = result.handshake.authorization.mid(7);
    } else {
        const QUrlQuery query(QUrl::fromEncoded(result.handshake.path).query());
        result.token =
                query.queryItemValue(QStringLiteral("access_token"), QUrl::FullyDecoded).toLatin1();
    }
    if (result.token.isEmpty()) {
        for (const QByteArray &entry : result.handshake.subprotocols.split(',')) {
            const QByteArray trimmed = entry.trimmed();
            if (trimmed.startsWith(SubprotocolPrefix.data()))
                result.token = trimmed.mid(SubprotocolPrefix.size());
        }
    }
    result.handshake.carriedToken = !result.token.isEmpty();
    return result;
}

} // namespace

struct JwtDemoLiveServer::Private
{
    JwtDemoAuthority *authority = nullptr;
    QTcpServer tcp;
    QWebSocketServer webSockets {QStringLiteral("jwt-demo-server"),
                                 QWebSocketServer::NonSecureMode};
    QList<QPointer<QWebSocket>> connections;
    // Connections handed to QWebSocketServer whose QWebSocket was not handed out here yet. A
    // QWebSocket uses the connection it was made from but never deletes it: here it becomes the
    // QWebSocket's child, and ~JwtDemoLiveServer() deletes those still waiting.
    QList<QPointer<QTcpSocket>> handedOver;
    // The token of each upgraded connection, by the client's port, until QWebSocketServer hands
    // out its QWebSocket (where it becomes a property, for closeExpired()).
    QHash<quint16, QByteArray> tokensByPeerPort;
};

JwtDemoLiveServer::JwtDemoLiveServer(JwtDemoAuthority *authority, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->authority = authority;
    d->webSockets.setSupportedSubprotocols({QStringLiteral("jwt-demo")});
    connect(&d->tcp, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = d->tcp.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                const QByteArray head = socket->peek(MaxRequestHead);
                const qsizetype end = head.indexOf("\r\n\r\n");
                if (end < 0) {
                    if (head.size() >= MaxRequestHead)
                        socket->abort();
                    return; // not all of the head yet
                }
                disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
                RequestHead request = parseHead(head.left(end));
                const bool ok = d->authority->verify("Bearer " + request.token).ok;
                request.handshake.status = ok ? 101 : 401;
                Q_EMIT handshakeReceived(request.handshake);
                if (!ok) {
                    socket->write("HTTP/1.1 401 Unauthorized\r\n"
                                  "WWW-Authenticate: Bearer error=\"invalid_token\"\r\n"
                                  "Content-Length: 0\r\nConnection: close\r\n\r\n");
                    socket->disconnectFromHost();
                    return;
                }
                d->tokensByPeerPort.insert(socket->peerPort(), request.token);
                disconnect(socket, &QTcpSocket::disconnected, socket, nullptr);
                socket->setParent(nullptr); // QWebSocketServer takes it over
                d->handedOver.removeAll(nullptr); // those a client closed are gone
                d->handedOver.append(socket);
                d->webSockets.handleConnection(socket);
            });
        }
    });
    connect(&d->webSockets, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *socket = d->webSockets.nextPendingConnection()) {
            socket->setParent(this);
            adoptConnection(socket);
            socket->setProperty(TokenProperty, d->tokensByPeerPort.take(socket->peerPort()));
            d->connections.append(socket);
            connect(socket, &QWebSocket::textMessageReceived, this,
                    &JwtDemoLiveServer::textMessageReceived);
            connect(socket, &QWebSocket::disconnected, this, [this, socket] {
                d->connections.removeAll(socket);
                socket->deleteLater();
            });
            Q_EMIT clientConnected();
        }
    });
}

JwtDemoLiveServer::~JwtDemoLiveServer()
{
    for (const QPointer<QWebSocket> &socket : std::as_const(d->connections)) {
        if (socket)
            QObject::disconnect(socket, nullptr, this, nullptr);
    }
    // QWebSocketServer only deletes later what it still holds, and a server destroyed on the way
    // out never gets there: the WebSockets it had not handed out, then the connections whose
    // handshake had not ended.
    while (QWebSocket *socket = d->webSockets.nextPendingConnection())
        delete socket;
    for (const QPointer<QTcpSocket> &socket : std::as_const(d->handedOver))
        delete socket.data();
}

// Makes the connection \a socket was made from its child (see Private::handedOver).
void JwtDemoLiveServer::adoptConnection(QWebSocket *socket)
{
    for (auto it = d->handedOver.begin(); it != d->handedOver.end(); ++it) {
        QTcpSocket *connection = it->data();
        if (connection && connection->peerPort() == socket->peerPort()
            && connection->peerAddress() == socket->peerAddress()) {
            connection->setParent(socket);
            d->handedOver.erase(it);
            return;
        }
    }
}

bool JwtDemoLiveServer::listen(const QHostAddress &address, quint16 port)
{
    return d->tcp.listen(address, port);
}

quint16 JwtDemoLiveServer::port() const
{
    return d->tcp.serverPort();
}

QUrl JwtDemoLiveServer::url(const QString &path) const
{
    QUrl url;
    url.setScheme(QStringLiteral("ws"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    url.setPath(path);
    return url;
}

int JwtDemoLiveServer::connectionCount() const
{
    return int(d->connections.size());
}

void JwtDemoLiveServer::broadcast(const QString &message)
{
    for (const QPointer<QWebSocket> &socket : std::as_const(d->connections)) {
        if (socket)
            socket->sendTextMessage(message);
    }
}

void JwtDemoLiveServer::closeAll(int code, const QString &reason)
{
    const auto connections = d->connections;
    for (const QPointer<QWebSocket> &socket : connections) {
        if (socket)
            socket->close(QWebSocketProtocol::CloseCode(code), reason);
    }
}

void JwtDemoLiveServer::dropAll()
{
    const auto connections = d->connections;
    for (const QPointer<QWebSocket> &socket : connections) {
        if (socket)
            socket->abort();
    }
}

int JwtDemoLiveServer::closeExpired(int code)
{
    int closed = 0;
    const auto connections = d->connections;
    for (const QPointer<QWebSocket> &socket : connections) {
        if (!socket)
            continue;
        const QByteArray token = socket->property(TokenProperty).toByteArray();
        if (d->authority->verify("Bearer " + token).ok)
            continue;
        socket->close(QWebSocketProtocol::CloseCode(code), QStringLiteral("token expired"));
        ++closed;
    }
    return closed;
}
