// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// DESIGN.md "Security rules", origins: the token goes to the exact authorized origins only, over
// a secure transport (loopback excepted), and the refresh credential only to its own endpoint.
// Asserted on what went over the wire.

#include "securitytest.h"

#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtrefreshjob.h>

#include "jwtdemoauthority.h"

#include <QtCore/qscopeguard.h>
#include <QtNetwork/qnetworkcookiejar.h>
#include <QtNetwork/qnetworkproxy.h>
#if QT_CONFIG(ssl)
#include <QtNetwork/qsslsocket.h>
#endif
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

class tst_Origins : public SecurityTest
{
    Q_OBJECT

private Q_SLOTS:
    // Origins, end to end through an HTTP proxy that records what it was asked to forward.
    void exactOriginMatching_data();
    void exactOriginMatching();
    void ipv6LiteralOrigin();
    void insecureOriginFailsBeforeSending();
    void insecureOriginUnresolvable_data();
    void insecureOriginUnresolvable();
    void insecureOriginRefusedOnRedirect();
    void loopbackIsExempt_data();
    void loopbackIsExempt();
    void refreshEndpointTransport_data();
    void refreshEndpointTransport();
    void refreshCookieOnlyToRefreshEndpoint();
    void refreshTokenOnlyToTokenEndpoint();
    void refreshCookieStaysWithTheRefresher_data();
    void refreshCookieStaysWithTheRefresher();
};

// --- origins --------------------------------------------------------------------------------

void tst_Origins::exactOriginMatching_data()
{
    QTest::addColumn<QString>("authorized");
    QTest::addColumn<QString>("requested");
    QTest::addColumn<bool>("carriesToken");

    const QString api = QStringLiteral("http://api.example.com");
    QTest::newRow("exact") << api << QStringLiteral("http://api.example.com/v1") << true;
    QTest::newRow("suffix attack")
            << api << QStringLiteral("http://api.example.com.evil.net/v1") << false;
    QTest::newRow("prefix attack")
            << api << QStringLiteral("http://evilapi.example.com/v1") << false;
    QTest::newRow("subdomain") << api << QStringLiteral("http://www.api.example.com/v1") << false;
    QTest::newRow("parent domain") << api << QStringLiteral("http://example.com/v1") << false;
    QTest::newRow("user info naming the origin")
            << api << QStringLiteral("http://api.example.com@evil.net/v1") << false;
    QTest::newRow("user info and port naming the origin")
            << api << QStringLiteral("http://api.example.com:80@evil.net/v1") << false;
    QTest::newRow("user info on the origin")
            << api << QStringLiteral("http://evil.net@api.example.com/v1") << true;
    QTest::newRow("mixed-case request")
            << api << QStringLiteral("http://API.Example.COM/v1") << true;
    QTest::newRow("mixed-case authorization") << QStringLiteral("HTTP://Api.EXAMPLE.com")
                                              << QStringLiteral("http://api.example.com/") << true;
    QTest::newRow("default port spelled out")
            << api << QStringLiteral("http://api.example.com:80/v1") << true;
    QTest::newRow("authorized with default port")
            << QStringLiteral("http://api.example.com:80")
            << QStringLiteral("http://api.example.com/") << true;
    QTest::newRow("other port") << api << QStringLiteral("http://api.example.com:8080/v1") << false;
    QTest::newRow("https origin, http request")
            << QStringLiteral("https://api.example.com")
            << QStringLiteral("http://api.example.com/") << false;
    QTest::newRow("port 443 over http") << QStringLiteral("http://api.example.com:443")
                                        << QStringLiteral("http://api.example.com/") << false;
    QTest::newRow("trailing dot") << api << QStringLiteral("http://api.example.com./v1") << false;
    QTest::newRow("IDN authorized in Unicode, requested in ACE")
            << QStringLiteral("http://bücher.example")
            << QStringLiteral("http://xn--bcher-kva.example/") << true;
    QTest::newRow("IDN authorized in ACE, requested in Unicode")
            << QStringLiteral("http://xn--bcher-kva.example")
            << QStringLiteral("http://BÜCHER.example/") << true;
    QTest::newRow("IDN look-alike") << QStringLiteral("http://bücher.example")
                                    << QStringLiteral("http://bucher.example/") << false;
}

