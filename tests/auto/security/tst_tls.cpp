// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// DESIGN.md "Security rules", TLS: only the application ignores TLS errors, for its own replies;
// never for the refresh endpoint, never across a downgrade.

#include "securitytest.h"

#include <JwtSession/jwtrefreshjob.h>

#if QT_CONFIG(ssl)
#include <QtNetwork/qsslsocket.h>
#endif
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

class tst_Tls : public SecurityTest
{
    Q_OBJECT

private Q_SLOTS:
    // TLS: only the application ignores TLS errors, for its own replies.
    void tlsErrorsAreNotIgnored();
    void tlsIgnoredByTheApplication_data();
    void tlsIgnoredByTheApplication();
    void tlsRefreshEndpointNotIgnored();
    void tlsDowngradeRedirectRefused();
    void tlsOriginsGetTheHttp2Window_data();
    void tlsOriginsGetTheHttp2Window();
};

// --- TLS ------------------------------------------------------------------------------------

void tst_Tls::tlsErrorsAreNotIgnored()
{
#if QT_CONFIG(ssl)
    QVERIFY(startTlsServer(raw.get()));
    session->addAuthorizedOrigin(raw->url());
    QVERIFY(session->setTokens("tls.token.1"));
    std::unique_ptr<QNetworkReply> reply(get(raw->url(QStringLiteral("/data"))));
    QSignalSpy sslErrors(reply.get(), &QNetworkReply::sslErrors);
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::SslHandshakeFailedError);
    QVERIFY(sslErrors.count() >= 1);
    const auto errors = sslErrors.first().first().value<QList<QSslError>>();
    QVERIFY(!errors.isEmpty());
    QCOMPARE(raw->requests().size(), 0); // no byte of HTTP, so no token
#else
    QFAIL("Qt was built without TLS support");
#endif
}

void tst_Tls::tlsIgnoredByTheApplication_data()
{
    QTest::addColumn<bool>("ignoreEveryTime");
    QTest::newRow("app ignores every time") << true;
    QTest::newRow("app ignores once") << false;
}

void tst_Tls::tlsIgnoredByTheApplication()
{
#if QT_CONFIG(ssl)
    QFETCH(bool, ignoreEveryTime);
    QVERIFY(startTlsServer(raw.get()));
    // 401 on the first token, closing the connection: the replay needs a new TLS handshake.
    raw->setResponder([](const QByteArray &request) {
        if (JwtRawServer::header(request, "Authorization") == "Bearer tls.token.1")
            return JwtRawServer::response(401, "{}",
                                          {"WWW-Authenticate: Bearer", "Connection: close"});
        return JwtRawServer::response(200, "secret data", {"Connection: close"});
    });
    session->addAuthorizedOrigin(raw->url());
    QVERIFY(session->setTokens("tls.token.1"));
    connect(session.get(), &JwtSession::refreshRequested, this, [this](JwtRefreshJob *job) {
        // The replay on a brand-new connection: nothing Qt remembers of the first one helps.
        manager->clearConnectionCache();
        job->succeed("tls.token.2", 300);
    });

    std::unique_ptr<QNetworkReply> reply(get(raw->url(QStringLiteral("/data"))));
    int asked = 0;
    connect(reply.get(), &QNetworkReply::sslErrors, this, [&](const QList<QSslError> &errors) {
        QVERIFY(!errors.isEmpty());
        if (asked++ == 0 || ignoreEveryTime)
            reply->ignoreSslErrors();
    });
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->readAll(), QByteArray("secret data"));
    QVERIFY(asked >= 1);
    QCOMPARE(raw->requests().size(), 2);
    QCOMPARE(raw->connectionsAccepted(), 2);
    QCOMPARE(JwtRawServer::header(raw->requests().at(1), "Authorization"),
             QByteArray("Bearer tls.token.2"));

    // The decision was for that reply only: a new reply on fresh connections is not covered.
    manager->clearConnectionCache();
    std::unique_ptr<QNetworkReply> next(get(raw->url(QStringLiteral("/data"))));
    QTRY_VERIFY(next->isFinished());
    QCOMPARE(next->error(), QNetworkReply::SslHandshakeFailedError);
    QCOMPARE(raw->requests().size(), 2);
#else
    QFAIL("Qt was built without TLS support");
#endif
}

