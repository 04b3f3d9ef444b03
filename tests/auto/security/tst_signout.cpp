// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// DESIGN.md "Security rules", sign-out: the server is told (revocation, logout), without
// blocking, and the replies that waited fail.

#include "securitytest.h"

#include <JwtSession/jwtcookierefresher.h>

#include "jwtdemoauthority.h"
#include "jwtwait.h"

#include <QtNetwork/qnetworkcookiejar.h>

#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

class tst_SignOut : public SecurityTest
{
    Q_OBJECT

private Q_SLOTS:
    // Sign-out.
    void signOutCookieFlow();
    void signOutRevokesWithoutBlocking();
    void signOutFailsWaitingReplies();
};

// --- sign-out -------------------------------------------------------------------------------

void tst_SignOut::signOutCookieFlow()
{
    JwtCookieRefresher refresher;
    useCookieRefresher(&refresher, server->url());
    refresher.setLogoutUrl(server->url(QStringLiteral("/auth/logout")));
    session->addAuthorizedOrigin(server->url());
    QVERIFY(signInAlice());
    // The refresher holds the cookie, out of the application's jar, and reports it.
    const QByteArray cookie = session->refreshToken();
    QVERIFY(!cookie.isEmpty());
    QVERIFY(manager->cookieJar()
                    ->cookiesForUrl(server->url(QStringLiteral("/auth/refresh")))
                    .isEmpty());

    QSignalSpy signedOut(session.get(), &JwtSession::signedOut);
    QSignalSpy changed(session.get(), &JwtSession::tokensChanged);
    session->signOut();
    QCOMPARE(signedOut.count(), 1);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(session->state(), JwtSession::State::SignedOut);
    QVERIFY(!session->isSignedIn());
    QVERIFY(session->refreshToken().isEmpty());
    QVERIFY(!session->accessToken().isValid());
    for (const QString &path : {QStringLiteral("/auth/refresh"), QStringLiteral("/auth/"),
                                QStringLiteral("/auth/logout"), QStringLiteral("/")}) {
        QVERIFY2(manager->cookieJar()->cookiesForUrl(server->url(path)).isEmpty(),
                 qPrintable(path));
    }
    // The logout call carried the cookie, and the server revoked it.
    QTRY_COMPARE(server->count(QStringLiteral("/auth/logout")), 1);
    const QList<JwtRecordedRequest> seen = server->requests();
    const auto logout = std::find_if(seen.cbegin(), seen.cend(), [](const JwtRecordedRequest &r) {
        return r.path == QStringLiteral("/auth/logout");
    });
    QCOMPARE(cookieValue(logout->cookie, "refresh_token"), cookie);
    JwtDemoAuthority::Tokens tokens;
    QCOMPARE(server->authority()->refresh(cookie, &tokens),
             JwtDemoAuthority::Outcome::UnknownCredential);

    // Requests now go without a token.
    std::unique_ptr<QNetworkReply> reply(get(server->url(QStringLiteral("/public/echo"))));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(server->countWithAuthorization(), 0);
}

void tst_SignOut::signOutRevokesWithoutBlocking()
{
    auto refresher = makeOAuth2Refresher();
    session->setRefresher(refresher.get());
    session->addAuthorizedOrigin(server->url());
    QVERIFY(signInAlice());
    const QByteArray refreshToken = session->refreshToken();
    QVERIFY(!refreshToken.isEmpty());

    // A revocation endpoint that never answers delays nothing.
    server->setStall(QStringLiteral("/public/revoke"), true);
    QSignalSpy signedOut(session.get(), &JwtSession::signedOut);
    session->signOut();
    QCOMPARE(signedOut.count(), 1); // synchronous: nothing waited for the revocation
    QCOMPARE(session->state(), JwtSession::State::SignedOut);
    QVERIFY(session->refreshToken().isEmpty());
    QTRY_COMPARE(server->count(QStringLiteral("/public/revoke")), 1);

    // Signing in again and working go on while the revocation still hangs.
    QVERIFY(signInAlice());
    std::unique_ptr<QNetworkReply> reply(get(server->url(QStringLiteral("/echo"))));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    const QList<JwtRecordedRequest> seen = server->requests();
    const auto revoke = std::find_if(seen.cbegin(), seen.cend(), [](const JwtRecordedRequest &r) {
        return r.path == QStringLiteral("/public/revoke");
    });
    QCOMPARE(revoke->status, 0); // still unanswered

    // An answering endpoint revokes the credential (RFC 7009: token and type hint in the form).
    server->setStall(QStringLiteral("/public/revoke"), false);
    const QByteArray second = session->refreshToken();
    session->signOut();
    QTRY_COMPARE(revokeBodies.size(), 1);
    QCOMPARE(formValue(revokeBodies.first(), QStringLiteral("token")), second);
    QCOMPARE(formValue(revokeBodies.first(), QStringLiteral("token_type_hint")),
             QByteArray("refresh_token"));
    JwtDemoAuthority::Tokens tokens;
    QTRY_COMPARE(server->authority()->refresh(second, &tokens),
                 JwtDemoAuthority::Outcome::UnknownCredential);
}

void tst_SignOut::signOutFailsWaitingReplies()
{
    auto refresher = makeOAuth2Refresher();
    session->setRefresher(refresher.get());
    session->addAuthorizedOrigin(server->url());
    signInWithAuthority();
    server->setStall(QStringLiteral("/public/token"), true);
    server->authority()->expireAccessTokensNow();
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int i = 0; i < 5; ++i)
        replies.emplace_back(get(server->url(QStringLiteral("/echo"))));
    QTRY_COMPARE(server->count(QStringLiteral("/public/token")), 1); // the refresh hangs
    QCOMPARE(session->state(), JwtSession::State::Refreshing);

    std::vector<std::unique_ptr<QSignalSpy>> finished;
    for (const auto &reply : replies)
        finished.push_back(std::make_unique<QSignalSpy>(reply.get(), &QNetworkReply::finished));
    session->signOut();
    for (std::size_t i = 0; i < replies.size(); ++i) {
        QTRY_VERIFY(replies[i]->isFinished());
        QCOMPARE(replies[i]->error(), QNetworkReply::AuthenticationRequiredError);
        QCOMPARE(finished[i]->count(), 1);
    }
    QCOMPARE(session->state(), JwtSession::State::SignedOut);
    QVERIFY(waitForPostedEvents());
    for (const auto &spy : finished)
        QCOMPARE(spy->count(), 1);
}

QTEST_MAIN(tst_SignOut)
#include "tst_signout.moc"
