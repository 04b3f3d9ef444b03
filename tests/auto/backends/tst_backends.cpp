// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtbackendshapes.h"
#include "jwtsessionfixture.h"
#include "jwttestserver.h"

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtjsonrefresher.h>
#include <JwtSession/jwtsession.h>
#include <JwtSession/jwttokenstore.h>

#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>
#include <vector>

// The servers people run, as their documentation describes them (JwtBackendShape), with the
// refresher the README's "Your server" table gives and nothing configured but URLs (and the
// user field ASP.NET calls "email"): sign-in, 200 concurrent requests with an expired token,
// rotation, a refused refresh. Asserted on what the server saw.
class tst_Backends : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void signIn_data() { shapes(); }
    void signIn();
    void storm_data() { shapes(); }
    void storm();
    void rejectedRefresh_data() { shapes(); }
    void rejectedRefresh();
    void expressRestoredSendsTheDetectedCookie();
    void ambiguousCookiesAreNamed();
    void cookieForAnotherPathIsNamed();

private:
    void shapes();
    bool setUpShape();
    bool signInNow();
    std::vector<QNetworkReply *> getMany(int count);

    std::unique_ptr<JwtTestServer> server;
    std::unique_ptr<JwtBackendShape> shape;
    std::unique_ptr<JwtRefresher> refresher;
    std::unique_ptr<JwtSession> session;
    std::unique_ptr<JwtAccessManager> manager;
};

void tst_Backends::shapes()
{
    QTest::addColumn<JwtBackendShape::Kind>("kind");
    for (auto kind :
         {JwtBackendShape::Kind::ExpressCookie, JwtBackendShape::Kind::SimpleJwt,
          JwtBackendShape::Kind::SimpleJwtRotating, JwtBackendShape::Kind::AspNetIdentity})
        QTest::newRow(qPrintable(JwtBackendShape::name(kind))) << kind;
}

void tst_Backends::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".")));
}

void tst_Backends::cleanup()
{
    manager.reset();
    session.reset();
    refresher.reset();
    shape.reset();
    server.reset();
}

bool tst_Backends::setUpShape()
{
    QFETCH(JwtBackendShape::Kind, kind);
    server = std::make_unique<JwtTestServer>();
    if (!server->listen())
        return false;
    shape = std::make_unique<JwtBackendShape>(kind, server.get());
    if (kind == JwtBackendShape::Kind::ExpressCookie) {
        // Nothing but the URLs: {"accessToken"} and the HttpOnly cookie rt, Path=/auth.
        auto cookie = std::make_unique<JwtCookieRefresher>();
        cookie->setLoginUrl(shape->loginUrl());
        cookie->setRefreshUrl(shape->refreshUrl());
        refresher = std::move(cookie);
    } else {
        auto json = std::make_unique<JwtJsonRefresher>();
        json->setLoginUrl(shape->loginUrl());
        json->setRefreshUrl(shape->refreshUrl());
        json->setUsernameField(shape->userField());
        refresher = std::move(json);
    }
    session = std::make_unique<JwtSession>();
    session->setRefresher(refresher.get());
    session->addAuthorizedOrigin(server->url());
    manager = std::make_unique<JwtAccessManager>(session.get());
    return true;
}

bool tst_Backends::signInNow()
{
    QSignalSpy succeeded(session.get(), &JwtSession::signInSucceeded);
    QSignalSpy failed(session.get(), &JwtSession::signInFailed);
    session->signIn(shape->user(), shape->password());
    if (!QTest::qWaitFor([&] { return !succeeded.isEmpty() || !failed.isEmpty(); }, 10000))
        return false;
    if (!failed.isEmpty())
        qWarning("sign-in failed: %s", qPrintable(failed.first().at(1).toString()));
    return succeeded.count() == 1;
}

std::vector<QNetworkReply *> tst_Backends::getMany(int count)
{
    std::vector<QNetworkReply *> replies;
    for (int i = 0; i < count; ++i)
        replies.push_back(manager->get(QNetworkRequest(shape->apiUrl())));
    return replies;
}