void tst_Origins::exactOriginMatching()
{
    QFETCH(QString, authorized);
    QFETCH(QString, requested);
    QFETCH(bool, carriesToken);
    useProxyServer();
    // Not loopback, not https: these need the opt-in to get a token at all.
    session->addAuthorizedOrigin(QUrl(authorized), JwtSession::OriginOption::AllowInsecureHttp);

    std::unique_ptr<QNetworkReply> reply(get(QUrl(requested)));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(raw->requests().size(), 1);
    QCOMPARE(raw->requests().first().contains(ProxyToken), carriesToken);
    if (carriesToken) {
        QCOMPARE(JwtRawServer::header(raw->requests().first(), "Authorization"),
                 QByteArray("Bearer ") + ProxyToken);
    }
}

void tst_Origins::ipv6LiteralOrigin()
{
    JwtTestServer v6(server->authority());
    QVERIFY2(v6.listen(QHostAddress::LocalHostIPv6), "this test needs the IPv6 loopback ::1");
    signInWithAuthority();
    // Loopback: no opt-in needed. Authorized in one spelling, requested in another.
    session->addAuthorizedOrigin(
            QUrl(QStringLiteral("http://[0:0:0:0:0:0:0:1]:%1").arg(v6.port())));
    QVERIFY(session->isAuthorizedUrl(v6.url()));

    std::unique_ptr<QNetworkReply> reply(get(v6.url(QStringLiteral("/echo"))));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    const QByteArray host = "[::1]:" + QByteArray::number(v6.port());
    QCOMPARE(v6.authorizationsSeenByHost(host), 1);

    // The IPv4 loopback on another port is another origin.
    std::unique_ptr<QNetworkReply> other(get(server->url(QStringLiteral("/public/echo"))));
    QTRY_VERIFY(other->isFinished());
    QCOMPARE(other->error(), QNetworkReply::NoError);
    QCOMPARE(server->countWithAuthorization(), 0);
}

void tst_Origins::insecureOriginFailsBeforeSending()
{
    useProxyServer();
    const QUrl origin(QStringLiteral("http://api.example.com"));
    {
        MessageCapture warnings("jwtsession.session");
        session->addAuthorizedOrigin(origin);
        QCOMPARE(warnings.lines().size(), 1);
        QVERIFY(warnings.lines().first().contains(QLatin1String("AllowInsecureHttp")));
    }
    QVERIFY(session->isAuthorizedUrl(origin));

    QSignalSpy managerFinished(manager.get(), &QNetworkAccessManager::finished);
    MessageCapture warnings("jwtsession.session");
    std::unique_ptr<QNetworkReply> reply(get(origin.resolved(QUrl(QStringLiteral("/v1")))));
    // Asynchronous, like any network error: the caller can connect before it finishes.
    QVERIFY(!reply->isFinished());
    QCOMPARE(managerFinished.count(), 0);
    QSignalSpy errors(reply.get(), &QNetworkReply::errorOccurred);
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::ProtocolInvalidOperationError);
    QCOMPARE(errors.count(), 1);
    QVERIFY2(reply->errorString().contains(QLatin1String("api.example.com"))
                     && reply->errorString().contains(QLatin1String("http")),
             qPrintable(reply->errorString()));
    QVERIFY(!reply->errorString().contains(QLatin1String(ProxyToken)));
    QCOMPARE(managerFinished.count(), 1);
    QCOMPARE(raw->requests().size(), 0);
    QCOMPARE(raw->connectionsAccepted(), 0);
    QVERIFY(warnings.lines().isEmpty()); // warned once, when the origin was authorized

    // The opt-in, given again for the same origin, replaces the earlier options.
    session->addAuthorizedOrigin(origin, JwtSession::OriginOption::AllowInsecureHttp);
    std::unique_ptr<QNetworkReply> allowed(get(origin.resolved(QUrl(QStringLiteral("/v1")))));
    QTRY_VERIFY(allowed->isFinished());
    QCOMPARE(allowed->error(), QNetworkReply::NoError);
    QCOMPARE(raw->requests().size(), 1);
    QCOMPARE(JwtRawServer::header(raw->requests().first(), "Authorization"),
             QByteArray("Bearer ") + ProxyToken);

    // And back: the one-argument overload means no opt-in.
    session->addAuthorizedOrigin(origin);
    std::unique_ptr<QNetworkReply> refused(get(origin));
    QTRY_VERIFY(refused->isFinished());
    QCOMPARE(refused->error(), QNetworkReply::ProtocolInvalidOperationError);
    QCOMPARE(raw->requests().size(), 1);
}

