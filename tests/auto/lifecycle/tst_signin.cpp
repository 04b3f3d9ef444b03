// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// Requests while a sign-in is in flight: those without a usable token wait for it, and leave
// with the new token, or as they would have once it failed. Checked on what the server saw.

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtmemorytokenstore.h>
#include <JwtSession/jwtrefreshjob.h>
#include <JwtSession/jwtsession.h>

#include "jwtsessionfixture.h"

#include <QtCore/qpointer.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <algorithm>
#include <memory>

namespace {

// The cookie refresher, with its sign-in call held until the test lets it go: the sign-in is
// in flight for as long as the test needs.
class GatedSignInRefresher : public JwtCookieRefresher
{
public:
    void signIn(JwtRefreshJob *job) override { m_held = job; }
    bool holds() const { return !m_held.isNull(); }
    JwtRefreshJob *held() const { return m_held.data(); }
    void letGo()
    {
        if (JwtRefreshJob *job = m_held.data())
            JwtCookieRefresher::signIn(job);
        m_held = nullptr;
    }

private:
    QPointer<JwtRefreshJob> m_held;
};

// A memory store that remembers every credential it was asked to keep.
class RecordingStore : public JwtMemoryTokenStore
{
public:
    QList<QByteArray> saved;

protected:
    void saveCredential(const QByteArray &credential) override
    {
        saved.append(credential);
        JwtMemoryTokenStore::saveCredential(credential);
    }
};

} // namespace

class tst_SignIn : public QObject, private JwtSessionFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void newRequestWaitsForTheSignIn();
    void refusalDuringTheSignInWaitsForIt();
    void failedSignInLetsWaitersGoOn();
    void requestWithAValidTokenDoesNotWait();
    void failureWithoutAMessageIsAFailure();
    void signOutCancelsTheSignIn();
    void signedOutRefusalIsTheCallersAnswer();
    void failureKinds_data();
    void failureKinds();

private:
    void signInThroughTheGate(const QString &password);
    QList<QByteArray> authorizationsSeenFor(const QString &path) const;

    GatedSignInRefresher gate;
};

void tst_SignIn::init()
{
    QVERIFY2(setUp(SignIn::No), qPrintable(errorString()));
    gate.setLoginUrl(server->url(QStringLiteral("/auth/login")));
    gate.setRefreshUrl(server->url(QStringLiteral("/auth/refresh")));
    session->setRefresher(&gate);
}

void tst_SignIn::cleanup()
{
    tearDown();
}

// Starts a sign-in as alice; it stays in flight until gate.letGo().
void tst_SignIn::signInThroughTheGate(const QString &password)
{
    session->signIn(QStringLiteral("alice"), password);
    QVERIFY(gate.holds());
}

// The Authorization header of every request the server received for \a path, in order.
QList<QByteArray> tst_SignIn::authorizationsSeenFor(const QString &path) const
{
    QList<QByteArray> seen;
    for (const JwtRecordedRequest &request : server->requests()) {
        if (request.path == path)
            seen.append(request.authorization);
    }
    return seen;
}

// Before, it went out without a token, was refused, and the refresh that followed (with no
// refresh credential yet) ended the session the user was signing in to.
void tst_SignIn::newRequestWaitsForTheSignIn()
{
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);
    QSignalSpy queued(manager.get(), &JwtAccessManager::replyQueued);
    signInThroughTheGate(QStringLiteral("wonderland"));
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/echo")));
    QTRY_COMPARE(queued.count(), 1);

    gate.letGo();
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    const QList<QByteArray> seen = authorizationsSeenFor(QStringLiteral("/echo"));
    QCOMPARE(seen.size(), 1);
    QVERIFY(seen.first().startsWith("Bearer "));
    QCOMPARE(expired.count(), 0);
    QCOMPARE(server->refreshCalls(), 0);
    QCOMPARE(session->state(), JwtSession::State::Active);
}

