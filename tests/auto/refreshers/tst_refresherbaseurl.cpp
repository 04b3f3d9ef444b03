// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtjsonrefresher.h>
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtrefreshjob.h>

#include "jwtcountingmanager.h"

#include <QtCore/qmetaobject.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <functional>
#include <memory>

// The refreshers resolve their relative endpoint URLs against JwtRefresher::baseUrl: each
// endpoint property of each refresher, through its getter and its change signal (which speak
// of the URL the calls go to). Server-free.
class tst_RefresherBaseUrl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void endpoints_data();
    void relativeFollowsTheBase();
    void relativeFollowsTheBase_data() { endpoints_data(); }
    void absoluteIgnoresTheBase();
    void absoluteIgnoresTheBase_data() { endpoints_data(); }
    void baseSetFirst();
    void baseSetFirst_data() { endpoints_data(); }
    void relativeWithoutBaseIsRefused_data();
    void relativeWithoutBaseIsRefused();
};

namespace {

using Factory = std::function<JwtRefresher *()>;
using OnManager = std::function<JwtRefresher *(QNetworkAccessManager *)>;

const QUrl Api(QStringLiteral("https://api.example.com/"));
const QUrl OtherApi(QStringLiteral("https://other.example.com/v2/"));

QMetaProperty endpoint(const JwtRefresher *refresher, const char *name)
{
    const QMetaObject *meta = refresher->metaObject();
    return meta->property(meta->indexOfProperty(name));
}

} // namespace

void tst_RefresherBaseUrl::endpoints_data()
{
    QTest::addColumn<Factory>("factory");
    QTest::addColumn<QByteArray>("property");
    const Factory cookie = [] {
        return new JwtCookieRefresher;
    };
    const Factory json = [] {
        return new JwtJsonRefresher;
    };
    const Factory oauth2 = [] {
        return new JwtOAuth2Refresher;
    };
    for (const char *name : {"loginUrl", "refreshUrl", "logoutUrl"}) {
        QTest::addRow("cookie %s", name) << cookie << QByteArray(name);
        QTest::addRow("json %s", name) << json << QByteArray(name);
    }
    for (const char *name : {"tokenEndpoint", "revocationEndpoint", "authorizationEndpoint"})
        QTest::addRow("oauth2 %s", name) << oauth2 << QByteArray(name);
}

// Set relative, then the base: the getter and the change signal give the resolved URL, and
// follow the base when it moves; without a base the URL is relative again.
void tst_RefresherBaseUrl::relativeFollowsTheBase()
{
    QFETCH(Factory, factory);
    QFETCH(QByteArray, property);
    const std::unique_ptr<JwtRefresher> refresher(factory());
    const QMetaProperty url = endpoint(refresher.get(), property);
    QVERIFY(url.isValid() && url.hasNotifySignal());

    QVERIFY(url.write(refresher.get(), QUrl(QStringLiteral("auth/call"))));
    QCOMPARE(url.read(refresher.get()).toUrl(), QUrl(QStringLiteral("auth/call")));

    QSignalSpy changed(refresher.get(), url.notifySignal());
    refresher->setBaseUrl(Api);
    QCOMPARE(url.read(refresher.get()).toUrl(),
             QUrl(QStringLiteral("https://api.example.com/auth/call")));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toUrl(),
             QUrl(QStringLiteral("https://api.example.com/auth/call")));

    refresher->setBaseUrl(OtherApi);
    QCOMPARE(url.read(refresher.get()).toUrl(),
             QUrl(QStringLiteral("https://other.example.com/v2/auth/call")));
    QCOMPARE(changed.size(), 2);

    refresher->setBaseUrl(QUrl());
    QCOMPARE(url.read(refresher.get()).toUrl(), QUrl(QStringLiteral("auth/call")));
    QCOMPARE(changed.size(), 3);
}

// An absolute endpoint is used as set, whatever the base; its signal stays quiet.
void tst_RefresherBaseUrl::absoluteIgnoresTheBase()
{
    QFETCH(Factory, factory);
    QFETCH(QByteArray, property);
    const std::unique_ptr<JwtRefresher> refresher(factory());
    const QMetaProperty url = endpoint(refresher.get(), property);
    const QUrl absolute(QStringLiteral("https://auth.example.org/call"));
    QVERIFY(url.write(refresher.get(), absolute));

    QSignalSpy changed(refresher.get(), url.notifySignal());
    QSignalSpy baseChanged(refresher.get(), &JwtRefresher::baseUrlChanged);
    refresher->setBaseUrl(Api);
    QCOMPARE(url.read(refresher.get()).toUrl(), absolute);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(baseChanged.size(), 1);
    refresher->setBaseUrl(Api);
    QCOMPARE(baseChanged.size(), 1); // no change, no signal
}

