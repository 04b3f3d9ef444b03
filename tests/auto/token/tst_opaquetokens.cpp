// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtbackendshapes.h"
#include "jwtsessionfixture.h"
#include "jwttestserver.h"

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtjsonrefresher.h>
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtsession.h>

#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qloggingcategory.h>
#include <QtCore/qurlquery.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

namespace {

// Every message of the library's categories, debug included.
class LibraryLog
{
public:
    LibraryLog()
    {
        s_current = this;
        QLoggingCategory::setFilterRules(QStringLiteral("jwtsession.*=true"));
        m_previous = qInstallMessageHandler(&LibraryLog::handler);
    }
    ~LibraryLog()
    {
        qInstallMessageHandler(m_previous);
        QLoggingCategory::setFilterRules(QString());
        s_current = nullptr;
    }
    QStringList lines;

private:
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        if (s_current && context.category && qstrncmp(context.category, "jwtsession.", 11) == 0)
            s_current->lines.append(QString::fromLatin1(context.category) + QLatin1String(": ")
                                    + message);
        if (s_current && s_current->m_previous && type != QtDebugMsg && type != QtInfoMsg)
            s_current->m_previous(type, context, message);
    }
    static inline LibraryLog *s_current = nullptr;
    QtMessageHandler m_previous = nullptr;
};

JwtDemoResponse jsonAnswer(const QJsonObject &object)
{
    JwtDemoResponse response;
    response.setHeader("Content-Type", "application/json");
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

} // namespace

// Access tokens that are not JWTs (ASP.NET Core Identity's, reference tokens): with each
// refresher, the session schedules from the answer's lifetime, has no claims, takes the user
// from the answer, sends the token as it came, and logs nothing about decoding it.
class tst_OpaqueTokens : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup();
    void opaque_data();
    void opaque();

private:
    void setUpCookie();
    void setUpOAuth2();
    void setUpJson();

    std::unique_ptr<JwtTestServer> server;
    std::unique_ptr<JwtBackendShape> shape;
    std::unique_ptr<JwtRefresher> refresher;
    std::unique_ptr<JwtSession> session;
    std::unique_ptr<JwtAccessManager> manager;
    int issued = 0;
};

void tst_OpaqueTokens::cleanup()
{
    manager.reset();
    session.reset();
    refresher.reset();
    shape.reset();
    server.reset();
    issued = 0;
}

// A cookie endpoint that issues opaque tokens: {"token","expires_in","user"} + a session cookie.
void tst_OpaqueTokens::setUpCookie()
{
    const auto answer = [this](const JwtDemoRequest &) {
        JwtDemoResponse response =
                jsonAnswer({{QStringLiteral("token"), QStringLiteral("opaque-%1").arg(++issued)},
                            {QStringLiteral("expires_in"), 600},
                            {QStringLiteral("user"), QStringLiteral("alice")}});
        response.setHeader("Set-Cookie",
                           "sid=r" + QByteArray::number(issued) + "; Path=/opaque; HttpOnly");
        return response;
    };
    server->setPublicRouteHandler(QStringLiteral("/opaque/login"), answer);
    server->setPublicRouteHandler(QStringLiteral("/opaque/refresh"), answer);
    auto cookie = std::make_unique<JwtCookieRefresher>();
    cookie->setLoginUrl(server->url(QStringLiteral("/opaque/login")));
    cookie->setRefreshUrl(server->url(QStringLiteral("/opaque/refresh")));
    refresher = std::move(cookie);
}

