// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// "Remember me" against a real Secret Service: run through run-with-keyring.sh, which starts a
// private D-Bus session with an unlocked gnome-keyring-daemon and checks afterwards that nothing
// was written to QSettings or other files. What the keychain holds is read back with raw
// QtKeychain jobs, so the assertions do not trust JwtKeychainStore itself.
//
// With JWT_KEYCHAIN_EXPECT_UNAVAILABLE=1 (a separate ctest entry, DBUS_SESSION_BUS_ADDRESS
// pointing at a socket that does not exist) the binary checks the no-daemon case instead.

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtkeychainstore.h>
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtsession.h>

#include "jwtdemoauthority.h"
#include "jwttestserver.h"

#include <QtCore/qfileinfo.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <qt6keychain/keychain.h>

#include <memory>

namespace {

const QString Service = QStringLiteral("org.jwtsession.tst_keychainstore");

struct RawEntry
{
    QKeychain::Error error = QKeychain::OtherError;
    QByteArray data;
    QString errorString;
};

// Runs a QtKeychain job to the end; false when it never finished.
bool runJob(QKeychain::Job *job)
{
    job->setAutoDelete(false);
    QSignalSpy finished(job, &QKeychain::Job::finished);
    job->start();
    return finished.wait(15000);
}

RawEntry rawRead(const QString &key)
{
    QKeychain::ReadPasswordJob job(Service);
    job.setKey(key);
    if (!runJob(&job))
        return {QKeychain::OtherError, {}, QStringLiteral("timed out")};
    return {job.error(), job.binaryData(), job.errorString()};
}

QKeychain::Error rawWrite(const QString &key, const QByteArray &data)
{
    QKeychain::WritePasswordJob job(Service);
    job.setKey(key);
    job.setBinaryData(data);
    return runJob(&job) ? job.error() : QKeychain::OtherError;
}

void rawDelete(const QString &key)
{
    QKeychain::DeletePasswordJob job(Service);
    job.setKey(key);
    runJob(&job);
}

bool waitIdle(JwtTokenStore *store)
{
    return QTest::qWaitFor([store] { return !store->isBusy(); }, 15000);
}

enum class Flow { Cookie, OAuth2 };

} // namespace

Q_DECLARE_METATYPE(Flow)

namespace {

// One "run of the application": a session, its refresher with a fresh cookie jar, a manager and
// a keychain store object.
struct App
{
    App(JwtTestServer *server, Flow flow, const QString &key)
    {
        if (flow == Flow::Cookie) {
            auto *cookie = new JwtCookieRefresher(&session);
            cookie->setLoginUrl(server->url(QStringLiteral("/auth/login")));
            cookie->setRefreshUrl(server->url(QStringLiteral("/auth/refresh")));
            cookie->setLogoutUrl(server->url(QStringLiteral("/auth/logout")));
            refresher = cookie;
        } else {
            auto *oauth2 = new JwtOAuth2Refresher(&session);
            oauth2->setTokenEndpoint(server->url(QStringLiteral("/oauth/token")));
            oauth2->setClientId(QStringLiteral("desktop"));
            refresher = oauth2;
        }
        session.setRefresher(refresher);
        session.addAuthorizedOrigin(server->url());
        store.setServiceName(Service);
        store.setKey(key);
        session.setTokenStore(&store);
    }

    JwtKeychainStore store;
    JwtSession session;
    JwtRefresher *refresher = nullptr;
    JwtAccessManager manager {&session};
};

} // namespace

class tst_KeychainStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void roundTrip();
    void entriesAreSeparateByKey();
    void defaultServiceIsTheApplicationName();

    void restoreWithoutLogin_data();
    void restoreWithoutLogin();
    void rotationUpdatesTheEntry_data();
    void rotationUpdatesTheEntry();
    void signOutRemovesTheEntry_data();
    void signOutRemovesTheEntry();
    void rememberMeOffStoresNothing();
    void twoInstancesShareTheEntry_data();
    void twoInstancesShareTheEntry();

private:
    void addFlows();
    void signIn(JwtSession *session);
    QString key() const;

    std::unique_ptr<JwtTestServer> server;
};

void tst_KeychainStore::initTestCase()
{
    // Fail loudly, never skip, when there is no usable Secret Service.
    const QString probe = QStringLiteral("probe");
    const QKeychain::Error written = rawWrite(probe, "probe");
    const RawEntry read = rawRead(probe);
    QVERIFY2(written == QKeychain::NoError && read.data == "probe",
             qPrintable(QStringLiteral("No usable Secret Service (QtKeychain error %1: %2). Run "
                                       "this test through tests/auto/keychain/run-with-keyring.sh")
                                .arg(int(read.error))
                                .arg(read.errorString)));
    rawDelete(probe);
}

