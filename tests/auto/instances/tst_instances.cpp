// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// Several instances, one refresh: processes of one user that restored the same remembered
// credential (JwtSession::crossProcessLock). Against the test server, which rotates the refresh
// credential on every refresh and revokes the whole family when a rotated one comes back, two
// processes (jwtinstancechild) share a file store; asserted on the server's own counters.
// Also the lock on its own (JwtRefreshLock), and the in-process paths: adopting a credential
// another instance rotated, and a refused call that lost a race.

#include "jwtdemoauthority.h"
#include "jwtfiletokenstore.h"
#include "jwttestserver.h"

#include "jwtrefreshlock_p.h"

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtmemorytokenstore.h>
#include <JwtSession/jwtsession.h>
#ifdef JWTSESSION_HAS_KEYCHAIN
#include <JwtSession/jwtkeychainstore.h>
#endif

#include <QtCore/qlockfile.h>
#include <QtCore/qprocess.h>
#include <QtCore/qstandardpaths.h>
#include <QtCore/qtemporarydir.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

using namespace std::chrono_literals;

namespace {

// One jwtinstancechild process and the lines it printed.
class Child
{
public:
    bool start(const QStringList &arguments, const QString &runtimeDir)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtimeDir);
        process.setProcessEnvironment(environment);
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QObject::connect(&process, &QProcess::readyReadStandardOutput, [this] {
            while (process.canReadLine())
                lines.append(process.readLine().trimmed());
        });
        process.start(QStringLiteral(JWT_INSTANCE_CHILD), arguments);
        return process.waitForStarted(10000);
    }

    // Waits (event loop running) for a line starting with \a prefix not seen before; returns it.
    QByteArray waitFor(const QByteArray &prefix, int timeoutMs = 15000)
    {
        QByteArray found;
        (void)QTest::qWaitFor(
                [&] {
                    for (qsizetype i = consumed.value(prefix, 0); i < lines.size(); ++i) {
                        if (lines.at(i).startsWith(prefix)) {
                            consumed[prefix] = i + 1;
                            found = lines.at(i);
                            return true;
                        }
                    }
                    return process.state() == QProcess::NotRunning;
                },
                timeoutMs);
        return found;
    }

    void send(const QByteArray &command) { process.write(command + '\n'); }

    ~Child()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }

    QProcess process;
    QList<QByteArray> lines;
    QHash<QByteArray, qsizetype> consumed;
};

// "storm ok=20 failed=0 refreshes=1 expired=0" → its numbers.
QHash<QByteArray, int> stormResult(const QByteArray &line)
{
    QHash<QByteArray, int> result;
    const QList<QByteArray> words = line.split(' ');
    for (const QByteArray &word : words) {
        const qsizetype equals = word.indexOf('=');
        if (equals > 0)
            result.insert(word.left(equals), word.mid(equals + 1).toInt());
    }
    return result;
}

} // namespace

class tst_Instances : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void storeIdentity();

    // JwtRefreshLock
    void lockFileIsNamedFromTheStoreIdentity();
    void lockWaitIsBoundedAndKeepsTheEventLoopRunning();
    void staleLockOfAKilledHolderIsTakenOver();

    // Two processes sharing one store
    void twoProcessesStormOneRefreshEachNoReuse_data();
    void twoProcessesStormOneRefreshEachNoReuse();
    void withoutTheLockTheFamilyIsRevoked_data();
    void withoutTheLockTheFamilyIsRevoked();
    void killedLockHolderDoesNotBlockTheOther();
    void signOutInOneSignsOutTheOther();

    // One process, another instance simulated through the shared store
    void credentialRotatedElsewhereIsAdopted();
    void refusedCallThatLostARaceAdopts();
    void lockOffIgnoresTheStore();
    void lockTimeoutIsATransientFailure();

