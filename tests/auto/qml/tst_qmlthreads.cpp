// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// QML creates its network managers on several threads (trap 9). These tests build managers with
// JwtQmlNetworkAccessManagerFactory::create() inside worker threads, as QML does, and check on
// the server that one session still means one refresh, whatever thread the 401s arrive on.

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtqmlnetworkaccessmanagerfactory.h>
#include <JwtSession/jwtsession.h>

#include "jwtdemoauthority.h"
#include "jwttestserver.h"

#include <QtCore/qeventloop.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qsemaphore.h>
#include <QtCore/qthread.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <atomic>
#include <memory>
#include <vector>

using namespace std::chrono_literals;

namespace {

struct Outcome
{
    QNetworkReply::NetworkError error = QNetworkReply::UnknownNetworkError;
    int status = 0;
    QString user;
    int finishedCount = 0;
};

// Creates its manager through the factory in its own thread, waits for the go-ahead, fires
// its requests at once and runs its own event loop until every reply finished.
class RequestThread : public QThread
{
public:
    RequestThread(JwtQmlNetworkAccessManagerFactory *factory, const QUrl &url, int requests,
                  QSemaphore *ready, QSemaphore *go)
        : m_factory(factory), m_url(url), m_requests(requests), m_ready(ready), m_go(go)
    { }

    std::vector<Outcome> outcomes; // read after the thread finished
    bool managerWasJwt = false;
    bool managerLivedHere = false;
    std::atomic<int> queued {0};

protected:
    void run() override
    {
        std::unique_ptr<QNetworkAccessManager> manager(m_factory->create(nullptr));
        auto *jwtManager = qobject_cast<JwtAccessManager *>(manager.get());
        managerWasJwt = jwtManager != nullptr;
        managerLivedHere = manager->thread() == QThread::currentThread();
        if (jwtManager) {
            QObject::connect(jwtManager, &JwtAccessManager::replyQueued,
                             [this](QNetworkReply *) { ++queued; });
        }
        m_ready->release();
        m_go->acquire();
        // A factory rebound meanwhile reaches this manager through a queued call.
        QCoreApplication::sendPostedEvents();

        outcomes.resize(size_t(m_requests));
        std::vector<std::unique_ptr<QNetworkReply>> replies;
        QEventLoop loop;
        int finished = 0;
        for (int i = 0; i < m_requests; ++i) {
            replies.emplace_back(manager->get(QNetworkRequest(m_url)));
            QObject::connect(replies.back().get(), &QNetworkReply::finished, &loop,
                             [this, i, &finished, &loop] {
                                 ++outcomes[size_t(i)].finishedCount;
                                 if (++finished == m_requests)
                                     loop.quit();
                             });
        }
        QTimer::singleShot(30s, &loop, &QEventLoop::quit);
        if (finished < m_requests)
            loop.exec();
        QCoreApplication::processEvents(); // a second finished() would show up here
        for (int i = 0; i < m_requests; ++i)
            record(replies[size_t(i)].get(), &outcomes[size_t(i)]);
    }

private:
    static void record(QNetworkReply *reply, Outcome *outcome)
    {
        if (!reply->isFinished())
            return;
        outcome->error = reply->error();
        outcome->status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        outcome->user = QJsonDocument::fromJson(reply->readAll())
                                .object()
                                .value(QStringLiteral("user"))
                                .toString();
    }

    JwtQmlNetworkAccessManagerFactory *m_factory;
    QUrl m_url;
    int m_requests;
    QSemaphore *m_ready;
    QSemaphore *m_go;
};

} // namespace

class tst_QmlThreads : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void concurrentExpiryRefreshesOnce_data();
    void concurrentExpiryRefreshesOnce();
    void heldRepliesInOtherThreadsResumeAfterSignIn();
    void deletingTheSessionReleasesOtherThreads();
    void factoryRebindsManagersInTheirThreads();