void tst_KeychainStore::init()
{
    server = std::make_unique<JwtTestServer>();
    QVERIFY(server->listen());
    rawDelete(key());
}

// One keychain entry per test function and data row, so a failure cannot leak into the next.
QString tst_KeychainStore::key() const
{
    QString key = QString::fromLatin1(QTest::currentTestFunction());
    if (QTest::currentDataTag())
        key += QLatin1Char('/') + QString::fromLatin1(QTest::currentDataTag());
    return key;
}

void tst_KeychainStore::addFlows()
{
    QTest::addColumn<Flow>("flow");
    QTest::addColumn<QString>("signInPath");
    QTest::newRow("cookie") << Flow::Cookie << QStringLiteral("/auth/login");
    QTest::newRow("oauth2") << Flow::OAuth2 << QStringLiteral("/oauth/token");
}

void tst_KeychainStore::signIn(JwtSession *session)
{
    QSignalSpy succeeded(session, &JwtSession::signInSucceeded);
    QSignalSpy failed(session, &JwtSession::signInFailed);
    session->signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QTRY_VERIFY_WITH_TIMEOUT(succeeded.count() + failed.count() > 0, 10000);
    QCOMPARE(failed.count(), 0);
    QVERIFY(!session->refreshToken().isEmpty());
}

void tst_KeychainStore::roundTrip()
{
    const QByteArray secret = "rt-0123456789abcdef.\x01\xff binary";
    JwtKeychainStore store;
    store.setServiceName(Service);
    store.setKey(key());
    QSignalSpy saved(&store, &JwtTokenStore::saved);
    QSignalSpy loaded(&store, &JwtTokenStore::loaded);
    QSignalSpy removed(&store, &JwtTokenStore::removed);
    QSignalSpy failed(&store, &JwtTokenStore::errorOccurred);

    store.save(secret);
    QCOMPARE(saved.count(), 0); // never from inside the call
    QVERIFY(saved.wait(15000));
    const RawEntry stored = rawRead(key());
    QCOMPARE(stored.error, QKeychain::NoError);
    QCOMPARE(stored.data, secret);

    store.load();
    QVERIFY(loaded.wait(15000));
    QCOMPARE(loaded.at(0).at(0).toByteArray(), secret);

    store.remove();
    QVERIFY(removed.wait(15000));
    QCOMPARE(rawRead(key()).error, QKeychain::EntryNotFound);

    // Nothing stored: an empty credential, not an error; removing again is fine too.
    store.load();
    QVERIFY(loaded.wait(15000));
    QVERIFY(loaded.at(1).at(0).toByteArray().isEmpty());
    store.remove();
    QVERIFY(removed.wait(15000));
    QCOMPARE(failed.count(), 0);
}

void tst_KeychainStore::entriesAreSeparateByKey()
{
    JwtKeychainStore alice;
    alice.setServiceName(Service);
    alice.setKey(key() + QStringLiteral("/alice"));
    JwtKeychainStore bob;
    bob.setServiceName(Service);
    bob.setKey(key() + QStringLiteral("/bob"));
    alice.save("alice's");
    bob.save("bob's");
    QVERIFY(waitIdle(&alice));
    QVERIFY(waitIdle(&bob));
    QCOMPARE(rawRead(key() + QStringLiteral("/alice")).data, QByteArray("alice's"));
    QCOMPARE(rawRead(key() + QStringLiteral("/bob")).data, QByteArray("bob's"));
    rawDelete(key() + QStringLiteral("/alice"));
    rawDelete(key() + QStringLiteral("/bob"));
}

void tst_KeychainStore::defaultServiceIsTheApplicationName()
{
    JwtKeychainStore store;
    QCOMPARE(store.serviceName(), QCoreApplication::applicationName());
    QCOMPARE(store.key(), QStringLiteral("default"));
    QSignalSpy changed(&store, &JwtKeychainStore::serviceNameChanged);
    store.setServiceName(Service);
    store.setServiceName(Service);
    QCOMPARE(changed.count(), 1);
}

void tst_KeychainStore::restoreWithoutLogin_data()
{
    addFlows();
}

