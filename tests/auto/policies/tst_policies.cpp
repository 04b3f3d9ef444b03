// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// Session policies (issue 3), asserted on what the server saw: transient failures and their
// backoff, the refresh deadline, bounded waiting, proactive refresh and clock changes, hold for
// re-login, and the OAuth 2 flow end to end.

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtsession.h>

#include "jwtclock_p.h"
#include "jwtdemoauthority.h"
#include "jwtsession_p.h"
#include "jwtsessionfixture.h"

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qfile.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qlocale.h>
#include <QtCore/qurlquery.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qtcpserver.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <atomic>
#include <memory>
#include <vector>

using namespace std::chrono_literals;

namespace {

using Replies = std::vector<std::unique_ptr<QNetworkReply>>;

int succeeded(const Replies &replies)
{
    return int(std::count_if(replies.begin(), replies.end(), [](const auto &r) {
        return r->error() == QNetworkReply::NoError
                && r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
    }));
}

JwtDemoResponse status(int code, const QByteArray &retryAfter = {})
{
    JwtDemoResponse response;
    response.status = code;
    response.setHeader("Content-Type", "text/html");
    if (!retryAfter.isEmpty())
        response.setHeader("Retry-After", retryAfter);
    response.body = "<html>busy</html>";
    return response;
}

// Real time, shifted by offsets the test moves: wall jumps, and sleeps the steady clock missed.
class FakeClock : public JwtClock
{
public:
    qint64 wallMSecs() const override { return JwtClock::wallMSecs() + wallOffset; }
    qint64 steadyMSecs() const override { return JwtClock::steadyMSecs() + steadyOffset; }
    std::atomic<qint64> wallOffset {0};
    std::atomic<qint64> steadyOffset {0};
};

// Requests to \a path the server answered 401 (refresh calls answered 401 are not counted).
int refusals(const JwtTestServer &server, const QString &path = QStringLiteral("/echo"))
{
    const QList<JwtRecordedRequest> seen = server.requests();
    return int(std::count_if(seen.begin(), seen.end(), [&](const JwtRecordedRequest &r) {
        return r.path == path && r.status == 401;
    }));
}

qint64 residentBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong() * 1024;
    }
    return -1;
}

QString formValue(const QByteArray &body, const QString &name)
{
    return QUrlQuery(QString::fromUtf8(body)).queryItemValue(name, QUrl::FullyDecoded);
}

} // namespace

class tst_Policies : public QObject, private JwtSessionFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void transientFailuresAreRetried();
    void unreachableEndpointKeepsTheUserSignedIn();
    void retryAfterIsRespected();
    void garbageAnswerNoStorm();
    void refreshDeadline_data();
    void refreshDeadline();
    void boundedWaiting();
    void leewayIsCappedAtHalfTheLifetime();
    void proactiveRefreshRunsInTheBackground();
    void tokenRefusedDuringBackgroundRefresh();
    void clockJumps_data();
    void clockJumps();
    void clockSkew_data();
    void clockSkew();
    void holdForSignIn_data();
    void holdForSignIn();
    void oauth2EndToEnd();
    void proactiveSteadyStream(); // the one long test: about 10 s

private:
    QNetworkReply *get(const QString &path = QStringLiteral("/echo"));
    void sendMany(Replies *replies, int count, const QString &path = QStringLiteral("/echo"));
    bool signInWithMovableClock(std::chrono::milliseconds refreshDelay);
    void advance(std::chrono::milliseconds by);

    std::shared_ptr<FakeClock> m_clock;
};

void tst_Policies::init()
{
    QVERIFY2(setUp(SignIn::No), qPrintable(errorString()));
}

void tst_Policies::cleanup()
{
    tearDown();
}

QNetworkReply *tst_Policies::get(const QString &path)
{
    return manager->get(QNetworkRequest(server->url(path)));
}

void tst_Policies::sendMany(Replies *replies, int count, const QString &path)
{
    for (int i = 0; i < count; ++i)
        replies->emplace_back(get(path));
}

