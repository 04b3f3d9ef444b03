// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "securitytest.h"

#include <JwtSession/jwtcookierefresher.h>

#include "jwtdemoauthority.h"
#include "jwtsessionfixture.h"

#include <QtCore/qfile.h>
#include <QtCore/qprocess.h>
#include <QtCore/qstandardpaths.h>
#include <QtCore/qurlquery.h>
#include <QtNetwork/qnetworkproxy.h>
#if QT_CONFIG(ssl)
#include <QtNetwork/qsslkey.h>
#include <QtNetwork/qsslsocket.h>
#endif
#include <QtTest/qtest.h>

QByteArray formValue(const QByteArray &body, const QString &name)
{
    return QUrlQuery(QString::fromLatin1(body)).queryItemValue(name, QUrl::FullyDecoded).toLatin1();
}

void SecurityTest::init()
{
    server = std::make_unique<JwtTestServer>();
    QVERIFY(server->listen());
    // Token and revocation endpoints that keep the bodies: the recording only has their hashes.
    tokenBodies.clear();
    revokeBodies.clear();
    server->setRouteHandler(QStringLiteral("/public/token"), [this](const JwtDemoRequest &request) {
        tokenBodies.append(request.body);
        JwtDemoRequest forwarded = request;
        forwarded.url.setPath(QStringLiteral("/oauth/token"));
        return server->api()->handle(forwarded);
    });
    server->setRouteHandler(QStringLiteral("/public/revoke"),
                            [this](const JwtDemoRequest &request) {
                                revokeBodies.append(request.body);
                                JwtDemoRequest forwarded = request;
                                forwarded.url.setPath(QStringLiteral("/oauth/revoke"));
                                return server->api()->handle(forwarded);
                            });
    raw = std::make_unique<JwtRawServer>();
    session = std::make_unique<JwtSession>();
    manager = std::make_unique<JwtAccessManager>(session.get());
}

void SecurityTest::cleanup()
{
    manager.reset();
    session.reset();
    raw.reset();
    server.reset();
}

void SecurityTest::useProxyServer()
{
    QVERIFY(raw->listen());
    // Every request of the manager goes to the raw server as an HTTP proxy: it sees the absolute
    // URL and every header, so any host name can be tested without DNS or traffic off the host.
    manager->setProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), raw->port()));
    QVERIFY(session->setTokens(ProxyToken));
}

void SecurityTest::signInWithAuthority()
{
    JwtDemoAuthority::Tokens tokens;
    QCOMPARE(server->authority()->login(QStringLiteral("alice"), QStringLiteral("wonderland"),
                                        &tokens),
             JwtDemoAuthority::Outcome::Ok);
    QVERIFY(session->setTokens(tokens.accessToken, tokens.refreshToken, tokens.expiresIn));
}

void SecurityTest::useCookieRefresher(JwtCookieRefresher *refresher, const QUrl &base)
{
    refresher->setLoginUrl(base.resolved(QUrl(QStringLiteral("/auth/login"))));
    refresher->setRefreshUrl(base.resolved(QUrl(QStringLiteral("/auth/refresh"))));
    refresher->setNetworkAccessManager(manager.get());
    session->setRefresher(refresher);
}

bool SecurityTest::signInAlice()
{
    QString error;
    if (signInAsAlice(session.get(), &error))
        return true;
    qWarning("%s", qPrintable(error));
    return false;
}

std::unique_ptr<JwtOAuth2Refresher> SecurityTest::makeOAuth2Refresher()
{
    auto refresher = std::make_unique<JwtOAuth2Refresher>();
    refresher->setTokenEndpoint(server->url(QStringLiteral("/public/token")));
    refresher->setRevocationEndpoint(server->url(QStringLiteral("/public/revoke")));
    refresher->setClientId(QStringLiteral("desktop"));
    return refresher;
}

// A raw server as the authentication server, answering refresh and sign-in calls with whatever
// the test put into the maps (by request path), for refreshers that use it.
std::unique_ptr<JwtRefresher> SecurityTest::makeRawAuthRefresher(bool oauth2)
{
    if (oauth2) {
        auto refresher = std::make_unique<JwtOAuth2Refresher>();
        refresher->setTokenEndpoint(raw->url(QStringLiteral("/oauth/token")));
        refresher->setClientId(QStringLiteral("desktop"));
        return refresher;
    }
    auto refresher = std::make_unique<JwtCookieRefresher>();
    refresher->setLoginUrl(raw->url(QStringLiteral("/auth/login")));
    refresher->setRefreshUrl(raw->url(QStringLiteral("/auth/refresh")));
    return refresher;
}

#if QT_CONFIG(ssl)
// A self-signed certificate for 127.0.0.1, made with the openssl command line tool.
bool SecurityTest::startTlsServer(JwtRawServer *tls)
{
    [&] {
        QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend: TLS tests cannot run");
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        QVERIFY2(!openssl.isEmpty(),
                 "the openssl command is needed to make a test certificate: apt-get install "
                 "openssl (scripts/deps.sh lists it)");
        if (!certificateDir) {
            certificateDir = std::make_unique<QTemporaryDir>();
            QVERIFY(certificateDir->isValid());
            QProcess process;
            process.setWorkingDirectory(certificateDir->path());
            process.start(openssl,
                          {QStringLiteral("req"), QStringLiteral("-x509"),
                           QStringLiteral("-newkey"), QStringLiteral("ec"),
                           QStringLiteral("-pkeyopt"),
                           QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                           QStringLiteral("-keyout"), QStringLiteral("key.pem"),
                           QStringLiteral("-out"), QStringLiteral("cert.pem"),
                           QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                           QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                           QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost")});
            QVERIFY(process.waitForFinished(30000));
            QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
                     process.readAllStandardError().constData());
        }
    }();
    if (QTest::currentTestFailed())
        return false;
    const QString dir = certificateDir->path();
    const QList<QSslCertificate> certificates =
            QSslCertificate::fromPath(dir + QStringLiteral("/cert.pem"));
    QFile keyFile(dir + QStringLiteral("/key.pem"));
    if (certificates.size() != 1 || !keyFile.open(QIODevice::ReadOnly))
        return false;
    const QSslKey key(&keyFile, QSsl::Ec);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificates.first());
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return !key.isNull() && tls->listenTls(configuration);
}
#endif
