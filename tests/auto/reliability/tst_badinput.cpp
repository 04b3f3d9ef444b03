// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// The bad-input catalogue: what a broken or hostile server can send, end to end through
// JwtSession and JwtAccessManager against JwtTestServer. Each row: a clear error (or the
// documented leniency), no crash, nothing in a header that should not be there, and the session
// in a sensible state that recovers once the server behaves again.

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtsession.h>

#include "jwtdemoauthority.h"
#include "jwtfaultproxy.h"
#include "jwtsessionfixture.h"

#include <QtNetwork/qnetworkcookie.h>
#include <QtNetwork/qnetworkcookiejar.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

using namespace std::chrono_literals;
using Headers = QList<QPair<QByteArray, QByteArray>>;

namespace {

// What a row expects of the request that needed the refresh.
enum class Outcome {
    Works, //!< the answer is usable (or its oddity is tolerated by design)
    Malformed, //!< 200 without a usable token: TemporaryNetworkFailureError, still signed in
    Transient, //!< server trouble: TemporaryNetworkFailureError, still signed in
    Rejected, //!< the credential was refused: AuthenticationRequiredError, session expired
    RefusedByServer, //!< the session took the token, the server refused it: HTTP 401
};

JwtDemoResponse answer(int status, const QByteArray &body,
                       const QByteArray &contentType = "application/json",
                       const Headers &extra = {})
{
    JwtDemoResponse response;
    response.status = status;
    if (!contentType.isEmpty())
        response.setHeader("Content-Type", contentType);
    response.headers += extra;
    response.body = body;
    return response;
}

// A JWT-shaped token the demo server never issued: valid RFC 6750 characters, unverifiable.
QByteArray unsignedJwt(const QByteArray &header, const QByteArray &payload)
{
    const auto encode = [](const QByteArray &json) {
        return json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    return encode(header) + '.' + encode(payload) + ".c2lnbmF0dXJl";
}

// Answers every request head that reaches \a server with \a answer (requests without body).
void answerEveryRequest(QTcpServer *server, const QByteArray &answer)
{
    QObject::connect(server, &QTcpServer::newConnection, server, [server, answer] {
        QTcpSocket *socket = server->nextPendingConnection();
        auto received = std::make_shared<QByteArray>();
        QObject::connect(socket, &QIODevice::readyRead, socket, [socket, received, answer] {
            *received += socket->readAll();
            for (qsizetype end; (end = received->indexOf("\r\n\r\n")) >= 0;) {
                received->remove(0, end + 4);
                socket->write(answer);
            }
        });
    });
}

bool hasControlCharacters(const QByteArray &bytes)
{
    return std::any_of(bytes.cbegin(), bytes.cend(),
                       [](char c) { return uchar(c) < 0x20 || uchar(c) == 0x7f; });
}

} // namespace

Q_DECLARE_METATYPE(Outcome)
Q_DECLARE_METATYPE(JwtDemoResponse)

class tst_BadInput : public QObject, private JwtSessionFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void refreshAnswers_data();
    void refreshAnswers();
    void cookieOddities_data();
    void cookieOddities();
    void malformedAccessTokens_data();
    void malformedAccessTokens();
    void locations_data();
    void locations();
    void earlyAnswerCutShort_data();
    void earlyAnswerCutShort();
    void headAnswerIsWhole();
    void bodilessStatusIsWhole_data();
    void bodilessStatusIsWhole();
    void decompressedAnswerIsWhole();

private:
    void useOAuth2();
    void verifyNoHeaderInjection();
    void verifyRecovers();

    std::unique_ptr<JwtOAuth2Refresher> oauth2Refresher;
};

void tst_BadInput::init()
{
    QVERIFY2(setUp(SignIn::No), qPrintable(errorString()));
}

void tst_BadInput::cleanup()
{
    tearDown();
    oauth2Refresher.reset();
}

