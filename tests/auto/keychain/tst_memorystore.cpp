// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// JwtTokenStore's contract (asynchronous, ordered, one result per call) on the in-memory store,
// and the session's "remember me" rules with it. The keychain and the full restore against a
// server are in tst_keychainstore.

#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtmemorytokenstore.h>
#include <JwtSession/jwtsession.h>

#include "jwttestserver.h"
#include "jwtwait.h"

#include <QtCore/qpointer.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

namespace {

// Loads \a store's credential and waits for it; empty when nothing is stored.
QByteArray loadFrom(JwtTokenStore *store)
{
    QSignalSpy loaded(store, &JwtTokenStore::loaded);
    store->load();
    if (!loaded.wait(5000) || loaded.count() != 1)
        return QByteArrayLiteral("<no answer from the store>");
    return loaded.at(0).at(0).toByteArray();
}

bool waitIdle(JwtTokenStore *store)
{
    return QTest::qWaitFor([store] { return !store->isBusy(); }, 5000);
}

} // namespace

class tst_MemoryStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resultsAreNeverSynchronous_data();
    void resultsAreNeverSynchronous();
    void operationsRunInOrder();
    void operationIsKnownWhileReporting();
    void savingEmptyRemoves();
    void deletedStoreReportsNothing();
    void slotMayDeleteTheStore();

    void rememberMeSavesAndRotates();
    void rememberMeOffRemovesTheEntry();
    void signOutRemovesTheEntry();
    void restoreSignsIn();
    void restoreWithNothingStored();
    void restoreWithoutStore();
    void restoreDoesNotReplaceALiveSession();
    void restoreRefusesAnUnsendableCredential_data();
    void restoreRefusesAnUnsendableCredential();

private:
    void setUpSession(JwtSession *session, JwtCookieRefresher *refresher);
    void signIn(JwtSession *session);

    std::unique_ptr<JwtTestServer> server;
};

void tst_MemoryStore::resultsAreNeverSynchronous_data()
{
    QTest::addColumn<int>("operation");
    QTest::newRow("load") << int(JwtTokenStore::Operation::Load);
    QTest::newRow("save") << int(JwtTokenStore::Operation::Save);
    QTest::newRow("remove") << int(JwtTokenStore::Operation::Remove);
}

void tst_MemoryStore::resultsAreNeverSynchronous()
{
    QFETCH(int, operation);
    JwtMemoryTokenStore store;
    QSignalSpy loaded(&store, &JwtTokenStore::loaded);
    QSignalSpy saved(&store, &JwtTokenStore::saved);
    QSignalSpy removed(&store, &JwtTokenStore::removed);
    switch (JwtTokenStore::Operation(operation)) {
    case JwtTokenStore::Operation::Load:
        store.load();
        break;
    case JwtTokenStore::Operation::Save:
        store.save("secret");
        break;
    default:
        store.remove();
        break;
    }
    QCOMPARE(loaded.count() + saved.count() + removed.count(), 0);
    QVERIFY(store.isBusy());
    QTRY_COMPARE(loaded.count() + saved.count() + removed.count(), 1);
    QVERIFY(!store.isBusy());
}

void tst_MemoryStore::operationsRunInOrder()
{
    JwtMemoryTokenStore store;
    QSignalSpy loaded(&store, &JwtTokenStore::loaded);
    QSignalSpy saved(&store, &JwtTokenStore::saved);
    QSignalSpy removed(&store, &JwtTokenStore::removed);
    store.save("first");
    store.save("second");
    store.load();
    store.remove();
    store.load();
    QTRY_COMPARE(loaded.count(), 2);
    QCOMPARE(saved.count(), 2);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(loaded.at(0).at(0).toByteArray(), QByteArray("second"));
    QVERIFY(loaded.at(1).at(0).toByteArray().isEmpty());
}

void tst_MemoryStore::operationIsKnownWhileReporting()
{
    JwtMemoryTokenStore store;
    QList<JwtTokenStore::Operation> seen;
    const auto record = [&] {
        seen.append(store.operation());
    };
    connect(&store, &JwtTokenStore::saved, this, record);
    connect(&store, &JwtTokenStore::loaded, this, record);
    connect(&store, &JwtTokenStore::removed, this, record);
    store.save("x");
    store.load();
    store.remove();
    QTRY_COMPARE(seen.size(), 3);
    QCOMPARE(seen,
             (QList<JwtTokenStore::Operation> {JwtTokenStore::Operation::Save,
                                               JwtTokenStore::Operation::Load,
                                               JwtTokenStore::Operation::Remove}));
    QCOMPARE(store.operation(), JwtTokenStore::Operation::None);
}

