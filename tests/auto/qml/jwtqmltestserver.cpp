// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtqmltestserver.h"

#include "jwtdemoauthority.h"
#include "jwttestserver.h"

/*!
    \class JwtQmlTestServer
    \brief The test server as QML tests see it: counters to assert on what the server received,
    and the authority's switches to expire access tokens or revoke refresh credentials.
*/

/*! Wraps \a server, which must outlive this object. */
JwtQmlTestServer::JwtQmlTestServer(JwtTestServer *server, QObject *parent)
    : QObject(parent), m_server(server)
{ }

/*! \property JwtQmlTestServer::url
    \brief The server's base URL, http://127.0.0.1:<port>. */
QUrl JwtQmlTestServer::url() const
{
    return m_server->url();
}

/*! The absolute URL of \a pathAndQuery on the server. */
QUrl JwtQmlTestServer::urlFor(const QString &pathAndQuery) const
{
    return m_server->url(pathAndQuery);
}

/*! How many requests for \a path the server received. */
int JwtQmlTestServer::count(const QString &path) const
{
    return m_server->count(path);
}

/*! How many requests carried an Authorization header. */
int JwtQmlTestServer::countWithAuthorization() const
{
    return m_server->countWithAuthorization();
}

/*! How many refresh calls the server received. */
int JwtQmlTestServer::refreshCalls() const
{
    return m_server->refreshCalls();
}

/*! How many requests the server refused with 401. */
int JwtQmlTestServer::unauthorizedAnswers() const
{
    return m_server->unauthorizedAnswers();
}

/*! Forgets what the server saw so far. */
void JwtQmlTestServer::resetRecording()
{
    m_server->resetRecording();
}

/*! Every access token issued so far is refused from now on. */
void JwtQmlTestServer::expireAccessTokens()
{
    m_server->authority()->expireAccessTokensNow();
}

/*! The next refresh of every existing refresh credential is rejected. */
void JwtQmlTestServer::revokeRefreshTokens()
{
    m_server->authority()->revokeAllRefreshTokens();
}
