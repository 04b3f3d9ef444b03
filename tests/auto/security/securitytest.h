// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef SECURITYTEST_H
#define SECURITYTEST_H

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtsession.h>

#include "jwtrawserver.h"
#include "jwttestserver.h"

#include <QtCore/qobject.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qtemporarydir.h>
#include <QtNetwork/qnetworkreply.h>

#include <memory>

// What the security suites (DESIGN.md "Security rules") share: a test server whose token and
// revocation endpoints keep the bodies they received, a raw server that sees every byte (as the
// server, or as an HTTP proxy), and a session with its manager, made fresh for each test function.
// Each suite is a subclass; QtTest runs the init() and cleanup() declared here.

inline constexpr char ProxyToken[] = "proxy.token.value";

// Messages of one category captured while an instance lives.
class MessageCapture
{
public:
    explicit MessageCapture(const char *category) : m_category(category)
    {
        s_current = this;
        m_previous = qInstallMessageHandler(&MessageCapture::handler);
    }
    ~MessageCapture()
    {
        qInstallMessageHandler(m_previous);
        s_current = nullptr;
    }
    QStringList lines() const { return m_lines; }

private:
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        if (s_current && context.category && qstrcmp(context.category, s_current->m_category) == 0)
            s_current->m_lines.append(message);
        if (s_current && s_current->m_previous)
            s_current->m_previous(type, context, message);
    }

    static inline MessageCapture *s_current = nullptr;
    const char *m_category;
    QtMessageHandler m_previous = nullptr;
    QStringList m_lines;
};

QByteArray formValue(const QByteArray &body, const QString &name);

class SecurityTest : public QObject
{
    Q_OBJECT

protected:
    // Every request of the manager goes to the raw server as an HTTP proxy, with ProxyToken set.
    void useProxyServer();
    // Signs in with the test server's authority, without a refresher.
    void signInWithAuthority();
    // An OAuth 2 refresher on the test server's recording token and revocation endpoints.
    std::unique_ptr<JwtOAuth2Refresher> makeOAuth2Refresher();
    // A refresher whose endpoints are the raw server's (cookie flow, or OAuth 2).
    std::unique_ptr<JwtRefresher> makeRawAuthRefresher(bool oauth2);
    // The cookie flow on base's /auth/login and /auth/refresh, through the manager (so the
    // manager's cookie jar is the one the refresh cookie could land in), set on the session.
    void useCookieRefresher(JwtCookieRefresher *refresher, const QUrl &base);
    // Signs alice in through the session's refresher; false if that did not succeed.
    bool signInAlice();
    QNetworkReply *get(const QUrl &url) { return manager->get(QNetworkRequest(url)); }
#if QT_CONFIG(ssl)
    bool startTlsServer(JwtRawServer *tls);
#endif

    std::unique_ptr<JwtTestServer> server;
    std::unique_ptr<JwtRawServer> raw;
    std::unique_ptr<JwtSession> session;
    std::unique_ptr<JwtAccessManager> manager;
    QList<QByteArray> tokenBodies; // what the token endpoint received
    QList<QByteArray> revokeBodies; // what the revocation endpoint received
#if QT_CONFIG(ssl)
    std::unique_ptr<QTemporaryDir> certificateDir;
#endif

private Q_SLOTS:
    void init();
    void cleanup();
};

#endif // SECURITYTEST_H