void tst_MemoryStore::savingEmptyRemoves()
{
    JwtMemoryTokenStore store;
    store.save("secret");
    QSignalSpy removed(&store, &JwtTokenStore::removed);
    store.save(QByteArray());
    QVERIFY(removed.wait(5000));
    QCOMPARE(loadFrom(&store), QByteArray());
}

void tst_MemoryStore::deletedStoreReportsNothing()
{
    auto store = std::make_unique<JwtMemoryTokenStore>();
    int results = 0;
    connect(store.get(), &JwtTokenStore::saved, this, [&] { ++results; });
    connect(store.get(), &JwtTokenStore::loaded, this, [&] { ++results; });
    store->save("secret");
    store->load();
    store.reset();
    QVERIFY(waitForPostedEvents());
    QCOMPARE(results, 0);
}

void tst_MemoryStore::slotMayDeleteTheStore()
{
    auto *store = new JwtMemoryTokenStore;
    QPointer<JwtMemoryTokenStore> guard(store);
    int results = 0;
    connect(store, &JwtTokenStore::saved, this, [&] {
        ++results;
        delete store;
    });
    store->save("first");
    store->save("second");
    QTRY_VERIFY(guard.isNull());
    QVERIFY(waitForPostedEvents());
    QCOMPARE(results, 1);
}

void tst_MemoryStore::setUpSession(JwtSession *session, JwtCookieRefresher *refresher)
{
    refresher->setLoginUrl(server->url(QStringLiteral("/auth/login")));
    refresher->setRefreshUrl(server->url(QStringLiteral("/auth/refresh")));
    session->setRefresher(refresher);
    session->addAuthorizedOrigin(server->url());
}

void tst_MemoryStore::signIn(JwtSession *session)
{
    if (!server) {
        server = std::make_unique<JwtTestServer>();
        QVERIFY(server->listen());
    }
    QSignalSpy succeeded(session, &JwtSession::signInSucceeded);
    session->signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QVERIFY(succeeded.wait(10000));
    QVERIFY(!session->refreshToken().isEmpty());
}

void tst_MemoryStore::rememberMeSavesAndRotates()
{
    server = std::make_unique<JwtTestServer>();
    QVERIFY(server->listen());
    JwtMemoryTokenStore store;
    JwtSession session;
    JwtCookieRefresher refresher;
    setUpSession(&session, &refresher);
    session.setTokenStore(&store);
    QSignalSpy rememberChanged(&session, &JwtSession::rememberMeChanged);
    session.setRememberMe(true);
    QCOMPARE(rememberChanged.count(), 1);

    signIn(&session);
    QVERIFY(waitIdle(&store));
    const QByteArray first = session.refreshToken();
    QCOMPARE(loadFrom(&store), first);

    QSignalSpy refreshed(&session, &JwtSession::refreshSucceeded);
    session.refresh();
    QVERIFY(refreshed.wait(10000));
    QVERIFY(session.refreshToken() != first); // the server rotates the refresh cookie
    QVERIFY(waitIdle(&store));
    QCOMPARE(loadFrom(&store), session.refreshToken());
}

void tst_MemoryStore::rememberMeOffRemovesTheEntry()
{
    server = std::make_unique<JwtTestServer>();
    QVERIFY(server->listen());
    JwtMemoryTokenStore store;
    store.save("left over from an earlier run");
    JwtSession session;
    JwtCookieRefresher refresher;
    setUpSession(&session, &refresher);
    session.setTokenStore(&store);
    QVERIFY(!session.rememberMe());

    signIn(&session);
    QVERIFY(waitIdle(&store));
    QCOMPARE(loadFrom(&store), QByteArray()); // not remembered: nothing stored

    session.setRememberMe(true);
    QVERIFY(waitIdle(&store));
    QCOMPARE(loadFrom(&store), session.refreshToken());
    session.setRememberMe(false);
    QVERIFY(waitIdle(&store));
    QCOMPARE(loadFrom(&store), QByteArray());
}

void tst_MemoryStore::signOutRemovesTheEntry()
{
    server = std::make_unique<JwtTestServer>();
    QVERIFY(server->listen());
    JwtMemoryTokenStore store;
    JwtSession session;
    JwtCookieRefresher refresher;
    setUpSession(&session, &refresher);
    session.setTokenStore(&store);
    session.setRememberMe(true);
    signIn(&session);
    QVERIFY(waitIdle(&store));
    QVERIFY(!loadFrom(&store).isEmpty());

    QSignalSpy removed(&store, &JwtTokenStore::removed);
    session.signOut();
    QVERIFY(removed.wait(5000));
    QCOMPARE(loadFrom(&store), QByteArray());
}