void tst_Policies::transientFailuresAreRetried()
{
    QVERIFY2(signIn(), qPrintable(errorString()));
    server->resetRecording();
    server->scriptRefreshResponses({status(503), status(503)});
    server->authority()->expireAccessTokensNow();
    QSignalSpy states(session.get(), &JwtSession::stateChanged);
    QSignalSpy failed(session.get(), &JwtSession::refreshFailed);
    QSignalSpy retries(session.get(), &JwtSession::refreshRetryScheduled);
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);

    Replies replies;
    sendMany(&replies, 20);
    QVERIFY(waitAll(replies));

    QCOMPARE(succeeded(replies), 20);
    QCOMPARE(server->refreshCalls(), 3);
    QCOMPARE(failed.count(), 2);
    for (const QList<QVariant> &args : failed)
        QCOMPARE(args.at(0).value<JwtSession::FailureKind>(), JwtSession::FailureKind::Transient);
    QCOMPARE(retries.count(), 2);
    QCOMPARE(expired.count(), 0);
    for (const QList<QVariant> &args : states)
        QVERIFY(args.at(0).value<JwtSession::State>() != JwtSession::State::Expired);
    QCOMPARE(session->state(), JwtSession::State::Active);
}

void tst_Policies::unreachableEndpointKeepsTheUserSignedIn()
{
    QVERIFY2(signIn(), qPrintable(errorString()));
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        closedPort = probe.serverPort();
    }
    QUrl unreachable = server->url(QStringLiteral("/auth/refresh"));
    unreachable.setPort(closedPort);
    refresher->setRefreshUrl(unreachable);
    server->resetRecording();
    server->authority()->expireAccessTokensNow();
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);
    QSignalSpy failed(session.get(), &JwtSession::refreshFailed);

    Replies replies;
    sendMany(&replies, 10);
    QVERIFY(waitAll(replies));
    for (const auto &reply : replies) {
        QCOMPARE(reply->error(), QNetworkReply::TemporaryNetworkFailureError);
        QVERIFY2(reply->errorString().contains(QStringLiteral("could not be renewed")),
                 qPrintable(reply->errorString()));
    }
    QCOMPARE(failed.count(), session->maxRefreshAttempts());
    QCOMPARE(expired.count(), 0);
    QVERIFY(session->isSignedIn());
    QCOMPARE(session->state(), JwtSession::State::Active);

    // The server is back. Requests during the backoff fail at once without a refresh call;
    // the first one after it refreshes, once.
    refresher->setRefreshUrl(server->url(QStringLiteral("/auth/refresh")));
    int failedFast = 0;
    QElapsedTimer elapsed;
    elapsed.start();
    bool recovered = false;
    while (!recovered && elapsed.elapsed() < 15000) {
        std::unique_ptr<QNetworkReply> reply(get());
        QTRY_VERIFY(reply->isFinished());
        if (reply->error() == QNetworkReply::NoError) {
            recovered = true;
        } else {
            QCOMPARE(reply->error(), QNetworkReply::TemporaryNetworkFailureError);
            ++failedFast;
            QTest::qWait(100); // pacing: the application tries again 100 ms later
        }
    }
    QVERIFY(recovered);
    QVERIFY(failedFast > 0);
    QCOMPARE(server->refreshCalls(), 1);
    QCOMPARE(expired.count(), 0);
}

void tst_Policies::retryAfterIsRespected()
{
    QVERIFY2(signIn(), qPrintable(errorString()));
    server->resetRecording();
    server->scriptRefreshResponses({status(503, "2")});
    server->authority()->expireAccessTokensNow();
    QElapsedTimer clock;
    clock.start();
    QList<qint64> refreshTimes;
    connect(server.get(), &JwtTestServer::refreshCallReceived, this,
            [&] { refreshTimes.append(clock.elapsed()); });

    std::unique_ptr<QNetworkReply> reply(get());
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(refreshTimes.size(), 2);
    const qint64 gap = refreshTimes.at(1) - refreshTimes.at(0);
    qInfo("gap between the refresh calls the server saw: %lld ms", qlonglong(gap));
    QVERIFY2(gap >= 2000, qPrintable(QString::number(gap)));
    QVERIFY2(gap < 4000, qPrintable(QString::number(gap)));
}