void tst_KeychainStore::restoreWithoutLogin()
{
    QFETCH(Flow, flow);
    QFETCH(QString, signInPath);
    QByteArray remembered;
    {
        App first(server.get(), flow, key());
        first.session.setRememberMe(true);
        signIn(&first.session);
        QVERIFY(waitIdle(&first.store));
        remembered = first.session.refreshToken();
        const RawEntry entry = rawRead(key());
        QCOMPARE(entry.error, QKeychain::NoError);
        QCOMPARE(entry.data, remembered);
    } // the application quits: session, refresher, cookie jar and store are gone
    server->resetRecording();

    App second(server.get(), flow, key());
    QVERIFY(!second.session.rememberMe());
    QSignalSpy restored(&second.session, &JwtSession::restored);
    second.session.restore();
    QVERIFY(restored.wait(15000));
    QCOMPARE(restored.count(), 1);
    QCOMPARE(restored.at(0).at(0).toBool(), true);
    QVERIFY(second.session.isSignedIn());
    QVERIFY(second.session.rememberMe());
    QCOMPARE(server->requests().size(), 0); // restoring alone sends nothing

    std::unique_ptr<QNetworkReply> reply(
            second.manager.get(QNetworkRequest(server->url(QStringLiteral("/echo")))));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 15000);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(QJsonDocument::fromJson(reply->readAll())
                     .object()
                     .value(QStringLiteral("user"))
                     .toString(),
             QStringLiteral("alice"));
    QCOMPARE(server->refreshCalls(), 1);
    // No sign-in: the only call to the sign-in path (shared with refresh for OAuth 2) is the
    // refresh.
    const int sharedWithRefresh = flow == Flow::OAuth2 ? server->refreshCalls() : 0;
    QCOMPARE(server->count(signInPath) - sharedWithRefresh, 0);
    QCOMPARE(server->count(QStringLiteral("/echo")), 1);
    QCOMPARE(second.session.state(), JwtSession::State::Active);
    rawDelete(key());
}

void tst_KeychainStore::rotationUpdatesTheEntry_data()
{
    addFlows();
}

void tst_KeychainStore::rotationUpdatesTheEntry()
{
    QFETCH(Flow, flow);
    App app(server.get(), flow, key());
    app.session.setRememberMe(true);
    signIn(&app.session);
    QVERIFY(waitIdle(&app.store));
    const QByteArray before = rawRead(key()).data;
    QCOMPARE(before, app.session.refreshToken());

    QSignalSpy refreshed(&app.session, &JwtSession::refreshSucceeded);
    app.session.refresh();
    QVERIFY(refreshed.wait(15000));
    QVERIFY(waitIdle(&app.store));
    const QByteArray after = app.session.refreshToken();
    QVERIFY2(after != before, "the test server should rotate the refresh credential");
    const RawEntry entry = rawRead(key());
    QCOMPARE(entry.error, QKeychain::NoError);
    QCOMPARE(entry.data, after);
    rawDelete(key());
}

void tst_KeychainStore::twoInstancesShareTheEntry_data()
{
    addFlows();
}

// Two instances of the application remember the same keychain entry (same service and key):
// when one rotates the credential, the other's next refresh sends the rotated one from the
// keychain, not its own spent one; the server sees no reuse (JwtSession::crossProcessLock).
void tst_KeychainStore::twoInstancesShareTheEntry()
{
    QFETCH(Flow, flow);
    App first(server.get(), flow, key());
    App second(server.get(), flow, key());
    QCOMPARE(first.store.identity(), second.store.identity());
    first.session.setRememberMe(true);
    signIn(&first.session);
    QVERIFY(waitIdle(&first.store));
    QSignalSpy restored(&second.session, &JwtSession::restored);
    second.session.restore();
    QVERIFY(restored.wait(15000));
    QCOMPARE(restored.at(0).at(0).toBool(), true);
    server->authority()->resetCounters();

    QSignalSpy secondRefreshed(&second.session, &JwtSession::refreshSucceeded);
    second.session.refresh(); // rotates the shared credential and stores it
    QVERIFY(secondRefreshed.wait(15000));
    QVERIFY(waitIdle(&second.store));
    QCOMPARE(rawRead(key()).data, second.session.refreshToken());

    QSignalSpy firstRefreshed(&first.session, &JwtSession::refreshSucceeded);
    QSignalSpy expired(&first.session, &JwtSession::sessionExpired);
    first.session.refresh();
    QVERIFY(firstRefreshed.wait(15000));
    QVERIFY(waitIdle(&first.store));
    QCOMPARE(expired.count(), 0);
    QCOMPARE(server->authority()->counters().reuseDetections, 0);
    QCOMPARE(server->authority()->counters().refreshCalls, 2);
    QCOMPARE(rawRead(key()).data, first.session.refreshToken());
    rawDelete(key());
}

void tst_KeychainStore::signOutRemovesTheEntry_data()
{
    addFlows();
}

void tst_KeychainStore::signOutRemovesTheEntry()
{
    QFETCH(Flow, flow);
    App app(server.get(), flow, key());
    app.session.setRememberMe(true);
    signIn(&app.session);
    QVERIFY(waitIdle(&app.store));
    QCOMPARE(rawRead(key()).error, QKeychain::NoError);

    QSignalSpy removed(&app.store, &JwtTokenStore::removed);
    app.session.signOut();
    QVERIFY(removed.wait(15000));
    const RawEntry entry = rawRead(key());
    QCOMPARE(entry.error, QKeychain::EntryNotFound);
    QVERIFY(entry.data.isEmpty());
}