void tst_BadInput::useOAuth2()
{
    oauth2Refresher = std::make_unique<JwtOAuth2Refresher>();
    oauth2Refresher->setTokenEndpoint(server->url(QStringLiteral("/oauth/token")));
    oauth2Refresher->setClientId(QStringLiteral("jwtsession-tests"));
    session->setRefresher(oauth2Refresher.get());
}

// DESIGN.md, security rules: nothing a server sends ever becomes a CR, LF or control character
// in a request header.
void tst_BadInput::verifyNoHeaderInjection()
{
    for (const JwtRecordedRequest &request : server->requests()) {
        QVERIFY2(!hasControlCharacters(request.authorization), request.path.toUtf8());
        QVERIFY2(!request.authorization.contains("Injected"), request.path.toUtf8());
    }
}

// Once the server behaves again, an explicit refresh and the next request succeed.
void tst_BadInput::verifyRecovers()
{
    server->scriptRefreshResponses({});
    QSignalSpy refreshed(session.get(), &JwtSession::refreshSucceeded);
    session->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, 10000);
    std::unique_ptr<QNetworkReply> next(get(QStringLiteral("/echo")));
    QTRY_VERIFY(next->isFinished());
    QCOMPARE(next->error(), QNetworkReply::NoError);
    QCOMPARE(session->state(), JwtSession::State::Active);
}

