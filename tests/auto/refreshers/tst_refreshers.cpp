// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtrefreshjob.h>
#include <JwtSession/jwtsession.h>

#include "jwtbearer_p.h"
#include "jwtdemoauthority.h"
#include "jwtcountingmanager.h"
#include "jwttestserver.h"
#include "jwtwait.h"

#include <QtCore/qpointer.h>
#include <QtCore/qurlquery.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkcookiejar.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

using Result = JwtRefreshJob::Result;
using namespace std::chrono_literals;

namespace {

QByteArray cookieOf(const JwtRecordedRequest &request, const QByteArray &name)
{
    for (const QByteArray &pair : request.cookie.split(';')) {
        const QByteArray trimmed = pair.trimmed();
        if (trimmed.startsWith(name + '='))
            return trimmed.mid(name.size() + 1);
    }
    return {};
}

QString formValue(const QByteArray &body, const QString &name)
{
    QByteArray decoded = body;
    decoded.replace('+', ' ');
    const QUrlQuery form(QString::fromLatin1(decoded));
    return form.queryItemValue(name, QUrl::FullyDecoded);
}

JwtDemoResponse demoResponse(int status, const QByteArray &body,
                             const QList<QPair<QByteArray, QByteArray>> &headers = {})
{
    JwtDemoResponse response;
    response.status = status;
    response.body = body;
    response.setHeader("Content-Type", "application/json");
    for (const auto &header : headers)
        response.setHeader(header.first, header.second);
    return response;
}

} // namespace

class tst_Refreshers : public QObject
{
    Q_OBJECT
public:
    enum class Kind { Cookie, OAuth2 };
    Q_ENUM(Kind)

private Q_SLOTS:
    void init();
    void cleanup();

    // HttpOnly-cookie flow
    void cookieSignInAndRefreshRotates();
    void cookieRestoredIntoFreshJar();
    void cookieSignOut();
    void cookieBodyWithoutContentLength();

    // OAuth 2
    void oauth2PasswordSignInAndRotation();
    void oauth2ReuseOfRotatedToken();
    void oauth2ClientAuthentication_data();
    void oauth2ClientAuthentication();
    void oauth2Revocation();

    // Both
    void wrongPassword_data();
    void wrongPassword();
    void revokedCredential_data();
    void revokedCredential();
    void scriptedAnswers_data();
    void scriptedAnswers();
    void serverDate_data();
    void serverDate();
    void noCredentialNoCall_data();
    void noCredentialNoCall();
    void cancelWhileDelayed_data();
    void cancelWhileDelayed();
    void jobDeletedWhileInFlight();
    void rotationWithControlCharactersIsMalformed_data();
    void rotationWithControlCharactersIsMalformed();

private:
    std::unique_ptr<JwtRefresher> makeRefresher(Kind kind) const;
    bool run(JwtRefresher *refresher, JwtRefreshJob *job);
    QList<JwtRecordedRequest> requestsTo(const QString &path) const;
    static bool leaksSecret(const JwtRefreshJob &job, const QByteArrayList &secrets);

    std::unique_ptr<JwtTestServer> server;
    JwtCountingManager *manager = nullptr; // owned by the refresher under test
    QList<JwtDemoRequest> tokenRequests; // what /public/token received, bodies included
};

void tst_Refreshers::init()
{
    server = std::make_unique<JwtTestServer>();
    QVERIFY(server->listen());
    tokenRequests.clear();
    // A token endpoint that keeps the bodies: the recording only has their hashes.
    server->setRouteHandler(QStringLiteral("/public/token"), [this](const JwtDemoRequest &request) {
        tokenRequests.append(request);
        JwtDemoRequest forwarded = request;
        forwarded.url.setPath(QStringLiteral("/oauth/token"));
        return server->api()->handle(forwarded);
    });
}

void tst_Refreshers::cleanup()
{
    server.reset();
    manager = nullptr;
}