void tst_Policies::garbageAnswerNoStorm()
{
    QVERIFY2(signIn(), qPrintable(errorString()));
    server->resetRecording();
    JwtDemoResponse garbage;
    garbage.status = 200;
    garbage.setHeader("Content-Type", "application/json");
    garbage.body = "{\"acces_token\": tru";
    server->scriptRefreshResponses(QList<JwtDemoResponse>(100, garbage));
    server->authority()->expireAccessTokensNow();
    QSignalSpy failed(session.get(), &JwtSession::refreshFailed);
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);

    Replies burst;
    sendMany(&burst, 30);
    QVERIFY(waitAll(burst));
    QCOMPARE(server->refreshCalls(), 1);
    for (const auto &reply : burst) {
        QCOMPARE(reply->error(), QNetworkReply::TemporaryNetworkFailureError);
        QVERIFY(reply->errorString().contains(QStringLiteral("could not be renewed")));
    }
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Malformed);
    QVERIFY(!failed.at(0).at(1).toString().isEmpty());

    // An application retrying every 50 ms for 1.5 s: one refresh call per backoff step at most.
    Replies retries;
    QElapsedTimer elapsed;
    elapsed.start();
    while (elapsed.elapsed() < 1500) {
        retries.emplace_back(get());
        QTRY_VERIFY(retries.back()->isFinished());
        QTest::qWait(50); // pacing, as the comment above says
    }
    qInfo("%d requests against a garbage-answering server: %d refresh calls", int(retries.size()),
          server->refreshCalls());
    QCOMPARE(succeeded(retries), 0);
    QVERIFY(retries.size() >= 10);
    // The first new request may try again at once (one odd answer is forgiven); from then on
    // the backoff (about 1 s, then 2 s) binds.
    QVERIFY(server->refreshCalls() >= 2);
    QVERIFY(server->refreshCalls() <= 4);
    QCOMPARE(expired.count(), 0);
    QVERIFY(session->isSignedIn());
}

void tst_Policies::refreshDeadline_data()
{
    QTest::addColumn<QString>("refreshPath");
    QTest::addColumn<bool>("silent");
    // A server trickling one byte every 100 ms stays under every size bound, and never ends.
    QTest::newRow("trickle") << QStringLiteral("/public/bytes?n=1000&chunk=1&delayMs=100") << false;
    QTest::newRow("silent") << QStringLiteral("/auth/refresh") << true;
}

void tst_Policies::refreshDeadline()
{
    QFETCH(QString, refreshPath);
    QFETCH(bool, silent);
    QVERIFY2(signIn(), qPrintable(errorString()));
    server->resetRecording();
    if (silent)
        server->setRefreshDelay(10s);
    refresher->setRefreshUrl(server->url(refreshPath));
    session->setRefreshTimeout(800ms);
    session->setMaxRefreshAttempts(1);
    server->authority()->expireAccessTokensNow();
    QSignalSpy failed(session.get(), &JwtSession::refreshFailed);
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);

    QElapsedTimer elapsed;
    elapsed.start();
    std::unique_ptr<QNetworkReply> reply(get());
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QVERIFY2(elapsed.elapsed() < 4000, qPrintable(QString::number(elapsed.elapsed())));
    QCOMPARE(reply->error(), QNetworkReply::TemporaryNetworkFailureError);
    QVERIFY2(reply->errorString().contains(QStringLiteral("in time")),
             qPrintable(reply->errorString()));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Transient);
    QCOMPARE(expired.count(), 0);
    QVERIFY(session->isSignedIn());
    QCOMPARE(server->count(QUrl(refreshPath).path()), 1);
}

