// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtjsonfields_p.h"

#include <QtCore/qjsondocument.h>
#include <QtCore/qregularexpression.h>
#include <QtTest/qtest.h>

// Which field of a login or refresh answer is the access token, its lifetime, the refresh
// token: each name servers use, nested "data", configured names used alone, and the message
// when nothing matches. Values contain "SECRET": no message may.
class tst_FieldDetection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detect_data();
    void detect();
    void nothingFound();
    void absoluteExpiry_data();
    void absoluteExpiry();
    void unusableValues();
};

namespace {

const QDateTime Now = QDateTime::fromString(QStringLiteral("2026-01-01T00:00:00Z"), Qt::ISODate);

QJsonObject json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", text);
    return document.object();
}

} // namespace

void tst_FieldDetection::detect_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<QString>("configuredToken");
    QTest::addColumn<QString>("tokenName");
    QTest::addColumn<QString>("lifetimeName");
    QTest::addColumn<qint64>("expiresIn");
    QTest::addColumn<QString>("refreshName");

    const QString none;
    QTest::newRow("access_token") << QByteArray(R"({"access_token":"SECRETa","expires_in":60})")
                                  << none << "access_token"
                                  << "expires_in" << qint64(60) << none;
    QTest::newRow("accessToken") << QByteArray(R"({"accessToken":"SECRETa","expiresIn":3600})")
                                 << none << "accessToken"
                                 << "expiresIn" << qint64(3600) << none;
    QTest::newRow("token") << QByteArray(R"({"token":"SECRETa"})") << none << "token" << none
                           << qint64(-1) << none;
    QTest::newRow("access + refresh (SimpleJWT)")
            << QByteArray(R"({"refresh":"SECRETr","access":"SECRETa"})") << none << "access" << none
            << qint64(-1) << "refresh";
    QTest::newRow("jwt") << QByteArray(R"({"jwt":"SECRETa","user":"alice"})") << none << "jwt"
                         << none << qint64(-1) << none;
    QTest::newRow("ASP.NET Identity")
            << QByteArray(R"({"tokenType":"Bearer","accessToken":"SECRETa","expiresIn":3600,)"
                          R"("refreshToken":"SECRETr"})")
            << none << "accessToken"
            << "expiresIn" << qint64(3600) << "refreshToken";
    QTest::newRow("refresh_token")
            << QByteArray(R"({"access_token":"a","refresh_token":"r"})") << none << "access_token"
            << none << qint64(-1) << "refresh_token";
    QTest::newRow("order: access_token before token")
            << QByteArray(R"({"token":"SECRETx","access_token":"SECRETa"})") << none
            << "access_token" << none << qint64(-1) << none;
    QTest::newRow("nested data") << QByteArray(
            R"({"status":"ok","data":{"accessToken":"SECRETa","expiresIn":90,)"
            R"("refreshToken":"SECRETr"}})")
                                 << none << "data.accessToken"
                                 << "data.expiresIn" << qint64(90) << "data.refreshToken";
    QTest::newRow("nested token, lifetime on top")
            << QByteArray(R"({"expires_in":30,"data":{"token":"SECRETa"}})") << none << "data.token"
            << "expires_in" << qint64(30) << none;
    QTest::newRow("id_token is ignored")
            << QByteArray(R"({"id_token":"SECRETid","access_token":"SECRETa"})") << none
            << "access_token" << none << qint64(-1) << none;
    QTest::newRow("configured name used alone")
            << QByteArray(R"({"access_token":"SECRETx","bearer":"SECRETa"})")
            << QStringLiteral("bearer") << "bearer" << none << qint64(-1) << none;
}

void tst_FieldDetection::detect()
{
    QFETCH(QByteArray, answer);
    QFETCH(QString, configuredToken);
    JwtJsonFieldNames names;
    names.accessToken = configuredToken;
    const JwtJsonFields::Found found =
            JwtJsonFields::read(QJsonDocument::fromJson(answer).object(), names, Now);
    QVERIFY2(found.ok, qPrintable(found.message));
    QTEST(found.accessTokenName, "tokenName");
    QTEST(found.expiresInName, "lifetimeName");
    QTEST(found.expiresIn, "expiresIn");
    QTEST(found.refreshTokenName, "refreshName");
    QVERIFY(found.accessToken == "SECRETa" || found.accessToken == "a");
    QVERIFY(found.message.isEmpty());
}