// The order QML assigns properties in does not matter: base first, then a relative URL.
void tst_RefresherBaseUrl::baseSetFirst()
{
    QFETCH(Factory, factory);
    QFETCH(QByteArray, property);
    const std::unique_ptr<JwtRefresher> refresher(factory());
    const QMetaProperty url = endpoint(refresher.get(), property);
    refresher->setBaseUrl(Api);

    QSignalSpy changed(refresher.get(), url.notifySignal());
    QVERIFY(url.write(refresher.get(), QUrl(QStringLiteral("/token/"))));
    QCOMPARE(url.read(refresher.get()).toUrl(),
             QUrl(QStringLiteral("https://api.example.com/token/")));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toUrl(), QUrl(QStringLiteral("https://api.example.com/token/")));
    // The same URL again, or the absolute URL it resolves to: nothing changes.
    QVERIFY(url.write(refresher.get(), QUrl(QStringLiteral("https://api.example.com/token/"))));
    QCOMPARE(changed.size(), 1);
}

void tst_RefresherBaseUrl::relativeWithoutBaseIsRefused_data()
{
    QTest::addColumn<OnManager>("factory");
    QTest::addColumn<QByteArray>("property");
    QTest::addColumn<bool>("signIn"); // else a refresh
    const OnManager cookie = [](QNetworkAccessManager *manager) -> JwtRefresher * {
        auto *refresher = new JwtCookieRefresher;
        refresher->setNetworkAccessManager(manager);
        return refresher;
    };
    const OnManager json = [](QNetworkAccessManager *manager) -> JwtRefresher * {
        auto *refresher = new JwtJsonRefresher;
        refresher->setNetworkAccessManager(manager);
        return refresher;
    };
    const OnManager oauth2 = [](QNetworkAccessManager *manager) -> JwtRefresher * {
        auto *refresher = new JwtOAuth2Refresher;
        refresher->setNetworkAccessManager(manager);
        refresher->setClientId(QStringLiteral("app"));
        return refresher;
    };
    QTest::newRow("cookie sign-in") << cookie << QByteArray("loginUrl") << true;
    QTest::newRow("cookie refresh") << cookie << QByteArray("refreshUrl") << false;
    QTest::newRow("json sign-in") << json << QByteArray("loginUrl") << true;
    QTest::newRow("json refresh") << json << QByteArray("refreshUrl") << false;
    QTest::newRow("oauth2 sign-in") << oauth2 << QByteArray("tokenEndpoint") << true;
    QTest::newRow("oauth2 refresh") << oauth2 << QByteArray("tokenEndpoint") << false;
}

// A relative endpoint that no base resolved: the call fails (Transient: a configuration the
// application can mend), names the endpoint, and nothing reaches the network.
void tst_RefresherBaseUrl::relativeWithoutBaseIsRefused()
{
    QFETCH(OnManager, factory);
    QFETCH(QByteArray, property);
    QFETCH(bool, signIn);
    JwtCountingManager manager;
    const std::unique_ptr<JwtRefresher> refresher(factory(&manager));
    QVERIFY(endpoint(refresher.get(), property)
                    .write(refresher.get(), QUrl(QStringLiteral("auth/call"))));

    JwtRefreshJob job(signIn ? JwtRefreshJob::Kind::SignIn : JwtRefreshJob::Kind::Refresh);
    job.setCredentials(QStringLiteral("alice"), QStringLiteral("wonderland"));
    job.setRefreshToken("SECRET-refresh");
    if (signIn)
        refresher->signIn(&job);
    else
        refresher->refresh(&job);
    QVERIFY(job.isFinished());
    QCOMPARE(job.result(), JwtRefreshJob::Result::Transient);
    QVERIFY2(job.errorString().contains(QStringLiteral("auth/call")),
             qPrintable(job.errorString()));
    QVERIFY(!job.errorString().contains(QStringLiteral("SECRET")));
    QCOMPARE(manager.created, 0);
}

QTEST_GUILESS_MAIN(tst_RefresherBaseUrl)
#include "tst_refresherbaseurl.moc"