void tst_Policies::boundedWaiting()
{
    constexpr int Waiting = 2000;
    QVERIFY2(signIn(), qPrintable(errorString()));
    server->resetRecording();
    server->setStall(QStringLiteral("/auth/refresh"), true);
    session->setRefreshTimeout(60s);
    session->setMaxWaitTime(1500ms);
    session->refresh();
    QTRY_COMPARE(server->refreshCalls(), 1);
    QCOMPARE(session->state(), JwtSession::State::Refreshing);

    Replies replies;
    replies.reserve(Waiting);
    const qint64 before = residentBytes();
    sendMany(&replies, Waiting);
    QCoreApplication::processEvents();
    const qint64 during = residentBytes();
    QVERIFY(before > 0 && during > 0);
    const qint64 perReply = (during - before) / Waiting;
    qInfo("RSS growth with %d waiting replies: %lld KiB, %lld bytes per waiting reply", Waiting,
          qlonglong((during - before) / 1024), qlonglong(perReply));
    QVERIFY2(perReply < 20 * 1024, qPrintable(QString::number(perReply)));

    QVERIFY(waitAll(replies, 20000));
    for (const auto &reply : replies) {
        QCOMPARE(reply->error(), QNetworkReply::TimeoutError);
        QVERIFY(reply->errorString().contains(QStringLiteral("could not be renewed")));
    }
    QCOMPARE(server->count(QStringLiteral("/echo")), 0); // none left while the refresh stalled
    QCOMPARE(server->refreshCalls(), 1);
}

void tst_Policies::leewayIsCappedAtHalfTheLifetime()
{
    // A 2 s token with the default 30 s leeway is refreshed after about 1 s, not at once.
    server->authority()->setAccessTokenLifetime(2s);
    QCOMPARE(session->refreshLeeway(), 30000ms);
    QSignalSpy leewayChanged(session.get(), &JwtSession::refreshLeewayChanged);
    QVERIFY2(signIn(), qPrintable(errorString()));
    server->resetRecording();
    QElapsedTimer elapsed;
    elapsed.start();
    QTRY_COMPARE_WITH_TIMEOUT(server->refreshCalls(), 1, 5000);
    const qint64 at = elapsed.elapsed();
    QVERIFY2(at > 600 && at < 1800, qPrintable(QString::number(at)));
    QCOMPARE(server->unauthorizedAnswers(), 0);

    session->setRefreshLeeway(30000ms);
    QCOMPARE(leewayChanged.count(), 0);
    session->setRefreshLeeway(0ms); // off: the next token is only refreshed on a 401
    QCOMPARE(leewayChanged.count(), 1);
    QSignalSpy refreshCalls(server.get(), &JwtTestServer::refreshCallReceived);
    // The next proactive refresh would have come after about 1 s.
    QVERIFY(!refreshCalls.wait(1500));
    QCOMPARE(server->refreshCalls(), 1);
}

// Signs in with a 60 s token and a 10 s leeway on a clock the test moves (advance()): from
// 50 s on the token is inside the leeway and requests wait for its successor; the refresh is
// due 5 s (half the leeway) before that. Refresh answers take \a refreshDelay of real time.
bool tst_Policies::signInWithMovableClock(std::chrono::milliseconds refreshDelay)
{
    m_clock = std::make_shared<FakeClock>();
    JwtSessionPrivate::setClock(session.get(), m_clock);
    JwtSessionPrivate::setClockCheckInterval(session.get(), 50ms);
    server->authority()->setAccessTokenLifetime(60s);
    session->setRefreshLeeway(10s);
    if (!signIn())
        return false;
    server->setRefreshDelay(refreshDelay);
    server->resetRecording();
    return true;
}

void tst_Policies::advance(std::chrono::milliseconds by)
{
    m_clock->wallOffset += by.count();
    m_clock->steadyOffset += by.count();
}

