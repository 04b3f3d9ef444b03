// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTDEMOSERVER_H
#define JWTDEMOSERVER_H

#include <QtCore/qobject.h>
#include <QtCore/qurl.h>
#include <QtNetwork/qhostaddress.h>

#include <memory>

class JwtDemoApi;
class JwtDemoAuthority;

// The demo auth server on Qt HTTP Server: every route of JwtDemoApi, on loopback by default.
class JwtDemoServer : public QObject
{
    Q_OBJECT
public:
    explicit JwtDemoServer(QObject *parent = nullptr);
    ~JwtDemoServer() override;

    //! Starts listening; \a port 0 picks a free port. Returns false when the port is taken.
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    //! The port listened on, 0 before listen() succeeded.
    quint16 port() const;
    //! http://127.0.0.1:<port>, or the address listened on when it is not "any".
    QUrl baseUrl() const;

    //! The live channel (ws://…/live: note changes, token checked in the handshake), once
    //! listening; empty when the demo server is built without Qt WebSockets.
    QUrl liveUrl() const;

    JwtDemoAuthority *authority() const;
    JwtDemoApi *api() const;

private:
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtDemoServer)
};

#endif // JWTDEMOSERVER_H
