// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// JwtAccessManager used like any QNetworkAccessManager: replies and the manager deleted in any
// signal, qDeleteAll() over the manager's replies, aborts anywhere. The sanitizer stage runs
// these too; a use after free fails there even where the assertions here pass.

#include "jwtdemoauthority.h"
#include "jwtsessionfixture.h"

#include <QtCore/qpointer.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qthread.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

using namespace std::chrono_literals;

class tst_Ownership : public QObject, private JwtSessionFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void onlyCallersRepliesAreChildren();
    void deleteAllChildReplies_data();
    void deleteAllChildReplies();
    void deleteInsideHook_data();
    void deleteInsideHook();
    void abortInsideFirstAboutToSend_data();
    void abortInsideFirstAboutToSend();
    void destroyingManagerFinishesMovedReplies_data();
    void destroyingManagerFinishesMovedReplies();
    void managerMovedToAnotherThread();
};

void tst_Ownership::init()
{
    QVERIFY2(setUp(), qPrintable(errorString()));
}

void tst_Ownership::cleanup()
{
    tearDown();
}

// Only the replies the caller got are the manager's QNetworkReply children: the attempts
// behind them are the library's business.
void tst_Ownership::onlyCallersRepliesAreChildren()
{
    server->authority()->expireAccessTokensNow();
    std::unique_ptr<QNetworkReply> first(get(QStringLiteral("/delay?ms=300")));
    std::unique_ptr<QNetworkReply> second(get(QStringLiteral("/echo")));
    QTRY_COMPARE(server->refreshCalls(), 1);
    const QList<QNetworkReply *> children = manager->findChildren<QNetworkReply *>();
    QCOMPARE(children.size(), 2);
    QVERIFY(children.contains(first.get()));
    QVERIFY(children.contains(second.get()));
    QTRY_VERIFY(first->isFinished() && second->isFinished());
    QCOMPARE(manager->findChildren<QNetworkReply *>().size(), 2);
}

void tst_Ownership::deleteAllChildReplies_data()
{
    QTest::addColumn<QString>("when");
    QTest::newRow("finished") << QStringLiteral("finished");
    QTest::newRow("finished after a replay") << QStringLiteral("replayed");
    QTest::newRow("in flight") << QStringLiteral("in flight");
    QTest::newRow("waiting for a refresh") << QStringLiteral("waiting");
}

// Common shutdown code: qDeleteAll(manager->findChildren<QNetworkReply *>()).
void tst_Ownership::deleteAllChildReplies()
{
    QFETCH(QString, when);
    if (when == QStringLiteral("replayed") || when == QStringLiteral("waiting"))
        server->authority()->expireAccessTokensNow();
    if (when == QStringLiteral("waiting"))
        server->setRefreshDelay(500ms);
    const QString path = when == QStringLiteral("in flight") ? QStringLiteral("/delay?ms=2000")
                                                             : QStringLiteral("/echo");
    QList<QPointer<QNetworkReply>> replies;
    for (int i = 0; i < 4; ++i)
        replies.append(get(path));
    if (when == QStringLiteral("in flight"))
        QTRY_COMPARE(server->count(QStringLiteral("/delay")), 4);
    else if (when == QStringLiteral("waiting"))
        QTRY_COMPARE(server->refreshCalls(), 1);
    else
        QTRY_VERIFY(std::all_of(replies.cbegin(), replies.cend(),
                                [](const QPointer<QNetworkReply> &r) { return r->isFinished(); }));

    qDeleteAll(manager->findChildren<QNetworkReply *>());
    for (const auto &reply : std::as_const(replies))
        QVERIFY(reply.isNull());
    QVERIFY(manager->findChildren<QNetworkReply *>().isEmpty());

    // The manager and the session go on working.
    std::unique_ptr<QNetworkReply> next(get(QStringLiteral("/echo")));
    QTRY_VERIFY_WITH_TIMEOUT(next->isFinished(), 5000);
    QCOMPARE(next->error(), QNetworkReply::NoError);
}

void tst_Ownership::deleteInsideHook_data()
{
    QTest::addColumn<QByteArray>("hook");
    QTest::addColumn<QByteArray>("victim");
    for (const char *hook : {"aboutToSend", "aboutToSend on the replay", "authorizationFailed",
                             "replyQueued", "replyReplayed"}) {
        for (const char *victim : {"reply", "manager"})
            QTest::addRow("%s deletes the %s", hook, victim)
                    << QByteArray(hook) << QByteArray(victim);
    }
}

// Each hook may delete the reply it carries or the manager itself, as a slot of any Qt signal
// may. The reply is then gone (with the manager, like any of its replies), nothing else breaks.
void tst_Ownership::deleteInsideHook()
{
    QFETCH(QByteArray, hook);
    QFETCH(QByteArray, victim);
    server->authority()->expireAccessTokensNow();
    server->setRefreshDelay(100ms);
    std::unique_ptr<QNetworkReply> bystander(get(QStringLiteral("/echo")));
    QPointer<QNetworkReply> reply;
    int calls = 0;
    const auto strike = [&](QNetworkReply *r) {
        if (r != reply.data())
            return;
        ++calls;
        if (hook == "aboutToSend on the replay" && calls < 2)
            return;
        if (victim == "reply") {
            delete r;
        } else {
            bystander.release(); // deleted with the manager
            manager.reset();
        }
    };
    JwtAccessManager *m = manager.get();
    if (hook.startsWith("aboutToSend"))
        connect(m, &JwtAccessManager::aboutToSend, this, strike);
    else if (hook == "authorizationFailed")
        connect(m, &JwtAccessManager::authorizationFailed, this, strike);
    else if (hook == "replyQueued")
        connect(m, &JwtAccessManager::replyQueued, this, strike);
    else
        connect(m, &JwtAccessManager::replyReplayed, this, strike);

    reply = get(QStringLiteral("/echo"));
    QTRY_VERIFY_WITH_TIMEOUT(reply.isNull(), 5000);
    if (victim == "reply") {
        QTRY_VERIFY(bystander->isFinished());
        QCOMPARE(bystander->error(), QNetworkReply::NoError);
    }
    // Only a manager deleted before the first attempt left takes the bystander with it before
    // its refusal.
    const bool nothingRefused = hook == "aboutToSend" && victim == "manager";
    QCOMPARE(server->refreshCalls(), nothingRefused ? 0 : 1);
    // The session works for whichever manager is left.
    if (!manager)
        manager = std::make_unique<JwtAccessManager>(session.get());
    std::unique_ptr<QNetworkReply> next(get(QStringLiteral("/echo")));
    QTRY_VERIFY_WITH_TIMEOUT(next->isFinished(), 5000);
    QCOMPARE(next->error(), QNetworkReply::NoError);
}

