// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// JwtAccessManager::maxActiveRequestsPerOrigin: how many requests to one origin are handed to
// Qt at once, and what happens to the others (they wait in order of priority, leave with the
// current token, can be aborted or deleted while they wait). Asserted on what the server saw.

#include "jwtsessionfixture.h"

#include <jwtdemoauthority.h>

#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

using namespace std::chrono_literals;

namespace {

// How many attempts are in Qt's hands at once, seen from outside: attempts sent
// (JwtAccessManager::aboutToSend) minus replies finished, and the most it ever was. Sends are
// counted while counting is true.
class InQtsHands : public QObject
{
public:
    explicit InQtsHands(JwtAccessManager *manager)
    {
        connect(manager, &JwtAccessManager::aboutToSend, this, [this] {
            if (!counting)
                return;
            ++sent;
            most = qMax(most, sent - finished);
        });
    }
    void watch(QNetworkReply *reply)
    {
        connect(reply, &QNetworkReply::finished, this, [this] { ++finished; });
    }

    bool counting = true;
    int sent = 0;
    int finished = 0;
    int most = 0;
};

} // namespace

class tst_AttemptWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void defaultLimit();
    void stormBeyondTheWindowRefreshesOnce_data();
    void stormBeyondTheWindowRefreshesOnce();
    void highPriorityLeavesFirst();
    void waitingRequestsLeaveWithTheNewToken();
    void abortAndDeleteWhileWaiting();
    void otherOriginsAreNotHeldBack();
    void removedOriginReachesWaitingRequests();
    void raisingTheLimitReleasesWaitingRequests();
    void deletingTheManagerFailsMovedWaitingReplies();
    void steadyStreamWidensTheWindow_data();
    void steadyStreamWidensTheWindow();
    void replaysWithAFreshTokenLeaveTogether();

private:
    QStringList pathsSeen() const;
    int widenWithAStream(int *sentAtOnce = nullptr);

    std::unique_ptr<JwtSessionFixture> f;
};

void tst_AttemptWindow::init()
{
    f = std::make_unique<JwtSessionFixture>();
    QVERIFY2(f->setUp(), qPrintable(f->errorString()));
}

void tst_AttemptWindow::cleanup()
{
    f.reset();
}

// Path and query of every request the server saw, in order, without the auth endpoints.
QStringList tst_AttemptWindow::pathsSeen() const
{
    QStringList paths;
    for (const JwtRecordedRequest &r : f->server->requests()) {
        if (!r.path.startsWith(QStringLiteral("/auth/")))
            paths.append(r.query.isEmpty() ? r.path : r.path + u'?' + r.query);
    }
    return paths;
}

void tst_AttemptWindow::defaultLimit()
{
    // Automatic: a burst starts with Qt's 6 HTTP/1.1 connections per host here (plain http,
    // no HTTP/2).
    QCOMPARE(f->manager->maxActiveRequestsPerOrigin(), -1);
    QCOMPARE(f->manager->property("maxActiveRequestsPerOrigin").toInt(), -1);
}

void tst_AttemptWindow::stormBeyondTheWindowRefreshesOnce_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("maxRefused");
    QTest::addColumn<bool>("widenedBefore"); // by a stream that ended before the storm
    QTest::newRow("automatic (6 over HTTP/1.1)") << -1 << 6 << false;
    // The widened window narrows back once nothing is in flight: a burst after a quiet moment
    // starts at 6 again.
    QTest::newRow("automatic, widened before") << -1 << 6 << true;
    QTest::newRow("limit 4") << 4 << 4 << false;
    QTest::newRow("no limit") << 0 << 40 << false;
}