void tst_Backends::signIn()
{
    QVERIFY(setUpShape());
    QVERIFY(signInNow());
    QCOMPARE(shape->counters().logins, 1);
    QCOMPARE(session->state(), JwtSession::State::Active);
    QVERIFY(!session->refreshToken().isEmpty());
    QVERIFY(session->refreshToken().endsWith(shape->lastRefreshToken()));
    // The lifetime came from the answer (expiresIn) or the JWT's exp: a refresh is scheduled.
    QVERIFY(session->accessTokenExpiresAt().isValid());

    const auto replies = getMany(1);
    QVERIFY(waitAll(replies));
    QCOMPARE(replies.front()->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(shape->counters().accessGranted, 1);
    QCOMPARE(shape->counters().refreshCalls, 0);
    qDeleteAll(replies);
}

void tst_Backends::storm()
{
    QVERIFY(setUpShape());
    QVERIFY(signInNow());
    const QByteArray before = session->refreshToken();
    QSignalSpy tokensChanged(session.get(), &JwtSession::tokensChanged);
    shape->expireAccessTokensNow();

    constexpr int Requests = 200;
    const auto replies = getMany(Requests);
    QVERIFY(waitAll(replies, 60000));
    int succeeded = 0;
    for (QNetworkReply *reply : replies)
        succeeded += reply->error() == QNetworkReply::NoError
                && reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
    qDeleteAll(replies);
    QCOMPARE(succeeded, Requests);
    QCOMPARE(shape->counters().refreshCalls, 1);
    QCOMPARE(shape->counters().reuseTrips, 0);
    QCOMPARE(shape->counters().refreshesRejected, 0);
    QCOMPARE(tokensChanged.count(), 1);

    // Rotation: the session holds the new credential; without rotation, the old one.
    QFETCH(JwtBackendShape::Kind, kind);
    QVERIFY(session->refreshToken().endsWith(shape->lastRefreshToken()));
    QCOMPARE(session->refreshToken() != before, kind != JwtBackendShape::Kind::SimpleJwt);
}

void tst_Backends::rejectedRefresh()
{
    QVERIFY(setUpShape());
    QVERIFY(signInNow());
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);
    shape->revokeRefreshTokens();
    shape->expireAccessTokensNow();
    const auto replies = getMany(3);
    QVERIFY(waitAll(replies));
    for (QNetworkReply *reply : replies)
        QCOMPARE(reply->error(), QNetworkReply::AuthenticationRequiredError);
    qDeleteAll(replies);
    QCOMPARE(expired.count(), 1);
    QCOMPARE(shape->counters().refreshCalls, 1);
    QCOMPARE(shape->counters().refreshesRejected, 1);
    QCOMPARE(session->state(), JwtSession::State::Expired);
    QVERIFY(session->refreshToken().isEmpty());
}

namespace {

class OneCredentialStore : public JwtTokenStore
{
public:
    QByteArray stored;

protected:
    void loadCredential() override { completeLoad(stored); }
    void saveCredential(const QByteArray &credential) override
    {
        stored = credential;
        completeSave();
    }
    void removeCredential() override
    {
        stored.clear();
        completeRemove();
    }
};

} // namespace

