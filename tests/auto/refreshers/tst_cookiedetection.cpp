// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtcookierules_p.h"

#include <QtTest/qtest.h>

// Which cookie of a login answer is the refresh cookie when no name is set: the ones the
// refresh URL would carry (RFC 6265 domain and path), HttpOnly preferred, then "refresh" in
// the name; still several: none, and the message names them (never their values).
class tst_CookieDetection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void choose_data();
    void choose();
    void credential_data();
    void credential();
};

namespace {

const QUrl Login(QStringLiteral("http://127.0.0.1:8080/auth/login"));
const QUrl Refresh(QStringLiteral("http://127.0.0.1:8080/auth/refresh"));

QList<QNetworkCookie> parse(const QByteArrayList &setCookies)
{
    QList<QNetworkCookie> cookies;
    for (const QByteArray &line : setCookies)
        cookies += QNetworkCookie::parseCookies(line);
    return cookies;
}

} // namespace

void tst_CookieDetection::choose_data()
{
    QTest::addColumn<QByteArrayList>("setCookies");
    QTest::addColumn<QUrl>("scope");
    QTest::addColumn<QByteArray>("configured");
    QTest::addColumn<QByteArray>("chosen"); // empty: none
    QTest::addColumn<QString>("messageContains"); // empty: no message

    const QByteArray none;
    QTest::newRow("single (Express: rt, Path=/auth)")
            << QByteArrayList {"rt=SECRET1; HttpOnly; Path=/auth"} << Refresh << none
            << QByteArray("rt") << QString();
    QTest::newRow("single, not HttpOnly") << QByteArrayList {"session=SECRET1; Path=/"} << Refresh
                                          << none << QByteArray("session") << QString();
    QTest::newRow("HttpOnly preferred")
            << QByteArrayList {"csrf=SECRET1; Path=/", "rt=SECRET2; HttpOnly; Path=/auth"}
            << Refresh << none << QByteArray("rt") << QString();
    QTest::newRow("refresh in the name preferred")
            << QByteArrayList {"sid=SECRET1; HttpOnly; Path=/",
                               "myRefreshToken=SECRET2; HttpOnly; Path=/auth"}
            << Refresh << none << QByteArray("myRefreshToken") << QString();
    QTest::newRow("ambiguous: the names")
            << QByteArrayList {"a=SECRET1; HttpOnly; Path=/", "b=SECRET2; HttpOnly; Path=/auth"}
            << Refresh << none << none << QStringLiteral("(a, b)");
    QTest::newRow("path mismatch") << QByteArrayList {"rt=SECRET1; HttpOnly; Path=/api"} << Refresh
                                   << none << none << QString();
    QTest::newRow("path prefix is not a path match")
            << QByteArrayList {"rt=SECRET1; HttpOnly; Path=/au"} << Refresh << none << none
            << QString();
    QTest::newRow("path mismatch leaves the one that matches")
            << QByteArrayList {"api=SECRET1; HttpOnly; Path=/api", "rt=SECRET2; Path=/auth"}
            << Refresh << none << QByteArray("rt") << QString();
    QTest::newRow("domain mismatch") << QByteArrayList {"rt=SECRET1; HttpOnly; Domain=example.com"}
                                     << Refresh << none << none << QString();
    QTest::newRow("Secure over http") << QByteArrayList {"rt=SECRET1; HttpOnly; Secure; Path=/auth"}
                                      << Refresh << none << none << QString();
    QTest::newRow("configured name alone")
            << QByteArrayList {"rt=SECRET1; HttpOnly; Path=/auth", "other=SECRET2; Path=/"}
            << Refresh << QByteArray("other") << QByteArray("other") << QString();
    QTest::newRow("configured name absent")
            << QByteArrayList {"rt=SECRET1; HttpOnly; Path=/auth"} << Refresh
            << QByteArray("refresh_token") << none << QString();
}

void tst_CookieDetection::choose()
{
    QFETCH(QByteArrayList, setCookies);
    QFETCH(QUrl, scope);
    QFETCH(QByteArray, configured);
    QFETCH(QByteArray, chosen);
    QFETCH(QString, messageContains);
    const JwtCookieRules::Choice choice =
            JwtCookieRules::choose(parse(setCookies), Login, scope, configured);
    QCOMPARE(choice.found, !chosen.isEmpty());
    if (choice.found)
        QCOMPARE(choice.cookie.name(), chosen);
    QCOMPARE(choice.message.isEmpty(), messageContains.isEmpty());
    if (!messageContains.isEmpty()) {
        QVERIFY2(choice.message.contains(messageContains), qPrintable(choice.message));
        QVERIFY(choice.message.contains(QLatin1String("Set cookieName")));
    }
    QVERIFY(!choice.message.contains(QLatin1String("SECRET")));
}

// A detected name is stored with the value, and read back; what earlier versions stored (the
// value of refresh_token) is read as such.
void tst_CookieDetection::credential_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("stored");
    QTest::newRow("detected rt") << QByteArray("rt") << QByteArray("abc") << QByteArray("rt=abc");
    QTest::newRow("value with padding") << QByteArray("jwt-refresh") << QByteArray("YWJj==")
                                        << QByteArray("jwt-refresh=YWJj==");
    QTest::newRow("default name: value alone")
            << QByteArray("refresh_token") << QByteArray("abc") << QByteArray("abc");
    QTest::newRow("earlier version, base64 value")
            << QByteArray("refresh_token") << QByteArray("YWI=") << QByteArray("YWI=");
    QTest::newRow("earlier version, value with =")
            << QByteArray("refresh_token") << QByteArray("a(b)=c") << QByteArray("a(b)=c");
}

void tst_CookieDetection::credential()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, stored);
    QCOMPARE(JwtCookieRules::joinCredential(name, value), stored);
    QByteArray readName;
    QCOMPARE(JwtCookieRules::splitCredential(stored, &readName), value);
    QCOMPARE(readName, name);
}

QTEST_GUILESS_MAIN(tst_CookieDetection)
#include "tst_cookiedetection.moc"