// Only the requests handed to Qt go out with the expired token; the others wait for the
// refresh the first refusal starts, and every request succeeds.
void tst_AttemptWindow::stormBeyondTheWindowRefreshesOnce()
{
    QFETCH(int, limit);
    QFETCH(int, maxRefused);
    QFETCH(bool, widenedBefore);
    constexpr int Requests = 40;
    f->manager->setMaxActiveRequestsPerOrigin(limit);
    if (widenedBefore) {
        QVERIFY(widenWithAStream() > 6);
        f->server->resetRecording();
    }
    f->server->authority()->expireAccessTokensNow();
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int i = 0; i < Requests; ++i)
        replies.emplace_back(f->get(QStringLiteral("/echo?i=%1").arg(i)));
    for (const auto &reply : replies) {
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->error(), QNetworkReply::NoError);
    }
    QCOMPARE(f->server->refreshCalls(), 1);
    QVERIFY2(f->server->unauthorizedAnswers() >= 1, "the token was not expired");
    QVERIFY2(f->server->unauthorizedAnswers() <= maxRefused,
             QByteArray::number(f->server->unauthorizedAnswers()));
    if (limit == 0)
        QCOMPARE(f->server->unauthorizedAnswers(), Requests);
}

void tst_AttemptWindow::highPriorityLeavesFirst()
{
    f->manager->setMaxActiveRequestsPerOrigin(1);
    std::unique_ptr<QNetworkReply> first(f->get(QStringLiteral("/delay?ms=300")));
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (const char *name : {"n1", "n2", "n3"})
        replies.emplace_back(f->get(QStringLiteral("/echo?%1").arg(QLatin1String(name))));
    replies.emplace_back(f->get(QStringLiteral("/echo?high"), QNetworkRequest::HighPriority));
    replies.emplace_back(f->get(QStringLiteral("/echo?low"), QNetworkRequest::LowPriority));
    for (const auto &reply : replies)
        QTRY_VERIFY(reply->isFinished());
    QVERIFY(first->isFinished());
    // One at a time, high priority first, the others in the order they were issued (Low and
    // Normal share a queue, as in Qt).
    const QStringList expected = {
            QStringLiteral("/delay?ms=300"), QStringLiteral("/echo?high"),
            QStringLiteral("/echo?n1"),      QStringLiteral("/echo?n2"),
            QStringLiteral("/echo?n3"),      QStringLiteral("/echo?low"),
    };
    QCOMPARE(pathsSeen(), expected);
}

// A request waiting for a slot is admitted when it gets one: after a refresh that happened
// meanwhile, it carries the new token and is never refused.
void tst_AttemptWindow::waitingRequestsLeaveWithTheNewToken()
{
    f->manager->setMaxActiveRequestsPerOrigin(1);
    std::unique_ptr<QNetworkReply> first(f->get(QStringLiteral("/delay?ms=300")));
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int i = 0; i < 5; ++i)
        replies.emplace_back(f->get(QStringLiteral("/echo?i=%1").arg(i)));
    QSignalSpy refreshed(f->session.get(), &JwtSession::refreshSucceeded);
    f->session->refresh();
    QTRY_COMPARE(refreshed.count(), 1);
    for (const auto &reply : replies) {
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->error(), QNetworkReply::NoError);
    }
    QCOMPARE(f->server->refreshCalls(), 1);
    // The login's token is generation 1, the refreshed one 2: all five carried the new one.
    QCOMPARE(f->server->count(QStringLiteral("/echo")), 5);
    QCOMPARE(f->server->requestsWithGeneration(2), 5);
    QCOMPARE(f->server->unauthorizedAnswers(), 0);
}

void tst_AttemptWindow::abortAndDeleteWhileWaiting()
{
    f->manager->setMaxActiveRequestsPerOrigin(1);
    std::unique_ptr<QNetworkReply> first(f->get(QStringLiteral("/delay?ms=200")));
    std::unique_ptr<QNetworkReply> aborted(f->get(QStringLiteral("/echo?aborted")));
    QPointer<QNetworkReply> deleted = f->get(QStringLiteral("/echo?deleted"));
    std::unique_ptr<QNetworkReply> last(f->get(QStringLiteral("/echo?last")));

    QSignalSpy abortedFinished(aborted.get(), &QNetworkReply::finished);
    aborted->abort();
    QCOMPARE(abortedFinished.count(), 1); // synchronously, like Qt's own replies
    QCOMPARE(aborted->error(), QNetworkReply::OperationCanceledError);
    delete deleted.data();

    QTRY_VERIFY(last->isFinished());
    QCOMPARE(last->error(), QNetworkReply::NoError);
    QCOMPARE(abortedFinished.count(), 1);
    QCOMPARE(pathsSeen(),
             QStringList({QStringLiteral("/delay?ms=200"), QStringLiteral("/echo?last")}));
}

