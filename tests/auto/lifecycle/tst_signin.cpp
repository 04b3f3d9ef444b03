// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// Requests while a sign-in is in flight: those without a usable token wait for it, and leave
// with the new token, or as they would have once it failed. Checked on what the server saw.

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtrefreshjob.h>
#include <JwtSession/jwtsession.h>

#include "jwtsessionfixture.h"

#include <QtCore/qpointer.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

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

QTEST_MAIN(tst_SignIn)
#include "tst_signin.moc"
