// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// "Tokens and refresh cookies never appear in logs, qDebug output, or error strings": every
// logging category at debug level, a whole session life (login, storm, refresh, expiry,
// sign-out) with each refresher, and a search of everything that was said for every secret the
// server handed out.

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtjsonrefresher.h>
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtsession.h>
#include <JwtSession/jwttoken.h>

#include "jwtdemoauthority.h"
#include "jwttestserver.h"

#include <QtCore/qloggingcategory.h>
#include <QtCore/qmutex.h>
#include <QtNetwork/qnetworkcookiejar.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>
#include <vector>

namespace {

QMutex capturedMutex;
QStringList captured; // "category: message" of every message, from any thread
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&capturedMutex);
        captured.append(QString::fromUtf8(context.category ? context.category : "default")
                        + QLatin1String(": ") + message);
    }
    // Only warnings and worse reach the console; the debug flood stays in the capture.
    if (type != QtDebugMsg && type != QtInfoMsg && previousHandler)
        previousHandler(type, context, message);
}

QStringList capturedLines()
{
    QMutexLocker lock(&capturedMutex);
    return captured;
}

} // namespace

class tst_NoSecretsInLogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void wholeSession_data();
    void wholeSession();

private:
    void collect(const QByteArray &secret);
    QNetworkReply *get(const QString &path);
    bool signIn(const QString &password);

    std::unique_ptr<JwtTestServer> server;
    std::unique_ptr<JwtSession> session;
    std::unique_ptr<JwtAccessManager> manager;
    std::unique_ptr<JwtRefresher> refresher;
    QByteArrayList secrets;
    QStringList said; // error strings and signal messages meant for display
};

void tst_NoSecretsInLogs::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
    previousHandler = qInstallMessageHandler(captureMessage);
}

void tst_NoSecretsInLogs::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
    QLoggingCategory::setFilterRules(QString());
}

void tst_NoSecretsInLogs::collect(const QByteArray &secret)
{
    if (secret.isEmpty() || secrets.contains(secret))
        return;
    secrets.append(secret);
    // A JWT's signature alone is as good as a secret; its header is the same for every token.
    const QList<QByteArray> parts = secret.split('.');
    if (parts.size() == 3 && parts.last().size() >= 16 && !secrets.contains(parts.last()))
        secrets.append(parts.last());
}

QNetworkReply *tst_NoSecretsInLogs::get(const QString &path)
{
    QNetworkReply *reply = manager->get(QNetworkRequest(server->url(path)));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        if (reply->error() != QNetworkReply::NoError)
            said.append(reply->errorString());
    });
    return reply;
}

bool tst_NoSecretsInLogs::signIn(const QString &password)
{
    QSignalSpy succeeded(session.get(), &JwtSession::signInSucceeded);
    QSignalSpy failed(session.get(), &JwtSession::signInFailed);
    session->signIn(QStringLiteral("alice"), password);
    if (!QTest::qWaitFor([&] { return succeeded.count() + failed.count() > 0; }, 10000))
        return false;
    return succeeded.count() == 1;
}

void tst_NoSecretsInLogs::wholeSession_data()
{
    QTest::addColumn<QString>("flow");
    QTest::newRow("cookie") << QStringLiteral("cookie");
    QTest::newRow("oauth2") << QStringLiteral("oauth2");
    QTest::newRow("json") << QStringLiteral("json");
}