private:
    bool startChildren(int count, const QStringList &extra = {});
    QStringList childArguments() const;
    void makeSession();
    bool signInThroughStore();
    std::unique_ptr<QNetworkReply> get(const QString &path) const;

    QTemporaryDir runtimeDir;
    QTemporaryDir dataDir;
    std::unique_ptr<JwtTestServer> server;
    QString storePath;
    std::vector<std::unique_ptr<Child>> children;
    // The in-process instance.
    std::unique_ptr<JwtFileTokenStore> store;
    std::unique_ptr<JwtSession> session;
    std::unique_ptr<JwtCookieRefresher> refresher;
    std::unique_ptr<JwtAccessManager> manager;
};

void tst_Instances::initTestCase()
{
    QVERIFY(runtimeDir.isValid());
    QVERIFY(dataDir.isValid());
    // Lock files of this test go to a directory of its own, here and in the children.
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtimeDir.path()));
}

void tst_Instances::init()
{
    server = std::make_unique<JwtTestServer>();
    QVERIFY(server->listen());
    storePath = dataDir.filePath(
            QStringLiteral("store-%1").arg(QString::fromLatin1(QTest::currentTestFunction())));
    QFile::remove(storePath);
}

void tst_Instances::cleanup()
{
    children.clear();
    manager.reset();
    session.reset();
    refresher.reset();
    store.reset();
    server.reset();
}

QStringList tst_Instances::childArguments() const
{
    return {QStringLiteral("--url"), server->url().toString(), QStringLiteral("--store"),
            storePath};
}

// A user signed in once with "remember me" (the store holds the login's credential), then
// started \a count instances that restore it.
bool tst_Instances::startChildren(int count, const QStringList &extra)
{
    JwtDemoAuthority::Tokens tokens;
    if (server->authority()->login(QStringLiteral("alice"), QStringLiteral("wonderland"), &tokens)
        != JwtDemoAuthority::Outcome::Ok)
        return false;
    if (!JwtFileTokenStore(storePath).write(tokens.refreshToken))
        return false;
    for (int i = 0; i < count; ++i) {
        children.push_back(std::make_unique<Child>());
        if (!children.back()->start(childArguments() + extra, runtimeDir.path()))
            return false;
    }
    for (const auto &child : children) {
        if (child->waitFor("restored") != "restored 1")
            return false;
    }
    return true;
}

// Which stores are shared: a keychain entry is named by service and key; a memory store is the
// process's own (no coordination at all).
void tst_Instances::storeIdentity()
{
    QVERIFY(JwtMemoryTokenStore().identity().isEmpty());
    QVERIFY(JwtFileTokenStore(storePath).identity().contains(storePath));
#ifdef JWTSESSION_HAS_KEYCHAIN
    JwtKeychainStore a;
    a.setServiceName(QStringLiteral("MyApp"));
    a.setKey(QStringLiteral("alice"));
    JwtKeychainStore b;
    b.setServiceName(QStringLiteral("MyApp"));
    b.setKey(QStringLiteral("alice"));
    QVERIFY(!a.identity().isEmpty());
    QCOMPARE(a.identity(), b.identity());
    b.setKey(QStringLiteral("bob"));
    QVERIFY(a.identity() != b.identity());
    b.setKey(QStringLiteral("alice"));
    b.setServiceName(QStringLiteral("OtherApp"));
    QVERIFY(a.identity() != b.identity());
#endif
}

void tst_Instances::lockFileIsNamedFromTheStoreIdentity()
{
    const QString a = JwtRefreshLock::filePathFor(QStringLiteral("keychain\nMyApp\nalice"));
    QCOMPARE(JwtRefreshLock::filePathFor(QStringLiteral("keychain\nMyApp\nalice")), a);
    QVERIFY(a != JwtRefreshLock::filePathFor(QStringLiteral("keychain\nMyApp\nbob")));
    QCOMPARE(QFileInfo(a).absolutePath(), QFileInfo(runtimeDir.path()).absoluteFilePath());
    QVERIFY2(!a.contains(QStringLiteral("alice")) && !a.contains(QStringLiteral("MyApp")),
             qPrintable(a));
}