void tst_FieldDetection::nothingFound()
{
    // The issue's own example: the message says what was looked for and what came.
    JwtJsonFields::Found found =
            JwtJsonFields::read(json(R"({"user":"SECRETalice","expires":"SECRET1"})"), {}, Now);
    QVERIFY(!found.ok);
    QCOMPARE(found.message,
             QStringLiteral("The answer had no access token: looked for access_token, "
                            "accessToken, token, access, jwt; it had fields expires, user. Set "
                            "accessTokenField."));
    QCOMPARE(found.lookedFor, JwtJsonFields::accessTokenNames());
    QCOMPARE(found.fieldsSeen, QStringList({QStringLiteral("expires"), QStringLiteral("user")}));

    // Only an id_token: never taken for an access token.
    found = JwtJsonFields::read(json(R"({"id_token":"SECRETid"})"), {}, Now);
    QVERIFY(!found.ok);
    QVERIFY(found.message.contains(QLatin1String("it had fields id_token.")));

    // A configured name is looked for alone, and the message says so.
    JwtJsonFieldNames names;
    names.accessToken = QStringLiteral("bearer");
    found = JwtJsonFields::read(json(R"({"access_token":"SECRETa"})"), names, Now);
    QVERIFY(!found.ok);
    QVERIFY2(found.message.contains(QLatin1String("looked for bearer; it had fields "
                                                  "access_token.")),
             qPrintable(found.message));
    QVERIFY(!found.message.contains(QLatin1String("SECRET")));
}

void tst_FieldDetection::absoluteExpiry_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<qint64>("expiresIn");
    QTest::addColumn<bool>("warns");
    const qint64 at = Now.toSecsSinceEpoch() + 600;
    QTest::newRow("expires_at seconds")
            << QByteArray(R"({"token":"a","expires_at":)" + QByteArray::number(at) + "}")
            << qint64(600) << false;
    QTest::newRow("expiresAt milliseconds")
            << QByteArray(R"({"token":"a","expiresAt":)" + QByteArray::number(at * 1000) + "}")
            << qint64(600) << false;
    QTest::newRow("expiresAt ISO 8601")
            << QByteArray(R"({"token":"a","expiresAt":"2026-01-01T00:10:00.000Z"})") << qint64(600)
            << false;
    QTest::newRow("expires_at in the past")
            << QByteArray(R"({"token":"a","expires_at":"2025-12-31T23:00:00Z"})") << qint64(-1)
            << true;
    QTest::newRow("expires_in wins over expires_at")
            << QByteArray(R"({"token":"a","expires_in":60,"expires_at":1})") << qint64(60) << false;
    QTest::newRow("expires_in not a number")
            << QByteArray(R"({"token":"a","expires_in":"soon"})") << qint64(-1) << true;
}

void tst_FieldDetection::absoluteExpiry()
{
    QFETCH(QByteArray, answer);
    QFETCH(bool, warns);
    if (warns)
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("invalid \"expire")));
    const JwtJsonFields::Found found =
            JwtJsonFields::read(QJsonDocument::fromJson(answer).object(), {}, Now);
    QVERIFY(found.ok);
    QTEST(found.expiresIn, "expiresIn");
}

void tst_FieldDetection::unusableValues()
{
    // A token with CR/LF, a number for a token, a refresh token with a space: the field is
    // named, the value never.
    JwtJsonFields::Found found =
            JwtJsonFields::read(json(R"({"accessToken":"SECRET\r\nX: 1"})"), {}, Now);
    QVERIFY(!found.ok);
    QCOMPARE(found.message,
             QStringLiteral("The answer's field accessToken is not a usable access token."));
    found = JwtJsonFields::read(json(R"({"data":{"token":12}})"), {}, Now);
    QVERIFY(!found.ok);
    QVERIFY(found.message.contains(QLatin1String("data.token")));
    found = JwtJsonFields::read(json(R"({"access":"SECRETa","refresh":"SECRET r"})"), {}, Now);
    QVERIFY(!found.ok);
    QVERIFY(found.refreshTokenInvalid);
    QCOMPARE(found.message,
             QStringLiteral("The answer's field refresh is not a usable refresh token."));
    // Ignored when the refresh credential is a cookie.
    JwtJsonFieldNames names;
    names.readRefreshToken = false;
    found = JwtJsonFields::read(json(R"({"access":"SECRETa","refresh":"SECRET r"})"), names, Now);
    QVERIFY(found.ok);
    QVERIFY(found.refreshToken.isEmpty());
}

QTEST_GUILESS_MAIN(tst_FieldDetection)
#include "tst_fielddetection.moc"
