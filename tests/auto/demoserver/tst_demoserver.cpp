// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtdemoapi.h"
#include "jwtdemoauthority.h"
#include "jwtdemoserver.h"

#include <QtCore/qendian.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkcookie.h>
#include <QtNetwork/qnetworkcookiejar.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

using namespace std::chrono_literals;

using Headers = QList<QPair<QByteArray, QByteArray>>;

namespace {

struct Reply
{
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QList<QNetworkCookie> cookies;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray accessToken() const
    {
        return json().value(QStringLiteral("access_token")).toString().toLatin1();
    }
    QByteArray refreshCookie() const
    {
        for (const QNetworkCookie &cookie : cookies) {
            if (cookie.name() == "refresh_token")
                return cookie.value();
        }
        return {};
    }
};

Headers bearer(const QByteArray &token)
{
    return {{"Authorization", "Bearer " + token}};
}

Headers jsonType()
{
    return {{"Content-Type", "application/json"}};
}

Headers formType()
{
    return {{"Content-Type", "application/x-www-form-urlencoded"}};
}

QByteArray loginBody(const QByteArray &user, const QByteArray &password)
{
    return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
}

QJsonObject jwtPart(const QByteArray &token, int index)
{
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return {};
    return QJsonDocument::fromJson(
                   QByteArray::fromBase64(parts.at(index), QByteArray::Base64UrlEncoding))
            .object();
}

// Table-driven CRC-32 (the server computes it bit by bit), so the check is independent.
quint32 referenceCrc32(const QByteArray &data)
{
    static const auto table = [] {
        std::array<quint32, 256> t {};
        for (quint32 n = 0; n < 256; ++n) {
            quint32 c = n;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    quint32 crc = 0xffffffffu;
    for (const char byte : data)
        crc = table[(crc ^ static_cast<quint8>(byte)) & 0xff] ^ (crc >> 8);
    return crc ^ 0xffffffffu;
}

} // namespace

class tst_DemoServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void listensOnLoopback();
    void login_data();
    void login();
    void loginSetsHttpOnlyCookie();
    void protectedRoute_data();
    void protectedRoute();
    void cookieRefreshRotates();
    void refreshWithoutCookie();
    void shortLifetimeExpires();
    void expireAccessTokensNow_data();
    void expireAccessTokensNow();
    void revokeAllRefreshTokens_data();
    void revokeAllRefreshTokens();
    void outage();
    void logout();
    void oauthTokenErrors_data();
    void oauthTokenErrors();
    void oauthRefreshRotation();
    void oauthRevoke();
    void simpleJwtRoutes();
    void notes();
    void avatarIsPng();
    void routing_data();
    void routing();
    void countersMatchRequests();

private:
    Reply send(const QByteArray &verb, const QString &path, const QByteArray &body = {},
               const Headers &headers = {}, bool manualCookies = false);
    Reply signIn(const QByteArray &user = "alice", const QByteArray &password = "wonderland");
    Reply presentCookie(const QByteArray &value);
    Reply passwordGrant();
    Reply refreshGrant(const QByteArray &refreshToken);

    std::unique_ptr<JwtDemoServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_manager;
};

void tst_DemoServer::init()
{
    m_server = std::make_unique<JwtDemoServer>();
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    m_manager = std::make_unique<QNetworkAccessManager>();
}

void tst_DemoServer::cleanup()
{
    m_manager.reset();
    m_server.reset();
}

Reply tst_DemoServer::send(const QByteArray &verb, const QString &path, const QByteArray &body,
                           const Headers &headers, bool manualCookies)
{
    QNetworkRequest request(m_server->baseUrl().resolved(QUrl(path)));
    for (const auto &header : headers)
        request.setRawHeader(header.first, header.second);
    if (manualCookies) {
        // Send exactly the Cookie header given, not what the jar holds.
        request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    }
    std::unique_ptr<QNetworkReply> reply(m_manager->sendCustomRequest(request, verb, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(5000);
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    result.cookies = reply->header(QNetworkRequest::SetCookieHeader).value<QList<QNetworkCookie>>();
    return result;
}

Reply tst_DemoServer::signIn(const QByteArray &user, const QByteArray &password)
{
    return send("POST", QStringLiteral("/auth/login"), loginBody(user, password), jsonType());
}

Reply tst_DemoServer::presentCookie(const QByteArray &value)
{
    return send("POST", QStringLiteral("/auth/refresh"), {}, {{"Cookie", "refresh_token=" + value}},
                true);
}

Reply tst_DemoServer::passwordGrant()
{
    return send("POST", QStringLiteral("/oauth/token"),
                "grant_type=password&username=alice&password=wonderland&client_id=demo",
                formType());
}

Reply tst_DemoServer::refreshGrant(const QByteArray &refreshToken)
{
    return send("POST", QStringLiteral("/oauth/token"),
                "grant_type=refresh_token&refresh_token=" + refreshToken.toPercentEncoding(),
                formType());
}

void tst_DemoServer::listensOnLoopback()
{
    QVERIFY(m_server->port() != 0);
    QCOMPARE(m_server->baseUrl().host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(m_server->baseUrl().port(), int(m_server->port()));
    QCOMPARE(m_server->api()->authority(), m_server->authority());
    // A second listen() on the same server is refused rather than silently rebinding.
    QVERIFY(!m_server->listen());
}

void tst_DemoServer::login_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("logins");

    const QByteArray json = "application/json";
    QTest::newRow("alice") << loginBody("alice", "wonderland") << json << 200 << QString() << 1;
    QTest::newRow("bob") << loginBody("bob", "builder") << json << 200 << QString() << 1;
    QTest::newRow("json with charset")
            << loginBody("bob", "builder") << QByteArray("application/json; charset=utf-8") << 200
            << QString() << 1;
    QTest::newRow("wrong password") << loginBody("alice", "builder") << json << 401
                                    << QStringLiteral("invalid_credentials") << 0;
    QTest::newRow("unknown user") << loginBody("mallory", "wonderland") << json << 401
                                  << QStringLiteral("invalid_credentials") << 0;
    QTest::newRow("empty user") << loginBody("", "") << json << 401
                                << QStringLiteral("invalid_credentials") << 0;
    QTest::newRow("not json") << QByteArray("username=alice") << json << 400
                              << QStringLiteral("invalid_request") << 0;
    QTest::newRow("form content type")
            << loginBody("alice", "wonderland") << QByteArray("application/x-www-form-urlencoded")
            << 400 << QStringLiteral("invalid_request") << 0;
}

void tst_DemoServer::login()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(int, logins);

    QSignalSpy loggedIn(m_server->authority(), &JwtDemoAuthority::loggedIn);
    const Reply reply =
            send("POST", QStringLiteral("/auth/login"), body, {{"Content-Type", contentType}});
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), error);
    QCOMPARE(reply.json().contains(QStringLiteral("access_token")), status == 200);
    QCOMPARE(reply.refreshCookie().isEmpty(), status != 200);
    QCOMPARE(m_server->authority()->counters().logins, logins);
    QCOMPARE(loggedIn.size(), logins);
}