// Another holder keeps the lock: the wait ends at its bound with TimedOut, and the thread's
// event loop kept running meanwhile (a timer kept ticking).
void tst_Instances::lockWaitIsBoundedAndKeepsTheEventLoopRunning()
{
    const QString path = JwtRefreshLock::filePathFor(QStringLiteral("bounded"));
    QLockFile holder(path);
    QVERIFY(holder.tryLock(0));

    JwtRefreshLock lock(path);
    QSignalSpy finished(&lock, &JwtRefreshLock::finished);
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });
    ticker.start(5);
    lock.acquire(300ms);
    QVERIFY(finished.isEmpty()); // never from inside acquire()
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).value<JwtRefreshLock::Outcome>(),
             JwtRefreshLock::Outcome::TimedOut);
    QVERIFY(!lock.isHeld());
    QVERIFY2(ticks > 3, QByteArray::number(ticks));
    QVERIFY2(lock.holder().contains(QString::number(QCoreApplication::applicationPid())),
             qPrintable(lock.holder()));

    holder.unlock();
    lock.acquire(300ms);
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.at(1).at(0).value<JwtRefreshLock::Outcome>(),
             JwtRefreshLock::Outcome::Acquired);
    QVERIFY(lock.isHeld());
    lock.release();
    QVERIFY(!QFile::exists(path));
}

// A process that held the lock was killed (SIGKILL): its lock file stays behind, and the next
// process takes it over at once instead of waiting for the timeout.
void tst_Instances::staleLockOfAKilledHolderIsTakenOver()
{
    const QString path = JwtRefreshLock::filePathFor(QStringLiteral("stale"));
    {
        Child holder;
        QVERIFY(holder.start({QStringLiteral("--lock"), path}, runtimeDir.path()));
        QCOMPARE(holder.waitFor("locked"), QByteArray("locked"));
        holder.process.kill();
        QVERIFY(holder.process.waitForFinished(5000));
    }
    QVERIFY(QFile::exists(path)); // left behind

    JwtRefreshLock lock(path);
    QSignalSpy finished(&lock, &JwtRefreshLock::finished);
    lock.acquire(60s); // far longer than the test may take: it must not come to that
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.at(0).at(0).value<JwtRefreshLock::Outcome>(),
             JwtRefreshLock::Outcome::Acquired);
    QVERIFY2(lock.holder().contains(QString::number(QCoreApplication::applicationPid())),
             qPrintable(lock.holder()));
}

// The cookie endpoint and the OAuth 2 token endpoint both rotate and detect reuse.
void tst_Instances::twoProcessesStormOneRefreshEachNoReuse_data()
{
    QTest::addColumn<QStringList>("refresher");
    QTest::newRow("cookie endpoint") << QStringList();
    QTest::newRow("OAuth 2 token endpoint") << QStringList {QStringLiteral("--oauth2")};
}