void tst_Origins::insecureOriginUnresolvable_data()
{
    QTest::addColumn<bool>("optIn");
    QTest::addColumn<QNetworkReply::NetworkError>("error");
    QTest::newRow("refused") << false << QNetworkReply::ProtocolInvalidOperationError;
    // .invalid never resolves (RFC 6761): the request tries and fails without leaving the host.
    QTest::newRow("opted in") << true << QNetworkReply::HostNotFoundError;
}

void tst_Origins::insecureOriginUnresolvable()
{
    QFETCH(bool, optIn);
    QFETCH(QNetworkReply::NetworkError, error);
    QVERIFY(session->setTokens("some.access.token"));
    const QUrl origin(QStringLiteral("http://example.invalid"));
    session->addAuthorizedOrigin(
            origin,
            optIn ? JwtSession::OriginOptions(JwtSession::OriginOption::AllowInsecureHttp)
                  : JwtSession::OriginOptions());
    std::unique_ptr<QNetworkReply> reply(get(origin));
    QVERIFY(!reply->isFinished());
    // A resolver without network may take a while to say so.
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 60000);
    QCOMPARE(reply->error(), error);
}

void tst_Origins::insecureOriginRefusedOnRedirect()
{
    signInWithAuthority();
    session->addAuthorizedOrigin(server->url());
    const QUrl insecure(QStringLiteral("http://example.invalid/landing"));
    session->addAuthorizedOrigin(insecure);
    const QString location = QString::fromLatin1(QUrl::toPercentEncoding(insecure.toString()));
    std::unique_ptr<QNetworkReply> reply(
            get(server->url(QStringLiteral("/redirect?to=%1&code=307").arg(location))));
    QTRY_VERIFY(reply->isFinished());
    // Refused before any lookup: HostNotFoundError would mean it tried to go there.
    QCOMPARE(reply->error(), QNetworkReply::ProtocolInvalidOperationError);
    QCOMPARE(server->requests().size(), 1);
}

void tst_Origins::loopbackIsExempt_data()
{
    QTest::addColumn<QString>("host");
    QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1");
    QTest::newRow("127.0.0.1 as 127.1") << QStringLiteral("127.1");
    QTest::newRow("localhost") << QStringLiteral("localhost");
    QTest::newRow("LOCALHOST") << QStringLiteral("LOCALHOST");
}

void tst_Origins::loopbackIsExempt()
{
    QFETCH(QString, host);
    signInWithAuthority();
    session->addAuthorizedOrigin(server->urlForHost(host));
    std::unique_ptr<QNetworkReply> reply(get(server->urlForHost(host, QStringLiteral("/echo"))));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(server->countWithAuthorization(), 1);
}

void tst_Origins::refreshEndpointTransport_data()
{
    QTest::addColumn<bool>("oauth2");
    QTest::addColumn<bool>("signIn");
    QTest::addColumn<bool>("optIn");
    for (const bool oauth2 : {false, true}) {
        for (const bool signIn : {false, true}) {
            for (const bool optIn : {false, true}) {
                QTest::addRow("%s %s%s", oauth2 ? "oauth2" : "cookie",
                              signIn ? "sign-in" : "refresh", optIn ? " opted in" : "")
                        << oauth2 << signIn << optIn;
            }
        }
    }
}