private:
    // Starts \a threads workers with \a each requests to /echo; returns once all are ready.
    void startThreads(int threads, int each);
    void go();
    bool waitForThreads();
    void verifyAllSucceeded(int expectedRequests);

    std::unique_ptr<JwtTestServer> server;
    std::unique_ptr<JwtCookieRefresher> refresher;
    std::unique_ptr<JwtSession> session;
    std::unique_ptr<JwtQmlNetworkAccessManagerFactory> factory;
    std::vector<std::unique_ptr<RequestThread>> threads;
    QSemaphore ready;
    QSemaphore goAhead;
};

void tst_QmlThreads::init()
{
    server = std::make_unique<JwtTestServer>();
    QVERIFY(server->listen());
    refresher = std::make_unique<JwtCookieRefresher>();
    refresher->setLoginUrl(server->url(QStringLiteral("/auth/login")));
    refresher->setRefreshUrl(server->url(QStringLiteral("/auth/refresh")));
    session = std::make_unique<JwtSession>();
    session->setRefresher(refresher.get());
    session->addAuthorizedOrigin(server->url());
    factory = std::make_unique<JwtQmlNetworkAccessManagerFactory>(session.get());

    QSignalSpy signedIn(session.get(), &JwtSession::signInSucceeded);
    session->signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QVERIFY(signedIn.wait());
    server->resetRecording();
}

void tst_QmlThreads::cleanup()
{
    goAhead.release(int(threads.size())); // never leave a worker blocked on a failed test
    for (const auto &thread : threads)
        QVERIFY(QTest::qWaitFor([&] { return thread->isFinished(); }, 40000));
    threads.clear();
    ready.acquire(ready.available());
    goAhead.acquire(goAhead.available());
    factory.reset();
    session.reset();
    refresher.reset();
    server.reset();
}

void tst_QmlThreads::startThreads(int count, int each)
{
    for (int i = 0; i < count; ++i) {
        threads.push_back(std::make_unique<RequestThread>(
                factory.get(), server->url(QStringLiteral("/echo")), each, &ready, &goAhead));
        threads.back()->start();
    }
    // Every manager is created in its thread before the first request leaves.
    QVERIFY(ready.tryAcquire(count, 10000));
    for (const auto &thread : threads) {
        QVERIFY(thread->managerWasJwt);
        QVERIFY(thread->managerLivedHere);
    }
}

void tst_QmlThreads::go()
{
    goAhead.release(int(threads.size()));
}

bool tst_QmlThreads::waitForThreads()
{
    // The refresh runs on this (the session's) thread: keep its event loop running.
    return QTest::qWaitFor(
            [&] {
                return std::all_of(threads.begin(), threads.end(),
                                   [](const auto &thread) { return thread->isFinished(); });
            },
            40000);
}

void tst_QmlThreads::verifyAllSucceeded(int expectedRequests)
{
    int succeeded = 0;
    for (const auto &thread : threads) {
        for (const Outcome &outcome : thread->outcomes) {
            QCOMPARE(outcome.finishedCount, 1);
            succeeded += outcome.error == QNetworkReply::NoError && outcome.status == 200
                    && outcome.user == QLatin1String("alice");
        }
    }
    QCOMPARE(succeeded, expectedRequests);
    // On the server: each request was answered 200 once, with a token; the refused attempts
    // are the only extra ones.
    int answered = 0, refused = 0, withToken = 0;
    const QList<JwtRecordedRequest> seen = server->requests();
    for (const JwtRecordedRequest &request : seen) {
        if (request.path != QLatin1String("/echo"))
            continue;
        answered += request.status == 200;
        refused += request.status == 401;
        withToken += !request.authorization.isEmpty();
    }
    QCOMPARE(answered, expectedRequests);
    QCOMPARE(answered + refused, server->count(QStringLiteral("/echo")));
    QCOMPARE(withToken, server->count(QStringLiteral("/echo")));
}

void tst_QmlThreads::concurrentExpiryRefreshesOnce_data()
{
    QTest::addColumn<int>("threadCount");
    QTest::addColumn<int>("requestsPerThread");
    QTest::addColumn<int>("refreshDelayMs");

    QTest::newRow("2 threads x 50, fast refresh") << 2 << 50 << 0;
    QTest::newRow("2 threads x 50, slow refresh") << 2 << 50 << 300;
    QTest::newRow("4 threads x 25, slow refresh") << 4 << 25 << 150;
}