void tst_BadInput::refreshAnswers_data()
{
    QTest::addColumn<bool>("oauth2");
    QTest::addColumn<JwtDemoResponse>("response");
    QTest::addColumn<Outcome>("outcome");

    const QByteArray big = "{\"access_token\":\"" + QByteArray(200 * 1024, 'a') + "\"}";
    const QByteArray jwt =
            unsignedJwt(R"({"alg":"HS256"})", R"({"sub":"mallory","exp":4102444800})");
    const auto cookieRow = [](const char *name, const JwtDemoResponse &response, Outcome outcome) {
        QTest::newRow(name) << false << response << outcome;
    };
    const auto oauthRow = [](const char *name, const JwtDemoResponse &response, Outcome outcome) {
        QTest::newRow(name) << true << response << outcome;
    };

    cookieRow("HTML page", answer(200, "<html><body>maintenance</body></html>", "text/html"),
              Outcome::Malformed);
    cookieRow("empty body", answer(200, ""), Outcome::Malformed);
    cookieRow("whitespace body", answer(200, " \r\n\t "), Outcome::Malformed);
    cookieRow("huge body", answer(200, big), Outcome::Malformed);
    cookieRow("JSON array", answer(200, R"(["access_token","x"])"), Outcome::Malformed);
    cookieRow("truncated JSON", answer(200, R"({"access_token":"abc)"), Outcome::Malformed);
    cookieRow("invalid UTF-8", answer(200, "{\"access_token\":\"abc\",\"user\":\"\xff\xfe\"}"),
              Outcome::Malformed);
    cookieRow("no access_token", answer(200, R"({"expires_in":60})"), Outcome::Malformed);
    cookieRow("access_token null", answer(200, R"({"access_token":null})"), Outcome::Malformed);
    cookieRow("access_token empty", answer(200, R"({"access_token":""})"), Outcome::Malformed);
    cookieRow("access_token number", answer(200, R"({"access_token":42})"), Outcome::Malformed);
    cookieRow("access_token object", answer(200, R"({"access_token":{"t":"x"}})"),
              Outcome::Malformed);
    cookieRow("access_token with CR-LF",
              answer(200, R"({"access_token":"abc\r\nX-Injected: yes","expires_in":60})"),
              Outcome::Malformed);
    cookieRow("access_token with LF only", answer(200, R"({"access_token":"abc\nX-Injected: 1"})"),
              Outcome::Malformed);
    cookieRow("access_token with NUL", answer(200, R"({"access_token":"abc\u0000def"})"),
              Outcome::Malformed);
    cookieRow("access_token with TAB", answer(200, R"({"access_token":"abc\tdef"})"),
              Outcome::Malformed);
    cookieRow("access_token with space", answer(200, R"({"access_token":"abc def"})"),
              Outcome::Malformed);
    cookieRow("access_token non-ASCII", answer(200, R"({"access_token":"abcé"})"),
              Outcome::Malformed);
    cookieRow("access_token too long",
              answer(200, "{\"access_token\":\"" + QByteArray(20 * 1024, 'a') + "\"}"),
              Outcome::Malformed);
    cookieRow(
            "duplicate keys, one hostile",
            answer(200,
                   R"({"access_token":"abc\r\nX-Injected: 1","access_token":"abc\r\nX-Injected: 2"})"),
            Outcome::Malformed);
    // Leniencies by design: the server's 401 decides, so a strange lifetime or content type
    // must not cost the user a token that works. These tokens are not the authority's: the
    // replay is refused, and the session keeps working afterwards.
    cookieRow("expires_in negative",
              answer(200, "{\"access_token\":\"" + jwt + "\",\"expires_in\":-5}"),
              Outcome::RefusedByServer);
    cookieRow("expires_in huge",
              answer(200, "{\"access_token\":\"" + jwt + "\",\"expires_in\":1e300}"),
              Outcome::RefusedByServer);
    cookieRow("expires_in string",
              answer(200, "{\"access_token\":\"" + jwt + "\",\"expires_in\":\"soon\"}"),
              Outcome::RefusedByServer);
    cookieRow("JSON as text/plain", answer(200, "{\"access_token\":\"" + jwt + "\"}", "text/plain"),
              Outcome::RefusedByServer);
    cookieRow("no content type", answer(200, "{\"access_token\":\"" + jwt + "\"}", {}),
              Outcome::RefusedByServer);
    cookieRow("500", answer(500, "oops", "text/plain"), Outcome::Transient);
    cookieRow("503 with Retry-After", answer(503, "", "text/plain", {{"Retry-After", "1"}}),
              Outcome::Transient);
    cookieRow("429", answer(429, "slow down", "text/plain"), Outcome::Transient);
    cookieRow("302 to a login page", answer(302, "", "text/html", {{"Location", "/login.html"}}),
              Outcome::Transient);
    cookieRow("401 from the cookie endpoint", answer(401, R"({"error":"invalid_token"})"),
              Outcome::Rejected);
    cookieRow("403 from the cookie endpoint", answer(403, "forbidden", "text/plain"),
              Outcome::Rejected);

    oauthRow("OAuth 2: token_type mac",
             answer(200, R"({"access_token":"abc","token_type":"mac","expires_in":60})"),
             Outcome::Malformed);
    oauthRow("OAuth 2: token_type missing",
             answer(200, R"({"access_token":"abc","expires_in":60})"), Outcome::Malformed);
    oauthRow("OAuth 2: token_type number",
             answer(200, R"({"access_token":"abc","token_type":1,"expires_in":60})"),
             Outcome::Malformed);
    oauthRow("OAuth 2: refresh_token with a space",
             answer(200, R"({"access_token":"abc","token_type":"Bearer","refresh_token":"a b"})"),
             Outcome::Malformed);
    oauthRow("OAuth 2: token_type bearer, lower case",
             answer(200, "{\"access_token\":\"" + jwt + "\",\"token_type\":\"bearer\"}"),
             Outcome::RefusedByServer);
    oauthRow("OAuth 2: 400 invalid_grant", answer(400, R"({"error":"invalid_grant"})"),
             Outcome::Rejected);
    oauthRow("OAuth 2: 401 invalid_client", answer(401, R"({"error":"invalid_client"})"),
             Outcome::Rejected);
    oauthRow("OAuth 2: 400 HTML page", answer(400, "<html>bad request</html>", "text/html"),
             Outcome::Transient);
    oauthRow("OAuth 2: 400 invalid_request", answer(400, R"({"error":"invalid_request"})"),
             Outcome::Transient);
    oauthRow("OAuth 2: 400 error with control characters",
             answer(400, R"({"error":"invalid_grant\r\nX: y"})"), Outcome::Transient);
}

void tst_BadInput::refreshAnswers()
{
    QFETCH(bool, oauth2);
    QFETCH(JwtDemoResponse, response);
    QFETCH(Outcome, outcome);
    if (oauth2)
        useOAuth2();
    QVERIFY2(signIn(), qPrintable(errorString()));
    server->resetRecording();
    // Enough copies for every retry of one round.
    server->scriptRefreshResponses(QList<JwtDemoResponse>(8, response));
    server->authority()->expireAccessTokensNow();
    QSignalSpy failed(session.get(), &JwtSession::refreshFailed);
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);

    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/echo")));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
    QVERIFY(server->refreshCalls() >= 1);
    verifyNoHeaderInjection();

    switch (outcome) {
    case Outcome::Works:
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        break;
    case Outcome::Malformed:
    case Outcome::Transient: {
        QCOMPARE(reply->error(), QNetworkReply::TemporaryNetworkFailureError);
        QVERIFY(!reply->errorString().isEmpty());
        QVERIFY(failed.count() >= 1);
        const auto kind = outcome == Outcome::Malformed ? JwtSession::FailureKind::Malformed
                                                        : JwtSession::FailureKind::Transient;
        QCOMPARE(failed.first().first().value<JwtSession::FailureKind>(), kind);
        QCOMPARE(expired.count(), 0);
        QVERIFY(session->isSignedIn());
        QTRY_COMPARE(session->state(), JwtSession::State::Active);
        // While the session backs off, a new request may fail at once, but never inside get():
        // its caller could not see finished().
        std::unique_ptr<QNetworkReply> during(get(QStringLiteral("/echo")));
        QSignalSpy duringFinished(during.get(), &QNetworkReply::finished);
        QVERIFY(!during->isFinished());
        QTRY_COMPARE_WITH_TIMEOUT(duringFinished.count(), 1, 20000);
        break;
    }
    case Outcome::Rejected:
        QCOMPARE(reply->error(), QNetworkReply::AuthenticationRequiredError);
        QCOMPARE(expired.count(), 1);
        QCOMPARE(session->state(), JwtSession::State::Expired);
        QVERIFY(!session->isSignedIn());
        QCOMPARE(server->refreshCalls(), 1); // a rejection is never retried
        server->scriptRefreshResponses({});
        QVERIFY2(signIn(), qPrintable(errorString())); // a new sign-in brings the session back
        return;
    case Outcome::RefusedByServer:
        QCOMPARE(reply->error(), QNetworkReply::AuthenticationRequiredError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
        QCOMPARE(session->state(), JwtSession::State::Active);
        QVERIFY(session->isSignedIn());
        break;
    }
    verifyRecovers();
}

void tst_BadInput::cookieOddities_data()
{
    QTest::addColumn<QByteArray>("setCookie"); // on a good refresh answer; empty: none
    QTest::addColumn<bool>("dropCookie"); // start from a refresher that holds no cookie
    QTest::addColumn<bool>("usable"); // the answer is taken; else Malformed, the first fails
    QTest::addColumn<bool>("signedIn"); // after the second, real refresh; else a clean expiry

    QTest::newRow("missing cookie") << QByteArray() << true << true << true;
    QTest::newRow("cookie for another path")
            << QByteArray("refresh_token=elsewhere; HttpOnly; Path=/other") << false << true
            << true;
    QTest::newRow("cookie for another domain")
            << QByteArray("refresh_token=stolen; HttpOnly; Path=/auth; Domain=evil.example")
            << false << true << true;
    QTest::newRow("empty value") << QByteArray("refresh_token=; HttpOnly; Path=/auth") << false
                                 << true << true;
    QTest::newRow("huge value") << QByteArray("refresh_token=" + QByteArray(8 * 1024, 'h')
                                              + "; HttpOnly; Path=/auth")
                                << false << true << false; // unknown to the server: expiry
    // A value that cannot be sent back makes the answer unusable; the cookie held stays.
    QTest::newRow("value with control characters")
            << QByteArray("refresh_token=ab\x01\x7f; HttpOnly; Path=/auth") << false << false
            << true;
    QTest::newRow("value with a space")
            << QByteArray("refresh_token=ab cd; HttpOnly; Path=/auth") << false << false << true;
    QTest::newRow("already expired")
            << QByteArray("refresh_token=gone; HttpOnly; Path=/auth; Max-Age=0") << false << true
            << true;
    QTest::newRow("garbage attributes")
            << QByteArray("refresh_token; ;;=;Path") << false << true << true;
}

// The cookie flow must survive whatever the jar ends up holding: the second, real refresh
// either works or expires the session cleanly. It never leaves the session stuck.
void tst_BadInput::cookieOddities()
{
    QFETCH(QByteArray, setCookie);
    QFETCH(bool, dropCookie);
    QFETCH(bool, usable);
    QFETCH(bool, signedIn);
    QVERIFY2(signIn(), qPrintable(errorString()));
    if (dropCookie) {
        // Like a new run: a refresher that holds no cookie, the session's credential.
        auto fresh = std::make_unique<JwtCookieRefresher>();
        fresh->setLoginUrl(refresher->loginUrl());
        fresh->setRefreshUrl(refresher->refreshUrl());
        session->setRefresher(fresh.get());
        refresher = std::move(fresh);
    }
    // The tokens issued so far expire; the scripted answer carries a fresh, valid one.
    server->authority()->expireAccessTokensNow();
    if (!setCookie.isEmpty()) {
        JwtDemoAuthority::Tokens fresh;
        QCOMPARE(server->authority()->login(QStringLiteral("alice"), QStringLiteral("wonderland"),
                                            &fresh),
                 JwtDemoAuthority::Outcome::Ok);
        server->scriptRefreshResponses(
                {answer(200, "{\"access_token\":\"" + fresh.accessToken + "\",\"expires_in\":60}",
                        "application/json", {{"Set-Cookie", setCookie}})});
    }
    server->resetRecording();
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);

    // First refresh: the odd answer (or the missing cookie).
    std::unique_ptr<QNetworkReply> first(get(QStringLiteral("/echo")));
    QTRY_VERIFY_WITH_TIMEOUT(first->isFinished(), 20000);
    // Second refresh, real, with whatever the jar holds now.
    server->authority()->expireAccessTokensNow();
    std::unique_ptr<QNetworkReply> second(get(QStringLiteral("/echo")));
    QTRY_VERIFY_WITH_TIMEOUT(second->isFinished(), 20000);
    verifyNoHeaderInjection();
    for (const JwtRecordedRequest &request : server->requests())
        QVERIFY2(!hasControlCharacters(request.cookie), request.path.toUtf8());

    if (signedIn) {
        QCOMPARE(first->error() == QNetworkReply::NoError, usable);
        QCOMPARE(second->error(), QNetworkReply::NoError);
        QCOMPARE(session->state(), JwtSession::State::Active);
        QVERIFY(session->isSignedIn());
        QCOMPARE(expired.count(), 0);
    } else {
        // The credential is refused: a clean expiry, once.
        QCOMPARE(second->error(), QNetworkReply::AuthenticationRequiredError);
        QCOMPARE(session->state(), JwtSession::State::Expired);
        QVERIFY(!session->isSignedIn());
        QCOMPARE(expired.count(), 1);
    }
    server->scriptRefreshResponses({});
    QVERIFY2(signIn(), qPrintable(errorString()));
}

