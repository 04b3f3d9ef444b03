// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// DESIGN.md "Redirects": the library follows redirects of the requests it authorizes, and the
// token never follows a hop to another origin. Asserted on what each server received.

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtsession.h>

#include "jwtdemoauthority.h"
#include "jwttestserver.h"

#include <QtCore/qcryptographichash.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

namespace {

const QByteArray Payload = QByteArrayLiteral("field=value&secret-looking=but+not+a+token");

QByteArray sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

} // namespace

class tst_Redirects : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void authorizationNeverCrossesOrigins_data();
    void authorizationNeverCrossesOrigins();
    void methodsAndBodies_data();
    void methodsAndBodies();
    void callerCredentialsStayHome();
    void afterRefreshAndReplay();
    void sameOriginPolicy();
    void managerPolicyIsHonoured();
    void userVerifiedPolicy();
    void userVerifiedAllowedLater();
    void userVerifiedAborted();
    void manualPolicy();
    void maximumRedirects_data();
    void maximumRedirects();
    void loopToItself();
    void badLocations_data();
    void badLocations();

private:
    // A hop: 'A' authorized server, 'B' same host other port, 'H' same port other host
    // ("localhost"); lower case 'a'/'b': a relative Location on the same server; 'P': a
    // protocol-relative Location ("//localhost:port/…") to H.
    QUrl chain(const QString &hops, int code = 302) const;
    QUrl serverUrl(QChar hop, const QString &path) const;
    QUrl redirectTo(QChar from, const QString &location, int code) const;
    QByteArray hostOf(QChar hop) const;
    void signInWithAuthority();

    std::unique_ptr<JwtTestServer> a;
    std::unique_ptr<JwtTestServer> b;
    std::unique_ptr<JwtSession> session;
    std::unique_ptr<JwtAccessManager> manager;
};

void tst_Redirects::init()
{
    a = std::make_unique<JwtTestServer>();
    QVERIFY(a->listen());
    b = std::make_unique<JwtTestServer>(a->authority());
    QVERIFY(b->listen());
    session = std::make_unique<JwtSession>();
    session->addAuthorizedOrigin(a->url());
    manager = std::make_unique<JwtAccessManager>(session.get());
    signInWithAuthority();
}

void tst_Redirects::cleanup()
{
    manager.reset();
    session.reset();
    b.reset();
    a.reset();
}

void tst_Redirects::signInWithAuthority()
{
    JwtDemoAuthority::Tokens tokens;
    QCOMPARE(a->authority()->login(QStringLiteral("alice"), QStringLiteral("wonderland"), &tokens),
             JwtDemoAuthority::Outcome::Ok);
    QVERIFY(session->setTokens(tokens.accessToken, tokens.refreshToken, tokens.expiresIn));
}

QUrl tst_Redirects::serverUrl(QChar hop, const QString &path) const
{
    switch (hop.toUpper().unicode()) {
    case 'A':
        return a->url(path);
    case 'B':
        return b->url(path);
    default:
        return a->urlForHost(QStringLiteral("localhost"), path);
    }
}

QByteArray tst_Redirects::hostOf(QChar hop) const
{
    const QUrl url = serverUrl(hop, QString());
    return url.host().toLatin1() + ':' + QByteArray::number(url.port());
}

QUrl tst_Redirects::redirectTo(QChar from, const QString &location, int code) const
{
    return serverUrl(from,
                     QStringLiteral("/redirect?to=%1&code=%2")
                             .arg(QString::fromLatin1(QUrl::toPercentEncoding(location)),
                                  QString::number(code)));
}