void tst_DemoServer::loginSetsHttpOnlyCookie()
{
    m_server->authority()->setRefreshTokenLifetime(2h);
    const Reply reply = signIn();
    QCOMPARE(reply.status, 200);
    const QJsonObject json = reply.json();
    QCOMPARE(json.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    QCOMPARE(json.value(QStringLiteral("expires_in")).toInt(), 60);
    QCOMPARE(json.value(QStringLiteral("user")).toString(), QStringLiteral("alice"));
    QCOMPARE(reply.header("Cache-Control"), QByteArray("no-store"));

    QCOMPARE(reply.cookies.size(), 1);
    const QNetworkCookie cookie = reply.cookies.constFirst();
    QCOMPARE(cookie.name(), QByteArray("refresh_token"));
    QVERIFY(cookie.isHttpOnly());
    QVERIFY(!cookie.isSecure()); // plain http on loopback
    QCOMPARE(cookie.path(), QStringLiteral("/auth"));
    QCOMPARE(cookie.sameSitePolicy(), QNetworkCookie::SameSite::Strict);
    QVERIFY(reply.header("Set-Cookie").contains("Max-Age=7200"));
    QCOMPARE(QByteArray::fromBase64(cookie.value(), QByteArray::Base64UrlEncoding).size(), 32);
    // The jar keeps it for /auth only: JavaScript-free, path-scoped.
    const QUrl base = m_server->baseUrl();
    QCOMPARE(m_manager->cookieJar()
                     ->cookiesForUrl(base.resolved(QUrl(QStringLiteral("/auth/refresh"))))
                     .size(),
             1);
    QCOMPARE(m_manager->cookieJar()
                     ->cookiesForUrl(base.resolved(QUrl(QStringLiteral("/api/me"))))
                     .size(),
             0);

    const QByteArray token = reply.accessToken();
    const QJsonObject header = jwtPart(token, 0);
    const QJsonObject claims = jwtPart(token, 1);
    QCOMPARE(header.value(QStringLiteral("alg")).toString(), QStringLiteral("HS256"));
    QCOMPARE(header.value(QStringLiteral("typ")).toString(), QStringLiteral("JWT"));
    QCOMPARE(claims.value(QStringLiteral("sub")).toString(), QStringLiteral("alice"));
    QCOMPARE(claims.value(QStringLiteral("gen")).toInt(), 1);
    QVERIFY(!claims.value(QStringLiteral("jti")).toString().isEmpty());
    const qint64 iat = qint64(claims.value(QStringLiteral("iat")).toDouble());
    const qint64 exp = qint64(claims.value(QStringLiteral("exp")).toDouble());
    const qint64 expMs = qint64(claims.value(QStringLiteral("exp_ms")).toDouble());
    QVERIFY(exp - iat >= 60 && exp - iat <= 61);
    QVERIFY(expMs > iat * 1000 && (expMs + 999) / 1000 == exp);
    QVERIFY(!token.contains('='));
}

void tst_DemoServer::protectedRoute_data()
{
    QTest::addColumn<QByteArray>("authorization"); // "<token>" is replaced by a valid token
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("challenge");

    QTest::newRow("valid") << QByteArray("Bearer <token>") << 200 << QByteArray();
    QTest::newRow("lower-case scheme") << QByteArray("bearer <token>") << 200 << QByteArray();
    QTest::newRow("upper-case scheme") << QByteArray("BEARER <token>") << 200 << QByteArray();
    QTest::newRow("missing") << QByteArray() << 401 << QByteArray("Bearer realm=\"jwt-demo\"");
    QTest::newRow("basic scheme") << QByteArray("Basic YWxpY2U6d29uZGVybGFuZA==") << 401
                                  << QByteArray("error=\"invalid_token\"");
    QTest::newRow("no token") << QByteArray("Bearer") << 401
                              << QByteArray("error=\"invalid_token\"");
    QTest::newRow("garbage") << QByteArray("Bearer abc.def") << 401
                             << QByteArray("error_description=\"malformed\"");
    QTest::newRow("tampered signature") << QByteArray("Bearer <token>x") << 401
                                        << QByteArray("error_description=\"bad signature\"");
    QTest::newRow("alg none") << QByteArray("Bearer eyJhbGciOiJub25lIn0.<claims>.") << 401
                              << QByteArray("error_description=\"malformed\"");
}

void tst_DemoServer::protectedRoute()
{
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(QByteArray, challenge);

    const QByteArray token = signIn().accessToken();
    QVERIFY(!token.isEmpty());
    authorization.replace("<token>", token);
    authorization.replace("<claims>", token.split('.').value(1));
    const Headers headers =
            authorization.isEmpty() ? Headers() : Headers {{"Authorization", authorization}};

    const Reply reply = send("GET", QStringLiteral("/api/me"), {}, headers);
    QCOMPARE(reply.status, status);
    const JwtDemoAuthority::Counters counters = m_server->authority()->counters();
    QCOMPARE(counters.accessGranted, status == 200 ? 1 : 0);
    QCOMPARE(counters.accessDenied, status == 200 ? 0 : 1);
    if (status == 200) {
        QCOMPARE(reply.json().value(QStringLiteral("user")).toString(), QStringLiteral("alice"));
        QCOMPARE(reply.json().value(QStringLiteral("generation")).toInt(), 1);
        QVERIFY(reply.header("WWW-Authenticate").isEmpty());
        return;
    }
    QVERIFY(reply.header("WWW-Authenticate").startsWith("Bearer "));
    QVERIFY2(reply.header("WWW-Authenticate").contains(challenge),
             reply.header("WWW-Authenticate"));
    QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_token"));
}

void tst_DemoServer::cookieRefreshRotates()
{
    QSignalSpy refreshed(m_server->authority(), &JwtDemoAuthority::refreshed);
    QSignalSpy rejected(m_server->authority(), &JwtDemoAuthority::refreshRejected);
    const Reply first = signIn();
    const QByteArray oldCookie = first.refreshCookie();

    const Reply rotated = send("POST", QStringLiteral("/auth/refresh")); // cookie from the jar
    QCOMPARE(rotated.status, 200);
    const QByteArray newCookie = rotated.refreshCookie();
    QVERIFY(!newCookie.isEmpty());
    QVERIFY(newCookie != oldCookie);
    QCOMPARE(rotated.json().value(QStringLiteral("user")).toString(), QStringLiteral("alice"));
    QCOMPARE(jwtPart(rotated.accessToken(), 1).value(QStringLiteral("gen")).toInt(), 2);
    QCOMPARE(refreshed.size(), 1);
    QCOMPARE(refreshed.at(0).at(1).value<quint64>(), quint64(2));
    const Reply me = send("GET", QStringLiteral("/api/me"), {}, bearer(rotated.accessToken()));
    QCOMPARE(me.json().value(QStringLiteral("generation")).toInt(), 2);

    // The rotated-away credential again: reuse, the whole family goes.
    const Reply reused = presentCookie(oldCookie);
    QCOMPARE(reused.status, 401);
    QCOMPARE(reused.json().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_refresh"));
    QVERIFY(reused.header("Set-Cookie").contains("Max-Age=0"));
    const Reply familyGone = presentCookie(newCookie);
    QCOMPARE(familyGone.status, 401);

    QCOMPARE(rejected.size(), 2);
    QCOMPARE(rejected.at(0).at(0).value<JwtDemoAuthority::Outcome>(),
             JwtDemoAuthority::Outcome::ReusedCredential);
    QCOMPARE(rejected.at(1).at(0).value<JwtDemoAuthority::Outcome>(),
             JwtDemoAuthority::Outcome::UnknownCredential);
    const JwtDemoAuthority::Counters counters = m_server->authority()->counters();
    QCOMPARE(counters.refreshCalls, 3);
    QCOMPARE(counters.refreshesRejected, 2);
    QCOMPARE(counters.reuseDetections, 1);
    // The clearing cookie emptied the jar.
    QVERIFY(m_manager->cookieJar()
                    ->cookiesForUrl(
                            m_server->baseUrl().resolved(QUrl(QStringLiteral("/auth/refresh"))))
                    .isEmpty());
}

void tst_DemoServer::refreshWithoutCookie()
{
    const Reply reply = send("POST", QStringLiteral("/auth/refresh"));
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_refresh"));
    QVERIFY(reply.header("Set-Cookie").startsWith("refresh_token=;"));
    QVERIFY(reply.header("Set-Cookie").contains("Max-Age=0"));
    QCOMPARE(m_server->authority()->counters().refreshCalls, 1);
    QCOMPARE(m_server->authority()->counters().refreshesRejected, 1);
}

void tst_DemoServer::shortLifetimeExpires()
{
    m_server->authority()->setAccessTokenLifetime(300ms);
    QCOMPARE(m_server->authority()->accessTokenLifetime(), 300ms);
    const Reply reply = signIn();
    // Whole seconds, rounded up: 0 would make a client refresh in a loop; the server's 401
    // decides anyway.
    QCOMPARE(reply.json().value(QStringLiteral("expires_in")).toInt(), 1);
    const QByteArray token = reply.accessToken();
    QCOMPARE(send("GET", QStringLiteral("/api/me"), {}, bearer(token)).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(send("GET", QStringLiteral("/api/me"), {}, bearer(token)).status, 401,
                              5000);
    QVERIFY(send("GET", QStringLiteral("/api/me"), {}, bearer(token))
                    .header("WWW-Authenticate")
                    .contains("error_description=\"expired\""));
    // A refresh brings a working token again.
    const Reply refreshed = send("POST", QStringLiteral("/auth/refresh"));
    QCOMPARE(refreshed.status, 200);
    QCOMPARE(send("GET", QStringLiteral("/api/me"), {}, bearer(refreshed.accessToken())).status,
             200);
}

void tst_DemoServer::expireAccessTokensNow_data()
{
    QTest::addColumn<bool>("viaHttp");
    QTest::newRow("call") << false;
    QTest::newRow("admin route") << true;
}

void tst_DemoServer::expireAccessTokensNow()
{
    QFETCH(bool, viaHttp);
    const QByteArray before = signIn().accessToken();
    QCOMPARE(send("GET", QStringLiteral("/api/me"), {}, bearer(before)).status, 200);
    if (viaHttp)
        QCOMPARE(send("POST", QStringLiteral("/admin/expire-access")).status, 204);
    else
        m_server->authority()->expireAccessTokensNow();

    const Reply refused = send("GET", QStringLiteral("/api/me"), {}, bearer(before));
    QCOMPARE(refused.status, 401);
    QVERIFY(refused.header("WWW-Authenticate").contains("error_description=\"revoked\""));
    // Tokens issued afterwards work, and so does the refresh credential.
    const Reply refreshed = send("POST", QStringLiteral("/auth/refresh"));
    QCOMPARE(refreshed.status, 200);
    QCOMPARE(send("GET", QStringLiteral("/api/me"), {}, bearer(refreshed.accessToken())).status,
             200);
}

void tst_DemoServer::revokeAllRefreshTokens_data()
{
    expireAccessTokensNow_data();
}

void tst_DemoServer::revokeAllRefreshTokens()
{
    QFETCH(bool, viaHttp);
    const Reply alice = signIn();
    const QByteArray oauthRefresh =
            passwordGrant().json().value(QStringLiteral("refresh_token")).toString().toLatin1();
    if (viaHttp)
        QCOMPARE(send("POST", QStringLiteral("/admin/revoke-refresh")).status, 204);
    else
        m_server->authority()->revokeAllRefreshTokens();

    QCOMPARE(send("POST", QStringLiteral("/auth/refresh")).status, 401);
    QCOMPARE(refreshGrant(oauthRefresh).json().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_grant"));
    // Access tokens are not affected, and a new login starts a family that works.
    QCOMPARE(send("GET", QStringLiteral("/api/me"), {}, bearer(alice.accessToken())).status, 200);
    QCOMPARE(signIn().status, 200);
    QCOMPARE(send("POST", QStringLiteral("/auth/refresh")).status, 200);
    QCOMPARE(m_server->authority()->counters().reuseDetections, 0);
}

void tst_DemoServer::outage()
{
    QCOMPARE(signIn().status, 200);
    const QByteArray oauthRefresh =
            passwordGrant().json().value(QStringLiteral("refresh_token")).toString().toLatin1();
    QCOMPARE(send("POST", QStringLiteral("/admin/outage?on=1")).status, 204);
    QVERIFY(m_server->api()->outage());

    const Reply cookieRefresh = send("POST", QStringLiteral("/auth/refresh"));
    QCOMPARE(cookieRefresh.status, 503);
    QCOMPARE(cookieRefresh.header("Retry-After"), QByteArray("1"));
    QVERIFY(cookieRefresh.header("Set-Cookie").isEmpty()); // the credential survives the outage
    const Reply tokenRefresh = refreshGrant(oauthRefresh);
    QCOMPARE(tokenRefresh.status, 503);
    QCOMPARE(tokenRefresh.header("Retry-After"), QByteArray("1"));
    QCOMPARE(m_server->authority()->counters().refreshCalls, 0);

    QCOMPARE(send("POST", QStringLiteral("/admin/outage?on=2")).status, 400);
    QVERIFY(m_server->api()->outage());
    QCOMPARE(send("POST", QStringLiteral("/admin/outage?on=0")).status, 204);
    QVERIFY(!m_server->api()->outage());
    QCOMPARE(send("POST", QStringLiteral("/auth/refresh")).status, 200);
    QCOMPARE(refreshGrant(oauthRefresh).status, 200);
    QCOMPARE(m_server->authority()->counters().refreshCalls, 2);
}

void tst_DemoServer::logout()
{
    const QByteArray cookie = signIn().refreshCookie();
    const Reply reply = send("POST", QStringLiteral("/auth/logout"));
    QCOMPARE(reply.status, 204);
    QVERIFY(reply.body.isEmpty());
    QVERIFY(reply.header("Set-Cookie").contains("Max-Age=0"));
    QCOMPARE(presentCookie(cookie).status, 401);
    QCOMPARE(m_server->authority()->counters().reuseDetections, 0);
}

void tst_DemoServer::oauthTokenErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");

    const QByteArray form = "application/x-www-form-urlencoded";
    QTest::newRow("password grant")
            << QByteArray("grant_type=password&username=alice&password=wonderland&client_id=x")
            << form << 200 << QString();
    QTest::newRow("plus is a space")
            << QByteArray("grant_type=password&username=carol&password=two+words") << form << 200
            << QString();
    QTest::newRow("wrong password")
            << QByteArray("grant_type=password&username=alice&password=nope") << form << 400
            << QStringLiteral("invalid_grant");
    QTest::newRow("unknown refresh token")
            << QByteArray("grant_type=refresh_token&refresh_token=bogus") << form << 400
            << QStringLiteral("invalid_grant");
    QTest::newRow("unsupported grant") << QByteArray("grant_type=client_credentials") << form << 400
                                       << QStringLiteral("unsupported_grant_type");
    QTest::newRow("no grant type") << QByteArray("username=alice&password=wonderland") << form
                                   << 400 << QStringLiteral("invalid_request");
    QTest::newRow("no password") << QByteArray("grant_type=password&username=alice") << form << 400
                                 << QStringLiteral("invalid_request");
    QTest::newRow("no refresh token") << QByteArray("grant_type=refresh_token") << form << 400
                                      << QStringLiteral("invalid_request");
    QTest::newRow("repeated parameter") << QByteArray(
            "grant_type=password&grant_type=password&username=alice&password=wonderland")
                                        << form << 400 << QStringLiteral("invalid_request");
    QTest::newRow("json body") << QByteArray("{\"grant_type\":\"password\"}")
                               << QByteArray("application/json") << 400
                               << QStringLiteral("invalid_request");
}

void tst_DemoServer::oauthTokenErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, error);

    m_server->authority()->addUser(QStringLiteral("carol"), QStringLiteral("two words"));
    const Reply reply =
            send("POST", QStringLiteral("/oauth/token"), body, {{"Content-Type", contentType}});
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(reply.header("Cache-Control"), QByteArray("no-store"));
    const QJsonObject json = reply.json();
    QCOMPARE(json.value(QStringLiteral("error")).toString(), error);
    if (status == 200) {
        QCOMPARE(json.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
        QCOMPARE(json.value(QStringLiteral("expires_in")).toInt(), 60);
        QVERIFY(!json.value(QStringLiteral("access_token")).toString().isEmpty());
        QVERIFY(!json.value(QStringLiteral("refresh_token")).toString().isEmpty());
        QVERIFY(!json.contains(QStringLiteral("client_id")));
        QVERIFY(reply.cookies.isEmpty()); // the OAuth flavour hands the token over in the body
    }
}

void tst_DemoServer::oauthRefreshRotation()
{
    const QByteArray first =
            passwordGrant().json().value(QStringLiteral("refresh_token")).toString().toLatin1();
    const Reply rotated = refreshGrant(first);
    QCOMPARE(rotated.status, 200);
    const QByteArray second =
            rotated.json().value(QStringLiteral("refresh_token")).toString().toLatin1();
    QVERIFY(!second.isEmpty());
    QVERIFY(second != first);
    QCOMPARE(jwtPart(rotated.accessToken(), 1).value(QStringLiteral("gen")).toInt(), 2);

    const Reply reused = refreshGrant(first);
    QCOMPARE(reused.status, 400);
    QCOMPARE(reused.json().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_grant"));
    const Reply familyGone = refreshGrant(second);
    QCOMPARE(familyGone.status, 400);
    QCOMPARE(familyGone.json().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_grant"));

    const JwtDemoAuthority::Counters counters = m_server->authority()->counters();
    QCOMPARE(counters.logins, 1);
    QCOMPARE(counters.refreshCalls, 3);
    QCOMPARE(counters.refreshesRejected, 2);
    QCOMPARE(counters.reuseDetections, 1);
}

// Django SimpleJWT's shape: field names, rotation with blacklist, and its error bodies.
void tst_DemoServer::simpleJwtRoutes()
{
    const auto field = [](const Reply &reply, const char *name) {
        return reply.json().value(QLatin1String(name)).toString().toLatin1();
    };
    const Reply missing = send("POST", QStringLiteral("/api/token/"), "{}", jsonType());
    QCOMPARE(missing.status, 400);
    QCOMPARE(missing.body,
             QByteArray(R"({"password":["This field is required."],)"
                        R"("username":["This field is required."]})"));
    const Reply wrong =
            send("POST", QStringLiteral("/api/token/"), loginBody("alice", "nope"), jsonType());
    QCOMPARE(wrong.status, 401);
    QCOMPARE(field(wrong, "detail"), "No active account found with the given credentials");

    const Reply pair = send("POST", QStringLiteral("/api/token/"), loginBody("alice", "wonderland"),
                            jsonType());
    QCOMPARE(pair.status, 200);
    const QByteArray first = field(pair, "refresh");
    QVERIFY(!first.isEmpty());
    QCOMPARE(pair.json().keys(),
             QStringList({QStringLiteral("access"), QStringLiteral("refresh")}));

    const auto refresh = [&](const QByteArray &token) {
        return send("POST", QStringLiteral("/api/token/refresh/"),
                    R"({"refresh":")" + token + R"("})", jsonType());
    };
    const Reply rotated = refresh(first);
    QCOMPARE(rotated.status, 200);
    const QByteArray second = field(rotated, "refresh");
    QVERIFY(!second.isEmpty() && second != first);
    QVERIFY(!field(rotated, "access").isEmpty());

    const Reply blacklisted = refresh(first);
    QCOMPARE(blacklisted.status, 401);
    QCOMPARE(field(blacklisted, "detail"), "Token is blacklisted");
    QCOMPARE(field(blacklisted, "code"), "token_not_valid");
    const Reply familyGone = refresh(second);
    QCOMPARE(familyGone.status, 401);
    QCOMPARE(field(familyGone, "detail"), "Token is invalid or expired");
    const Reply noField = send("POST", QStringLiteral("/api/token/refresh/"), "{}", jsonType());
    QCOMPARE(noField.status, 400);
    QCOMPARE(noField.body, QByteArray(R"({"refresh":["This field is required."]})"));
    QCOMPARE(send("GET", QStringLiteral("/api/token/refresh/")).status, 405);

    const JwtDemoAuthority::Counters counters = m_server->authority()->counters();
    QCOMPARE(counters.logins, 1);
    QCOMPARE(counters.reuseDetections, 1);
}

void tst_DemoServer::oauthRevoke()
{
    const QByteArray refreshToken =
            passwordGrant().json().value(QStringLiteral("refresh_token")).toString().toLatin1();
    const Reply revoked = send("POST", QStringLiteral("/oauth/revoke"),
                               "token=" + refreshToken.toPercentEncoding(), formType());
    QCOMPARE(revoked.status, 200);
    QCOMPARE(refreshGrant(refreshToken).status, 400);
    // Unknown tokens are "revoked" too (RFC 7009 §2.2): the answer reveals nothing.
    QCOMPARE(send("POST", QStringLiteral("/oauth/revoke"), "token=unknown", formType()).status,
             200);
}

void tst_DemoServer::notes()
{
    const QByteArray alice = signIn().accessToken();
    const QByteArray bob = signIn("bob", "builder").accessToken();
    const auto aliceJson = bearer(alice) + jsonType();

    QCOMPARE(send("GET", QStringLiteral("/api/notes"), {}, bearer(alice)).body, QByteArray("[]"));
    const Reply created = send("POST", QStringLiteral("/api/notes"),
                               "{\"title\":\"shopping\",\"body\":\"milk\"}", aliceJson);
    QCOMPARE(created.status, 201);
    const QJsonObject note = created.json();
    QCOMPARE(note.value(QStringLiteral("title")).toString(), QStringLiteral("shopping"));
    QCOMPARE(note.value(QStringLiteral("body")).toString(), QStringLiteral("milk"));
    QVERIFY(QDateTime::fromString(note.value(QStringLiteral("updated")).toString(),
                                  Qt::ISODateWithMs)
                    .isValid());
    const int id = note.value(QStringLiteral("id")).toInt();
    QVERIFY(id > 0);
    QCOMPARE(send("POST", QStringLiteral("/api/notes"), "{\"title\":\"second\",\"body\":\"\"}",
                  aliceJson)
                     .status,
             201);
    QCOMPARE(send("POST", QStringLiteral("/api/notes"), "[]", aliceJson).status, 400);

    const QString notePath = QStringLiteral("/api/notes/%1").arg(id);
    const Reply edited = send("PUT", notePath, "{\"body\":\"milk, eggs\"}", aliceJson);
    QCOMPARE(edited.status, 200);
    QCOMPARE(edited.json().value(QStringLiteral("title")).toString(), QStringLiteral("shopping"));
    QCOMPARE(edited.json().value(QStringLiteral("body")).toString(), QStringLiteral("milk, eggs"));

    const QJsonArray list =
            QJsonDocument::fromJson(
                    send("GET", QStringLiteral("/api/notes"), {}, bearer(alice)).body)
                    .array();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("body")).toString(),
             QStringLiteral("milk, eggs"));
    QCOMPARE(list.at(1).toObject().value(QStringLiteral("title")).toString(),
             QStringLiteral("second"));

    QCOMPARE(send("PUT", QStringLiteral("/api/notes/999"), "{\"body\":\"x\"}", aliceJson).status,
             404);
    QCOMPARE(send("PUT", QStringLiteral("/api/notes/abc"), "{\"body\":\"x\"}", aliceJson).status,
             404);
    // Notes are per user: bob neither sees nor edits alice's.
    QCOMPARE(send("GET", QStringLiteral("/api/notes"), {}, bearer(bob)).body, QByteArray("[]"));
    QCOMPARE(send("PUT", notePath, "{\"body\":\"x\"}", bearer(bob) + jsonType()).status, 404);
    QCOMPARE(send("PUT", notePath, "{\"body\":\"x\"}", jsonType()).status, 401);
}

void tst_DemoServer::avatarIsPng()
{
    QCOMPARE(send("GET", QStringLiteral("/api/avatar.png")).status, 401);
    const Reply reply =
            send("GET", QStringLiteral("/api/avatar.png"), {}, bearer(signIn().accessToken()));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Content-Type"), QByteArray("image/png"));
    const QByteArray png = reply.body;
    QVERIFY(png.startsWith(QByteArray("\x89PNG\r\n\x1a\n", 8)));

    // Walk the chunks: IHDR, IDAT, IEND, each with a correct CRC.
    QList<QByteArray> types;
    QByteArray ihdr, idat;
    qsizetype offset = 8;
    while (offset + 12 <= png.size()) {
        const quint32 length = qFromBigEndian<quint32>(png.constData() + offset);
        QVERIFY(offset + 12 + qsizetype(length) <= png.size());
        const QByteArray typed = png.mid(offset + 4, 4 + length);
        const quint32 crc = qFromBigEndian<quint32>(png.constData() + offset + 8 + length);
        QCOMPARE(crc, referenceCrc32(typed));
        types.append(typed.left(4));
        if (typed.startsWith("IHDR"))
            ihdr = typed.mid(4);
        if (typed.startsWith("IDAT"))
            idat = typed.mid(4);
        offset += 12 + length;
    }
    QCOMPARE(offset, png.size());
    QCOMPARE(types, (QList<QByteArray> {"IHDR", "IDAT", "IEND"}));
    QCOMPARE(ihdr.size(), 13);
    QCOMPARE(qFromBigEndian<quint32>(ihdr.constData()), 16u);
    QCOMPARE(qFromBigEndian<quint32>(ihdr.constData() + 4), 16u);
    QCOMPARE(int(ihdr.at(8)), 8); // bit depth
    QCOMPARE(int(ihdr.at(9)), 2); // RGB
    // The image data inflates to 16 rows of a filter byte and 16 RGB pixels.
    QByteArray sized(4, Qt::Uninitialized);
    qToBigEndian<quint32>(16 * (1 + 16 * 3), sized.data());
    const QByteArray raw = qUncompress(sized + idat);
    QCOMPARE(raw.size(), 16 * (1 + 16 * 3));
    QCOMPARE(raw.at(0), '\0');
}

void tst_DemoServer::routing_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("handled"); // by JwtDemoApi, as opposed to Qt HTTP Server's 404

    QTest::newRow("GET /auth/login")
            << QByteArray("GET") << QStringLiteral("/auth/login") << 405 << true;
    QTest::newRow("POST /api/me") << QByteArray("POST") << QStringLiteral("/api/me") << 405 << true;
    QTest::newRow("DELETE /api/notes/1")
            << QByteArray("DELETE") << QStringLiteral("/api/notes/1") << 405 << true;
    QTest::newRow("GET /admin/expire-access")
            << QByteArray("GET") << QStringLiteral("/admin/expire-access") << 405 << true;
    QTest::newRow("unknown path") << QByteArray("GET") << QStringLiteral("/nowhere") << 404
                                  << false;
    QTest::newRow("nested note path")
            << QByteArray("PUT") << QStringLiteral("/api/notes/1/x") << 404 << false;
}

void tst_DemoServer::routing()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(bool, handled);

    JwtDemoRequest request;
    request.method = verb;
    request.url = QUrl(path);
    QCOMPARE(m_server->api()->handles(request), handled);

    QSignalSpy spy(m_server->api(), &JwtDemoApi::requestHandled);
    QCOMPARE(send(verb, path).status, status);
    QCOMPARE(spy.size(), handled ? 1 : 0);
    if (handled) {
        QCOMPARE(spy.at(0).at(0).toByteArray(), verb);
        QCOMPARE(spy.at(0).at(1).toString(), path);
        QCOMPARE(spy.at(0).at(2).toInt(), status);
    }
}