void tst_BadInput::malformedAccessTokens_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<bool>("accepted"); // setTokens() takes it (the server decides later)
    QTest::addColumn<int>("refused"); // 401 answers the server gave before the request worked

    QTest::newRow("not a JWT") << QByteArray("abc") << true << 1;
    QTest::newRow("two parts") << QByteArray("abc.def") << true << 1;
    QTest::newRow("empty parts") << QByteArray("..") << true << 1;
    QTest::newRow("payload not JSON")
            << QByteArray("eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln") << true << 1;
    QTest::newRow("alg none, exp in the past")
            << unsignedJwt(R"({"alg":"none"})", R"({"sub":"x","exp":1})") << true << 1;
    QTest::newRow("exp a string") << unsignedJwt(R"({"alg":"HS256"})", R"({"exp":"tomorrow"})")
                                  << true << 1;
    QTest::newRow("exp huge") << unsignedJwt(R"({"alg":"HS256"})", R"({"exp":1e308})") << true << 1;
    QTest::newRow("padding only") << QByteArray("===") << false << 0;
    QTest::newRow("CR-LF") << QByteArray("abc\r\nX-Injected: yes") << false << 0;
    QTest::newRow("space") << QByteArray("abc def") << false << 0;
    QTest::newRow("control character") << QByteArray("abc\x01") << false << 0;
    QTest::newRow("non-ASCII") << QByteArray("abc\xc3\xa9") << false << 0;
    // An empty access token with a refresh credential is a restored session: refresh first.
    QTest::newRow("empty, with the refresh credential") << QByteArray() << true << 0;
    QTest::newRow("too long") << QByteArray(64 * 1024, 'a') << false << 0;
}

