// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtbenchserver.h"

#include "jwtbenchconnection.h"
#include "jwtdemoapi.h"
#include "jwtdemoauthority.h"

#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>

/*!
    \class JwtBenchServer
    \brief The loopback server of the benchmarks, run as its own process.

    Not JwtTestServer: that one records every request and buffers whole request bodies (up to
    1 GiB) for its assertions, and not the Qt HTTP Server demo server, which also buffers whole
    bodies; neither can serve a 256 MiB download or sink a 64 MiB upload in constant memory.
    Tokens are the demo authority's (JwtDemoAuthority, HS256), and the auth routes are
    JwtDemoApi's, so refresh behaves exactly as in the demo: /auth/login, /auth/refresh
    (rotating HttpOnly cookie), /admin/expire-access. Bench routes:

    \list
    \li \c{GET /bench/small}: a 56-byte JSON answer (Bearer required).
    \li \c{GET /bench/stream?n=N}: N bytes of the JwtTestServer::bytesPatternAt() pattern,
        streamed with back-pressure (Bearer required).
    \li \c{PUT /bench/sink}: reads the body through SHA-256 and answers {"length","sha256"}
        (Bearer required; a refused upload is read and hashed to its end like any other, then
        answered 401, so that a refused attempt costs the server as much as an accepted one).
    \li \c{GET /bench/stats}: the authority's counters (refresh calls, granted, denied).
    \li \c{POST /bench/lifetime?ms=N}: the lifetime of access tokens issued from now on.
    \endlist

    A refused token is answered \c 401 with \c{WWW-Authenticate: Bearer error="invalid_token"}.
*/

struct JwtBenchServer::Private
{
    QTcpServer server;
    JwtDemoAuthority authority;
    JwtDemoApi api {&authority};
};

JwtBenchServer::JwtBenchServer(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    connect(&d->server, &QTcpServer::newConnection, this, &JwtBenchServer::onNewConnection);
}

JwtBenchServer::~JwtBenchServer() = default;

bool JwtBenchServer::listen(const QHostAddress &address, quint16 port)
{
    // The storm opens only a handful of keep-alive connections (Qt uses six per origin), but
    // children of several rounds may overlap briefly.
    d->server.setMaxPendingConnections(256);
    return d->server.listen(address, port);
}

quint16 JwtBenchServer::port() const
{
    return d->server.serverPort();
}

JwtDemoAuthority *JwtBenchServer::authority() const
{
    return &d->authority;
}

JwtDemoApi *JwtBenchServer::api() const
{
    return &d->api;
}

void JwtBenchServer::onNewConnection()
{
    while (QTcpSocket *socket = d->server.nextPendingConnection())
        new JwtBenchConnection(socket, &d->api, this);
}