// The issue's scenario: two instances restore one credential; a storm in each, twice (first
// without an access token, then after the server expired every access token). Every request
// succeeds, each instance refreshes once per storm with a credential nobody used before, and
// the server never sees reuse.
void tst_Instances::twoProcessesStormOneRefreshEachNoReuse()
{
    QFETCH(QStringList, refresher);
    QVERIFY(startChildren(2, refresher));
    for (int round = 0; round < 2; ++round) {
        if (round == 1)
            server->authority()->expireAccessTokensNow();
        server->authority()->resetCounters();
        server->resetRecording();
        for (const auto &child : children)
            child->send("storm 20");
        for (const auto &child : children) {
            const QHash<QByteArray, int> result = stormResult(child->waitFor("storm"));
            QCOMPARE(result.value("ok", -1), 20);
            QCOMPARE(result.value("failed", -1), 0);
            QCOMPARE(result.value("refreshes", -1), 1);
            QCOMPARE(result.value("expired", -1), 0);
        }
        const JwtDemoAuthority::Counters counters = server->authority()->counters();
        QCOMPARE(counters.reuseDetections, 0);
        QCOMPARE(counters.refreshesRejected, 0);
        QCOMPARE(server->refreshCalls(), 2); // one per instance, one per rotation
        QCOMPARE(server->count(refresher.isEmpty() ? QStringLiteral("/auth/refresh")
                                                   : QStringLiteral("/oauth/token")),
                 2);
        QCOMPARE(server->count(QStringLiteral("/echo")), 40 + server->unauthorizedAnswers());
    }
    // The family lives on: the credential in the store still works.
    JwtDemoAuthority::Tokens tokens;
    QCOMPARE(server->authority()->refresh(JwtFileTokenStore(storePath).read(), &tokens),
             JwtDemoAuthority::Outcome::Ok);
}

// The same storm without the lock: both instances present the restored credential; the
// second is reuse, and the server revokes the session of both. What the lock is for.
void tst_Instances::withoutTheLockTheFamilyIsRevoked_data()
{
    twoProcessesStormOneRefreshEachNoReuse_data();
}

void tst_Instances::withoutTheLockTheFamilyIsRevoked()
{
    QFETCH(QStringList, refresher);
    QVERIFY(startChildren(2, refresher + QStringList {QStringLiteral("--no-lock")}));
    for (const auto &child : children)
        child->send("storm 5");
    int failed = 0;
    for (const auto &child : children)
        failed += stormResult(child->waitFor("storm")).value("failed", -1);
    QVERIFY(server->authority()->counters().reuseDetections >= 1);
    QVERIFY(failed >= 5);
}

// One instance is killed (SIGKILL) while it holds the lock with its refresh call in flight
// (the server had not answered, so nothing was rotated). The other, waiting for the lock,
// takes it over once the holder is gone and refreshes; nobody is signed out.
void tst_Instances::killedLockHolderDoesNotBlockTheOther()
{
    QVERIFY(startChildren(2));
    Child &doomed = *children.at(0);
    Child &survivor = *children.at(1);
    server->authority()->resetCounters();
    server->setStall(QStringLiteral("/auth/refresh"), true);
    QSignalSpy refreshCalls(server.get(), &JwtTestServer::refreshCallReceived);
    doomed.send("refresh");
    QVERIFY(refreshCalls.wait(10000)); // it holds the lock, its call is at the server

    survivor.send("storm 5");
    QCOMPARE(survivor.waitFor("event refreshing"), QByteArray("event refreshing"));
    // It waits for the lock instead of calling: no second call while the holder lives (one
    // would come within milliseconds on loopback).
    QVERIFY(!refreshCalls.wait(300));
    QCOMPARE(refreshCalls.count(), 1);
    doomed.process.kill();
    server->setStall(QStringLiteral("/auth/refresh"), false);

    const QHash<QByteArray, int> result = stormResult(survivor.waitFor("storm"));
    QCOMPARE(result.value("ok", -1), 5);
    QCOMPARE(result.value("expired", -1), 0);
    QCOMPARE(server->refreshCalls(), 2);
    QCOMPARE(server->authority()->counters().reuseDetections, 0);
    QCOMPARE(server->authority()->counters().refreshesRejected, 0);
}