void tst_Policies::proactiveRefreshRunsInTheBackground()
{
    // While the proactive refresh runs, requests keep going out with the token they have,
    // until it enters the leeway.
    QVERIFY2(signInWithMovableClock(3s), qPrintable(errorString()));
    QSignalSpy started(session.get(), &JwtSession::refreshStarted);
    QSignalSpy tokens(session.get(), &JwtSession::tokensChanged);
    const auto generationsSeen = [&] {
        QList<quint64> generations;
        for (const JwtRecordedRequest &r : server->requests()) {
            if (r.path == QStringLiteral("/echo"))
                generations.append(r.generation);
        }
        return generations;
    };

    advance(44s);
    QVERIFY(!started.wait(150)); // the schedule looks at the clock every 50 ms: not due yet
    advance(2s); // 46 s: the refresh is due, the token is not inside the leeway yet
    QTRY_COMPARE(started.count(), 1);
    QTRY_COMPARE(server->refreshCalls(), 1); // on its way: the server has it, unanswered

    Replies during;
    sendMany(&during, 5);
    QVERIFY(waitAll(during, 2500));
    QCOMPARE(succeeded(during), 5);
    QVERIFY2(session->isRefreshing(), "the requests waited for the refresh");
    QCOMPARE(tokens.count(), 0);
    const QList<quint64> before = generationsSeen();
    QCOMPARE(before.size(), 5);
    QVERIFY(before.first() != 0);
    QCOMPARE(before.count(before.first()), 5); // all with the token the session had

    advance(5s); // 51 s: inside the leeway, the refresh still running
    std::unique_ptr<QNetworkReply> held(get());
    QSignalSpy heldFinished(held.get(), &QNetworkReply::finished);
    QVERIFY(!heldFinished.wait(200));
    QCOMPARE(server->count(QStringLiteral("/echo")), 5); // it did not leave
    QTRY_VERIFY_WITH_TIMEOUT(held->isFinished(), 10000);
    QCOMPARE(held->error(), QNetworkReply::NoError);
    QCOMPARE(tokens.count(), 1);
    const QList<quint64> after = generationsSeen();
    QCOMPARE(after.size(), 6);
    QVERIFY(after.last() > before.first()); // with the new token
    QCOMPARE(server->refreshCalls(), 1);
    QCOMPARE(server->unauthorizedAnswers(), 0);
}

void tst_Policies::tokenRefusedDuringBackgroundRefresh()
{
    // The server stops accepting the token while its proactive refresh runs: the refused
    // request waits for the refresh in flight (no second one), and requests after it no longer
    // leave with that token.
    QVERIFY2(signInWithMovableClock(1500ms), qPrintable(errorString()));
    QSignalSpy started(session.get(), &JwtSession::refreshStarted);
    QSignalSpy tokens(session.get(), &JwtSession::tokensChanged);
    advance(46s);
    QTRY_COMPARE(started.count(), 1);

    server->authority()->expireAccessTokensNow();
    QSignalSpy refusal(manager.get(), &JwtAccessManager::authorizationFailed);
    std::unique_ptr<QNetworkReply> refused(get());
    QTRY_COMPARE(refusal.count(), 1); // the client has seen the 401, not only the server
    Replies later;
    sendMany(&later, 5);
    QVERIFY(!tokens.wait(100)); // the refresh is still running
    QCOMPARE(server->count(QStringLiteral("/echo")), 1); // they wait for the new token
    QVERIFY(waitAll(later, 10000));
    QTRY_VERIFY(refused->isFinished());
    QCOMPARE(refused->error(), QNetworkReply::NoError);
    QCOMPARE(succeeded(later), 5);
    QCOMPARE(server->refreshCalls(), 1);
    QCOMPARE(server->unauthorizedAnswers(), 1);
    QCOMPARE(server->count(QStringLiteral("/echo")), 7); // the refused one went twice
}

void tst_Policies::clockJumps_data()
{
    QTest::addColumn<qint64>("wallJump");
    QTest::addColumn<bool>("tokenDiesMeanwhile"); // the server's time went on (a real sleep)
    QTest::addColumn<int>("refreshes");
    QTest::addColumn<int>("maxRefusals");
    // Set forward: as far as the session knows it may have slept; one early refresh.
    QTest::newRow("forward 2 h") << qint64(2 * 3600 * 1000) << false << 1 << 0;
    // Set back: the steady schedule does not care.
    QTest::newRow("back 2 h") << qint64(-2 * 3600 * 1000) << false << 0 << 0;
    // Suspended for 10 minutes under a steady clock that stopped meanwhile.
    QTest::newRow("suspend 10 min") << qint64(600 * 1000) << true << 1 << 1;
}