// Sent before the sign-in started, without a token; its 401 arrives while the sign-in runs.
void tst_SignIn::refusalDuringTheSignInWaitsForIt()
{
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);
    QSignalSpy refused(manager.get(), &JwtAccessManager::authorizationFailed);
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/echo"))); // admitted: no token
    signInThroughTheGate(QStringLiteral("wonderland"));
    QTRY_COMPARE(refused.count(), 1);

    gate.letGo();
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    const QList<QByteArray> seen = authorizationsSeenFor(QStringLiteral("/echo"));
    QCOMPARE(seen.size(), 2);
    QVERIFY(seen.at(0).isEmpty());
    QVERIFY(seen.at(1).startsWith("Bearer "));
    QCOMPARE(expired.count(), 0);
    QCOMPARE(server->refreshCalls(), 0);
}

// A public route of an authorized origin works without a token: once the sign-in failed, the
// request that waited for it goes out as it would have, after the sign-in call.
void tst_SignIn::failedSignInLetsWaitersGoOn()
{
    server->setRouteHandler(QStringLiteral("/public/hello"), [](const JwtDemoRequest &) {
        JwtDemoResponse response;
        response.body = "hello";
        return response;
    });
    QSignalSpy failed(session.get(), &JwtSession::signInFailed);
    signInThroughTheGate(QStringLiteral("not the password"));
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/public/hello")));

    gate.letGo();
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(failed.count(), 1);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->readAll(), QByteArray("hello"));
    QCOMPARE(authorizationsSeenFor(QStringLiteral("/public/hello")), QList<QByteArray> {{}});
    QStringList paths;
    for (const JwtRecordedRequest &request : server->requests())
        paths.append(request.path);
    QCOMPARE(paths, (QStringList {QStringLiteral("/auth/login"), QStringLiteral("/public/hello")}));
    QCOMPARE(session->state(), JwtSession::State::SignedOut);
}

// Signing in again while signed in: requests keep using the current token meanwhile.
void tst_SignIn::requestWithAValidTokenDoesNotWait()
{
    session->setRefresher(refresher.get());
    QVERIFY2(signIn(), qPrintable(errorString()));
    session->setRefresher(&gate);
    QSignalSpy queued(manager.get(), &JwtAccessManager::replyQueued);
    signInThroughTheGate(QStringLiteral("wonderland"));
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/echo")));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(queued.count(), 0);
    QVERIFY(gate.holds());
    gate.letGo();
}

// A refresher may fail the sign-in without saying why: still a failure, and its waiters go on.
void tst_SignIn::failureWithoutAMessageIsAFailure()
{
    QSignalSpy failed(session.get(), &JwtSession::signInFailed);
    QSignalSpy succeeded(session.get(), &JwtSession::signInSucceeded);
    signInThroughTheGate(QStringLiteral("wonderland"));
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/echo")));
    gate.held()->fail(JwtRefreshJob::Result::Rejected, QString());
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(succeeded.count(), 0);
    QCOMPARE(session->state(), JwtSession::State::SignedOut);
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(authorizationsSeenFor(QStringLiteral("/echo")), QList<QByteArray> {{}});
}

// The user's last word wins: signing out while the sign-in is in flight cancels it. Its answer
// is never used, nothing is stored, and the user is told the sign-in was canceled.
void tst_SignIn::signOutCancelsTheSignIn()
{
    RecordingStore store;
    session->setTokenStore(&store);
    session->setRememberMe(true);
    QSignalSpy failed(session.get(), &JwtSession::signInFailed);
    QSignalSpy succeeded(session.get(), &JwtSession::signInSucceeded);
    QSignalSpy signedOut(session.get(), &JwtSession::signedOut);
    signInThroughTheGate(QStringLiteral("wonderland"));
    QPointer<JwtRefreshJob> job = gate.held();
    std::unique_ptr<QNetworkReply> waiting(get(QStringLiteral("/echo")));
    QTRY_VERIFY(session->isRefreshing() || !waiting->isFinished());

    session->signOut();
    QCOMPARE(signedOut.count(), 1);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Canceled);
    QVERIFY(!failed.at(0).at(1).toString().isEmpty());
    QVERIFY(job.isNull() || job->isCanceled());
    QTRY_VERIFY(waiting->isFinished());
    QCOMPARE(waiting->error(), QNetworkReply::AuthenticationRequiredError);

    // The server answers the login after all, if the refresher still sends it: dropped.
    gate.letGo();
    const auto loginsAnswered = [this] {
        const QList<JwtRecordedRequest> seen = server->requests();
        return std::all_of(seen.cbegin(), seen.cend(), [](const JwtRecordedRequest &r) {
            return r.path != QStringLiteral("/auth/login") || r.status != 0;
        });
    };
    QTRY_VERIFY(loginsAnswered());
    QVERIFY(!succeeded.wait(100)); // a late answer would be handled by now
    QCOMPARE(failed.count(), 1);
    QCOMPARE(session->state(), JwtSession::State::SignedOut);
    QVERIFY(!session->isSignedIn());
    QVERIFY(session->refreshToken().isEmpty());
    QCOMPARE(store.saved, QList<QByteArray>());

    // A new sign-in works.
    session->setRefresher(refresher.get());
    QVERIFY2(signIn(), qPrintable(errorString()));
}

