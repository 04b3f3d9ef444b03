// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtbackendshapes.h"
#include "jwtrefreshresponse_p.h"
#include "jwtsessionfixture.h"
#include "jwttestserver.h"

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtjsonrefresher.h>
#include <JwtSession/jwtsession.h>
#include <JwtSession/jwttokenstore.h>

#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

namespace {

// Remembers every credential saved, in order, and loads the last one.
class RecordingStore : public JwtTokenStore
{
public:
    QByteArrayList saves;
    QByteArray stored;
    int removes = 0;

protected:
    void loadCredential() override { completeLoad(stored); }
    void saveCredential(const QByteArray &credential) override
    {
        saves.append(credential);
        stored = credential;
        completeSave();
    }
    void removeCredential() override
    {
        ++removes;
        stored.clear();
        completeRemove();
    }
};

QByteArray rawJson(int status, const QByteArray &reason, const QByteArray &body,
                   const QByteArray &extraHeaders = {})
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
            + "\r\nContent-Type: application/json\r\n" + extraHeaders
            + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

// JwtJsonRefresher against the SimpleJWT and ASP.NET Core Identity shapes: the JSON sign-in,
// rotation reaching the token store before anything is replayed, a restored session, and how
// each kind of answer ends a refresh.
class tst_JsonRefresher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup();
    void signInFieldNames();
    void rotationPersisted();
    void restoredSessionSendsTheConfiguredField();
    void restoredSessionSendsTheFieldItWasIssuedUnder();
    void rejected();
    void failures_data();
    void failures();
    void classification_data();
    void classification();
    void defaults();

private:
    void setUp(JwtBackendShape::Kind kind);
    bool signIn();
    QNetworkReply *get() { return manager->get(QNetworkRequest(shape->apiUrl())); }

    std::unique_ptr<JwtTestServer> server;
    std::unique_ptr<JwtBackendShape> shape;
    std::unique_ptr<JwtJsonRefresher> refresher;
    std::unique_ptr<JwtSession> session;
    std::unique_ptr<JwtAccessManager> manager;
};

void tst_JsonRefresher::cleanup()
{
    manager.reset();
    session.reset();
    refresher.reset();
    shape.reset();
    server.reset();
}

// Without refreshTokenRequestField, the stored credential carries the name the server gave the
// token ("refresh" for SimpleJWT): another run sends it under that name, not "refresh_token"
// (which SimpleJWT would answer with 400 and a JSON body: Rejected, the user signed out).
void tst_JsonRefresher::restoredSessionSendsTheFieldItWasIssuedUnder()
{
    setUp(JwtBackendShape::Kind::SimpleJwtRotating);
    QVERIFY(signIn());
    const QByteArray remembered = session->refreshToken();
    QVERIFY2(remembered.startsWith("refresh="), "the field's name travels with the credential");

    manager.reset();
    session.reset();
    refresher = std::make_unique<JwtJsonRefresher>();
    refresher->setRefreshUrl(shape->refreshUrl());
    session = std::make_unique<JwtSession>();
    session->setRefresher(refresher.get());
    session->addAuthorizedOrigin(server->url());
    manager = std::make_unique<JwtAccessManager>(session.get());
    RecordingStore store;
    store.stored = remembered;
    session->setTokenStore(&store);
    QSignalSpy restored(session.get(), &JwtSession::restored);
    session->restore();
    QTRY_COMPARE(restored.count(), 1);
    QVERIFY(restored.first().at(0).toBool());
    std::unique_ptr<QNetworkReply> reply(get());
    QVERIFY(waitAll({reply.get()}));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(shape->counters().refreshCalls, 1);
    QCOMPARE(shape->counters().refreshesRejected, 0);
    // The rotated token is kept the same way, and the next run would send it so too.
    QVERIFY(session->refreshToken().startsWith("refresh="));
    QVERIFY(session->refreshToken() != remembered);
    session->setTokenStore(nullptr);
}