void tst_DemoServer::countersMatchRequests()
{
    QSignalSpy handled(m_server->api(), &JwtDemoApi::requestHandled);
    const QByteArray first = signIn().accessToken();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(send("GET", QStringLiteral("/api/me"), {}, bearer(first)).status, 200);
    const QByteArray second = send("POST", QStringLiteral("/auth/refresh")).accessToken();
    for (int i = 0; i < 2; ++i)
        QCOMPARE(send("GET", QStringLiteral("/api/notes"), {}, bearer(second)).status, 200);
    QCOMPARE(send("GET", QStringLiteral("/api/me")).status, 401);

    JwtDemoAuthority::Counters counters = m_server->authority()->counters();
    QCOMPARE(counters.logins, 1);
    QCOMPARE(counters.refreshCalls, 1);
    QCOMPARE(counters.refreshesRejected, 0);
    QCOMPARE(counters.reuseDetections, 0);
    QCOMPARE(counters.accessGranted, 5);
    QCOMPARE(counters.accessDenied, 1);
    QCOMPARE(counters.requestsPerGeneration, (QHash<quint64, int> {{1, 3}, {2, 2}}));

    QCOMPARE(handled.size(), 8);
    QCOMPARE(handled.at(0).at(1).toString(), QStringLiteral("/auth/login"));
    QCOMPARE(handled.at(4).at(1).toString(), QStringLiteral("/auth/refresh"));
    QCOMPARE(handled.at(7).at(0).toByteArray(), QByteArray("GET"));
    QCOMPARE(handled.at(7).at(2).toInt(), 401);

    m_server->authority()->resetCounters();
    counters = m_server->authority()->counters();
    QCOMPARE(counters.logins, 0);
    QCOMPARE(counters.accessGranted, 0);
    QVERIFY(counters.requestsPerGeneration.isEmpty());
}

QTEST_GUILESS_MAIN(tst_DemoServer)
#include "tst_demoserver.moc"
