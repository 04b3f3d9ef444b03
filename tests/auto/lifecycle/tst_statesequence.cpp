// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// The exact sequence of stateChanged() for each way a session moves, and state() agreeing with
// the last signal at every emission (observers never see the state run ahead of the signal).

#include "jwtdemoauthority.h"
#include "jwtsessionfixture.h"

#include <QtTest/qsignalspy.h>

using State = JwtSession::State;

namespace {

JwtDemoResponse status(int code)
{
    JwtDemoResponse response;
    response.status = code;
    response.body = "{}";
    return response;
}

} // namespace

class tst_StateSequence : public QObject, private JwtSessionFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup() { tearDown(); }

    void signInAndOut();
    void refreshSucceeds();
    void refreshRejected();
    void refreshFailsTransiently();

private:
    // Records every stateChanged() with what state() said inside the slot.
    void record();
    bool refreshOnce(QNetworkReply::NetworkError expected);

    QList<State> m_signalled;
    QList<State> m_read;
};

void tst_StateSequence::init()
{
    QVERIFY2(setUp(SignIn::No), qPrintable(errorString()));
    m_signalled.clear();
    m_read.clear();
    record();
}

void tst_StateSequence::record()
{
    connect(session.get(), &JwtSession::stateChanged, this, [this](State state) {
        m_signalled.append(state);
        m_read.append(session->state());
    });
}

// One request with an expired token; waits for its reply.
bool tst_StateSequence::refreshOnce(QNetworkReply::NetworkError expected)
{
    server->authority()->expireAccessTokensNow();
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/echo")));
    if (!waitAll({reply.get()}))
        return false;
    return reply->error() == expected;
}

void tst_StateSequence::signInAndOut()
{
    QVERIFY(signIn());
    session->signOut();
    QCOMPARE(m_signalled, (QList<State> {State::Active, State::SignedOut}));
    QCOMPARE(m_read, m_signalled);
    QCOMPARE(session->state(), State::SignedOut);
}

void tst_StateSequence::refreshSucceeds()
{
    QVERIFY(signIn());
    // The refused request decides to wait (and the session to refresh) before the session's
    // thread has started the refresh: state() still says what observers were last told.
    QList<State> readWhenQueued;
    QList<State> signalledWhenQueued;
    connect(manager.get(), &JwtAccessManager::replyQueued, this, [&] {
        readWhenQueued.append(session->state());
        signalledWhenQueued.append(m_signalled.last());
    });
    QVERIFY(refreshOnce(QNetworkReply::NoError));
    QCOMPARE(readWhenQueued.size(), 1);
    QCOMPARE(readWhenQueued, signalledWhenQueued);
    QCOMPARE(m_signalled, (QList<State> {State::Active, State::Refreshing, State::Active}));
    QCOMPARE(m_read, m_signalled);
    QCOMPARE(server->refreshCalls(), 1);
}

void tst_StateSequence::refreshRejected()
{
    QVERIFY(signIn());
    server->authority()->revokeAllRefreshTokens();
    QVERIFY(refreshOnce(QNetworkReply::AuthenticationRequiredError));
    QCOMPARE(m_signalled, (QList<State> {State::Active, State::Refreshing, State::Expired}));
    QCOMPARE(m_read, m_signalled);
}

// Transient failures keep the session Refreshing through the retries, then Active: the user
// stays signed in.
void tst_StateSequence::refreshFailsTransiently()
{
    session->setMaxRefreshAttempts(2);
    QVERIFY(signIn());
    server->scriptRefreshResponses({status(503), status(503)});
    QSignalSpy failures(session.get(), &JwtSession::refreshFailed);
    QVERIFY(refreshOnce(QNetworkReply::TemporaryNetworkFailureError));
    QCOMPARE(failures.count(), 2);
    QCOMPARE(server->refreshCalls(), 2);
    QCOMPARE(m_signalled, (QList<State> {State::Active, State::Refreshing, State::Active}));
    QCOMPARE(m_read, m_signalled);
}

QTEST_MAIN(tst_StateSequence)
#include "tst_statesequence.moc"