// Malformed access tokens: the session never trusts its own decoding. A token it can put in a
// header goes out and the server decides (401, one refresh, replay); one it cannot is refused
// before it replaces a working token.
void tst_BadInput::malformedAccessTokens()
{
    QFETCH(QByteArray, token);
    QFETCH(bool, accepted);
    QFETCH(int, refused);
    QVERIFY2(signIn(), qPrintable(errorString()));
    const quint64 generation = session->tokenGeneration();
    const QByteArray refreshToken = session->refreshToken();
    QCOMPARE(session->setTokens(token, refreshToken), accepted);
    QCOMPARE(session->tokenGeneration() > generation, accepted);
    QCOMPARE(session->state(), JwtSession::State::Active);
    server->resetRecording();

    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/echo")));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(server->refreshCalls(), accepted ? 1 : 0);
    QCOMPARE(server->unauthorizedAnswers(), refused);
    verifyNoHeaderInjection();
    QCOMPARE(session->state(), JwtSession::State::Active);
    QVERIFY(session->isSignedIn());
}

void tst_BadInput::locations_data()
{
    QTest::addColumn<QByteArray>("location");
    QTest::addColumn<QNetworkReply::NetworkError>("error");
    QTest::addColumn<int>("status"); // of the answer the caller sees, when there is one

    QTest::newRow("empty") << QByteArray() << QNetworkReply::ProtocolUnknownError << 302;
    QTest::newRow("relative") << QByteArray("/public/echo") << QNetworkReply::NoError << 200;
    QTest::newRow("relative, dot segments")
            << QByteArray("../public/./echo") << QNetworkReply::NoError << 200;
    QTest::newRow("protocol-relative, another origin")
            << QByteArray("//localhost:%PORT%/public/echo") << QNetworkReply::NoError << 200;
    QTest::newRow("ftp") << QByteArray("ftp://127.0.0.1/file")
                         << QNetworkReply::ProtocolUnknownError << 302;
    QTest::newRow("file") << QByteArray("file:///etc/passwd") << QNetworkReply::ProtocolUnknownError
                          << 302;
    QTest::newRow("javascript") << QByteArray("javascript:alert(1)")
                                << QNetworkReply::ProtocolUnknownError << 302;
    QTest::newRow("data") << QByteArray("data:text/plain,hi") << QNetworkReply::ProtocolUnknownError
                          << 302;
    QTest::newRow("loop to itself")
            << QByteArray("/public/loop") << QNetworkReply::TooManyRedirectsError << 302;
}