void tst_Ownership::abortInsideFirstAboutToSend_data()
{
    QTest::addColumn<bool>("autoDelete");
    QTest::newRow("caller deletes") << false;
    QTest::newRow("auto-delete") << true;
}

// Aborted before its first attempt leaves, inside get(): the caller still gets the reply
// first and sees finished() after, as with Qt's own early errors; the manager reports it too,
// and an auto-deleted reply is deleted.
void tst_Ownership::abortInsideFirstAboutToSend()
{
    QFETCH(bool, autoDelete);
    manager->setAutoDeleteReplies(autoDelete);
    connect(manager.get(), &JwtAccessManager::aboutToSend, this,
            [](QNetworkReply *reply) { reply->abort(); });
    QSignalSpy managerFinished(manager.get(), &QNetworkAccessManager::finished);
    QPointer<QNetworkReply> reply = get(QStringLiteral("/echo"));
    QVERIFY(reply);
    const void *const returned = reply.data();
    QSignalSpy finished(reply.data(), &QNetworkReply::finished);
    QTRY_COMPARE(managerFinished.count(), 1);
    QVERIFY(managerFinished.at(0).at(0).value<QNetworkReply *>() == returned);
    if (autoDelete) {
        QTRY_VERIFY(reply.isNull());
    } else {
        QCOMPARE(finished.count(), 1);
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        delete reply.data();
    }
    QCOMPARE(server->count(QStringLiteral("/echo")), 0);
}

void tst_Ownership::destroyingManagerFinishesMovedReplies_data()
{
    QTest::addColumn<QString>("state");
    QTest::newRow("waiting for a refresh") << QStringLiteral("refresh");
    QTest::newRow("waiting for a connection slot") << QStringLiteral("slot");
    QTest::newRow("in flight") << QStringLiteral("in flight");
}

// A reply the caller moved to another parent outlives the manager: it finishes when the
// manager goes, whatever it was waiting for, not when a refresh ends seconds later.
void tst_Ownership::destroyingManagerFinishesMovedReplies()
{
    QFETCH(QString, state);
    QObject owner;
    if (state == QStringLiteral("refresh")) {
        server->setRefreshDelay(3s);
        server->authority()->expireAccessTokensNow();
    }
    if (state == QStringLiteral("slot"))
        manager->setMaxActiveRequestsPerOrigin(1);
    std::unique_ptr<QNetworkReply> first(get(QStringLiteral("/delay?ms=3000")));
    const bool inFlight = state == QStringLiteral("in flight");
    QNetworkReply *moved =
            get(inFlight ? QStringLiteral("/delay?ms=3000") : QStringLiteral("/echo"));
    moved->setParent(&owner);
    std::unique_ptr<QNetworkReply> kept(moved);
    QSignalSpy finished(moved, &QNetworkReply::finished);
    if (state == QStringLiteral("refresh"))
        QTRY_COMPARE(server->refreshCalls(), 1);
    else
        QTRY_COMPARE(server->count(QStringLiteral("/delay")), inFlight ? 2 : 1);
    QCOMPARE(finished.count(), 0);

    first.release(); // deleted with the manager
    manager.reset();
    QCOMPARE(finished.count(), 1);
    QVERIFY(moved->isFinished());
    QVERIFY(moved->error() != QNetworkReply::NoError);
}

// A manager moved to another thread (idle, as Qt asks) works there: its attempts belong to
// that thread too, and stay out of its children.
void tst_Ownership::managerMovedToAnotherThread()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*parent.*")));
    QThread worker;
    worker.start();
    JwtAccessManager *moved = manager.release();
    moved->moveToThread(&worker);
    std::atomic<bool> finished {false};
    int children = -1;
    QNetworkReply::NetworkError error = QNetworkReply::UnknownNetworkError;
    const QUrl url = server->url(QStringLiteral("/echo"));
    QMetaObject::invokeMethod(
            moved,
            [&] {
                QNetworkReply *reply = moved->get(QNetworkRequest(url));
                connect(reply, &QNetworkReply::finished, moved, [&, reply] {
                    children = int(moved->findChildren<QNetworkReply *>().size());
                    error = reply->error();
                    delete reply;
                    finished = true;
                });
            },
            Qt::BlockingQueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(finished.load(), 5000);
    QCOMPARE(error, QNetworkReply::NoError);
    QCOMPARE(children, 1);
    QMetaObject::invokeMethod(
            moved, [moved] { delete moved; }, Qt::BlockingQueuedConnection);
    worker.quit();
    QVERIFY(worker.wait(5000));
}

QTEST_GUILESS_MAIN(tst_Ownership)
#include "tst_ownership.moc"