void tst_Policies::clockJumps()
{
    QFETCH(qint64, wallJump);
    QFETCH(bool, tokenDiesMeanwhile);
    QFETCH(int, refreshes);
    QFETCH(int, maxRefusals);
    auto clock = std::make_shared<FakeClock>();
    JwtSessionPrivate::setClock(session.get(), clock);
    JwtSessionPrivate::setClockCheckInterval(session.get(), 50ms);
    server->authority()->setAccessTokenLifetime(60s);
    session->setRefreshLeeway(5s);
    QVERIFY2(signIn(), qPrintable(errorString()));
    server->resetRecording();

    clock->wallOffset += wallJump;
    if (tokenDiesMeanwhile)
        server->authority()->expireAccessTokensNow();
    // Requests right after the jump, then a steady stream for a second: no storm.
    Replies replies;
    QElapsedTimer elapsed;
    elapsed.start();
    while (elapsed.elapsed() < 1000) {
        replies.emplace_back(get());
        QTRY_VERIFY(replies.back()->isFinished());
        QTest::qWait(40); // pacing: a steady stream, one request every 40 ms
    }
    QCOMPARE(succeeded(replies), int(replies.size()));
    QCOMPARE(server->refreshCalls(), refreshes);
    QVERIFY2(server->unauthorizedAnswers() <= maxRefusals,
             qPrintable(QString::number(server->unauthorizedAnswers())));
    // The displayed expiry follows the wall clock the user sees.
    const qint64 shown = session->accessTokenExpiresAt().toMSecsSinceEpoch() - clock->wallMSecs();
    QVERIFY2(shown > 50000 && shown <= 60000, qPrintable(QString::number(shown)));
}

void tst_Policies::clockSkew_data()
{
    QTest::addColumn<bool>("sendExpiresIn");
    QTest::addColumn<qint64>("dateOffset"); // the server's Date against real time; 1: no Date
    QTest::addColumn<bool>("scheduled");
    // The local clock runs an hour late in every row; the token lives 600 s.
    QTest::newRow("expires_in, measured locally") << true << qint64(0) << true;
    QTest::newRow("exp on the server's Date") << false << qint64(0) << true;
    QTest::newRow("exp, no Date: iat") << false << qint64(1) << true;
    // A Date three days ahead counts as one day: the token then looks expired on arrival and is
    // left to the server's 401, rather than scheduled days late.
    QTest::newRow("Date off by days: bounded") << false << qint64(3 * 24 * 3600 * 1000) << false;
}

void tst_Policies::clockSkew()
{
    QFETCH(bool, sendExpiresIn);
    QFETCH(qint64, dateOffset);
    QFETCH(bool, scheduled);
    auto clock = std::make_shared<FakeClock>();
    clock->wallOffset = -3600 * 1000;
    JwtSessionPrivate::setClock(session.get(), clock);
    server->authority()->setAccessTokenLifetime(600s);
    server->setRouteHandler(QStringLiteral("/public/token"), [&](const JwtDemoRequest &request) {
        JwtDemoRequest forwarded = request;
        forwarded.url.setPath(QStringLiteral("/oauth/token"));
        JwtDemoResponse response = server->api()->handle(forwarded);
        QJsonObject body = QJsonDocument::fromJson(response.body).object();
        if (!sendExpiresIn)
            body.remove(QStringLiteral("expires_in"));
        response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        if (dateOffset != 1) {
            const QDateTime date = QDateTime::currentDateTimeUtc().addMSecs(dateOffset);
            response.setHeader(
                    "Date",
                    QLocale::c().toString(date, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss"))
                                    .toLatin1()
                            + " GMT");
        }
        return response;
    });
    JwtOAuth2Refresher oauth2;
    oauth2.setTokenEndpoint(server->url(QStringLiteral("/public/token")));
    oauth2.setClientId(QStringLiteral("desktop"));
    session->setRefresher(&oauth2);
    QVERIFY2(signIn(), qPrintable(errorString()));

    const QDateTime expiresAt = session->accessTokenExpiresAt();
    QCOMPARE(expiresAt.isValid(), scheduled);
    if (scheduled) {
        // In local (late) wall time: 600 s from the local now, not an hour more.
        const qint64 inMs = expiresAt.toMSecsSinceEpoch() - clock->wallMSecs();
        // Date and exp have whole seconds: allow for both roundings.
        QVERIFY2(inMs > 595000 && inMs <= 602500, qPrintable(QString::number(inMs)));
    }
    session->setRefresher(refresher.get());
}

void tst_Policies::holdForSignIn_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QNetworkReply::NetworkError>("error");
    QTest::newRow("sign in") << QStringLiteral("signIn") << QNetworkReply::NoError;
    QTest::newRow("set tokens") << QStringLiteral("setTokens") << QNetworkReply::NoError;
    QTest::newRow("cancel") << QStringLiteral("cancel")
                            << QNetworkReply::AuthenticationRequiredError;
    QTest::newRow("timeout") << QStringLiteral("timeout")
                             << QNetworkReply::AuthenticationRequiredError;
    QTest::newRow("sign out") << QStringLiteral("signOut")
                              << QNetworkReply::AuthenticationRequiredError;
}