void tst_KeychainStore::rememberMeOffStoresNothing()
{
    // An entry left by an earlier run in which the user was remembered.
    QCOMPARE(rawWrite(key(), "stale"), QKeychain::NoError);
    App app(server.get(), Flow::Cookie, key());
    QSignalSpy saved(&app.store, &JwtTokenStore::saved);
    signIn(&app.session);
    QVERIFY(waitIdle(&app.store));
    QSignalSpy refreshed(&app.session, &JwtSession::refreshSucceeded);
    app.session.refresh();
    QVERIFY(refreshed.wait(15000));
    QVERIFY(waitIdle(&app.store));
    QCOMPARE(saved.count(), 0);
    QCOMPARE(rawRead(key()).error, QKeychain::EntryNotFound);
}

// Without a Secret Service: every operation fails with Unavailable and a clear message; the
// session goes on without persistence.
class tst_KeychainUnavailable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void operationsFail_data();
    void operationsFail();
    void sessionWorksWithoutKeychain();
};

void tst_KeychainUnavailable::initTestCase()
{
    // Make sure this really runs without a bus, or the assertions below prove nothing.
    const QString address = qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS");
    const QString prefix = QStringLiteral("unix:path=");
    QVERIFY2(address.startsWith(prefix),
             "set DBUS_SESSION_BUS_ADDRESS to unix:path=<a socket that does not exist>");
    QVERIFY2(!QFileInfo::exists(address.mid(prefix.size())),
             "DBUS_SESSION_BUS_ADDRESS must point at a socket that does not exist");
}

void tst_KeychainUnavailable::operationsFail_data()
{
    QTest::addColumn<JwtTokenStore::Operation>("operation");
    QTest::newRow("load") << JwtTokenStore::Operation::Load;
    QTest::newRow("save") << JwtTokenStore::Operation::Save;
    QTest::newRow("remove") << JwtTokenStore::Operation::Remove;
}

void tst_KeychainUnavailable::operationsFail()
{
    QFETCH(JwtTokenStore::Operation, operation);
    const QByteArray secret = "never-in-a-message-4711";
    JwtKeychainStore store;
    store.setServiceName(Service);
    QSignalSpy failed(&store, &JwtTokenStore::errorOccurred);
    QSignalSpy loaded(&store, &JwtTokenStore::loaded);
    QSignalSpy saved(&store, &JwtTokenStore::saved);
    QSignalSpy removed(&store, &JwtTokenStore::removed);
    JwtTokenStore::Operation reported = JwtTokenStore::Operation::None;
    connect(&store, &JwtTokenStore::errorOccurred, this, [&] { reported = store.operation(); });

    if (operation == JwtTokenStore::Operation::Load)
        store.load();
    else if (operation == JwtTokenStore::Operation::Save)
        store.save(secret);
    else
        store.remove();
    QCOMPARE(failed.count(), 0);
    QVERIFY(failed.wait(15000));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(loaded.count() + saved.count() + removed.count(), 0);
    QCOMPARE(reported, operation);
    QCOMPARE(failed.at(0).at(0).value<JwtTokenStore::Error>(), JwtTokenStore::Error::Unavailable);
    const QString message = failed.at(0).at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("keychain is not available")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("Secret Service")), qPrintable(message));
    QVERIFY(!message.contains(QString::fromLatin1(secret)));
}

void tst_KeychainUnavailable::sessionWorksWithoutKeychain()
{
    JwtTestServer server;
    QVERIFY(server.listen());
    App app(&server, Flow::Cookie, QStringLiteral("default"));
    QSignalSpy failed(&app.store, &JwtTokenStore::errorOccurred);
    QSignalSpy restored(&app.session, &JwtSession::restored);
    app.session.restore();
    QVERIFY(restored.wait(15000));
    QCOMPARE(restored.at(0).at(0).toBool(), false);
    QCOMPARE(failed.count(), 1);

    app.session.setRememberMe(true);
    QSignalSpy succeeded(&app.session, &JwtSession::signInSucceeded);
    app.session.signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QVERIFY(succeeded.wait(15000));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, 15000); // the save failed
    QVERIFY(!failed.at(1).at(1).toString().contains(
            QString::fromLatin1(app.session.refreshToken())));
    std::unique_ptr<QNetworkReply> reply(
            app.manager.get(QNetworkRequest(server.url(QStringLiteral("/echo")))));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 15000);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIntValue("JWT_KEYCHAIN_EXPECT_UNAVAILABLE") == 1) {
        tst_KeychainUnavailable test;
        return QTest::qExec(&test, argc, argv);
    }
    tst_KeychainStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keychainstore.moc"