QUrl tst_Redirects::chain(const QString &hops, int code) const
{
    // Built from the end: the last hop is the final answer.
    const QChar last = hops.back();
    QUrl url = serverUrl(last,
                         last.toUpper() == QLatin1Char('A') ? QStringLiteral("/echo")
                                                            : QStringLiteral("/public/echo"));
    for (qsizetype i = hops.size() - 2; i >= 0; --i) {
        const QChar next = hops.at(i + 1);
        QString location = url.toString(QUrl::FullyEncoded);
        if (next == QLatin1Char('a') || next == QLatin1Char('b'))
            location =
                    url.toString(QUrl::FullyEncoded | QUrl::RemoveScheme | QUrl::RemoveAuthority);
        else if (next == QLatin1Char('P'))
            location = url.toString(QUrl::FullyEncoded | QUrl::RemoveScheme);
        url = redirectTo(hops.at(i), location, code);
    }
    return url;
}

void tst_Redirects::authorizationNeverCrossesOrigins_data()
{
    QTest::addColumn<QString>("hops");
    QTest::addColumn<int>("authorizedAtA"); // requests A received with the token

    QTest::newRow("A→B: same host, other port (CVE-2022-27776)") << QStringLiteral("AB") << 1;
    QTest::newRow("A→H: other host, same port") << QStringLiteral("AH") << 1;
    QTest::newRow("A→B→B absolute (CVE-2024-45336)") << QStringLiteral("ABB") << 1;
    QTest::newRow("A→B→b relative (CVE-2024-45336)") << QStringLiteral("ABb") << 1;
    QTest::newRow("A→A→B") << QStringLiteral("AAB") << 2;
    QTest::newRow("A→a→B relative") << QStringLiteral("AaB") << 2;
    QTest::newRow("A→a relative, same origin") << QStringLiteral("Aa") << 2;
    QTest::newRow("A→H→B") << QStringLiteral("AHB") << 1;
    QTest::newRow("A→B→A back home") << QStringLiteral("ABA") << 2;
    QTest::newRow("A→//H protocol-relative") << QStringLiteral("AP") << 1;
}

void tst_Redirects::authorizationNeverCrossesOrigins()
{
    QFETCH(QString, hops);
    QFETCH(int, authorizedAtA);
    std::unique_ptr<QNetworkReply> reply(manager->get(QNetworkRequest(chain(hops))));
    QSignalSpy replyRedirected(reply.get(), &QNetworkReply::redirected);
    QTRY_VERIFY(reply->isFinished());

    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->url(), chain(hops.right(1)));
    QCOMPARE(replyRedirected.count(), hops.size() - 1);
    QCOMPARE(a->requests().size() + b->requests().size(), hops.size());
    // What each server saw: the token only where the Host is the authorized origin.
    QCOMPARE(a->authorizationsSeenByHost(hostOf(QLatin1Char('A'))), authorizedAtA);
    QCOMPARE(a->authorizationsSeenByHost(hostOf(QLatin1Char('H'))), 0);
    QCOMPARE(b->countWithAuthorization(), 0);
    QCOMPARE(a->countWithAuthorization(), authorizedAtA);
    for (const JwtRecordedRequest &request : b->requests())
        QVERIFY(request.authorization.isEmpty());
}

void tst_Redirects::methodsAndBodies_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("hops");
    QTest::addColumn<QByteArray>("finalMethod");
    QTest::addColumn<bool>("bodyKept");

    for (const QString &hops : {QStringLiteral("Aa"), QStringLiteral("AB")}) {
        const char *where = hops == QStringLiteral("Aa") ? "same origin" : "cross origin";
        QTest::addRow("POST 301 %s", where)
                << QByteArray("POST") << 301 << hops << QByteArray("GET") << false;
        QTest::addRow("POST 302 %s", where)
                << QByteArray("POST") << 302 << hops << QByteArray("GET") << false;
        QTest::addRow("POST 303 %s", where)
                << QByteArray("POST") << 303 << hops << QByteArray("GET") << false;
        QTest::addRow("POST 307 %s", where)
                << QByteArray("POST") << 307 << hops << QByteArray("POST") << true;
        QTest::addRow("POST 308 %s", where)
                << QByteArray("POST") << 308 << hops << QByteArray("POST") << true;
        QTest::addRow("PUT 302 %s", where)
                << QByteArray("PUT") << 302 << hops << QByteArray("PUT") << true;
        QTest::addRow("PUT 303 %s", where)
                << QByteArray("PUT") << 303 << hops << QByteArray("GET") << false;
        QTest::addRow("PATCH 308 %s", where)
                << QByteArray("PATCH") << 308 << hops << QByteArray("PATCH") << true;
    }
}