void tst_Origins::refreshEndpointTransport()
{
    QFETCH(bool, oauth2);
    QFETCH(bool, signIn);
    QFETCH(bool, optIn);
    QVERIFY(raw->listen());
    QNetworkAccessManager viaProxy;
    viaProxy.setProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), raw->port()));
    const QUrl endpoint(QStringLiteral("http://auth.example.com/auth/endpoint"));
    std::unique_ptr<JwtRefresher> refresher;
    if (oauth2) {
        auto r = std::make_unique<JwtOAuth2Refresher>();
        r->setTokenEndpoint(endpoint);
        r->setNetworkAccessManager(&viaProxy);
        QSignalSpy changed(r.get(), &JwtOAuth2Refresher::allowInsecureHttpChanged);
        r->setAllowInsecureHttp(optIn);
        QCOMPARE(r->allowInsecureHttp(), optIn);
        QCOMPARE(changed.count(), optIn ? 1 : 0);
        refresher = std::move(r);
    } else {
        auto r = std::make_unique<JwtCookieRefresher>();
        r->setLoginUrl(endpoint);
        r->setRefreshUrl(endpoint);
        r->setNetworkAccessManager(&viaProxy);
        QSignalSpy changed(r.get(), &JwtCookieRefresher::allowInsecureHttpChanged);
        r->setAllowInsecureHttp(optIn);
        QCOMPARE(r->allowInsecureHttp(), optIn);
        QCOMPARE(changed.count(), optIn ? 1 : 0);
        refresher = std::move(r);
    }
    JwtRefreshJob job(signIn ? JwtRefreshJob::Kind::SignIn : JwtRefreshJob::Kind::Refresh);
    job.setRefreshToken("SECRET-refresh-credential");
    job.setCredentials(QStringLiteral("alice"), QStringLiteral("SECRET-password"));
    if (signIn)
        refresher->signIn(&job);
    else
        refresher->refresh(&job);
    QTRY_VERIFY(job.isFinished());
    if (optIn) {
        QCOMPARE(raw->requests().size(), 1); // the proxy was asked to forward it
        QVERIFY(raw->requests().first().startsWith("POST http://auth.example.com/auth/endpoint"));
        return;
    }
    QCOMPARE(job.result(), JwtRefreshJob::Result::Transient);
    QVERIFY2(job.errorString().contains(QLatin1String("auth.example.com")),
             qPrintable(job.errorString()));
    QVERIFY(!job.errorString().contains(QLatin1String("SECRET")));
    QCOMPARE(raw->requests().size(), 0);
    QCOMPARE(raw->connectionsAccepted(), 0);

    // Sign-out does not send the credential there either.
    refresher->signOut("SECRET-refresh-credential");
    QTest::qWait(50); // nothing to wait for: prove that nothing arrives meanwhile
    QCOMPARE(raw->connectionsAccepted(), 0);
}

void tst_Origins::refreshCookieOnlyToRefreshEndpoint()
{
    // The cookie refresher shares the manager, so API requests use the jar that would hold
    // the refresh cookie (Path=/auth): the cookie must go to the refresh endpoint only.
    JwtCookieRefresher refresher;
    useCookieRefresher(&refresher, server->url());
    session->addAuthorizedOrigin(server->url());
    QVERIFY(signInAlice());

    const auto fetch = [this](const QString &path) {
        std::unique_ptr<QNetworkReply> reply(get(server->url(path)));
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->error(), QNetworkReply::NoError);
    };
    fetch(QStringLiteral("/echo"));
    fetch(QStringLiteral("/api/me"));
    server->authority()->expireAccessTokensNow();
    fetch(QStringLiteral("/api/me")); // 401, refresh with the cookie, replay
    fetch(QStringLiteral("/public/echo"));
    QCOMPARE(server->refreshCalls(), 1);

    QByteArrayList cookies;
    for (const JwtRecordedRequest &request : server->requests()) {
        const QByteArray value = cookieValue(request.cookie, "refresh_token");
        if (request.path == QStringLiteral("/auth/refresh")) {
            QVERIFY(!value.isEmpty());
            cookies.append(value);
        } else {
            QVERIFY2(value.isEmpty(), qPrintable(request.path));
            QVERIFY2(request.cookie.isEmpty(), qPrintable(request.path));
        }
    }
    QCOMPARE(cookies.size(), 1);
    // The refresh cookie is never in the application's jar; the rotated one is reported.
    QVERIFY(manager->cookieJar()
                    ->cookiesForUrl(server->url(QStringLiteral("/auth/refresh")))
                    .isEmpty());
    cookies.append(session->refreshToken()); // the rotated one
    QVERIFY(cookies.at(0) != cookies.at(1));
    for (const JwtRecordedRequest &request : server->requests()) {
        for (const QByteArray &cookie : std::as_const(cookies)) {
            QVERIFY(!request.authorization.contains(cookie));
            QVERIFY(!request.query.toLatin1().contains(cookie));
        }
    }
}