void tst_AttemptWindow::otherOriginsAreNotHeldBack()
{
    JwtTestServer other(f->server->authority());
    QVERIFY(other.listen());
    f->session->addAuthorizedOrigin(other.url());
    f->manager->setMaxActiveRequestsPerOrigin(1);
    std::unique_ptr<QNetworkReply> slow(f->get(QStringLiteral("/delay?ms=1000")));
    std::unique_ptr<QNetworkReply> queued(f->get(QStringLiteral("/echo")));
    std::unique_ptr<QNetworkReply> elsewhere(
            f->manager->get(QNetworkRequest(other.url(QStringLiteral("/echo")))));
    QTRY_VERIFY(elsewhere->isFinished());
    QCOMPARE(elsewhere->error(), QNetworkReply::NoError);
    QVERIFY(!slow->isFinished());
    QVERIFY(!queued->isFinished());
    QCOMPARE(f->server->count(QStringLiteral("/echo")), 0);
    QCOMPARE(other.count(QStringLiteral("/echo")), 1);
    QTRY_VERIFY(queued->isFinished());
}

// The route is decided when an attempt leaves, not when the request was made: requests that
// wait for a slot when their origin is removed go out without the token.
void tst_AttemptWindow::removedOriginReachesWaitingRequests()
{
    constexpr int Waiting = 6;
    f->manager->setMaxActiveRequestsPerOrigin(1);
    std::unique_ptr<QNetworkReply> first(f->get(QStringLiteral("/delay?ms=300")));
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int i = 0; i < Waiting; ++i)
        replies.emplace_back(f->get(QStringLiteral("/public/echo?i=%1").arg(i)));
    QTRY_COMPARE(f->server->count(QStringLiteral("/delay")), 1);
    f->session->removeAuthorizedOrigin(f->server->url());
    for (const auto &reply : replies)
        QTRY_VERIFY(reply->isFinished());
    int withToken = 0;
    int seen = 0;
    for (const JwtRecordedRequest &request : f->server->requests()) {
        if (request.path != QStringLiteral("/public/echo"))
            continue;
        ++seen;
        withToken += request.authorization.isEmpty() ? 0 : 1;
    }
    QCOMPARE(seen, Waiting);
    QCOMPARE(withToken, 0);
}

void tst_AttemptWindow::raisingTheLimitReleasesWaitingRequests()
{
    f->manager->setMaxActiveRequestsPerOrigin(1);
    std::unique_ptr<QNetworkReply> slow(f->get(QStringLiteral("/delay?ms=1000")));
    std::unique_ptr<QNetworkReply> queued(f->get(QStringLiteral("/echo")));
    QTRY_COMPARE(f->server->count(QStringLiteral("/delay")), 1);
    QSignalSpy received(f->server.get(), &JwtTestServer::requestReceived);
    QVERIFY(!received.wait(50)); // the slow one holds the only place
    QCOMPARE(f->server->count(QStringLiteral("/echo")), 0);
    f->manager->setMaxActiveRequestsPerOrigin(2);
    QTRY_VERIFY(queued->isFinished());
    QCOMPARE(queued->error(), QNetworkReply::NoError);
    QVERIFY(!slow->isFinished());
}

// Replies are deleted with their manager, like Qt's; one the application moved to another
// parent survives it, and fails instead of waiting for a slot forever.
void tst_AttemptWindow::deletingTheManagerFailsMovedWaitingReplies()
{
    f->manager->setMaxActiveRequestsPerOrigin(1);
    QPointer<QNetworkReply> first = f->get(QStringLiteral("/delay?ms=200"));
    QPointer<QNetworkReply> child = f->get(QStringLiteral("/echo?child"));
    std::unique_ptr<QNetworkReply> moved(f->get(QStringLiteral("/echo?moved")));
    moved->setParent(nullptr);
    QSignalSpy movedFinished(moved.get(), &QNetworkReply::finished);
    f->manager.reset();
    QVERIFY(first.isNull());
    QVERIFY(child.isNull());
    QCOMPARE(movedFinished.count(), 1);
    QCOMPARE(moved->error(), QNetworkReply::OperationCanceledError);
    QVERIFY(waitForPostedEvents());
    QCOMPARE(movedFinished.count(), 1);
    QCOMPARE(f->server->count(QStringLiteral("/echo")), 0);
}

