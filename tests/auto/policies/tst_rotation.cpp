// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// One credential, one call at a time: against a server that rotates the refresh credential on
// every refresh and revokes the whole family when a rotated one comes back (as Auth0, Okta and
// Keycloak do), a refresh slower than the session's deadline must never be followed by another
// call with the old credential. Asserted on the server's own counters.

#include "jwtdemoauthority.h"
#include "jwtsessionfixture.h"

#include <JwtSession/jwtoauth2refresher.h>

#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

using namespace std::chrono_literals;

class tst_Rotation : public QObject, private JwtSessionFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void slowRefreshKeepsTheUserSignedIn_data();
    void slowRefreshKeepsTheUserSignedIn();
    void lateAnswerAfterTheRoundGaveUpIsUsed_data();
    void lateAnswerAfterTheRoundGaveUpIsUsed();

private:
    void useRefresher(const QByteArray &kind);

    std::unique_ptr<JwtOAuth2Refresher> oauth2;
};

void tst_Rotation::init()
{
    QVERIFY2(setUp(SignIn::No), qPrintable(errorString()));
}

void tst_Rotation::cleanup()
{
    tearDown();
    oauth2.reset();
}

// Signs in through the cookie endpoint or the OAuth 2 token endpoint (password grant); both
// rotate the refresh credential and detect reuse.
void tst_Rotation::useRefresher(const QByteArray &kind)
{
    if (kind == "oauth2") {
        oauth2 = std::make_unique<JwtOAuth2Refresher>();
        oauth2->setTokenEndpoint(server->url(QStringLiteral("/oauth/token")));
        oauth2->setClientId(QStringLiteral("desktop"));
        session->setRefresher(oauth2.get());
    }
    QVERIFY2(signIn(), qPrintable(errorString()));
    server->authority()->resetCounters();
    server->resetRecording();
}

void tst_Rotation::slowRefreshKeepsTheUserSignedIn_data()
{
    QTest::addColumn<QByteArray>("refresher");
    QTest::newRow("cookie endpoint") << QByteArray("cookie");
    QTest::newRow("OAuth 2 token endpoint") << QByteArray("oauth2");
}

// 1 s deadline, 1.3 s server: the call is late, not lost. Its answer (the rotated credential)
// is used; no second call presents the old one.
void tst_Rotation::slowRefreshKeepsTheUserSignedIn()
{
    QFETCH(QByteArray, refresher);
    useRefresher(refresher);
    session->setRefreshTimeout(1s);
    server->setRefreshDelay(1300ms);
    server->authority()->expireAccessTokensNow();
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);

    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int i = 0; i < 5; ++i)
        replies.emplace_back(get(QStringLiteral("/echo?i=%1").arg(i)));
    for (const auto &reply : replies) {
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
        // Succeeded once the answer came, or failed transiently: never "expired".
        QVERIFY2(reply->error() == QNetworkReply::NoError
                         || reply->error() == QNetworkReply::TemporaryNetworkFailureError,
                 qPrintable(reply->errorString()));
    }
    QTRY_COMPARE(session->state(), JwtSession::State::Active);
    const JwtDemoAuthority::Counters counters = server->authority()->counters();
    QCOMPARE(counters.reuseDetections, 0);
    QCOMPARE(counters.refreshesRejected, 0);
    QCOMPARE(server->refreshCalls(), 1);
    QCOMPARE(expired.count(), 0);
    QVERIFY(session->isSignedIn());

    // The rotated credential is the one the session holds: the next refresh works.
    session->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(server->refreshCalls(), 2, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), JwtSession::State::Active, 5000);
    QCOMPARE(server->authority()->counters().reuseDetections, 0);
    std::unique_ptr<QNetworkReply> after(get(QStringLiteral("/echo")));
    QTRY_VERIFY(after->isFinished());
    QCOMPARE(after->error(), QNetworkReply::NoError);
}

void tst_Rotation::lateAnswerAfterTheRoundGaveUpIsUsed_data()
{
    slowRefreshKeepsTheUserSignedIn_data();
}

// The server stays slow past every retry the round would make: the waiting replies fail
// transiently, no other call is sent meanwhile, and the late answer still signs nobody out.
void tst_Rotation::lateAnswerAfterTheRoundGaveUpIsUsed()
{
    QFETCH(QByteArray, refresher);
    useRefresher(refresher);
    session->setRefreshTimeout(500ms);
    session->setMaxRefreshAttempts(1);
    server->setRefreshDelay(1800ms);
    server->authority()->expireAccessTokensNow();
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);
    QSignalSpy failed(session.get(), &JwtSession::refreshFailed);
    QSignalSpy succeeded(session.get(), &JwtSession::refreshSucceeded);

    std::unique_ptr<QNetworkReply> waiting(get(QStringLiteral("/echo")));
    QTRY_VERIFY_WITH_TIMEOUT(waiting->isFinished(), 5000);
    QCOMPARE(waiting->error(), QNetworkReply::TemporaryNetworkFailureError);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Transient);

    // Past the backoff (0.5 s after one failure, within ±20 %), a new request asks for a
    // refresh: it waits for the call still in flight instead of starting another one.
    QTest::qWait(700); // time has to pass: that is what a backoff is
    std::unique_ptr<QNetworkReply> later(get(QStringLiteral("/echo?later")));
    QTRY_COMPARE_WITH_TIMEOUT(succeeded.count(), 1, 5000);
    QTRY_VERIFY(later->isFinished());
    // It waited for that call with a new deadline, which may pass before the answer too.
    QVERIFY2(later->error() == QNetworkReply::NoError
                     || later->error() == QNetworkReply::TemporaryNetworkFailureError,
             qPrintable(later->errorString()));
    QCOMPARE(server->refreshCalls(), 1);
    QCOMPARE(server->authority()->counters().reuseDetections, 0);
    QCOMPARE(expired.count(), 0);
    QCOMPARE(session->state(), JwtSession::State::Active);
    std::unique_ptr<QNetworkReply> next(get(QStringLiteral("/echo")));
    QTRY_VERIFY(next->isFinished());
    QCOMPARE(next->error(), QNetworkReply::NoError);
    QCOMPARE(server->refreshCalls(), 1);
}

QTEST_GUILESS_MAIN(tst_Rotation)
#include "tst_rotation.moc"