void tst_Origins::refreshTokenOnlyToTokenEndpoint()
{
    auto refresher = makeOAuth2Refresher();
    session->setRefresher(refresher.get());
    session->addAuthorizedOrigin(server->url());
    QByteArrayList refreshTokens;
    connect(session.get(), &JwtSession::tokensChanged, this, [&] {
        if (!session->refreshToken().isEmpty() && !refreshTokens.contains(session->refreshToken()))
            refreshTokens.append(session->refreshToken());
    });
    QVERIFY(signInAlice());
    for (int round = 0; round < 2; ++round) {
        std::unique_ptr<QNetworkReply> reply(get(server->url(QStringLiteral("/api/me"))));
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        server->authority()->expireAccessTokensNow();
    }
    std::unique_ptr<QNetworkReply> reply(get(server->url(QStringLiteral("/echo"))));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(refreshTokens.size(), 3); // sign-in and two rotations

    // The token endpoint received each refresh token but the last, once.
    int presented = 0;
    for (const QByteArray &body : std::as_const(tokenBodies))
        presented += refreshTokens.contains(formValue(body, QStringLiteral("refresh_token")));
    QCOMPARE(presented, 2);
    // Every other request carried it nowhere: no body at all, and not in any header or URL.
    for (const JwtRecordedRequest &request : server->requests()) {
        if (request.path != QStringLiteral("/public/token"))
            QCOMPARE(request.bodySize, 0);
        for (const QByteArray &token : std::as_const(refreshTokens)) {
            QVERIFY(!request.authorization.contains(token));
            QVERIFY(!request.cookie.contains(token));
            QVERIFY(!request.query.toLatin1().contains(token));
            QVERIFY(!request.path.toLatin1().contains(token));
        }
    }
}

void tst_Origins::refreshCookieStaysWithTheRefresher_data()
{
    QTest::addColumn<bool>("tls");
    QTest::addColumn<QByteArray>("attributes"); // of the refresh cookie
    QTest::newRow("Path=/auth") << false << QByteArray("Path=/auth; HttpOnly");
    QTest::newRow("Path=/") << false << QByteArray("Path=/; HttpOnly");
    QTest::newRow("no Path") << false << QByteArray("HttpOnly");
    QTest::newRow("https, Path=/, no Secure") << true << QByteArray("Path=/; HttpOnly");
}

