// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// The abort/destruction matrix: every operation, in every state of a proxy reply, met with
// every way an application lets go of it. Nothing may crash (the sanitizer build runs this
// too), a reply that still exists finishes exactly once, and a bystander reply on another
// manager of the same session is not disturbed.

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtsession.h>

#include "jwtdemoauthority.h"
#include "jwtsessionfixture.h"

#include <QtCore/qpointer.h>
#include <QtCore/qtemporaryfile.h>
#include <QtNetwork/qhttpmultipart.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

using namespace std::chrono_literals;

namespace {

enum class Operation { Get, PostBytes, PutFile, Multipart, CustomVerb };
enum class State { BeforeSend, InFlight, WaitingForRefresh, Replaying, MidRedirect };
enum class Action { Abort, Close, DeleteReply, DeleteManager, DeleteSession };

const char *name(Operation operation)
{
    constexpr const char *names[] = {"GET", "POST bytes", "PUT file", "multipart", "custom verb"};
    return names[int(operation)];
}

const char *name(State state)
{
    constexpr const char *names[] = {"before send", "in flight", "waiting for refresh", "replaying",
                                     "mid-redirect"};
    return names[int(state)];
}

const char *name(Action action)
{
    constexpr const char *names[] = {"abort", "close", "delete reply", "delete manager",
                                     "delete session"};
    return names[int(action)];
}

} // namespace

Q_DECLARE_METATYPE(Operation)
Q_DECLARE_METATYPE(State)
Q_DECLARE_METATYPE(Action)

class tst_AbortMatrix : public QObject, private JwtSessionFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void matrix_data();
    void matrix();

private:
    QNetworkReply *send(Operation operation, const QNetworkRequest &request);

    std::unique_ptr<JwtAccessManager> otherManager; // the bystander's
    std::unique_ptr<QTemporaryFile> file;
};

void tst_AbortMatrix::init()
{
    QVERIFY2(setUp(), qPrintable(errorString()));
    otherManager = std::make_unique<JwtAccessManager>(session.get());
    file = std::make_unique<QTemporaryFile>();
    QVERIFY(file->open());
    file->write(QByteArray(20000, 'f'));
    QVERIFY(file->seek(0));
    server->resetRecording();
}

void tst_AbortMatrix::cleanup()
{
    otherManager.reset();
    tearDown();
    file.reset();
}

void tst_AbortMatrix::matrix_data()
{
    QTest::addColumn<Operation>("operation");
    QTest::addColumn<State>("state");
    QTest::addColumn<Action>("action");
    for (int o = 0; o <= int(Operation::CustomVerb); ++o) {
        for (int s = 0; s <= int(State::MidRedirect); ++s) {
            for (int a = 0; a <= int(Action::DeleteSession); ++a) {
                QTest::addRow("%s, %s, %s", name(Operation(o)), name(State(s)), name(Action(a)))
                        << Operation(o) << State(s) << Action(a);
            }
        }
    }
}

QNetworkReply *tst_AbortMatrix::send(Operation operation, const QNetworkRequest &request)
{
    switch (operation) {
    case Operation::Get:
        return manager->get(request);
    case Operation::PostBytes:
        return manager->post(request, QByteArray(10000, 'p'));
    case Operation::PutFile:
        return manager->put(request, file.get());
    case Operation::Multipart: {
        auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        QHttpPart part;
        part.setRawHeader("Content-Disposition", "form-data; name=\"blob\"");
        part.setBody(QByteArray(10000, 'm'));
        multipart->append(part);
        QNetworkReply *reply = manager->post(request, multipart);
        multipart->setParent(reply); // Qt's documented idiom: the body dies with the reply
        return reply;
    }
    case Operation::CustomVerb:
        return manager->sendCustomRequest(request, "PATCH", QByteArray(10000, 'c'));
    }
    return nullptr;
}

