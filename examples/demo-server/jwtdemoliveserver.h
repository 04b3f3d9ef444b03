// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTDEMOLIVESERVER_H
#define JWTDEMOLIVESERVER_H

#include <QtCore/qbytearray.h>
#include <QtCore/qlist.h>
#include <QtCore/qobject.h>
#include <QtCore/qurl.h>
#include <QtNetwork/qhostaddress.h>

#include <memory>

class JwtDemoAuthority;
QT_FORWARD_DECLARE_CLASS(QWebSocket)

// The demo server's live channel: a WebSocket endpoint whose handshake needs a valid access
// token of the authority, in the Authorization header, the access_token query parameter or a
// Sec-WebSocket-Protocol entry "access_token.<token>". A handshake without one is answered
// 401, before any upgrade.
//
// QWebSocketServer (Qt 6.4) cannot answer a handshake with 401: it upgrades or answers 400 on
// its own. A QTcpServer therefore takes each connection first, peeks at the request head
// without consuming it, answers 401 itself when the token is not good, and hands the untouched
// socket to QWebSocketServer::handleConnection() otherwise.
class JwtDemoLiveServer : public QObject
{
    Q_OBJECT
public:
    struct Handshake
    {
        QByteArray host; // the Host header
        QByteArray path; // path and query as requested
        QByteArray authorization; // the Authorization header, possibly empty
        QByteArray subprotocols; // the Sec-WebSocket-Protocol header, possibly empty
        bool carriedToken = false; // a token came in any of the three places
        int status = 0; // 101 (upgraded) or 401
    };

    explicit JwtDemoLiveServer(JwtDemoAuthority *authority, QObject *parent = nullptr);
    ~JwtDemoLiveServer() override;

    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    quint16 port() const;
    //! ws://127.0.0.1:<port><path>
    QUrl url(const QString &path = QStringLiteral("/live")) const;

    int connectionCount() const;
    //! Sends \a message to every open connection.
    void broadcast(const QString &message);
    //! Closes every open connection with \a code.
    void closeAll(int code, const QString &reason = {});
    //! Aborts every open connection without a close frame (a network drop).
    void dropAll();
    //! Closes with \a code the connections whose token the authority no longer accepts.
    int closeExpired(int code);

Q_SIGNALS:
    void handshakeReceived(const JwtDemoLiveServer::Handshake &handshake);
    void clientConnected();
    void textMessageReceived(const QString &message);

private:
    void adoptConnection(QWebSocket *socket);

    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtDemoLiveServer)
};

#endif // JWTDEMOLIVESERVER_H