void tst_JsonRefresher::setUp(JwtBackendShape::Kind kind)
{
    server = std::make_unique<JwtTestServer>();
    QVERIFY(server->listen());
    shape = std::make_unique<JwtBackendShape>(kind, server.get());
    refresher = std::make_unique<JwtJsonRefresher>();
    refresher->setLoginUrl(shape->loginUrl());
    refresher->setRefreshUrl(shape->refreshUrl());
    refresher->setUsernameField(shape->userField());
    session = std::make_unique<JwtSession>();
    session->setRefresher(refresher.get());
    session->setMaxRefreshAttempts(1);
    session->addAuthorizedOrigin(server->url());
    manager = std::make_unique<JwtAccessManager>(session.get());
}

bool tst_JsonRefresher::signIn()
{
    QSignalSpy succeeded(session.get(), &JwtSession::signInSucceeded);
    session->signIn(shape->user(), shape->password());
    return succeeded.wait(10000) && succeeded.count() == 1;
}

void tst_JsonRefresher::signInFieldNames()
{
    setUp(JwtBackendShape::Kind::AspNetIdentity);
    // ASP.NET Core Identity wants "email": with the default "username" it refuses the sign-in.
    refresher->setUsernameField(QStringLiteral("username"));
    QSignalSpy failed(session.get(), &JwtSession::signInFailed);
    session->signIn(shape->user(), shape->password());
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Rejected);
    QCOMPARE(failed.first().at(1).toString(),
             QStringLiteral("The user name or password is incorrect."));
    QCOMPARE(shape->counters().loginsRefused, 1);

    refresher->setUsernameField(QStringLiteral("email"));
    QVERIFY(signIn());
    QCOMPARE(shape->counters().logins, 1);
    // Stored with the name ASP.NET gave it, for a restored session (no request field is set).
    QCOMPARE(session->refreshToken(), "refreshToken=" + shape->lastRefreshToken());

    // SimpleJWT says which field is missing (400); the message names the fields sent.
    cleanup();
    setUp(JwtBackendShape::Kind::SimpleJwt);
    refresher->setUsernameField(QStringLiteral("email"));
    QSignalSpy refused(session.get(), &JwtSession::signInFailed);
    session->signIn(shape->user(), QStringLiteral("SECRETpassword"));
    QVERIFY(refused.wait(10000));
    const QString message = refused.first().at(1).toString();
    QVERIFY2(message.contains(QLatin1String("email and password")), qPrintable(message));
    QVERIFY(message.contains(QLatin1String("usernameField")));
    QVERIFY(!message.contains(QLatin1String("SECRET")));
}

void tst_JsonRefresher::rotationPersisted()
{
    setUp(JwtBackendShape::Kind::SimpleJwtRotating);
    RecordingStore store;
    session->setTokenStore(&store);
    session->setRememberMe(true);
    QVERIFY(signIn());
    QTRY_COMPARE(store.saves.size(), 1);
    QCOMPARE(store.saves.last(), "refresh=" + shape->lastRefreshToken());

    shape->expireAccessTokensNow();
    std::unique_ptr<QNetworkReply> reply(get());
    int savedWhenReplayed = -1;
    connect(reply.get(), &QNetworkReply::finished, this,
            [&] { savedWhenReplayed = int(store.saves.size()); });
    QVERIFY(waitAll({reply.get()}));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(shape->counters().refreshCalls, 1);
    // The rotated token reached the store before the request was replayed, and the old one
    // (blacklisted by the server) is not held any more.
    QCOMPARE(savedWhenReplayed, 2);
    QCOMPARE(store.saves.last(), "refresh=" + shape->lastRefreshToken());
    QCOMPARE(session->refreshToken(), "refresh=" + shape->lastRefreshToken());
    QVERIFY(store.saves.first() != store.saves.last());

    // A second round presents the rotated token, never the blacklisted one.
    shape->expireAccessTokensNow();
    reply.reset(get());
    QVERIFY(waitAll({reply.get()}));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(shape->counters().refreshCalls, 2);
    QCOMPARE(shape->counters().reuseTrips, 0);
    QCOMPARE(store.saves.size(), 3);
}