// Redirects the library follows itself (DESIGN.md: it owns redirects of authorized requests):
// odd Location values end in a clear error or a followed hop; the token never leaves for an
// origin that is not authorized; the session is untouched.
void tst_BadInput::locations()
{
    QFETCH(QByteArray, location);
    QFETCH(QNetworkReply::NetworkError, error);
    QFETCH(int, status);
    QVERIFY2(signIn(), qPrintable(errorString()));
    location.replace("%PORT%", QByteArray::number(server->port()));
    const auto redirect = [location](const JwtDemoRequest &) {
        JwtDemoResponse response;
        response.status = 302;
        response.headers.append({"Location", location});
        return response;
    };
    server->setRouteHandler(QStringLiteral("/public/loc"), redirect);
    server->setRouteHandler(QStringLiteral("/public/loop"), redirect);
    server->resetRecording();

    const QString path = location == "/public/loop" ? QStringLiteral("/public/loop")
                                                    : QStringLiteral("/public/loc");
    std::unique_ptr<QNetworkReply> reply(get(path));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
    QCOMPARE(reply->error(), error);
    if (error == QNetworkReply::NoError || status != 302)
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), status);
    QVERIFY(waitForPostedEvents());
    QCOMPARE(finished.count(), 1);
    // The token went only to the authorized origin (127.0.0.1:port), never to localhost:port.
    const QByteArray otherHost = "localhost:" + QByteArray::number(server->port());
    QCOMPARE(server->authorizationsSeenByHost(otherHost), 0);
    QCOMPARE(session->state(), JwtSession::State::Active);
    QVERIFY(session->isSignedIn());
    QCOMPARE(server->refreshCalls(), 0);
}