// An OAuth 2 token endpoint with reference tokens (RFC 6749 does not make them JWTs).
void tst_OpaqueTokens::setUpOAuth2()
{
    server->setPublicRouteHandler(QStringLiteral("/opaque/token"), [this](const JwtDemoRequest &) {
        return jsonAnswer(
                {{QStringLiteral("access_token"), QStringLiteral("opaque-%1").arg(++issued)},
                 {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                 {QStringLiteral("expires_in"), 600},
                 {QStringLiteral("refresh_token"), QStringLiteral("r%1").arg(issued)}});
    });
    auto oauth2 = std::make_unique<JwtOAuth2Refresher>();
    oauth2->setTokenEndpoint(server->url(QStringLiteral("/opaque/token")));
    oauth2->setClientId(QStringLiteral("desktop"));
    refresher = std::move(oauth2);
}

void tst_OpaqueTokens::setUpJson()
{
    shape = std::make_unique<JwtBackendShape>(JwtBackendShape::Kind::AspNetIdentity, server.get());
    auto json = std::make_unique<JwtJsonRefresher>();
    json->setLoginUrl(shape->loginUrl());
    json->setRefreshUrl(shape->refreshUrl());
    json->setUsernameField(QStringLiteral("email"));
    refresher = std::move(json);
}

void tst_OpaqueTokens::opaque_data()
{
    QTest::addColumn<QString>("flow");
    QTest::addColumn<QString>("expectedUser");
    QTest::newRow("cookie") << QStringLiteral("cookie") << QStringLiteral("alice");
    QTest::newRow("oauth2") << QStringLiteral("oauth2") << QString();
    QTest::newRow("json (ASP.NET Core Identity)") << QStringLiteral("json") << QString();
}

void tst_OpaqueTokens::opaque()
{
    QFETCH(QString, flow);
    server = std::make_unique<JwtTestServer>();
    QVERIFY(server->listen());
    if (flow == QLatin1String("cookie"))
        setUpCookie();
    else if (flow == QLatin1String("oauth2"))
        setUpOAuth2();
    else
        setUpJson();
    session = std::make_unique<JwtSession>();
    session->setRefresher(refresher.get());
    session->addAuthorizedOrigin(server->url());
    manager = std::make_unique<JwtAccessManager>(session.get());

    LibraryLog log;
    QSignalSpy signedIn(session.get(), &JwtSession::signInSucceeded);
    const QString user = shape ? shape->user() : QStringLiteral("alice");
    session->signIn(user, shape ? shape->password() : QStringLiteral("wonderland"));
    QVERIFY(signedIn.wait(10000));

    // Scheduled from the answer's lifetime (600 s here, 3600 s for ASP.NET).
    const qint64 lifetime = QDateTime::currentDateTimeUtc().secsTo(session->accessTokenExpiresAt());
    QVERIFY2(lifetime > 500 && lifetime <= 3600, qPrintable(QString::number(lifetime)));
    QVERIFY(session->claims().isEmpty());
    QVERIFY(!session->accessToken().isValid());
    QFETCH(QString, expectedUser);
    if (!expectedUser.isEmpty())
        QCOMPARE(session->userName(), expectedUser);

    // Refreshed and sent as it came.
    QSignalSpy refreshed(session.get(), &JwtSession::refreshSucceeded);
    session->refresh();
    QVERIFY(refreshed.wait(10000));
    const quint64 generation = session->tokenGeneration();
    std::unique_ptr<QNetworkReply> reply(manager->get(QNetworkRequest(
            shape ? shape->apiUrl() : server->url(QStringLiteral("/public/echo")))));
    QVERIFY(waitAll({reply.get()}));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QByteArray sent = server->requests().last().authorization;
    QVERIFY(sent.startsWith(shape ? "Bearer CfDJ8" : "Bearer opaque-2"));
    QVERIFY(!sent.contains('.'));
    QCOMPARE(session->tokenGeneration(), generation);
    QVERIFY(session->claims().isEmpty());

    // Nothing about decoding, at any level.
    for (const QString &line : std::as_const(log.lines)) {
        QVERIFY2(!line.startsWith(QLatin1String("jwtsession.token")), qPrintable(line));
        const QString message = line.section(QLatin1String(": "), 1);
        QVERIFY2(!message.contains(QLatin1String("JWT")), qPrintable(line));
        QVERIFY2(!message.contains(QLatin1String("decod"), Qt::CaseInsensitive), qPrintable(line));
        QVERIFY2(!message.contains(QLatin1String("exp")), qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(tst_OpaqueTokens)
#include "tst_opaquetokens.moc"