void tst_MemoryStore::restoreSignsIn()
{
    JwtMemoryTokenStore store;
    store.save("remembered");
    JwtSession session;
    session.setTokenStore(&store);
    QSignalSpy restored(&session, &JwtSession::restored);
    QSignalSpy tokens(&session, &JwtSession::tokensChanged);
    session.restore();
    QCOMPARE(restored.count(), 0);
    QVERIFY(restored.wait(5000));
    QCOMPARE(restored.count(), 1);
    QCOMPARE(restored.at(0).at(0).toBool(), true);
    QCOMPARE(tokens.count(), 1);
    QCOMPARE(session.refreshToken(), QByteArray("remembered"));
    QVERIFY(!session.accessToken().isValid()); // the first request refreshes
    QVERIFY(session.isSignedIn());
    QVERIFY(session.rememberMe()); // it was stored because the user asked to be remembered
    QVERIFY(waitIdle(&store));
    QCOMPARE(loadFrom(&store), QByteArray("remembered"));
}

void tst_MemoryStore::restoreWithNothingStored()
{
    JwtMemoryTokenStore store;
    JwtSession session;
    session.setTokenStore(&store);
    QSignalSpy restored(&session, &JwtSession::restored);
    session.restore();
    QVERIFY(restored.wait(5000));
    QCOMPARE(restored.at(0).at(0).toBool(), false);
    QVERIFY(!session.isSignedIn());
    QVERIFY(!session.rememberMe());
}

void tst_MemoryStore::restoreWithoutStore()
{
    JwtSession session;
    QSignalSpy restored(&session, &JwtSession::restored);
    session.restore();
    QCOMPARE(restored.count(), 0);
    QVERIFY(restored.wait(5000));
    QCOMPARE(restored.count(), 1);
    QCOMPARE(restored.at(0).at(0).toBool(), false);
}

void tst_MemoryStore::restoreDoesNotReplaceALiveSession()
{
    JwtMemoryTokenStore store;
    store.save("stale");
    JwtSession session;
    session.setTokenStore(&store);
    QSignalSpy restored(&session, &JwtSession::restored);
    session.restore();
    QVERIFY(session.setTokens({}, "fresh")); // signed in while the store was read
    QVERIFY(restored.wait(5000));
    QCOMPARE(restored.at(0).at(0).toBool(), false);
    QCOMPARE(session.refreshToken(), QByteArray("fresh"));
}

void tst_MemoryStore::restoreRefusesAnUnsendableCredential_data()
{
    QTest::addColumn<bool>("cookieRefresher");
    QTest::addColumn<QByteArray>("credential");
    QTest::newRow("CR LF") << false << QByteArray("abc\r\nX-Injected: 1");
    QTest::newRow("NUL") << false << QByteArray("abc\0def", 7);
    QTest::newRow("not a cookie value") << true << QByteArray("abc def");
}

// A stored credential that could not be sent safely changes nothing: restore() fails, the user
// stays signed out, "remember me" stays as it was, and the entry is left alone.
void tst_MemoryStore::restoreRefusesAnUnsendableCredential()
{
    QFETCH(bool, cookieRefresher);
    QFETCH(QByteArray, credential);
    server = std::make_unique<JwtTestServer>();
    QVERIFY(server->listen());
    JwtMemoryTokenStore store;
    store.save(credential);
    JwtSession session;
    JwtCookieRefresher refresher;
    if (cookieRefresher)
        setUpSession(&session, &refresher);
    session.setTokenStore(&store);
    QSignalSpy restored(&session, &JwtSession::restored);
    QSignalSpy tokens(&session, &JwtSession::tokensChanged);
    QSignalSpy rememberChanged(&session, &JwtSession::rememberMeChanged);
    session.restore();
    QVERIFY(restored.wait(5000));
    QCOMPARE(restored.count(), 1);
    QCOMPARE(restored.at(0).at(0).toBool(), false);
    QCOMPARE(tokens.count(), 0);
    QCOMPARE(rememberChanged.count(), 0);
    QVERIFY(!session.isSignedIn());
    QVERIFY(session.refreshToken().isEmpty());
    QVERIFY(waitIdle(&store));
    QCOMPARE(loadFrom(&store), credential);
    QCOMPARE(server->requests().size(), 0);
}

QTEST_GUILESS_MAIN(tst_MemoryStore)
#include "tst_memorystore.moc"