void tst_Policies::holdForSignIn()
{
    QFETCH(QString, action);
    QFETCH(QNetworkReply::NetworkError, error);
    session->setExpiryPolicy(JwtSession::ExpiryPolicy::HoldForSignIn);
    session->setHoldTimeout(action == QStringLiteral("timeout") ? 500ms : 60s);
    QVERIFY2(signIn(), qPrintable(errorString()));
    server->resetRecording();
    server->setRefreshDelay(300ms); // every 401 arrives before the rejection
    server->authority()->revokeAllRefreshTokens();
    server->authority()->expireAccessTokensNow();
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);

    Replies replies;
    sendMany(&replies, 10);
    QTRY_COMPARE(expired.count(), 1);
    sendMany(&replies, 3); // new requests while expired are parked too, unsent
    std::vector<int> finishes(replies.size(), 0);
    for (size_t i = 0; i < replies.size(); ++i)
        connect(replies[i].get(), &QNetworkReply::finished, this,
                [&finishes, i] { ++finishes[i]; });
    const QByteArray oldAuthorization = server->requests().first().authorization;
    QSignalSpy received(server.get(), &JwtTestServer::requestReceived);
    QVERIFY(!received.wait(200));
    // Those handed to Qt went out with the refused token (the manager's attempt window holds
    // the rest back); none went out twice, none since.
    const int refused = refusals(*server);
    QVERIFY2(refused >= 1 && refused <= 10, QByteArray::number(refused));
    QCOMPARE(server->count(QStringLiteral("/echo")), refused);
    for (const auto &reply : replies)
        QVERIFY(!reply->isFinished());
    QCOMPARE(session->state(), JwtSession::State::Expired);

    server->setRefreshDelay(0ms);
    if (action == QStringLiteral("signIn")) {
        QVERIFY2(signIn(), qPrintable(errorString()));
    } else if (action == QStringLiteral("setTokens")) {
        JwtDemoAuthority::Tokens tokens;
        QCOMPARE(server->authority()->login(QStringLiteral("alice"), QStringLiteral("wonderland"),
                                            &tokens),
                 JwtDemoAuthority::Outcome::Ok);
        QVERIFY(session->setTokens(tokens.accessToken, tokens.refreshToken, tokens.expiresIn));
    } else if (action == QStringLiteral("cancel")) {
        session->cancelHeldRequests();
    } else if (action == QStringLiteral("signOut")) {
        session->signOut();
    }
    QVERIFY(waitAll(replies, 5000));
    QVERIFY(waitForPostedEvents()); // a second finished() would be queued behind the first
    for (size_t i = 0; i < replies.size(); ++i) {
        QCOMPARE(replies[i]->error(), error);
        QCOMPARE(finishes[i], 1);
    }
    if (error == QNetworkReply::NoError) {
        QCOMPARE(server->count(QStringLiteral("/echo")), refused + 13);
        const QList<JwtRecordedRequest> seen = server->requests();
        QByteArray newAuthorization;
        for (const JwtRecordedRequest &request : seen) {
            if (request.path != QStringLiteral("/echo") || request.status != 200)
                continue;
            if (newAuthorization.isEmpty())
                newAuthorization = request.authorization;
            QCOMPARE(request.authorization, newAuthorization);
        }
        QVERIFY(newAuthorization != oldAuthorization);
        QCOMPARE(refusals(*server), refused);
    } else {
        QCOMPARE(server->count(QStringLiteral("/echo")), refused);
    }
}

