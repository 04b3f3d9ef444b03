// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtquickloginbackend.h"

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtrefresher.h>

#include <QtNetwork/qnetworkreply.h>

/*!
    \class JwtQuickLoginBackend
    \brief The quick-login demo's C++ side: where the server is, and the buttons that make the
    server expire the access token or revoke the refresh credential.

    The admin calls go through the QML engine's own network manager, a JwtAccessManager, with
    SkipAuthorizationAttribute set: no token is attached and a refusal is never refreshed.
*/

/*! \property JwtQuickLoginBackend::serverUrl
    \brief The demo server's base URL. */
/*! \property JwtQuickLoginBackend::embeddedServer
    \brief True when the demo server runs inside this process. */
/*! \property JwtQuickLoginBackend::accessTokenLifetime
    \brief The embedded server's access-token lifetime in seconds; 0 for a real server. */
/*! \fn void JwtQuickLoginBackend::adminCallFinished(const QString &what, bool ok)
    Emitted once per admin call, with a translated description \a what. */

/*! Describes the server at \a serverUrl. */
JwtQuickLoginBackend::JwtQuickLoginBackend(const QUrl &serverUrl, bool embeddedServer,
                                           int accessTokenLifetime, QObject *parent)
    : QObject(parent),
      m_serverUrl(serverUrl),
      m_embedded(embeddedServer),
      m_lifetime(accessTokenLifetime)
{ }

QUrl JwtQuickLoginBackend::serverUrl() const
{
    return m_serverUrl;
}

bool JwtQuickLoginBackend::isEmbeddedServer() const
{
    return m_embedded;
}

int JwtQuickLoginBackend::accessTokenLifetime() const
{
    return m_lifetime;
}

void JwtQuickLoginBackend::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    m_manager = manager;
}

/*!
    Ends the session on the server side: revokes every refresh credential, then expires the
    access tokens, so the next request's refresh is rejected and the login page comes back.
*/
void JwtQuickLoginBackend::revokeRefreshCredential()
{
    post(QStringLiteral("/admin/revoke-refresh"), [this](bool ok) {
        if (ok)
            expireAccessToken();
        else
            Q_EMIT adminCallFinished(tr("Revoke refresh credential"), false);
    });
}

/*! Makes the server refuse every access token issued so far: the next request refreshes. */
void JwtQuickLoginBackend::expireAccessToken()
{
    post(QStringLiteral("/admin/expire-access"),
         [this](bool ok) { Q_EMIT adminCallFinished(tr("Expire access token"), ok); });
}

void JwtQuickLoginBackend::post(const QString &path, const std::function<void(bool)> &then)
{
    if (!m_manager) {
        if (then)
            then(false);
        return;
    }
    QUrl url = m_serverUrl;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setAttribute(JwtAccessManager::SkipAuthorizationAttribute, true);
    QNetworkReply *reply = m_manager->post(request, QByteArray());
    connect(reply, &QNetworkReply::finished, this, [reply, then] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (then)
            then(reply->error() == QNetworkReply::NoError && status / 100 == 2);
    });
}

JwtRefresher *JwtQuickLoginBackend::refresher() const
{
    return m_refresher;
}

void JwtQuickLoginBackend::setRefresher(JwtRefresher *refresher)
{
    m_refresher = refresher;
}