// The application shares its manager, and so its cookie jar, with the refresher, as the README
// recommends. Cookies ignore ports, and a cookie without Secure set over https goes over http
// too: the refresh cookie must still reach nothing but the refresh and logout URLs, whatever
// its attributes, directly or through a redirect the library follows.
void tst_Origins::refreshCookieStaysWithTheRefresher()
{
    QFETCH(bool, tls);
    QFETCH(QByteArray, attributes);
#if QT_CONFIG(ssl)
    const QSslConfiguration defaultTls = QSslConfiguration::defaultConfiguration();
    const auto restoreTls =
            qScopeGuard([&] { QSslConfiguration::setDefaultConfiguration(defaultTls); });
    if (tls) {
        QVERIFY(startTlsServer(raw.get()));
        // The test certificate is trusted like a real one: no error is ignored anywhere.
        QSslConfiguration trusting = defaultTls;
        trusting.addCaCertificates(certificateDir->path() + QStringLiteral("/cert.pem"));
        QSslConfiguration::setDefaultConfiguration(trusting);
    } else {
        QVERIFY(raw->listen());
    }
#else
    QVERIFY2(!tls, "Qt was built without TLS support");
    QVERIFY(raw->listen());
#endif
    // The authentication server: the refresh cookie rotates on every refresh, a CSRF cookie
    // comes with the sign-in.
    int serial = 0;
    QByteArray current;
    raw->setResponder([&](const QByteArray &request) {
        const QByteArray presented =
                cookieValue(JwtRawServer::header(request, "Cookie"), "refresh_token");
        const auto tokens = [&] {
            current = "rc" + QByteArray::number(++serial);
            const QByteArray body = R"({"access_token":"access.)" + QByteArray::number(serial)
                    + R"(","expires_in":300})";
            return JwtRawServer::response(
                    200, body,
                    {"Content-Type: application/json",
                     "Set-Cookie: refresh_token=" + current + "; " + attributes,
                     "Set-Cookie: csrf=c42; Path=/"});
        };
        if (request.startsWith("POST /auth/login "))
            return tokens();
        if (request.startsWith("POST /auth/refresh "))
            return presented == current ? tokens() : JwtRawServer::response(401, "{}");
        if (request.startsWith("POST /auth/logout "))
            return JwtRawServer::response(204, {},
                                          {"Set-Cookie: refresh_token=; Max-Age=0; " + attributes});
        return JwtRawServer::response(200);
    });
    // The API, on another port of the same host.
    JwtRawServer api;
    QVERIFY(api.listen());
    bool expired = false;
    api.setResponder([&](const QByteArray &request) {
        if (request.startsWith("GET /redirect "))
            return JwtRawServer::response(
                    302, {}, {"Location: " + api.url(QStringLiteral("/auth/landing")).toEncoded()});
        if (expired && JwtRawServer::header(request, "Authorization") == "Bearer access.1")
            return JwtRawServer::response(401, "{}", {"WWW-Authenticate: Bearer"});
        return JwtRawServer::response(200);
    });

    JwtCookieRefresher refresher;
    useCookieRefresher(&refresher, raw->url());
    refresher.setLogoutUrl(raw->url(QStringLiteral("/auth/logout")));
    session->addAuthorizedOrigin(api.url());
    QVERIFY(signInAlice());
    QCOMPARE(session->refreshToken(), QByteArray("rc1")); // still reported, for "remember me"
    // The application's jar got the other cookie, never the refresh cookie.
    const QList<QNetworkCookie> jar =
            manager->cookieJar()->cookiesForUrl(raw->url(QStringLiteral("/auth/refresh")));
    QCOMPARE(jar.size(), 1);
    QCOMPARE(jar.first().name(), QByteArray("csrf"));

    const auto fetch = [this](const QUrl &url) {
        std::unique_ptr<QNetworkReply> reply(get(url));
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->error(), QNetworkReply::NoError);
    };
    fetch(api.url(QStringLiteral("/api/notes")));
    fetch(api.url(QStringLiteral("/auth/refresh"))); // the refresh path, on another port
    fetch(api.url(QStringLiteral("/auth/logout")));
    fetch(api.url(QStringLiteral("/redirect"))); // followed by the library to /auth/landing
    fetch(raw->url(QStringLiteral("/api/status"))); // the auth origin, not an auth endpoint
    fetch(raw->url(QStringLiteral("/auth/other")));
    expired = true;
    fetch(api.url(QStringLiteral("/api/notes"))); // 401, refresh with rc1, replay
    QCOMPARE(session->refreshToken(), QByteArray("rc2"));
    fetch(api.url(QStringLiteral("/auth/refresh")));
    session->signOut();
    QTRY_VERIFY(
            std::any_of(raw->requests().cbegin(), raw->requests().cend(),
                        [](const QByteArray &r) { return r.startsWith("POST /auth/logout "); }));

    // What the servers saw: the refresh cookie on the refresh and the logout call, only.
    QByteArrayList carriers;
    for (const QByteArray &request : raw->requests() + api.requests()) {
        const QByteArray cookies = JwtRawServer::header(request, "Cookie");
        const QByteArray line = request.left(request.indexOf("\r\n"));
        if (cookies.contains("refresh_token"))
            carriers.append(line + " -> " + cookieValue(cookies, "refresh_token"));
        if (line.startsWith("POST /auth/")) // the jar's other cookies still go along
            QVERIFY2(line.startsWith("POST /auth/login ") || cookieValue(cookies, "csrf") == "c42",
                     line.constData());
    }
    const QByteArrayList expected = {"POST /auth/refresh HTTP/1.1 -> rc1",
                                     "POST /auth/logout HTTP/1.1 -> rc2"};
    QVERIFY2(carriers == expected, carriers.join(", ").constData());
    QCOMPARE(api.requests().size(), 8); // the redirect's hop and the replay included
    QVERIFY(std::any_of(api.requests().cbegin(), api.requests().cend(),
                        [](const QByteArray &r) { return r.startsWith("GET /auth/landing "); }));
}

QTEST_MAIN(tst_Origins)
#include "tst_origins.moc"