std::unique_ptr<JwtRefresher> tst_Refreshers::makeRefresher(Kind kind) const
{
    if (kind == Kind::Cookie) {
        auto refresher = std::make_unique<JwtCookieRefresher>();
        refresher->setLoginUrl(server->url(QStringLiteral("/auth/login")));
        refresher->setRefreshUrl(server->url(QStringLiteral("/auth/refresh")));
        refresher->setLogoutUrl(server->url(QStringLiteral("/auth/logout")));
        auto *counting = new JwtCountingManager(refresher.get());
        refresher->setNetworkAccessManager(counting);
        const_cast<tst_Refreshers *>(this)->manager = counting;
        return refresher;
    }
    auto refresher = std::make_unique<JwtOAuth2Refresher>();
    refresher->setTokenEndpoint(server->url(QStringLiteral("/oauth/token")));
    refresher->setClientId(QStringLiteral("desktop"));
    auto *counting = new JwtCountingManager(refresher.get());
    refresher->setNetworkAccessManager(counting);
    const_cast<tst_Refreshers *>(this)->manager = counting;
    return refresher;
}

// Runs \a job on \a refresher and waits until it finished; true when it finished exactly once.
bool tst_Refreshers::run(JwtRefresher *refresher, JwtRefreshJob *job)
{
    QSignalSpy finished(job, &JwtRefreshJob::finished);
    if (job->kind() == JwtRefreshJob::Kind::SignIn)
        refresher->signIn(job);
    else
        refresher->refresh(job);
    if (finished.isEmpty() && !finished.wait(10000))
        return false;
    if (!waitForPostedEvents()) // a second completion would come from the event loop
        return false;
    return finished.size() == 1 && job->isFinished();
}

QList<JwtRecordedRequest> tst_Refreshers::requestsTo(const QString &path) const
{
    QList<JwtRecordedRequest> matching;
    const QList<JwtRecordedRequest> all = server->requests();
    for (const JwtRecordedRequest &request : all) {
        if (request.path == path)
            matching.append(request);
    }
    return matching;
}

bool tst_Refreshers::leaksSecret(const JwtRefreshJob &job, const QByteArrayList &secrets)
{
    for (const QByteArray &secret : secrets) {
        if (!secret.isEmpty() && job.errorString().contains(QString::fromLatin1(secret)))
            return true;
    }
    return false;
}

