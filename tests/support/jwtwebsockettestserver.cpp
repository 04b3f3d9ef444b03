// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtwebsockettestserver.h"

#include <algorithm>

JwtWebSocketTestServer::JwtWebSocketTestServer(JwtDemoAuthority *authority, QObject *parent)
    : QObject(parent), m_live(authority)
{
    connect(&m_live, &JwtDemoLiveServer::handshakeReceived, this,
            [this](const JwtDemoLiveServer::Handshake &handshake) {
                m_handshakes.append(handshake);
                Q_EMIT handshakeReceived();
            });
}

bool JwtWebSocketTestServer::listen(const QHostAddress &address, quint16 port)
{
    return m_live.listen(address, port);
}

QUrl JwtWebSocketTestServer::url() const
{
    return m_live.url();
}

QUrl JwtWebSocketTestServer::urlForHost(const QString &host) const
{
    QUrl url = m_live.url();
    url.setHost(host);
    return url;
}

int JwtWebSocketTestServer::handshakesWithToken() const
{
    return int(std::count_if(m_handshakes.begin(), m_handshakes.end(),
                             [](const Handshake &handshake) { return handshake.carriedToken; }));
}

int JwtWebSocketTestServer::refusedHandshakes() const
{
    return int(std::count_if(m_handshakes.begin(), m_handshakes.end(),
                             [](const Handshake &handshake) { return handshake.status == 401; }));
}