void tst_NoSecretsInLogs::wholeSession()
{
    QFETCH(QString, flow);
    const bool oauth2 = flow == QLatin1String("oauth2");
    secrets.clear();
    said.clear();
    {
        QMutexLocker lock(&capturedMutex);
        captured.clear();
    }
    server = std::make_unique<JwtTestServer>();
    QVERIFY(server->listen());
    session = std::make_unique<JwtSession>();
    manager = std::make_unique<JwtAccessManager>(session.get());
    if (oauth2) {
        auto r = std::make_unique<JwtOAuth2Refresher>();
        r->setTokenEndpoint(server->url(QStringLiteral("/oauth/token")));
        r->setRevocationEndpoint(server->url(QStringLiteral("/oauth/revoke")));
        r->setClientId(QStringLiteral("desktop"));
        refresher = std::move(r);
    } else if (flow == QLatin1String("json")) {
        // The demo server's SimpleJWT routes: the refresh token travels in JSON bodies.
        auto r = std::make_unique<JwtJsonRefresher>();
        r->setLoginUrl(server->url(QStringLiteral("/api/token/")));
        r->setRefreshUrl(server->url(QStringLiteral("/api/token/refresh/")));
        r->setLogoutUrl(server->url(QStringLiteral("/api/token/blacklist/")));
        refresher = std::move(r);
    } else {
        auto r = std::make_unique<JwtCookieRefresher>();
        r->setLoginUrl(server->url(QStringLiteral("/auth/login")));
        r->setRefreshUrl(server->url(QStringLiteral("/auth/refresh")));
        r->setLogoutUrl(server->url(QStringLiteral("/auth/logout")));
        r->setNetworkAccessManager(manager.get());
        refresher = std::move(r);
    }
    session->setRefresher(refresher.get());
    session->addAuthorizedOrigin(server->url());

    // Everything the session is told, the headers it attaches, what it says for display.
    connect(session.get(), &JwtSession::tokensChanged, this,
            [this] { collect(session->refreshToken()); });
    connect(manager.get(), &JwtAccessManager::aboutToSend, this,
            [this](QNetworkReply *, QNetworkRequest *request) {
                collect(request->rawHeader("Authorization").mid(7));
            });
    connect(session.get(), &JwtSession::refreshFailed, this,
            [this](JwtSession::FailureKind, const QString &message) { said.append(message); });
    connect(session.get(), &JwtSession::signInFailed, this,
            [this](JwtSession::FailureKind, const QString &message) { said.append(message); });

    // Login, after a failed one.
    QVERIFY(!signIn(QStringLiteral("SECRET-wrong-password")));
    QVERIFY(signIn(QStringLiteral("wonderland")));
    std::unique_ptr<QNetworkReply> first(get(QStringLiteral("/echo")));
    QTRY_VERIFY(first->isFinished());
    QCOMPARE(first->error(), QNetworkReply::NoError);

    // Storm: 50 requests with an expired token, one refresh.
    server->authority()->expireAccessTokensNow();
    std::vector<std::unique_ptr<QNetworkReply>> storm;
    for (int i = 0; i < 50; ++i)
        storm.emplace_back(get(QStringLiteral("/echo")));
    QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(storm.begin(), storm.end(), [](const auto &r) { return r->isFinished(); }),
            30000);
    for (const auto &reply : storm)
        QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(server->refreshCalls(), 1);

    // An explicit refresh.
    QSignalSpy refreshed(session.get(), &JwtSession::refreshSucceeded);
    session->refresh();
    QTRY_COMPARE(refreshed.count(), 1);
    std::unique_ptr<QNetworkReply> afterRefresh(get(QStringLiteral("/echo")));
    QTRY_VERIFY(afterRefresh->isFinished());
    QCOMPARE(afterRefresh->error(), QNetworkReply::NoError);

    // Expiry: the refresh credential is revoked.
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);
    server->authority()->revokeAllRefreshTokens();
    server->authority()->expireAccessTokensNow();
    std::unique_ptr<QNetworkReply> refused(get(QStringLiteral("/echo")));
    QTRY_VERIFY(refused->isFinished());
    QCOMPARE(refused->error(), QNetworkReply::AuthenticationRequiredError);
    QCOMPARE(expired.count(), 1);

    // Sign in again and sign out (logout call or revocation).
    QVERIFY(signIn(QStringLiteral("wonderland")));
    std::unique_ptr<QNetworkReply> last(get(QStringLiteral("/echo")));
    QTRY_VERIFY(last->isFinished());
    QCOMPARE(last->error(), QNetworkReply::NoError);
    const JwtToken token = session->accessToken();
    QVERIFY(token.isValid());
    session->signOut();
    const QString signOutPath = oauth2      ? QStringLiteral("/oauth/revoke")
            : flow == QLatin1String("json") ? QStringLiteral("/api/token/blacklist/")
                                            : QStringLiteral("/auth/logout");
    QTRY_COMPARE(server->count(signOutPath), 1);
    QTRY_VERIFY(server->requests().last().status != 0);

    // What the server saw completes the list of secrets.
    for (const JwtRecordedRequest &request : server->requests()) {
        if (request.authorization.startsWith("Bearer "))
            collect(request.authorization.mid(7));
        collect(cookieValue(request.cookie, "refresh_token"));
    }
    const QList<QNetworkCookie> jar =
            manager->cookieJar()->cookiesForUrl(server->url(QStringLiteral("/auth/refresh")));
    for (const QNetworkCookie &cookie : jar)
        collect(cookie.value());
    collect("SECRET-wrong-password");
    // Sign-in, storm refresh, explicit refresh, second sign-in: four access tokens at least.
    QVERIFY2(secrets.size() >= 8, qPrintable(QString::number(secrets.size())));

    // qDebug of the library's types.
    QString debugText;
    QDebug(&debugText) << token << session.get() << manager.get() << refresher.get()
                       << session->state() << session->claims();
    QVERIFY(debugText.contains(QLatin1String("alice"))); // it did print something useful

    const QStringList lines = capturedLines();
    // The capture works, and the library did talk at debug level.
    QVERIFY(std::any_of(lines.cbegin(), lines.cend(), [](const QString &line) {
        return line.startsWith(QLatin1String("jwtsession."));
    }));
    QVERIFY(!said.isEmpty());
    for (const QByteArray &secret : std::as_const(secrets)) {
        const QString text = QString::fromLatin1(secret);
        for (const QString &line : lines)
            QVERIFY2(!line.contains(text), qPrintable(QStringLiteral("log line: ") + line));
        for (const QString &message : std::as_const(said))
            QVERIFY2(!message.contains(text), qPrintable(QStringLiteral("message: ") + message));
        QVERIFY2(!debugText.contains(text), qPrintable(debugText));
    }
}

QTEST_MAIN(tst_NoSecretsInLogs)
#include "tst_nosecretsinlogs.moc"