void tst_QmlThreads::concurrentExpiryRefreshesOnce()
{
    QFETCH(int, threadCount);
    QFETCH(int, requestsPerThread);
    QFETCH(int, refreshDelayMs);
    server->setRefreshDelay(std::chrono::milliseconds(refreshDelayMs));
    server->authority()->expireAccessTokensNow();
    const quint64 generationBefore = session->tokenGeneration();
    QSignalSpy refreshed(session.get(), &JwtSession::refreshSucceeded);

    startThreads(threadCount, requestsPerThread);
    go();
    QVERIFY(waitForThreads());

    verifyAllSucceeded(threadCount * requestsPerThread);
    QCOMPARE(server->refreshCalls(), 1);
    QVERIFY(server->unauthorizedAnswers() >= 1);
    QCOMPARE(refreshed.count(), 1);
    QVERIFY(session->tokenGeneration() > generationBefore);
    QCOMPARE(session->state(), JwtSession::State::Active);
}

void tst_QmlThreads::heldRepliesInOtherThreadsResumeAfterSignIn()
{
    constexpr int ThreadCount = 2;
    constexpr int Each = 50;
    session->setExpiryPolicy(JwtSession::ExpiryPolicy::HoldForSignIn);
    server->authority()->revokeAllRefreshTokens();
    server->authority()->expireAccessTokensNow();
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);
    QSignalSpy signedIn(session.get(), &JwtSession::signInSucceeded);

    startThreads(ThreadCount, Each);
    go();
    QVERIFY(expired.wait(20000));
    // Every reply, in both threads, is parked until the user signs in again.
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(threads.begin(), threads.end(),
                                         [](const auto &thread) { return thread->queued == Each; }),
                             20000);
    QCOMPARE(session->state(), JwtSession::State::Expired);
    for (const auto &thread : threads)
        QVERIFY(thread->isRunning());

    session->signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QVERIFY(signedIn.wait());
    QVERIFY(waitForThreads());

    verifyAllSucceeded(ThreadCount * Each);
    QCOMPARE(server->refreshCalls(), 1); // the rejected one; the sign-in released the rest
    QCOMPARE(expired.count(), 1);
    QCOMPARE(server->count(QStringLiteral("/auth/login")), 1);
}

// The session goes while replies in other threads wait for its refresh: each fails once, in
// its own thread, and disconnects from the session's wake-up channel without racing with the
// session's destruction (the ThreadSanitizer stage of scripts/test.sh runs this).
void tst_QmlThreads::deletingTheSessionReleasesOtherThreads()
{
    constexpr int ThreadCount = 3;
    constexpr int Each = 20;
    server->setRefreshDelay(5s);
    server->authority()->expireAccessTokensNow();
    startThreads(ThreadCount, Each);
    go();
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(threads.begin(), threads.end(),
                                         [](const auto &thread) { return thread->queued == Each; }),
                             20000);
    factory.reset();
    session.reset();
    QVERIFY(waitForThreads());
    for (const auto &thread : threads) {
        for (const Outcome &outcome : thread->outcomes) {
            QCOMPARE(outcome.finishedCount, 1);
            QCOMPARE(outcome.error, QNetworkReply::AuthenticationRequiredError);
        }
    }
}

void tst_QmlThreads::factoryRebindsManagersInTheirThreads()
{
    // QML may create its managers before a Session element binds the factory.
    factory->setSession(nullptr);
    startThreads(2, 5);
    factory->setSession(session.get());
    QCOMPARE(factory->session(), session.get());
    go();
    QVERIFY(waitForThreads());

    verifyAllSucceeded(10);
    QCOMPARE(server->countWithAuthorization(), 10);
    QCOMPARE(server->refreshCalls(), 0);
}

QTEST_GUILESS_MAIN(tst_QmlThreads)
#include "tst_qmlthreads.moc"