QTEST_GUILESS_MAIN(tst_BadInput)
// A server that answers an upload as soon as it has the request head, while the client still
// writes the body, and goes away once the body is in: the way a server refuses an upload early,
// then dies. Qt 6.4 parses such an answer before it has marked the request as sent; when the
// connection then ends before the body its Content-Length announced is complete, Qt finishes
// the reply without error (and sends the request again). The caller gets the cut reported.
void tst_BadInput::earlyAnswerCutShort_data()
{
    QTest::addColumn<QByteArray>("head"); // the header lines after the status line
    QTest::addColumn<QByteArray>("body"); // as sent
    QTest::addColumn<bool>("reset"); // a reset (RST) instead of a clean close
    QTest::addColumn<QNetworkReply::NetworkError>("error");
    QTest::addColumn<QByteArray>("delivered"); // what the caller reads

    const QByteArray length100 = "Content-Length: 100\r\n";
    const QByteArray half(50, 'x');
    QTest::newRow("cut, then closed")
            << length100 << half << false << QNetworkReply::RemoteHostClosedError << half;
    QTest::newRow("cut, then reset")
            << length100 << half << true << QNetworkReply::RemoteHostClosedError << half;
    QTest::newRow("whole, then closed") << length100 << QByteArray(100, 'x') << false
                                        << QNetworkReply::NoError << QByteArray(100, 'x');
    // Transfer-Encoding wins over Content-Length (RFC 9112 §6.3): the last chunk ends the body.
    QTest::newRow("chunked, Content-Length lies")
            << "Transfer-Encoding: chunked\r\n" + length100 << "32\r\n" + half + "\r\n0\r\n\r\n"
            << false << QNetworkReply::NoError << half;
}