// Sends 40 slow GETs at once and waits for them; returns how many attempts were ever in Qt's
// hands at the same time, seen from outside: attempts sent (aboutToSend) minus replies
// finished (-1 if a request failed). \a sentAtOnce: how many left at once, before any answer.
int tst_AttemptWindow::widenWithAStream(int *sentAtOnce)
{
    constexpr int Requests = 40;
    InQtsHands inQt(f->manager.get());
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int i = 0; i < Requests; ++i) {
        replies.emplace_back(f->get(QStringLiteral("/delay?ms=50&i=%1").arg(i)));
        inQt.watch(replies.back().get());
    }
    // With a hook connected, first attempts leave from the event loop, right after get().
    QCoreApplication::sendPostedEvents(nullptr, QEvent::MetaCall);
    if (sentAtOnce)
        *sentAtOnce = inQt.sent;
    for (const auto &reply : replies) {
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10000)
            || reply->error() != QNetworkReply::NoError)
            return -1;
    }
    return inQt.most;
}

void tst_AttemptWindow::steadyStreamWidensTheWindow_data()
{
    QTest::addColumn<int>("transferTimeoutMs");
    QTest::addColumn<int>("widest");
    QTest::newRow("no transfer timeout") << 0 << 40; // all of the stream
    // Qt's transfer timeout runs while a request waits in Qt's queue: two per connection.
    QTest::newRow("transfer timeout") << 10000 << 12;
}

// The automatic window starts at Qt's 6 HTTP/1.1 connections and widens by one for each answer
// accepted while requests wait: a stream of more requests than that stops waiting in the
// manager. A fixed window keeps attempts sent minus replies finished at its size.
void tst_AttemptWindow::steadyStreamWidensTheWindow()
{
    QFETCH(int, transferTimeoutMs);
    QFETCH(int, widest);
    f->manager->setTransferTimeout(transferTimeoutMs);
    int sentAtOnce = 0;
    const int mostAhead = widenWithAStream(&sentAtOnce);
    QCOMPARE(sentAtOnce, 6);
    if (widest == 12) // widened from 6, but no further
        QCOMPARE(mostAhead, 12);
    else
        QVERIFY2(mostAhead > 12 && mostAhead <= widest, QByteArray::number(mostAhead));
    // An explicit limit is kept as it is.
    f->manager->setMaxActiveRequestsPerOrigin(6);
    QCOMPARE(widenWithAStream(&sentAtOnce), 6);
    QCOMPARE(sentAtOnce, 6);
}

// The replies a refresh releases carry a token the server has just issued: they leave together
// rather than start at 6 like a burst with an older token (which would let about half of them
// leave before the first replay finished).
void tst_AttemptWindow::replaysWithAFreshTokenLeaveTogether()
{
    constexpr int Requests = 40;
    InQtsHands replays(f->manager.get());
    replays.counting = false; // from the refresh on
    connect(f->session.get(), &JwtSession::refreshSucceeded, &replays,
            [&] { replays.counting = true; });
    f->server->authority()->expireAccessTokensNow();
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int i = 0; i < Requests; ++i) {
        replies.emplace_back(f->get(QStringLiteral("/echo?i=%1").arg(i)));
        replays.watch(replies.back().get());
    }
    for (const auto &reply : replies) {
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->error(), QNetworkReply::NoError);
    }
    QCOMPARE(f->server->refreshCalls(), 1);
    QVERIFY2(f->server->unauthorizedAnswers() <= 6,
             QByteArray::number(f->server->unauthorizedAnswers()));
    QCOMPARE(replays.sent, Requests);
    QCOMPARE(replays.most, Requests);
}

QTEST_GUILESS_MAIN(tst_AttemptWindow)
#include "tst_attemptwindow.moc"