void tst_Redirects::methodsAndBodies()
{
    QFETCH(QByteArray, method);
    QFETCH(int, code);
    QFETCH(QString, hops);
    QFETCH(QByteArray, finalMethod);
    QFETCH(bool, bodyKept);

    QNetworkRequest request(chain(hops, code));
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArray("application/x-www-form-urlencoded"));
    std::unique_ptr<QNetworkReply> reply(
            method == "POST"          ? manager->post(request, Payload)
                    : method == "PUT" ? manager->put(request, Payload)
                                      : manager->sendCustomRequest(request, method, Payload));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);

    // The first hop got the body as sent; the final server got what the code says.
    const QList<JwtRecordedRequest> first = a->requests();
    QCOMPARE(first.first().method, method);
    QCOMPARE(first.first().bodySha256Hex, sha256Hex(Payload));
    const JwtRecordedRequest last =
            hops.endsWith(QLatin1Char('B')) ? b->requests().last() : a->requests().last();
    QCOMPARE(last.method, finalMethod);
    if (bodyKept) {
        QCOMPARE(last.bodySize, Payload.size());
        QCOMPARE(last.bodySha256Hex, sha256Hex(Payload)); // byte-identical
    } else {
        QCOMPARE(last.bodySize, 0);
    }
    const QJsonObject echo = QJsonDocument::fromJson(reply->readAll()).object();
    QCOMPARE(echo.value(QStringLiteral("method")).toString().toLatin1(), finalMethod);
    QCOMPARE(echo.value(QStringLiteral("contentType")).toString().isEmpty(), !bodyKept);
    QCOMPARE(b->countWithAuthorization(), 0);
}

void tst_Redirects::callerCredentialsStayHome()
{
    // Headers the caller set itself never follow a hop elsewhere either.
    QNetworkRequest request(chain(QStringLiteral("AaB")));
    request.setRawHeader("Authorization", "Basic YWxpY2U6d29uZGVybGFuZA==");
    request.setRawHeader("Cookie", "session=caller-set");
    std::unique_ptr<QNetworkReply> reply(manager->get(request));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(b->requests().size(), 1);
    QVERIFY(b->requests().first().authorization.isEmpty());
    QVERIFY(b->requests().first().cookie.isEmpty());
    // At home the session's token replaces the caller's header; the cookie stays.
    for (const JwtRecordedRequest &seen : a->requests()) {
        QVERIFY(seen.authorization.startsWith("Bearer "));
        QCOMPARE(seen.cookie, QByteArray("session=caller-set"));
    }
}

void tst_Redirects::afterRefreshAndReplay()
{
    JwtOAuth2Refresher refresher;
    refresher.setTokenEndpoint(a->url(QStringLiteral("/oauth/token")));
    session->setRefresher(&refresher);
    // Protected routes that redirect: the first attempt collects a 401 (expired token).
    const QUrl elsewhere = b->url(QStringLiteral("/public/echo"));
    a->setRouteHandler(QStringLiteral("/moved"), [elsewhere](const JwtDemoRequest &) {
        JwtDemoResponse response;
        response.status = 307;
        response.setHeader("Location", elsewhere.toEncoded());
        return response;
    });
    a->setRouteHandler(QStringLiteral("/moved-home"), [](const JwtDemoRequest &) {
        JwtDemoResponse response;
        response.status = 302;
        response.setHeader("Location", "/echo");
        return response;
    });
    const quint64 before = session->tokenGeneration();
    a->authority()->expireAccessTokensNow();

    QNetworkRequest moved(a->url(QStringLiteral("/moved")));
    moved.setHeader(QNetworkRequest::ContentTypeHeader,
                    QByteArray("application/x-www-form-urlencoded"));
    std::unique_ptr<QNetworkReply> away(manager->post(moved, Payload));
    QTRY_VERIFY(away->isFinished());
    QCOMPARE(away->error(), QNetworkReply::NoError);
    QCOMPARE(a->refreshCalls(), 1);
    QCOMPARE(a->count(QStringLiteral("/moved")), 2); // refused, then replayed
    QCOMPARE(a->unauthorizedAnswers(), 1);
    QCOMPARE(b->requests().size(), 1);
    QCOMPARE(b->countWithAuthorization(), 0);
    QCOMPARE(b->requests().first().bodySha256Hex, sha256Hex(Payload));
    QVERIFY(session->tokenGeneration() > before);

    std::unique_ptr<QNetworkReply> home(
            manager->get(QNetworkRequest(a->url(QStringLiteral("/moved-home")))));
    QTRY_VERIFY(home->isFinished());
    QCOMPARE(home->error(), QNetworkReply::NoError);
    QCOMPARE(a->refreshCalls(), 1);
    const QJsonObject echo = QJsonDocument::fromJson(home->readAll()).object();
    QCOMPARE(echo.value(QStringLiteral("user")).toString(), QStringLiteral("alice"));
    QVERIFY(echo.value(QStringLiteral("generation")).toInteger() > 1); // the refreshed token
}