// Signing out in one instance signs the other out at once (it watches the marker next to the
// lock and finds the store empty), without a request and without "session expired".
void tst_Instances::signOutInOneSignsOutTheOther()
{
    QVERIFY(startChildren(2));
    for (const auto &child : children)
        child->send("storm 1");
    for (const auto &child : children)
        QCOMPARE(stormResult(child->waitFor("storm")).value("ok", -1), 1);
    const int requests = server->requests().size();

    children.at(0)->send("signout");
    QCOMPARE(children.at(0)->waitFor("event signedout"), QByteArray("event signedout"));
    QCOMPARE(children.at(1)->waitFor("event signedout"), QByteArray("event signedout"));
    QVERIFY(JwtFileTokenStore(storePath).read().isEmpty());
    QCOMPARE(server->requests().size(), requests); // the cookie refresher has no logout URL here
    for (const auto &child : children)
        QVERIFY(!child->lines.contains("event expired"));
}

void tst_Instances::makeSession()
{
    store = std::make_unique<JwtFileTokenStore>(storePath);
    session = std::make_unique<JwtSession>();
    refresher = std::make_unique<JwtCookieRefresher>();
    refresher->setLoginUrl(server->url(QStringLiteral("/auth/login")));
    refresher->setRefreshUrl(server->url(QStringLiteral("/auth/refresh")));
    session->setRefresher(refresher.get());
    session->addAuthorizedOrigin(server->url());
    session->setTokenStore(store.get());
    manager = std::make_unique<JwtAccessManager>(session.get());
}

// Restores the login's credential from the store and makes one request (one refresh).
bool tst_Instances::signInThroughStore()
{
    JwtDemoAuthority::Tokens tokens;
    server->authority()->login(QStringLiteral("alice"), QStringLiteral("wonderland"), &tokens);
    if (!store->write(tokens.refreshToken))
        return false;
    QSignalSpy restored(session.get(), &JwtSession::restored);
    session->restore();
    if (!restored.wait(5000) || !restored.at(0).at(0).toBool())
        return false;
    const std::unique_ptr<QNetworkReply> reply = get(QStringLiteral("/echo"));
    (void)QTest::qWaitFor([&] { return reply->isFinished(); }, 10000);
    return reply->error() == QNetworkReply::NoError;
}

std::unique_ptr<QNetworkReply> tst_Instances::get(const QString &path) const
{
    return std::unique_ptr<QNetworkReply>(manager->get(QNetworkRequest(server->url(path))));
}

// Another instance rotated the credential (and stored the new one) while this one kept its
// access token. This one's next refresh sends the stored credential, not its spent one.
void tst_Instances::credentialRotatedElsewhereIsAdopted()
{
    makeSession();
    QVERIFY(signInThroughStore());
    JwtDemoAuthority::Tokens other;
    QCOMPARE(server->authority()->refresh(store->read(), &other), JwtDemoAuthority::Outcome::Ok);
    QVERIFY(store->write(other.refreshToken));
    server->authority()->expireAccessTokensNow();
    server->authority()->resetCounters();
    server->resetRecording();
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);

    const std::unique_ptr<QNetworkReply> reply = get(QStringLiteral("/echo"));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(server->authority()->counters().reuseDetections, 0);
    QCOMPARE(server->refreshCalls(), 1);
    QCOMPARE(expired.count(), 0);
    // The answer's rotation reached the store, and the session holds it.
    QTRY_COMPARE(store->read(), session->refreshToken());
    QVERIFY(store->read() != other.refreshToken);
}