void tst_Refreshers::cookieSignInAndRefreshRotates()
{
    auto refresher = makeRefresher(Kind::Cookie);
    JwtRefreshJob signIn(JwtRefreshJob::Kind::SignIn);
    signIn.setCredentials(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QVERIFY(run(refresher.get(), &signIn));
    QCOMPARE(signIn.result(), Result::Succeeded);
    QVERIFY(JwtBearer::isValidToken(signIn.accessToken()));
    QVERIFY(signIn.expiresInSeconds() > 0);
    QCOMPARE(signIn.userName(), QStringLiteral("alice"));
    const QByteArray first = signIn.rotatedRefreshToken();
    QVERIFY(!first.isEmpty()); // the HttpOnly cookie, read back from the jar for "remember me"

    JwtRefreshJob refresh(JwtRefreshJob::Kind::Refresh);
    refresh.setRefreshToken(first);
    QVERIFY(run(refresher.get(), &refresh));
    QCOMPARE(refresh.result(), Result::Succeeded);
    QVERIFY(JwtBearer::isValidToken(refresh.accessToken()));
    QVERIFY(refresh.accessToken() != signIn.accessToken());
    const QByteArray second = refresh.rotatedRefreshToken();
    QVERIFY(!second.isEmpty());
    QVERIFY(second != first);

    // What the server saw: the old cookie once, on the one refresh call, and no bearer token.
    QCOMPARE(server->refreshCalls(), 1);
    const auto refreshes = requestsTo(QStringLiteral("/auth/refresh"));
    QCOMPARE(refreshes.size(), 1);
    QCOMPARE(cookieOf(refreshes.first(), "refresh_token"), first);
    QVERIFY(refreshes.first().authorization.isEmpty());
    QCOMPARE(refreshes.first().status, 200);
    // Every request was sent with the opt-out attribute and without following redirects.
    for (const QNetworkRequest &request : std::as_const(manager->sent)) {
        QCOMPARE(request.attribute(JwtAccessManager::SkipAuthorizationAttribute).toBool(), true);
        QCOMPARE(request.attribute(QNetworkRequest::RedirectPolicyAttribute).toInt(),
                 int(QNetworkRequest::ManualRedirectPolicy));
    }

    // The next refresh presents the rotated cookie.
    JwtRefreshJob again(JwtRefreshJob::Kind::Refresh);
    again.setRefreshToken(second);
    QVERIFY(run(refresher.get(), &again));
    QCOMPARE(again.result(), Result::Succeeded);
    QVERIFY(again.rotatedRefreshToken() != second); // the demo server rotates every time
    QCOMPARE(cookieOf(requestsTo(QStringLiteral("/auth/refresh")).last(), "refresh_token"), second);
}

void tst_Refreshers::cookieRestoredIntoFreshJar()
{
    QByteArray stored;
    {
        auto first = makeRefresher(Kind::Cookie);
        JwtRefreshJob signIn(JwtRefreshJob::Kind::SignIn);
        signIn.setCredentials(QStringLiteral("alice"), QStringLiteral("wonderland"));
        QVERIFY(run(first.get(), &signIn));
        stored = signIn.rotatedRefreshToken();
        QVERIFY(!stored.isEmpty());
    }
    // The next run of the application: a new refresher, the credential from the keychain.
    auto refresher = makeRefresher(Kind::Cookie);
    JwtRefreshJob refresh(JwtRefreshJob::Kind::Refresh);
    refresh.setRefreshToken(stored);
    QVERIFY(run(refresher.get(), &refresh));
    QCOMPARE(refresh.result(), Result::Succeeded);
    QVERIFY(!refresh.rotatedRefreshToken().isEmpty());
    QVERIFY(refresh.rotatedRefreshToken() != stored);
    QCOMPARE(server->refreshCalls(), 1);
    QCOMPARE(cookieOf(requestsTo(QStringLiteral("/auth/refresh")).first(), "refresh_token"),
             stored);
    // The refresher keeps the rotated cookie, and only that one, out of the jar: the next
    // refresh presents it even when the job carries the restored one.
    QVERIFY(manager->cookieJar()
                    ->cookiesForUrl(server->url(QStringLiteral("/auth/refresh")))
                    .isEmpty());
    JwtRefreshJob again(JwtRefreshJob::Kind::Refresh);
    again.setRefreshToken(stored);
    QVERIFY(run(refresher.get(), &again));
    QCOMPARE(again.result(), Result::Succeeded);
    QCOMPARE(server->refreshCalls(), 2);
    const QString cookie =
            QString::fromLatin1(requestsTo(QStringLiteral("/auth/refresh")).last().cookie);
    QCOMPARE(cookie,
             QStringLiteral("refresh_token=") + QString::fromLatin1(refresh.rotatedRefreshToken()));
}

void tst_Refreshers::cookieSignOut()
{
    auto refresher = makeRefresher(Kind::Cookie);
    JwtRefreshJob signIn(JwtRefreshJob::Kind::SignIn);
    signIn.setCredentials(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QVERIFY(run(refresher.get(), &signIn));
    const QByteArray cookie = signIn.rotatedRefreshToken();

    refresher->signOut(cookie);
    const QUrl refreshUrl = server->url(QStringLiteral("/auth/refresh"));
    QVERIFY(manager->cookieJar()->cookiesForUrl(refreshUrl).isEmpty());
    QTRY_COMPARE(server->count(QStringLiteral("/auth/logout")), 1);
    QCOMPARE(cookieOf(requestsTo(QStringLiteral("/auth/logout")).first(), "refresh_token"), cookie);

    // The server revoked it, and the jar is empty: a refresh without a credential makes no call.
    const int calls = manager->created;
    JwtRefreshJob refresh(JwtRefreshJob::Kind::Refresh);
    QVERIFY(run(refresher.get(), &refresh));
    QCOMPARE(refresh.result(), Result::Rejected);
    QCOMPARE(manager->created, calls);

    JwtRefreshJob stale(JwtRefreshJob::Kind::Refresh);
    stale.setRefreshToken(cookie);
    QVERIFY(run(refresher.get(), &stale));
    QCOMPARE(stale.result(), Result::Rejected);
}

void tst_Refreshers::cookieBodyWithoutContentLength()
{
    // No Content-Length: the bound is enforced while reading, not only from the header.
    QByteArray raw =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
            "{\"access_token\":\"";
    raw += QByteArray(1024 * 1024, 'a');
    raw += "\"}";
    server->setRawResponse(QStringLiteral("/auth/refresh"), raw);
    auto refresher = makeRefresher(Kind::Cookie);
    JwtRefreshJob refresh(JwtRefreshJob::Kind::Refresh);
    refresh.setRefreshToken("SECRET-cookie");
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("exceeds 65536 bytes")));
    QVERIFY(run(refresher.get(), &refresh));
    QCOMPARE(refresh.result(), Result::Malformed);
    QVERIFY(refresh.errorString().contains(QLatin1String("too large")));
    QVERIFY(!leaksSecret(refresh, {"SECRET-cookie", QByteArray(64, 'a')}));
}

