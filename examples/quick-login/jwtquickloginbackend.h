// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTQUICKLOGINBACKEND_H
#define JWTQUICKLOGINBACKEND_H

#include <QtCore/qobject.h>
#include <QtCore/qpointer.h>
#include <QtCore/qurl.h>

#include <functional>

class QNetworkAccessManager;
class JwtRefresher;
Q_MOC_INCLUDE("JwtSession/jwtrefresher.h")

// What the demo's QML needs from C++: the server URL and the demo's admin switches, sent
// with JwtAccessManager::SkipAuthorizationAttribute so they never touch the session.
class JwtQuickLoginBackend : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QUrl serverUrl READ serverUrl CONSTANT)
    Q_PROPERTY(bool embeddedServer READ isEmbeddedServer CONSTANT)
    Q_PROPERTY(int accessTokenLifetime READ accessTokenLifetime CONSTANT)
    //! The OAuth 2 refresher with browser sign-in (--browser), or null: the cookie flow.
    Q_PROPERTY(JwtRefresher *refresher READ refresher CONSTANT)
public:
    JwtQuickLoginBackend(const QUrl &serverUrl, bool embeddedServer, int accessTokenLifetime,
                         QObject *parent = nullptr);

    QUrl serverUrl() const;
    bool isEmbeddedServer() const;
    int accessTokenLifetime() const;

    JwtRefresher *refresher() const;
    //! Set before the QML is loaded (not owned).
    void setRefresher(JwtRefresher *refresher);

    //! The manager admin calls go through (the QML engine's, a JwtAccessManager). Not owned.
    void setNetworkAccessManager(QNetworkAccessManager *manager);

    Q_INVOKABLE void revokeRefreshCredential();
    Q_INVOKABLE void expireAccessToken();

Q_SIGNALS:
    void adminCallFinished(const QString &what, bool ok);

private:
    void post(const QString &path, const std::function<void(bool)> &then = {});

    QUrl m_serverUrl;
    bool m_embedded;
    int m_lifetime;
    QPointer<QNetworkAccessManager> m_manager;
    JwtRefresher *m_refresher = nullptr;
};

#endif // JWTQUICKLOGINBACKEND_H