void tst_JsonRefresher::restoredSessionSendsTheConfiguredField()
{
    setUp(JwtBackendShape::Kind::AspNetIdentity);
    QVERIFY(signIn());
    const QByteArray remembered = session->refreshToken();

    // Another run: nothing but the stored credential, and the field set as the README says.
    manager.reset();
    session.reset();
    refresher = std::make_unique<JwtJsonRefresher>();
    refresher->setRefreshUrl(shape->refreshUrl());
    refresher->setRefreshTokenRequestField(QStringLiteral("refreshToken"));
    session = std::make_unique<JwtSession>();
    session->setRefresher(refresher.get());
    session->addAuthorizedOrigin(server->url());
    manager = std::make_unique<JwtAccessManager>(session.get());
    RecordingStore store;
    store.stored = remembered;
    session->setTokenStore(&store);
    QSignalSpy restored(session.get(), &JwtSession::restored);
    session->restore();
    QTRY_COMPARE(restored.count(), 1);
    QVERIFY(restored.first().at(0).toBool());
    std::unique_ptr<QNetworkReply> reply(get());
    QVERIFY(waitAll({reply.get()}));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(shape->counters().refreshCalls, 1);
    QCOMPARE(shape->counters().refreshesRejected, 0);
    // Opaque access tokens: the lifetime is the answer's expiresIn.
    QVERIFY(session->accessTokenExpiresAt().isValid());
    session->setTokenStore(nullptr);
}

void tst_JsonRefresher::rejected()
{
    setUp(JwtBackendShape::Kind::AspNetIdentity);
    QVERIFY(signIn());
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);
    QSignalSpy failed(session.get(), &JwtSession::refreshFailed);
    shape->revokeRefreshTokens();
    shape->expireAccessTokensNow();
    std::unique_ptr<QNetworkReply> first(get());
    std::unique_ptr<QNetworkReply> second(get());
    QVERIFY(waitAll({first.get(), second.get()}));
    QCOMPARE(first->error(), QNetworkReply::AuthenticationRequiredError);
    QCOMPARE(second->error(), QNetworkReply::AuthenticationRequiredError);
    QCOMPARE(expired.count(), 1);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.first().at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Rejected);
    QCOMPARE(shape->counters().refreshCalls, 1);
    QCOMPARE(session->state(), JwtSession::State::Expired);
}

void tst_JsonRefresher::failures_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<JwtSession::FailureKind>("kind");
    QTest::addColumn<QString>("messageContains");
    QTest::newRow("200 without a token")
            << rawJson(200, "OK", R"({"user":"SECRETalice","expires":1})")
            << JwtSession::FailureKind::Malformed
            << QStringLiteral("looked for access_token, accessToken, token, access, jwt; it had "
                              "fields expires, user. Set accessTokenField.");
    QTest::newRow("200 with an unusable rotated token")
            << rawJson(200, "OK", R"({"access":"abc","refresh":"SECRET with spaces"})")
            << JwtSession::FailureKind::Malformed << QStringLiteral("refresh");
    QTest::newRow("503") << rawJson(503, "Service Unavailable", "{}")
                         << JwtSession::FailureKind::Transient << QStringLiteral("503");
    QTest::newRow("429") << rawJson(429, "Too Many Requests", "{}", "Retry-After: 1\r\n")
                         << JwtSession::FailureKind::Transient << QStringLiteral("429");
    QTest::newRow("404 HTML") << QByteArray("HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n"
                                            "Content-Length: 5\r\n\r\n<p/>\n")
                              << JwtSession::FailureKind::Transient << QStringLiteral("404");
}