void tst_Redirects::sameOriginPolicy()
{
    QNetworkRequest away(chain(QStringLiteral("AB")));
    away.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                      QNetworkRequest::SameOriginRedirectPolicy);
    std::unique_ptr<QNetworkReply> refused(manager->get(away));
    QTRY_VERIFY(refused->isFinished());
    QCOMPARE(refused->error(), QNetworkReply::InsecureRedirectError);
    QVERIFY(!refused->errorString().isEmpty());
    QCOMPARE(b->requests().size(), 0);

    QNetworkRequest home(chain(QStringLiteral("Aa")));
    home.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                      QNetworkRequest::SameOriginRedirectPolicy);
    std::unique_ptr<QNetworkReply> followed(manager->get(home));
    QTRY_VERIFY(followed->isFinished());
    QCOMPARE(followed->error(), QNetworkReply::NoError);
    QCOMPARE(a->count(QStringLiteral("/echo")), 1);
}

void tst_Redirects::managerPolicyIsHonoured()
{
    manager->setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
    std::unique_ptr<QNetworkReply> refused(
            manager->get(QNetworkRequest(chain(QStringLiteral("AH")))));
    QTRY_VERIFY(refused->isFinished());
    QCOMPARE(refused->error(), QNetworkReply::InsecureRedirectError);
    QCOMPARE(a->requests().size(), 1);
}

void tst_Redirects::userVerifiedPolicy()
{
    QNetworkRequest request(chain(QStringLiteral("ABb")));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::UserVerifiedRedirectPolicy);
    std::unique_ptr<QNetworkReply> reply(manager->get(request));
    QList<QUrl> asked;
    connect(reply.get(), &QNetworkReply::redirected, this, [&](const QUrl &url) {
        asked.append(url);
        Q_EMIT reply->redirectAllowed();
    });
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(asked.size(), 2);
    QCOMPARE(asked.last(), b->url(QStringLiteral("/public/echo")));
    QCOMPARE(b->requests().size(), 2);
    QCOMPARE(b->countWithAuthorization(), 0);
}

void tst_Redirects::userVerifiedAllowedLater()
{
    QNetworkRequest request(chain(QStringLiteral("AB")));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::UserVerifiedRedirectPolicy);
    std::unique_ptr<QNetworkReply> reply(manager->get(request));
    QSignalSpy redirected(reply.get(), &QNetworkReply::redirected);
    QVERIFY(redirected.wait());
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(!finished.wait(50)); // the user thinks: nothing moves meanwhile
    QCOMPARE(b->requests().size(), 0);
    Q_EMIT reply->redirectAllowed();
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(b->requests().size(), 1);
    QCOMPARE(b->countWithAuthorization(), 0);
}