// The refresh call is refused, and meanwhile another instance (one without the lock, say)
// stored a credential it had rotated: this instance lost a race, not its session. It reads
// the store before giving up, adopts the newer credential and calls once more.
void tst_Instances::refusedCallThatLostARaceAdopts()
{
    makeSession();
    QVERIFY(signInThroughStore());
    server->authority()->expireAccessTokensNow();
    server->authority()->resetCounters();
    server->resetRecording();
    JwtDemoResponse refused;
    refused.status = 401;
    refused.setHeader("Content-Type", "application/json");
    refused.body = R"({"error":"invalid_grant"})";
    server->scriptRefreshResponses({refused});
    server->setRefreshDelay(100ms);
    QByteArray rotatedElsewhere;
    connect(server.get(), &JwtTestServer::refreshCallReceived, this, [&] {
        if (!rotatedElsewhere.isEmpty())
            return;
        JwtDemoAuthority::Tokens other;
        QCOMPARE(server->authority()->refresh(store->read(), &other),
                 JwtDemoAuthority::Outcome::Ok);
        rotatedElsewhere = other.refreshToken;
        QVERIFY(store->write(rotatedElsewhere));
    });
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);
    QSignalSpy failed(session.get(), &JwtSession::refreshFailed);

    const std::unique_ptr<QNetworkReply> reply = get(QStringLiteral("/echo"));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(expired.count(), 0);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(session->state(), JwtSession::State::Active);
    QCOMPARE(server->refreshCalls(), 2); // refused, then with the adopted credential
    QCOMPARE(server->authority()->counters().reuseDetections, 0);
    QTRY_COMPARE(store->read(), session->refreshToken());
    QVERIFY(store->read() != rotatedElsewhere); // rotated once more by the second call
}

// With crossProcessLock off the session is alone again: it sends its own credential whatever
// the store holds (and, here, trips reuse detection: what the lock prevents).
void tst_Instances::lockOffIgnoresTheStore()
{
    makeSession();
    QSignalSpy changed(session.get(), &JwtSession::crossProcessLockChanged);
    QVERIFY(session->crossProcessLock());
    session->setCrossProcessLock(false);
    session->setCrossProcessLock(false);
    QCOMPARE(changed.count(), 1);
    QVERIFY(signInThroughStore());
    JwtDemoAuthority::Tokens other;
    QCOMPARE(server->authority()->refresh(store->read(), &other), JwtDemoAuthority::Outcome::Ok);
    QVERIFY(store->write(other.refreshToken));
    server->authority()->expireAccessTokensNow();
    server->authority()->resetCounters();

    const std::unique_ptr<QNetworkReply> reply = get(QStringLiteral("/echo"));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(server->authority()->counters().reuseDetections, 1);
    QCOMPARE(session->state(), JwtSession::State::Expired);
}

// Another process holds the lock past crossProcessLockTimeout: the refresh fails as Transient
// (the user stays signed in, no call is made with the shared credential), never a hang; once
// the lock is free the next request refreshes.
void tst_Instances::lockTimeoutIsATransientFailure()
{
    makeSession();
    QVERIFY(signInThroughStore());
    session->setCrossProcessLockTimeout(200ms);
    QCOMPARE(session->crossProcessLockTimeout(), 200ms);
    session->setMaxRefreshAttempts(1);
    server->authority()->expireAccessTokensNow();
    server->resetRecording();
    QLockFile otherInstance(JwtRefreshLock::filePathFor(store->identity()));
    QVERIFY(otherInstance.tryLock(0));
    QSignalSpy failed(session.get(), &JwtSession::refreshFailed);
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);

    const std::unique_ptr<QNetworkReply> reply = get(QStringLiteral("/echo"));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->error(), QNetworkReply::TemporaryNetworkFailureError);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Transient);
    QVERIFY2(failed.at(0).at(1).toString().contains(QStringLiteral("Another instance")),
             qPrintable(failed.at(0).at(1).toString()));
    QCOMPARE(server->refreshCalls(), 0);
    QCOMPARE(expired.count(), 0);
    QVERIFY(session->isSignedIn());

    otherInstance.unlock();
    QSignalSpy succeeded(session.get(), &JwtSession::refreshSucceeded);
    session->refresh();
    QVERIFY(succeeded.wait(10000));
    const std::unique_ptr<QNetworkReply> after = get(QStringLiteral("/echo"));
    QTRY_VERIFY_WITH_TIMEOUT(after->isFinished(), 10000);
    QCOMPARE(after->error(), QNetworkReply::NoError);
    QCOMPARE(server->refreshCalls(), 1);
}

QTEST_GUILESS_MAIN(tst_Instances)
#include "tst_instances.moc"
