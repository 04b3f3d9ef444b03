// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtdemoauthority.h"
#include "jwtdemoserver.h"

#include <JwtSession/jwtbrowsersignin.h>
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtsession.h>

#include <QtCore/qcryptographichash.h>
#include <QtCore/qurlquery.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

// The demo auth server signs the widgets and QML demos in through the browser: discovery,
// /oauth/authorize (approves the demo user), the code exchanged with PKCE, then refresh.
class tst_BrowserDemo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signInThroughTheDemoServer();
    void codeIsSingleUseAndNeedsTheVerifier();
};

namespace {

QNetworkReply *follow(QNetworkAccessManager *browser, const QUrl &url)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    return browser->get(request);
}

} // namespace

void tst_BrowserDemo::signInThroughTheDemoServer()
{
    JwtDemoServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    JwtOAuth2Refresher refresher;
    QSignalSpy discovered(&refresher, &JwtOAuth2Refresher::discovered);
    QSignalSpy discoveryFailed(&refresher, &JwtOAuth2Refresher::discoveryFailed);
    refresher.discover(server.baseUrl());
    QVERIFY(discovered.wait(5000));
    QCOMPARE(discoveryFailed.size(), 0);
    QCOMPARE(refresher.authorizationEndpoint(),
             server.baseUrl().resolved(QUrl(QStringLiteral("/oauth/authorize"))));
    refresher.setClientId(QStringLiteral("jwtsession-demo"));
    auto *browserSignIn = new JwtBrowserSignIn(&refresher);
    browserSignIn->setOpensBrowser(false);
    QUrl authorizationUrl;
    connect(browserSignIn, &JwtBrowserSignIn::authorizationUrlReady, this,
            [&authorizationUrl](const QUrl &url) { authorizationUrl = url; });

    JwtSession session;
    session.setRefresher(&refresher);
    QSignalSpy succeeded(&session, &JwtSession::signInSucceeded);
    session.signIn(QString(), QString());
    QNetworkAccessManager browser;
    std::unique_ptr<QNetworkReply> page(follow(&browser, authorizationUrl));
    QVERIFY(succeeded.wait(5000));
    QCOMPARE(session.userName(), QStringLiteral("alice"));
    QCOMPARE(server.authority()->counters().logins, 1);
    QTRY_VERIFY(page->isFinished());
    QCOMPARE(page->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);

    QSignalSpy refreshed(&session, &JwtSession::refreshSucceeded);
    session.refresh();
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(server.authority()->counters().refreshCalls, 1);
    session.setRefresher(nullptr);
}

void tst_BrowserDemo::codeIsSingleUseAndNeedsTheVerifier()
{
    JwtDemoServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QNetworkAccessManager client;
    const QString verifier(43, QLatin1Char('v'));
    const QString challenge = QString::fromLatin1(
            QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    const QString redirectUri = QStringLiteral("http://127.0.0.1:9/callback");
    QUrl authorize = server.baseUrl().resolved(QUrl(QStringLiteral("/oauth/authorize")));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("client_id"), QStringLiteral("demo"));
    query.addQueryItem(QStringLiteral("redirect_uri"), redirectUri);
    query.addQueryItem(QStringLiteral("state"), QStringLiteral("s1"));
    query.addQueryItem(QStringLiteral("code_challenge"), challenge);
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    authorize.setQuery(query);
    QNetworkRequest authorizeRequest(authorize);
    authorizeRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                  QNetworkRequest::ManualRedirectPolicy);
    std::unique_ptr<QNetworkReply> reply(client.get(authorizeRequest));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 302);
    const QUrlQuery redirect(QUrl::fromEncoded(reply->rawHeader("Location")));
    QCOMPARE(redirect.queryItemValue(QStringLiteral("state")), QStringLiteral("s1"));
    const QString code = redirect.queryItemValue(QStringLiteral("code"));
    QVERIFY(!code.isEmpty());

    const auto exchange = [&](const QString &codeVerifier) -> int {
        QNetworkRequest request(server.baseUrl().resolved(QUrl(QStringLiteral("/oauth/token"))));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        const QByteArray body = "grant_type=authorization_code&code=" + code.toLatin1()
                + "&redirect_uri=" + QUrl::toPercentEncoding(redirectUri)
                + "&code_verifier=" + codeVerifier.toLatin1();
        std::unique_ptr<QNetworkReply> answer(client.post(request, body));
        QSignalSpy finished(answer.get(), &QNetworkReply::finished);
        if (!answer->isFinished() && !finished.wait(5000))
            return 0;
        return answer->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    };
    QCOMPARE(exchange(QString(43, QLatin1Char('w'))), 400); // wrong verifier: the code is spent
    QCOMPARE(exchange(verifier), 400); // single use
    QCOMPARE(server.authority()->counters().logins, 0);
}

QTEST_GUILESS_MAIN(tst_BrowserDemo)
#include "tst_browserdemo.moc"