void tst_JsonRefresher::failures()
{
    QFETCH(QByteArray, answer);
    setUp(JwtBackendShape::Kind::SimpleJwtRotating);
    QVERIFY(signIn());
    const QByteArray held = session->refreshToken();
    server->setRawResponse(shape->refreshUrl().path(), answer);
    QSignalSpy failed(session.get(), &JwtSession::refreshFailed);
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);
    session->refresh();
    QVERIFY(failed.wait(10000));
    QTEST(failed.first().at(0).value<JwtSession::FailureKind>(), "kind");
    const QString message = failed.first().at(1).toString();
    QFETCH(QString, messageContains);
    QVERIFY2(message.contains(messageContains), qPrintable(message));
    QVERIFY(!message.contains(QLatin1String("SECRET")));
    // Not signed out, and the credential is kept.
    QCOMPARE(expired.count(), 0);
    QCOMPARE(session->refreshToken(), held);
    QCOMPARE(server->count(shape->refreshUrl().path()), 1);
}

// The answers of JSON-body endpoints as documented, without a server.
void tst_JsonRefresher::classification_data()
{
    using R = JwtRefreshJob::Result;
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<JwtRefreshJob::Result>("result");
    QTest::addColumn<QByteArray>("refreshToken");
    QTest::newRow("SimpleJWT refresh")
            << 200 << QByteArray(R"({"access":"a.b.c"})") << R::Succeeded << QByteArray();
    QTest::newRow("SimpleJWT rotation") << 200 << QByteArray(R"({"access":"a.b.c","refresh":"r2"})")
                                        << R::Succeeded << QByteArray("r2");
    QTest::newRow("ASP.NET refresh")
            << 200
            << QByteArray(R"({"tokenType":"Bearer","accessToken":"CfDJ8x","expiresIn":3600,)"
                          R"("refreshToken":"CfDJ8r"})")
            << R::Succeeded << QByteArray("CfDJ8r");
    QTest::newRow("SimpleJWT blacklisted")
            << 401 << QByteArray(R"({"detail":"Token is blacklisted","code":"token_not_valid"})")
            << R::Rejected << QByteArray();
    QTest::newRow("SimpleJWT missing field")
            << 400 << QByteArray(R"({"refresh":["This field is required."]})") << R::Rejected
            << QByteArray();
    QTest::newRow("ASP.NET bad refresh token, empty 401")
            << 401 << QByteArray() << R::Rejected << QByteArray();
    QTest::newRow("403") << 403 << QByteArray("<html/>") << R::Rejected << QByteArray();
    QTest::newRow("400 from a proxy (HTML)")
            << 400 << QByteArray("<html/>") << R::Transient << QByteArray();
    QTest::newRow("429") << 429 << QByteArray() << R::Transient << QByteArray();
    QTest::newRow("502") << 502 << QByteArray("{}") << R::Transient << QByteArray();
    QTest::newRow("network") << 0 << QByteArray() << R::Transient << QByteArray();
    QTest::newRow("200 id_token only")
            << 200 << QByteArray(R"({"id_token":"a.b.c"})") << R::Malformed << QByteArray();
    QTest::newRow("200 not JSON") << 200 << QByteArray("ok") << R::Malformed << QByteArray();
}

void tst_JsonRefresher::classification()
{
    JwtRefreshResponse::Input input;
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    input.httpStatus = status;
    input.networkError =
            status == 0 ? QNetworkReply::ConnectionRefusedError : QNetworkReply::NoError;
    input.body = body;
    const JwtRefreshResponse response = JwtRefreshResponse::parseJsonEndpoint(input);
    QTEST(response.result, "result");
    QTEST(response.refreshToken, "refreshToken");
}

void tst_JsonRefresher::defaults()
{
    JwtJsonRefresher refresher;
    QCOMPARE(refresher.usernameField(), QStringLiteral("username"));
    QCOMPARE(refresher.passwordField(), QStringLiteral("password"));
    QVERIFY(refresher.accessTokenField().isEmpty());
    QVERIFY(refresher.refreshTokenField().isEmpty());
    QVERIFY(refresher.refreshTokenRequestField().isEmpty());
    QSignalSpy changed(&refresher, &JwtJsonRefresher::usernameFieldChanged);
    refresher.setUsernameField(QStringLiteral("email"));
    refresher.setUsernameField(QStringLiteral("email"));
    QCOMPARE(changed.count(), 1);
}

QTEST_GUILESS_MAIN(tst_JsonRefresher)
#include "tst_jsonrefresher.moc"