void tst_Refreshers::oauth2PasswordSignInAndRotation()
{
    auto refresher = makeRefresher(Kind::OAuth2);
    auto *oauth2 = static_cast<JwtOAuth2Refresher *>(refresher.get());
    oauth2->setTokenEndpoint(server->url(QStringLiteral("/public/token")));

    JwtRefreshJob signIn(JwtRefreshJob::Kind::SignIn);
    signIn.setCredentials(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QVERIFY(run(refresher.get(), &signIn));
    QCOMPARE(signIn.result(), Result::Succeeded);
    QVERIFY(JwtBearer::isValidToken(signIn.accessToken()));
    QVERIFY(signIn.expiresInSeconds() > 0);
    QByteArray current = signIn.rotatedRefreshToken();
    QVERIFY(!current.isEmpty());
    QCOMPARE(tokenRequests.size(), 1);
    QCOMPARE(formValue(tokenRequests.first().body, QStringLiteral("grant_type")),
             QStringLiteral("password"));
    QCOMPARE(formValue(tokenRequests.first().body, QStringLiteral("username")),
             QStringLiteral("alice"));

    QByteArrayList issued = {current};
    for (int i = 0; i < 3; ++i) {
        JwtRefreshJob refresh(JwtRefreshJob::Kind::Refresh);
        refresh.setRefreshToken(current);
        QVERIFY(run(refresher.get(), &refresh));
        QCOMPARE(refresh.result(), Result::Succeeded);
        QVERIFY(!refresh.rotatedRefreshToken().isEmpty());
        QVERIFY(!issued.contains(refresh.rotatedRefreshToken()));
        current = refresh.rotatedRefreshToken();
        issued.append(current);
    }

    // What the server saw: each refresh token presented exactly once, in the body.
    QCOMPARE(tokenRequests.size(), 4);
    for (int i = 1; i < tokenRequests.size(); ++i) {
        const JwtDemoRequest &request = tokenRequests.at(i);
        QCOMPARE(formValue(request.body, QStringLiteral("grant_type")),
                 QStringLiteral("refresh_token"));
        QCOMPARE(formValue(request.body, QStringLiteral("refresh_token")).toLatin1(),
                 issued.at(i - 1));
        QCOMPARE(formValue(request.body, QStringLiteral("client_id")), QStringLiteral("desktop"));
        QCOMPARE(request.header("Accept"), QByteArray("application/json"));
        QVERIFY(request.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
        QVERIFY(request.header("Authorization").isEmpty());
        for (int j = 0; j < tokenRequests.size(); ++j) {
            if (j != i)
                QVERIFY(!tokenRequests.at(j).body.contains(issued.at(i - 1)));
        }
    }
    QCOMPARE(server->authority()->counters().reuseDetections, 0);
}

void tst_Refreshers::oauth2ReuseOfRotatedToken()
{
    auto refresher = makeRefresher(Kind::OAuth2);
    JwtRefreshJob signIn(JwtRefreshJob::Kind::SignIn);
    signIn.setCredentials(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QVERIFY(run(refresher.get(), &signIn));
    const QByteArray first = signIn.rotatedRefreshToken();

    JwtRefreshJob refresh(JwtRefreshJob::Kind::Refresh);
    refresh.setRefreshToken(first);
    QVERIFY(run(refresher.get(), &refresh));
    QCOMPARE(refresh.result(), Result::Succeeded);

    JwtRefreshJob reuse(JwtRefreshJob::Kind::Refresh);
    reuse.setRefreshToken(first);
    QVERIFY(run(refresher.get(), &reuse));
    QCOMPARE(reuse.result(), Result::Rejected);
    QVERIFY2(reuse.errorString().contains(QLatin1String("invalid_grant")),
             qPrintable(reuse.errorString()));
    QVERIFY(!leaksSecret(reuse, {first, refresh.rotatedRefreshToken(), refresh.accessToken()}));
    QCOMPARE(server->authority()->counters().reuseDetections, 1);
    QCOMPARE(server->refreshCalls(), 2);
    QCOMPARE(requestsTo(QStringLiteral("/oauth/token")).last().status, 400);
}

void tst_Refreshers::oauth2ClientAuthentication_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("scope");

    QTest::newRow("public client") << QStringLiteral("desktop") << QString() << QString();
    QTest::newRow("public client with scope")
            << QStringLiteral("desktop") << QString() << QStringLiteral("notes:read offline");
    QTest::newRow("confidential client")
            << QStringLiteral("desktop") << QStringLiteral("SECRET-s3cr3t") << QString();
    // RFC 6749 §2.3.1: both parts are form-encoded before they are joined with ':'.
    QTest::newRow("confidential client, reserved characters")
            << QStringLiteral("my app:1") << QStringLiteral("SECRET+/:=%") << QStringLiteral("a b");
}

void tst_Refreshers::oauth2ClientAuthentication()
{
    QFETCH(QString, clientId);
    QFETCH(QString, secret);
    QFETCH(QString, scope);
    auto refresher = makeRefresher(Kind::OAuth2);
    auto *oauth2 = static_cast<JwtOAuth2Refresher *>(refresher.get());
    oauth2->setTokenEndpoint(server->url(QStringLiteral("/public/token")));
    oauth2->setClientId(clientId);
    oauth2->setClientSecret(secret);
    oauth2->setScope(scope);

    JwtRefreshJob signIn(JwtRefreshJob::Kind::SignIn);
    signIn.setCredentials(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QVERIFY(run(refresher.get(), &signIn));
    QCOMPARE(signIn.result(), Result::Succeeded);
    JwtRefreshJob refresh(JwtRefreshJob::Kind::Refresh);
    refresh.setRefreshToken(signIn.rotatedRefreshToken());
    QVERIFY(run(refresher.get(), &refresh));
    QCOMPARE(refresh.result(), Result::Succeeded);

    QCOMPARE(tokenRequests.size(), 2);
    for (const JwtDemoRequest &request : std::as_const(tokenRequests)) {
        QCOMPARE(formValue(request.body, QStringLiteral("scope")), scope);
        if (secret.isEmpty()) {
            QVERIFY(request.header("Authorization").isEmpty());
            QCOMPARE(formValue(request.body, QStringLiteral("client_id")), clientId);
            continue;
        }
        const QByteArray expected = "Basic "
                + (clientId.toUtf8().toPercentEncoding() + ':'
                   + secret.toUtf8().toPercentEncoding())
                          .toBase64();
        QCOMPARE(request.header("Authorization"), expected);
        QVERIFY(!request.body.contains("client_id"));
        QVERIFY(!request.body.contains("SECRET"));
        QVERIFY(!request.body.contains(secret.toUtf8().toPercentEncoding()));
    }
}

void tst_Refreshers::oauth2Revocation()
{
    auto refresher = makeRefresher(Kind::OAuth2);
    auto *oauth2 = static_cast<JwtOAuth2Refresher *>(refresher.get());
    JwtRefreshJob signIn(JwtRefreshJob::Kind::SignIn);
    signIn.setCredentials(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QVERIFY(run(refresher.get(), &signIn));
    const QByteArray token = signIn.rotatedRefreshToken();

    // Without a revocation endpoint, sign-out makes no call.
    const int calls = manager->created;
    refresher->signOut(token);
    QCOMPARE(manager->created, calls);

    oauth2->setRevocationEndpoint(server->url(QStringLiteral("/oauth/revoke")));
    refresher->signOut(token);
    QCOMPARE(manager->created, calls + 1);
    QTRY_COMPARE(server->count(QStringLiteral("/oauth/revoke")), 1);
    QTRY_COMPARE(requestsTo(QStringLiteral("/oauth/revoke")).first().status, 200);

    JwtRefreshJob refresh(JwtRefreshJob::Kind::Refresh);
    refresh.setRefreshToken(token);
    QVERIFY(run(refresher.get(), &refresh));
    QCOMPARE(refresh.result(), Result::Rejected);
}

void tst_Refreshers::scriptedAnswers_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("headerName");
    QTest::addColumn<QByteArray>("headerValue");
    QTest::addColumn<Result>("result");
    QTest::addColumn<int>("retryAfter");

    const QByteArray valid = "{\"access_token\":\"abc.def.ghi\",\"token_type\":\"Bearer\","
                             "\"expires_in\":60}";
    const QByteArray huge = "{\"access_token\":\"" + QByteArray(1024 * 1024, 'a') + "\"}";
    for (Kind kind : {Kind::Cookie, Kind::OAuth2}) {
        const QByteArray prefix = kind == Kind::Cookie ? "cookie: " : "oauth2: ";
        auto row = [&](const char *name) -> QTestData & {
            return QTest::newRow((prefix + name).constData()) << kind;
        };
        row("valid") << 200 << valid << QByteArray() << QByteArray() << Result::Succeeded << 0;
        row("503 Retry-After 7") << 503 << QByteArray("{\"error\":\"temporarily_unavailable\"}")
                                 << QByteArray("Retry-After") << QByteArray("7")
                                 << Result::Transient << 7;
        row("429 HTML") << 429 << QByteArray("<html>SECRET</html>") << QByteArray("Retry-After")
                        << QByteArray("1") << Result::Transient << 1;
        row("500 HTML") << 500 << QByteArray("<html>SECRET</html>") << QByteArray() << QByteArray()
                        << Result::Transient << 0;
        row("garbage 200") << 200 << QByteArray("<html>SECRET</html>") << QByteArray()
                           << QByteArray() << Result::Malformed << 0;
        row("token with CR-LF") << 200
                                << QByteArray("{\"access_token\":\"SECRET\\r\\nX: 1\","
                                              "\"token_type\":\"Bearer\"}")
                                << QByteArray() << QByteArray() << Result::Malformed << 0;
        row("1 MiB body") << 200 << huge << QByteArray() << QByteArray() << Result::Malformed << 0;
        row("redirect not followed") << 302 << QByteArray() << QByteArray("Location")
                                     << QByteArray("/auth/refresh") << Result::Transient << 0;
        row("401 invalid_grant") << 401 << QByteArray("{\"error\":\"invalid_grant\"}")
                                 << QByteArray() << QByteArray() << Result::Rejected << 0;
    }
    QTest::newRow("cookie: 403") << Kind::Cookie << 403 << QByteArray("<html>SECRET</html>")
                                 << QByteArray() << QByteArray() << Result::Rejected << 0;
    QTest::newRow("oauth2: 403 proxy page")
            << Kind::OAuth2 << 403 << QByteArray("<html>SECRET</html>") << QByteArray()
            << QByteArray() << Result::Transient << 0;
    QTest::newRow("oauth2: 400 invalid_scope")
            << Kind::OAuth2 << 400 << QByteArray("{\"error\":\"invalid_scope\"}") << QByteArray()
            << QByteArray() << Result::Transient << 0;
}

void tst_Refreshers::scriptedAnswers()
{
    QFETCH(Kind, kind);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, headerName);
    QFETCH(QByteArray, headerValue);
    QFETCH(Result, result);
    QFETCH(int, retryAfter);

    QList<QPair<QByteArray, QByteArray>> headers;
    if (!headerName.isEmpty())
        headers.append({headerName, headerValue});
    server->scriptRefreshResponses({demoResponse(status, body, headers)});
    auto refresher = makeRefresher(kind);
    JwtRefreshJob refresh(JwtRefreshJob::Kind::Refresh);
    refresh.setRefreshToken("SECRET-refresh");
    if (body.size() > 64 * 1024)
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("exceeds 65536 bytes")));
    QVERIFY(run(refresher.get(), &refresh));
    QCOMPARE(refresh.result(), result);
    QCOMPARE(refresh.retryAfter(), std::chrono::seconds(retryAfter));
    if (result == Result::Succeeded) {
        QCOMPARE(refresh.accessToken(), QByteArray("abc.def.ghi"));
        QCOMPARE(refresh.expiresInSeconds(), 60);
        QVERIFY(refresh.rotatedRefreshToken().isEmpty()); // not rotated: keep the old one
    } else {
        QVERIFY(refresh.accessToken().isEmpty());
        QVERIFY(!refresh.errorString().isEmpty());
        QVERIFY2(!refresh.errorString().contains(QLatin1String("SECRET")),
                 qPrintable(refresh.errorString()));
    }
    // Exactly one call: a redirect or an error is never retried or followed by the refresher.
    QCOMPARE(server->refreshCalls(), 1);
    QCOMPARE(server->requests().size(), 1);
    QCOMPARE(manager->created, 1);
}