void tst_Tls::tlsOriginsGetTheHttp2Window_data()
{
    QTest::addColumn<bool>("http2Allowed");
    QTest::addColumn<int>("maxRefused");
    // HTTP/2 may multiplex 100 streams: the automatic window is 128, every request goes to Qt.
    QTest::newRow("HTTP/2 allowed (Qt's default)") << true << 40;
    // HTTP/1.1 only: Qt's 6 connections; the others wait for the refresh.
    QTest::newRow("HTTP/2 not allowed") << false << 6;
}

// The automatic JwtAccessManager::maxActiveRequestsPerOrigin over https, seen from the server:
// how many requests arrived with the token it refuses.
void tst_Tls::tlsOriginsGetTheHttp2Window()
{
#if QT_CONFIG(ssl)
    QFETCH(bool, http2Allowed);
    QFETCH(int, maxRefused);
    constexpr int Requests = 40;
    QVERIFY(startTlsServer(raw.get()));
    raw->setResponder([](const QByteArray &request) {
        if (JwtRawServer::header(request, "Authorization") == "Bearer tls.token.1")
            return JwtRawServer::response(401, "{}", {"WWW-Authenticate: Bearer"});
        return JwtRawServer::response(200, "ok");
    });
    session->addAuthorizedOrigin(raw->url());
    QVERIFY(session->setTokens("tls.token.1"));
    connect(session.get(), &JwtSession::refreshRequested, this,
            [](JwtRefreshJob *job) { job->succeed("tls.token.2", 300); });
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int i = 0; i < Requests; ++i) {
        QNetworkRequest request(raw->url(QStringLiteral("/data")));
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, http2Allowed);
        QNetworkReply *reply = manager->get(request);
        connect(reply, &QNetworkReply::sslErrors, reply, [reply] { reply->ignoreSslErrors(); });
        replies.emplace_back(reply);
    }
    for (const auto &reply : replies) {
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->error(), QNetworkReply::NoError);
    }
    const QList<QByteArray> seen = raw->requests();
    const auto refused = std::count_if(seen.cbegin(), seen.cend(), [](const QByteArray &r) {
        return JwtRawServer::header(r, "Authorization") == "Bearer tls.token.1";
    });
    QVERIFY2(refused >= 1 && refused <= maxRefused, QByteArray::number(qint64(refused)));
    if (http2Allowed)
        QCOMPARE(refused, Requests);
#else
    QFAIL("Qt was built without TLS support");
#endif
}

void tst_Tls::tlsRefreshEndpointNotIgnored()
{
#if QT_CONFIG(ssl)
    QVERIFY(startTlsServer(raw.get()));
    JwtOAuth2Refresher refresher;
    refresher.setTokenEndpoint(raw->url(QStringLiteral("/oauth/token")));
    JwtRefreshJob job(JwtRefreshJob::Kind::Refresh);
    job.setRefreshToken("SECRET-refresh");
    refresher.refresh(&job);
    QTRY_VERIFY(job.isFinished());
    QCOMPARE(job.result(), JwtRefreshJob::Result::Transient);
    QVERIFY(!job.errorString().contains(QLatin1String("SECRET")));
    QCOMPARE(raw->requests().size(), 0);
#else
    QFAIL("Qt was built without TLS support");
#endif
}

void tst_Tls::tlsDowngradeRedirectRefused()
{
#if QT_CONFIG(ssl)
    QVERIFY(startTlsServer(raw.get()));
    const QUrl target = server->url(QStringLiteral("/public/echo"));
    raw->setResponder([target](const QByteArray &) {
        return JwtRawServer::response(302, QByteArray(), {"Location: " + target.toEncoded()});
    });
    session->addAuthorizedOrigin(raw->url());
    session->addAuthorizedOrigin(server->url());
    QVERIFY(session->setTokens("tls.token.1"));
    std::unique_ptr<QNetworkReply> reply(get(raw->url(QStringLiteral("/moved"))));
    connect(reply.get(), &QNetworkReply::sslErrors, reply.get(),
            [&reply] { reply->ignoreSslErrors(); });
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::InsecureRedirectError);
    QCOMPARE(raw->requests().size(), 1);
    QCOMPARE(server->requests().size(), 0);
#else
    QFAIL("Qt was built without TLS support");
#endif
}

QTEST_MAIN(tst_Tls)
#include "tst_tls.moc"