void tst_Redirects::userVerifiedAborted()
{
    QNetworkRequest request(chain(QStringLiteral("AB")));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::UserVerifiedRedirectPolicy);
    std::unique_ptr<QNetworkReply> reply(manager->get(request));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    connect(reply.get(), &QNetworkReply::redirected, reply.get(), &QNetworkReply::abort);
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
    QCOMPARE(finished.count(), 1);
    QTest::qWait(50);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(b->requests().size(), 0);
}

void tst_Redirects::manualPolicy()
{
    QNetworkRequest request(chain(QStringLiteral("AB"), 307));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    std::unique_ptr<QNetworkReply> reply(manager->get(request));
    QSignalSpy redirected(reply.get(), &QNetworkReply::redirected);
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 307);
    QCOMPARE(reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl(),
             b->url(QStringLiteral("/public/echo")));
    QCOMPARE(redirected.count(), 0);
    QCOMPARE(a->countWithAuthorization(), 1);
    QCOMPARE(b->requests().size(), 0);
}

void tst_Redirects::maximumRedirects_data()
{
    QTest::addColumn<int>("maximum");
    QTest::addColumn<QNetworkReply::NetworkError>("error");
    // Three redirects: A → A → B → B.
    QTest::newRow("limit below") << 2 << QNetworkReply::TooManyRedirectsError;
    QTest::newRow("limit reached") << 3 << QNetworkReply::NoError;
    QTest::newRow("no redirects") << 0 << QNetworkReply::TooManyRedirectsError;
}

void tst_Redirects::maximumRedirects()
{
    QFETCH(int, maximum);
    QFETCH(QNetworkReply::NetworkError, error);
    QNetworkRequest request(chain(QStringLiteral("AABb")));
    request.setMaximumRedirectsAllowed(maximum);
    std::unique_ptr<QNetworkReply> reply(manager->get(request));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), error);
    QCOMPARE(a->requests().size() + b->requests().size(), qMin(maximum, 3) + 1);
    QCOMPARE(b->countWithAuthorization(), 0);
}

void tst_Redirects::loopToItself()
{
    // /loop answers a redirect to itself, forever.
    const QUrl self = a->url(QStringLiteral("/public/loop"));
    a->setRouteHandler(QStringLiteral("/public/loop"), [self](const JwtDemoRequest &) {
        JwtDemoResponse response;
        response.status = 302;
        response.setHeader("Location", self.toEncoded());
        return response;
    });
    std::unique_ptr<QNetworkReply> reply(manager->get(QNetworkRequest(self)));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::TooManyRedirectsError);
    QVERIFY(!reply->errorString().isEmpty());
    // Qt's default limit is 50 redirects: 51 requests in all.
    QCOMPARE(a->count(QStringLiteral("/public/loop")), 51);
}

void tst_Redirects::badLocations_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("no Location") << QByteArray();
    QTest::newRow("empty Location") << QByteArray("Location: \r\n");
    QTest::newRow("file:") << QByteArray("Location: file:///etc/passwd\r\n");
    QTest::newRow("javascript:") << QByteArray("Location: javascript:alert(1)\r\n");
    QTest::newRow("data:") << QByteArray("Location: data:text/plain,hello\r\n");
    QTest::newRow("ftp:") << QByteArray("Location: ftp://127.0.0.1/x\r\n");
    QTest::newRow("invalid URL") << QByteArray("Location: http://[::1\r\n");
}

void tst_Redirects::badLocations()
{
    QFETCH(QByteArray, header);
    a->setRawResponse(QStringLiteral("/bad"),
                      "HTTP/1.1 302 Found\r\n" + header + "Content-Length: 0\r\n\r\n");
    std::unique_ptr<QNetworkReply> reply(
            manager->get(QNetworkRequest(a->url(QStringLiteral("/bad")))));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::ProtocolUnknownError);
    QVERIFY(!reply->errorString().isEmpty());
    QCOMPARE(finished.count(), 1);
    QCOMPARE(a->requests().size(), 1);
    QCOMPARE(b->requests().size(), 0);
}

QTEST_MAIN(tst_Redirects)
#include "tst_redirects.moc"