void tst_Refreshers::serverDate_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::newRow("cookie") << Kind::Cookie;
    QTest::newRow("oauth2") << Kind::OAuth2;
}

void tst_Refreshers::serverDate()
{
    QFETCH(Kind, kind);
    server->scriptRefreshResponses({demoResponse(
            200, "{\"access_token\":\"abc\",\"token_type\":\"Bearer\",\"expires_in\":60}",
            {{"Date", "Wed, 21 Oct 2015 07:28:00 GMT"}})});
    auto refresher = makeRefresher(kind);
    JwtRefreshJob refresh(JwtRefreshJob::Kind::Refresh);
    refresh.setRefreshToken("rt");
    QVERIFY(run(refresher.get(), &refresh));
    QCOMPARE(refresh.result(), Result::Succeeded);
    QCOMPARE(refresh.serverDate(),
             QDateTime::fromString(QStringLiteral("2015-10-21T07:28:00Z"), Qt::ISODate));
}

void tst_Refreshers::wrongPassword_data()
{
    serverDate_data();
}

// A wrong password is the user's mistake, said as such; nothing is kept.
void tst_Refreshers::wrongPassword()
{
    QFETCH(Kind, kind);
    auto refresher = makeRefresher(kind);
    JwtRefreshJob signIn(JwtRefreshJob::Kind::SignIn);
    signIn.setCredentials(QStringLiteral("alice"), QStringLiteral("SECRET-wrong"));
    QVERIFY(run(refresher.get(), &signIn));
    QCOMPARE(signIn.result(), Result::Rejected);
    QCOMPARE(signIn.errorString(), QStringLiteral("The user name or password is incorrect."));
    QVERIFY(signIn.accessToken().isEmpty());
    QVERIFY(signIn.rotatedRefreshToken().isEmpty());
    const QString endpoint =
            kind == Kind::Cookie ? QStringLiteral("/auth/login") : QStringLiteral("/oauth/token");
    QCOMPARE(server->count(endpoint), 1);
    QCOMPARE(server->authority()->counters().logins, 0); // only successful ones count
}