void tst_BadInput::earlyAnswerCutShort()
{
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, body);
    QFETCH(bool, reset);
    QFETCH(QNetworkReply::NetworkError, error);
    QFETCH(QByteArray, delivered);
    constexpr qsizetype UploadSize = 4 * 1024 * 1024; // still being written when the answer comes
    QVERIFY(signIn());

    QTcpServer early;
    QVERIFY(early.listen(QHostAddress::LocalHost));
    connect(&early, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *socket = early.nextPendingConnection();
        auto received = std::make_shared<QByteArray>();
        connect(socket, &QIODevice::readyRead, socket, [=] {
            const bool answered = received->contains("\r\n\r\n");
            *received += socket->readAll();
            const qsizetype headEnd = received->indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            if (!answered)
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n" + head
                              + "\r\n" + body);
            if (received->size() - (headEnd + 4) < UploadSize)
                return;
            socket->disconnect();
            if (reset)
                JwtFaultProxy::resetConnection(socket);
            else
                socket->disconnectFromHost();
        });
    });
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/upload").arg(early.serverPort()));
    session->addAuthorizedOrigin(url);

    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/octet-stream"));
    std::unique_ptr<QNetworkReply> reply(manager->post(request, QByteArray(UploadSize, 'u')));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->error(), error);
    QCOMPARE(reply->readAll(), delivered);
}

// An answer to HEAD announces the length of a body it does not carry (RFC 9110 §9.3.2): it is
// whole. (Qt 6.4 waits for a body after a custom verb "HEAD": use head().)
void tst_BadInput::headAnswerIsWhole()
{
    QVERIFY(signIn());
    server->setRouteHandler(QStringLiteral("/public/sized"), [](const JwtDemoRequest &) {
        JwtDemoResponse response;
        response.body = QByteArray(100, 'x');
        return response;
    });
    std::unique_ptr<QNetworkReply> reply(
            manager->head(QNetworkRequest(server->url(QStringLiteral("/public/sized")))));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(), 100);
    QCOMPARE(reply->readAll(), QByteArray());
}

// 204 and 304 never carry a body, whatever length they announce (a 304 may give the cached
// representation's, RFC 9110 §8.6).
void tst_BadInput::bodilessStatusIsWhole_data()
{
    QTest::addColumn<QByteArray>("statusLine");
    QTest::addColumn<int>("status");
    QTest::newRow("204") << QByteArray("HTTP/1.1 204 No Content") << 204;
    QTest::newRow("304") << QByteArray("HTTP/1.1 304 Not Modified") << 304;
}

void tst_BadInput::bodilessStatusIsWhole()
{
    QFETCH(QByteArray, statusLine);
    QFETCH(int, status);
    QVERIFY(signIn());
    QTcpServer raw;
    QVERIFY(raw.listen(QHostAddress::LocalHost));
    answerEveryRequest(&raw, statusLine + "\r\nContent-Length: 100\r\n\r\n");
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/resource").arg(raw.serverPort()));
    session->addAuthorizedOrigin(url);

    std::unique_ptr<QNetworkReply> reply(manager->get(QNetworkRequest(url)));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), status);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
}

// Qt decompresses what it asked for (Accept-Encoding) and then drops Content-Length, which
// counted the compressed bytes: a body that inflates to fewer bytes is still whole.
void tst_BadInput::decompressedAnswerIsWhole()
{
    QVERIFY(signIn());
    const QByteArray deflated = qCompress(QByteArray("hi")).mid(4); // zlib stream, no size prefix
    QVERIFY(deflated.size() > 2);
    QTcpServer raw;
    QVERIFY(raw.listen(QHostAddress::LocalHost));
    answerEveryRequest(&raw,
                       "HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\nContent-Length: "
                               + QByteArray::number(deflated.size()) + "\r\n\r\n" + deflated);
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/small").arg(raw.serverPort()));
    session->addAuthorizedOrigin(url);

    std::unique_ptr<QNetworkReply> reply(manager->get(QNetworkRequest(url)));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->readAll(), QByteArray("hi"));
}

#include "tst_badinput.moc"