void tst_Policies::oauth2EndToEnd()
{
    // Rotation and reuse detection are always on in the authority: presenting a rotated refresh
    // token again revokes the family, and every later refresh would fail.
    struct Exchange
    {
        QString sent; // refresh_token presented
        QString issued; // refresh_token answered
    };
    QList<Exchange> exchanges;
    server->setRouteHandler(QStringLiteral("/public/token"), [&](const JwtDemoRequest &request) {
        JwtDemoRequest forwarded = request;
        forwarded.url.setPath(QStringLiteral("/oauth/token"));
        const JwtDemoResponse response = server->api()->handle(forwarded);
        exchanges.append({formValue(request.body, QStringLiteral("refresh_token")),
                          QJsonDocument::fromJson(response.body)
                                  .object()
                                  .value(QStringLiteral("refresh_token"))
                                  .toString()});
        return response;
    });
    JwtOAuth2Refresher oauth2;
    oauth2.setTokenEndpoint(server->url(QStringLiteral("/public/token")));
    oauth2.setClientId(QStringLiteral("desktop"));
    session->setRefresher(&oauth2);
    QSignalSpy tokensChanged(session.get(), &JwtSession::tokensChanged);
    QVERIFY2(signIn(), qPrintable(errorString()));
    QCOMPARE(exchanges.size(), 1); // the password grant
    QCOMPARE(session->refreshToken(), exchanges.first().issued.toLatin1());

    constexpr int Rounds = 3;
    for (int round = 1; round <= Rounds; ++round) {
        server->authority()->expireAccessTokensNow();
        Replies replies;
        sendMany(&replies, 100);
        QVERIFY(waitAll(replies, 60000));
        QCOMPARE(succeeded(replies), 100);
        QCOMPARE(exchanges.size(), 1 + round); // one refresh for 100 concurrent 401s
        // The token presented is the one issued last; the store saw the rotation.
        QCOMPARE(exchanges.last().sent, exchanges.at(round - 1).issued);
        QCOMPARE(session->refreshToken(), exchanges.last().issued.toLatin1());
    }
    QStringList presented;
    for (int i = 1; i < exchanges.size(); ++i)
        presented.append(exchanges.at(i).sent);
    presented.removeDuplicates();
    QCOMPARE(presented.size(), Rounds); // never the same refresh token twice
    QCOMPARE(server->authority()->counters().reuseDetections, 0);
    QCOMPARE(tokensChanged.count(), 1 + Rounds);
    session->setRefresher(refresher.get());
}

void tst_Policies::proactiveSteadyStream()
{
    server->authority()->setAccessTokenLifetime(2s);
    session->setRefreshLeeway(500ms);
    QVERIFY2(signIn(), qPrintable(errorString()));
    server->resetRecording();

    Replies replies;
    QElapsedTimer elapsed;
    elapsed.start();
    while (elapsed.elapsed() < 10000) {
        replies.emplace_back(get());
        QTest::qWait(50); // pacing: one request every 50 ms, for 10 s
    }
    QVERIFY(waitAll(replies));
    qInfo("%d requests over 10 s with 2 s tokens: %d refresh calls, %d answered 401",
          int(replies.size()), server->refreshCalls(), server->unauthorizedAnswers());
    QCOMPARE(succeeded(replies), int(replies.size()));
    QCOMPARE(server->unauthorizedAnswers(), 0);
    // A refresh every 1.25 s or a little more (2 s tokens, held from 1.5 s, refreshed 0.25 s
    // before that): at most 8 in 10 s, one more for timer slack.
    QVERIFY(server->refreshCalls() >= 3);
    QVERIFY(server->refreshCalls() <= 9);
}

QTEST_GUILESS_MAIN(tst_Policies)
#include "tst_policies.moc"
