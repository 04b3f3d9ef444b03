// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// JwtQmlSession's lifetime: the cookie flow's refresher is the element's own, so it goes with
// the element, before the JwtSession part, here while its sign-in or refresh call is still in
// flight. The deletion itself is the test, under the sanitizers; the wait afterwards lets what
// it queued run, and the server's late answer arrive.

#include <JwtSession/jwtqmlsession.h>

#include "jwttestserver.h"

#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

using namespace std::chrono_literals;

class tst_QmlSession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void deletedWhileRefreshing();
    void deletedWhileSigningIn();

private:
    std::unique_ptr<JwtTestServer> server;
    std::unique_ptr<JwtQmlSession> session;

    void configure(JwtQmlSession *target) const;
};

void tst_QmlSession::init()
{
    server = std::make_unique<JwtTestServer>();
    QVERIFY(server->listen());
    session = std::make_unique<JwtQmlSession>();
    configure(session.get());
}

void tst_QmlSession::cleanup()
{
    session.reset();
    server.reset();
}

void tst_QmlSession::configure(JwtQmlSession *target) const
{
    target->setBaseUrl(server->url());
    target->setLoginUrl(QUrl(QStringLiteral("/auth/login")));
    target->setRefreshUrl(QUrl(QStringLiteral("/auth/refresh")));
}

void tst_QmlSession::deletedWhileRefreshing()
{
    QSignalSpy signedIn(session.get(), &JwtSession::signInSucceeded);
    session->signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QVERIFY(signedIn.wait(5000));

    server->setRefreshDelay(1500ms);
    QSignalSpy arrived(server.get(), &JwtTestServer::refreshCallReceived);
    session->refresh();
    QVERIFY(arrived.wait(5000));
    session.reset();
    QTest::qWait(1800); // nothing to wait for: past the server's delayed answer
    QCOMPARE(server->refreshCalls(), 1); // and no retry from a session that is gone
}

void tst_QmlSession::deletedWhileSigningIn()
{
    server->setStall(QStringLiteral("/auth/login"), true);
    QSignalSpy received(server.get(), &JwtTestServer::requestReceived);
    session->signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QVERIFY(received.wait(5000));
    session.reset();
    server->setStall(QStringLiteral("/auth/login"), false);
    QTest::qWait(200); // nothing to wait for: the released answer must reach nothing
    QCOMPARE(server->count(QStringLiteral("/auth/login")), 1);
}

QTEST_GUILESS_MAIN(tst_QmlSession)
#include "tst_qmlsession.moc"