void tst_Backends::expressRestoredSendsTheDetectedCookie()
{
    // The cookie's name was detected ("rt"): a restored session sends the same cookie.
    server = std::make_unique<JwtTestServer>();
    QVERIFY(server->listen());
    shape = std::make_unique<JwtBackendShape>(JwtBackendShape::Kind::ExpressCookie, server.get());
    const auto makeSession = [this] {
        manager.reset();
        session.reset();
        auto cookie = std::make_unique<JwtCookieRefresher>();
        cookie->setLoginUrl(shape->loginUrl());
        cookie->setRefreshUrl(shape->refreshUrl());
        refresher = std::move(cookie);
        session = std::make_unique<JwtSession>();
        session->setRefresher(refresher.get());
        session->addAuthorizedOrigin(server->url());
        manager = std::make_unique<JwtAccessManager>(session.get());
    };
    makeSession();
    QVERIFY(signInNow());
    QCOMPARE(session->refreshToken(), "rt=" + shape->lastRefreshToken());

    makeSession(); // another run of the application
    OneCredentialStore store;
    store.stored = "rt=" + shape->lastRefreshToken();
    session->setTokenStore(&store);
    QSignalSpy restored(session.get(), &JwtSession::restored);
    session->restore();
    QTRY_COMPARE(restored.count(), 1);
    const auto replies = getMany(1);
    QVERIFY(waitAll(replies));
    QCOMPARE(replies.front()->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    qDeleteAll(replies);
    QCOMPARE(shape->counters().refreshCalls, 1);
    QCOMPARE(shape->counters().refreshesRejected, 0);
    QCOMPARE(server->requests().last().path, shape->apiUrl().path());
    // The rotated cookie is stored under its name again.
    QTRY_COMPARE(store.stored, "rt=" + shape->lastRefreshToken());
    session->setTokenStore(nullptr);
}

void tst_Backends::ambiguousCookiesAreNamed()
{
    server = std::make_unique<JwtTestServer>();
    QVERIFY(server->listen());
    server->setPublicRouteHandler(QStringLiteral("/auth/signin"), [](const JwtDemoRequest &) {
        JwtDemoResponse response;
        response.setHeader("Content-Type", "application/json");
        response.body = R"({"accessToken":"abc"})";
        response.headers.append(
                qMakePair(QByteArray("Set-Cookie"), QByteArray("sid=SECRET1; HttpOnly; Path=/")));
        response.headers.append(qMakePair(QByteArray("Set-Cookie"),
                                          QByteArray("device=SECRET2; HttpOnly; Path=/auth")));
        return response;
    });
    JwtCookieRefresher cookie;
    cookie.setLoginUrl(server->url(QStringLiteral("/auth/signin")));
    cookie.setRefreshUrl(server->url(QStringLiteral("/auth/renew")));
    session = std::make_unique<JwtSession>();
    session->setRefresher(&cookie);
    QSignalSpy failed(session.get(), &JwtSession::signInFailed);
    session->signIn(QStringLiteral("alice"), QStringLiteral("pw"));
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Malformed);
    const QString message = failed.first().at(1).toString();
    QVERIFY2(message.contains(QLatin1String("(sid, device)"))
                     || message.contains(QLatin1String("(device, sid)")),
             qPrintable(message));
    QVERIFY(message.contains(QLatin1String("Set cookieName")));
    QVERIFY(!message.contains(QLatin1String("SECRET")));
    QVERIFY(!session->isSignedIn());

    // Named, it works.
    cookie.setCookieName("device");
    QSignalSpy succeeded(session.get(), &JwtSession::signInSucceeded);
    session->signIn(QStringLiteral("alice"), QStringLiteral("pw"));
    QVERIFY(succeeded.wait(10000));
    QCOMPARE(session->refreshToken(), QByteArray("SECRET2"));
    session.reset();
}

void tst_Backends::cookieForAnotherPathIsNamed()
{
    // The cookie's Path does not cover the refresh URL: the warning says what was set, and
    // where the refresh URL is, never a value.
    server = std::make_unique<JwtTestServer>();
    QVERIFY(server->listen());
    server->setPublicRouteHandler(QStringLiteral("/auth/login"), [](const JwtDemoRequest &) {
        JwtDemoResponse response;
        response.setHeader("Content-Type", "application/json");
        response.body = R"({"accessToken":"abc"})";
        response.setHeader("Set-Cookie", "rt=SECRET1; HttpOnly; Path=/api/auth");
        return response;
    });
    JwtCookieRefresher cookie;
    cookie.setLoginUrl(server->url(QStringLiteral("/auth/login")));
    cookie.setRefreshUrl(server->url(QStringLiteral("/auth/refresh-token")));
    session = std::make_unique<JwtSession>();
    session->setRefresher(&cookie);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral(
                                 "no refresh cookie for the refresh URL .*/auth/refresh-token: "
                                 "looked for any cookie; the answer set cookies: rt\\. Set "
                                 "cookieName")));
    QSignalSpy succeeded(session.get(), &JwtSession::signInSucceeded);
    session->signIn(QStringLiteral("alice"), QStringLiteral("pw"));
    QVERIFY(succeeded.wait(10000));
    QVERIFY(session->refreshToken().isEmpty());
    session.reset();
}

QTEST_GUILESS_MAIN(tst_Backends)
#include "tst_backends.moc"