void tst_Refreshers::revokedCredential_data()
{
    serverDate_data();
}

// A credential the server revoked is Rejected with the server's own status, and the message
// names neither it nor the tokens issued before.
void tst_Refreshers::revokedCredential()
{
    QFETCH(Kind, kind);
    auto refresher = makeRefresher(kind);
    JwtRefreshJob signIn(JwtRefreshJob::Kind::SignIn);
    signIn.setCredentials(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QVERIFY(run(refresher.get(), &signIn));
    const QByteArray credential = signIn.rotatedRefreshToken();
    QVERIFY(!credential.isEmpty());
    server->authority()->revokeAllRefreshTokens();

    JwtRefreshJob refresh(JwtRefreshJob::Kind::Refresh);
    refresh.setRefreshToken(credential);
    QVERIFY(run(refresher.get(), &refresh));
    QCOMPARE(refresh.result(), Result::Rejected);
    QVERIFY(refresh.accessToken().isEmpty());
    QVERIFY(!refresh.errorString().isEmpty());
    QVERIFY(!leaksSecret(refresh, {credential, signIn.accessToken()}));
    QCOMPARE(server->refreshCalls(), 1);
    // RFC 6749 §5.2 answers invalid_grant with 400; the cookie flow's endpoint says 401.
    const QList<JwtRecordedRequest> calls =
            requestsTo(kind == Kind::Cookie ? QStringLiteral("/auth/refresh")
                                            : QStringLiteral("/oauth/token"));
    QCOMPARE(calls.last().status, kind == Kind::Cookie ? 401 : 400);
}

void tst_Refreshers::noCredentialNoCall_data()
{
    serverDate_data();
}

void tst_Refreshers::noCredentialNoCall()
{
    QFETCH(Kind, kind);
    auto refresher = makeRefresher(kind);
    JwtRefreshJob refresh(JwtRefreshJob::Kind::Refresh);
    QVERIFY(run(refresher.get(), &refresh));
    QCOMPARE(refresh.result(), Result::Rejected);
    QVERIFY(!refresh.errorString().isEmpty());
    QCOMPARE(manager->created, 0);
    QCOMPARE(server->connectionsAccepted(), 0);
}

void tst_Refreshers::cancelWhileDelayed_data()
{
    serverDate_data();
}

void tst_Refreshers::cancelWhileDelayed()
{
    QFETCH(Kind, kind);
    server->setRefreshDelay(3s);
    auto refresher = makeRefresher(kind);
    QSignalSpy managerFinished(manager, &QNetworkAccessManager::finished);
    QSignalSpy arrived(server.get(), &JwtTestServer::refreshCallReceived);
    auto *refresh = new JwtRefreshJob(JwtRefreshJob::Kind::Refresh);
    refresh->setRefreshToken("SECRET-refresh");
    QSignalSpy finished(refresh, &JwtRefreshJob::finished);
    refresher->refresh(refresh);
    QVERIFY(arrived.wait(5000));
    QVERIFY(!refresh->isFinished());

    refresh->cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(refresh->result(), Result::Canceled);
    // The reply was aborted at once, not left to finish on its own, and is deleted.
    QCOMPARE(manager->replies.size(), 1);
    QPointer<QNetworkReply> reply = manager->replies.first();
    QVERIFY(reply);
    QVERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
    // The manager's own finished() still fires: only the refresher's connections were cut.
    QCOMPARE(managerFinished.size(), 1);
    QTRY_VERIFY(!reply);

    // The session may delete the job right away; nothing may touch it afterwards.
    delete refresh;
}

void tst_Refreshers::jobDeletedWhileInFlight()
{
    server->setRefreshDelay(3s);
    auto refresher = makeRefresher(Kind::OAuth2);
    QSignalSpy managerFinished(manager, &QNetworkAccessManager::finished);
    QSignalSpy arrived(server.get(), &JwtTestServer::refreshCallReceived);
    auto *refresh = new JwtRefreshJob(JwtRefreshJob::Kind::Refresh);
    refresh->setRefreshToken("rt");
    refresher->refresh(refresh);
    QVERIFY(arrived.wait(5000));
    QPointer<QNetworkReply> reply = manager->replies.value(0);
    QVERIFY(reply);
    delete refresh;
    QVERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
    QCOMPARE(managerFinished.size(), 1);
    QTRY_VERIFY(!reply);
}

void tst_Refreshers::rotationWithControlCharactersIsMalformed_data()
{
    QTest::addColumn<QByteArray>("rotated");
    QTest::newRow("CR LF") << QByteArray("abc\r\nX-Injected: 1");
    QTest::newRow("CR") << QByteArray("abc\rX-Injected: 1");
    QTest::newRow("NUL") << QByteArray("abc\0def", 7);
    QTest::newRow("DEL") << QByteArray("abc\x7f");
}

// Whoever completes the job (a refresher of the application, a refreshRequested() slot), a
// rotated refresh credential with control characters makes the answer Malformed: never stored.
void tst_Refreshers::rotationWithControlCharactersIsMalformed()
{
    QFETCH(QByteArray, rotated);
    JwtRefreshJob job(JwtRefreshJob::Kind::Refresh);
    QSignalSpy finished(&job, &JwtRefreshJob::finished);
    job.succeed("fresh.access.token", 300, rotated);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job.result(), Result::Malformed);
    QVERIFY(job.rotatedRefreshToken().isEmpty());
    QVERIFY(job.accessToken().isEmpty());
    QVERIFY(!leaksSecret(job, {rotated}));

    JwtSession session;
    connect(&session, &JwtSession::refreshRequested, this,
            [&](JwtRefreshJob *job) { job->succeed("fresh.access.token", 300, rotated); });
    QVERIFY(session.setTokens("old.access.token", "good.refresh"));
    QSignalSpy failed(&session, &JwtSession::refreshFailed);
    QSignalSpy changed(&session, &JwtSession::tokensChanged);
    session.refresh();
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.first().at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Malformed);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(session.refreshToken(), QByteArray("good.refresh"));
    QVERIFY(session.isSignedIn());
}

QTEST_GUILESS_MAIN(tst_Refreshers)
#include "tst_refreshers.moc"