void tst_AbortMatrix::matrix()
{
    QFETCH(Operation, operation);
    QFETCH(State, state);
    QFETCH(Action, action);

    server->setRefreshDelay(200ms);
    const bool expire = state == State::WaitingForRefresh || state == State::Replaying;
    if (expire)
        server->authority()->expireAccessTokensNow();
    const QString slow = QStringLiteral("/delay?ms=300");
    QNetworkRequest request(server->url(slow));
    if (state == State::MidRedirect) {
        // A 307 keeps method and body; UserVerified holds the hop until redirectAllowed().
        const QString target = server->url(slow).toString();
        request.setUrl(server->url(QStringLiteral("/redirect?code=307&to=")
                                   + QString::fromLatin1(QUrl::toPercentEncoding(target))));
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::UserVerifiedRedirectPolicy);
    }
    if (state == State::WaitingForRefresh)
        request.setUrl(server->url(QStringLiteral("/echo")));

    QSignalSpy queued(manager.get(), &JwtAccessManager::replyQueued);
    QPointer<QNetworkReply> victim = send(operation, request);
    QVERIFY(victim);
    int victimFinished = 0;
    connect(victim, &QNetworkReply::finished, this, [&victimFinished] { ++victimFinished; });
    QSignalSpy redirected(victim.data(), &QNetworkReply::redirected);

    QPointer<QNetworkReply> bystander =
            otherManager->get(QNetworkRequest(server->url(QStringLiteral("/echo"))));
    int bystanderFinished = 0;
    connect(bystander, &QNetworkReply::finished, this,
            [&bystanderFinished] { ++bystanderFinished; });

    switch (state) {
    case State::BeforeSend:
        break; // nothing ran yet: no event was processed since send()
    case State::InFlight:
        QTRY_COMPARE(server->count(QStringLiteral("/delay")), 1);
        break;
    case State::WaitingForRefresh:
        QTRY_VERIFY(queued.count() >= 1);
        QCOMPARE(queued.first().first().value<QNetworkReply *>(), victim.data());
        QCOMPARE(session->state(), JwtSession::State::Refreshing);
        break;
    case State::Replaying:
        QTRY_COMPARE(server->count(QStringLiteral("/delay")), 2); // the refusal, the replay
        QCOMPARE(server->refreshCalls(), 1);
        break;
    case State::MidRedirect:
        QTRY_COMPARE(redirected.count(), 1);
        QCOMPARE(server->count(QStringLiteral("/delay")), 0);
        break;
    }
    QVERIFY2(victim && !victim->isFinished(), "the victim must still be running");
    QCOMPARE(victimFinished, 0);

    switch (action) {
    case Action::Abort:
        victim->abort();
        break;
    case Action::Close:
        victim->close();
        break;
    case Action::DeleteReply:
        delete victim.data();
        break;
    case Action::DeleteManager:
        manager.reset();
        break;
    case Action::DeleteSession:
        session.reset();
        break;
    }

    switch (action) {
    case Action::Abort:
    case Action::Close:
        QCOMPARE(victimFinished, 1); // synchronously, like Qt's own replies
        QVERIFY(victim->isFinished());
        QCOMPARE(victim->error(), QNetworkReply::OperationCanceledError);
        break;
    case Action::DeleteReply:
    case Action::DeleteManager:
        QVERIFY(victim.isNull());
        QVERIFY(victimFinished <= 1);
        break;
    case Action::DeleteSession:
        QVERIFY(victim);
        if (state == State::MidRedirect)
            Q_EMIT victim->redirectAllowed(); // the hop goes on, without a session
        QTRY_COMPARE_WITH_TIMEOUT(victimFinished, 1, 10000);
        break;
    }

    // The bystander, on another manager of the same session, finishes exactly once; it only
    // fails when its session was deleted.
    QTRY_COMPARE_WITH_TIMEOUT(bystanderFinished, 1, 10000);
    QVERIFY(bystander);
    if (action != Action::DeleteSession) {
        QCOMPARE(bystander->error(), QNetworkReply::NoError);
        QCOMPARE(bystander->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    }

    // Late signals would show now: still exactly once, and the session in a sensible state.
    QVERIFY(waitForPostedEvents());
    QCOMPARE(bystanderFinished, 1);
    if (victim)
        QCOMPARE(victimFinished, 1);
    else
        QVERIFY(victimFinished <= 1);
    if (session) {
        QTRY_COMPARE(session->state(), JwtSession::State::Active);
        QVERIFY(session->isSignedIn());
        QVERIFY(server->refreshCalls() <= (expire ? 1 : 0));
    }
    delete victim.data();
    delete bystander.data();
}

QTEST_GUILESS_MAIN(tst_AbortMatrix)
#include "tst_abortmatrix.moc"
