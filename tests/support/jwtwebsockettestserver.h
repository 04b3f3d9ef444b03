// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTWEBSOCKETTESTSERVER_H
#define JWTWEBSOCKETTESTSERVER_H

#include "jwtdemoliveserver.h"

#include <QtCore/qlist.h>
#include <QtCore/qobject.h>

// The WebSocket endpoint of the tests: the demo server's live channel (which checks the bearer
// token of each handshake against the test server's authority and answers 401 before any
// upgrade) plus a record of every handshake it saw, with or without a token, by host.
class JwtWebSocketTestServer : public QObject
{
    Q_OBJECT
public:
    using Handshake = JwtDemoLiveServer::Handshake;

    explicit JwtWebSocketTestServer(JwtDemoAuthority *authority, QObject *parent = nullptr);

    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    //! ws://127.0.0.1:<port>/live
    QUrl url() const;
    //! ws://<host>:<port>/live
    QUrl urlForHost(const QString &host) const;
    JwtDemoLiveServer *live() { return &m_live; }

    QList<Handshake> handshakes() const { return m_handshakes; }
    int handshakeCount() const { return int(m_handshakes.size()); }
    int handshakesWithToken() const;
    int refusedHandshakes() const;
    int connectionCount() const { return m_live.connectionCount(); }
    void resetRecording() { m_handshakes.clear(); }

Q_SIGNALS:
    void handshakeReceived();

private:
    JwtDemoLiveServer m_live;
    QList<Handshake> m_handshakes;
};

#endif // JWTWEBSOCKETTESTSERVER_H