// Signed out on purpose, a 401 is the caller's answer: nothing to refresh, nothing to expire.
void tst_SignIn::signedOutRefusalIsTheCallersAnswer()
{
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);
    QSignalSpy states(session.get(), &JwtSession::stateChanged);
    QSignalSpy refreshes(session.get(), &JwtSession::refreshStarted);
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/echo")));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
    QCOMPARE(reply->error(), QNetworkReply::AuthenticationRequiredError);
    QVERIFY(!reply->readAll().isEmpty()); // the server's own answer
    QCOMPARE(session->state(), JwtSession::State::SignedOut);
    QCOMPARE(states.count(), 0);
    QCOMPARE(expired.count(), 0);
    QCOMPARE(refreshes.count(), 0);
    QCOMPARE(server->refreshCalls(), 0);

    // The same after a deliberate sign-out.
    session->setRefresher(refresher.get());
    QVERIFY2(signIn(), qPrintable(errorString()));
    session->signOut();
    states.clear();
    std::unique_ptr<QNetworkReply> after(get(QStringLiteral("/echo")));
    QTRY_VERIFY(after->isFinished());
    QCOMPARE(after->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
    QCOMPARE(session->state(), JwtSession::State::SignedOut);
    QCOMPARE(states.count(), 0);
    QCOMPARE(expired.count(), 0);
    QCOMPARE(server->refreshCalls(), 0);
}

void tst_SignIn::failureKinds_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("loginPath");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<JwtSession::FailureKind>("kind");
    QTest::newRow("wrong password")
            << QStringLiteral("not the password") << QStringLiteral("/auth/login") << 0
            << QByteArray() << JwtSession::FailureKind::Rejected;
    QTest::newRow("server error") << QStringLiteral("wonderland") << QStringLiteral("/public/fail")
                                  << 503 << QByteArray("<html>down</html>")
                                  << JwtSession::FailureKind::Transient;
    QTest::newRow("garbage") << QStringLiteral("wonderland") << QStringLiteral("/public/fail")
                             << 200 << QByteArray("<html>portal</html>")
                             << JwtSession::FailureKind::Malformed;
}

// A wrong password, an unreachable server and an unusable answer are told apart.
void tst_SignIn::failureKinds()
{
    QFETCH(QString, password);
    QFETCH(QString, loginPath);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(JwtSession::FailureKind, kind);
    if (status != 0) {
        server->setRouteHandler(loginPath, [status, body](const JwtDemoRequest &) {
            JwtDemoResponse response;
            response.status = status;
            response.setHeader("Content-Type", "text/html");
            response.body = body;
            return response;
        });
    }
    refresher->setLoginUrl(server->url(loginPath));
    session->setRefresher(refresher.get());
    QSignalSpy failed(session.get(), &JwtSession::signInFailed);
    session->signIn(QStringLiteral("alice"), password);
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).value<JwtSession::FailureKind>(), kind);
    QVERIFY(!failed.at(0).at(1).toString().isEmpty());
    QCOMPARE(session->state(), JwtSession::State::SignedOut);
}

QTEST_MAIN(tst_SignIn)
#include "tst_signin.moc"
