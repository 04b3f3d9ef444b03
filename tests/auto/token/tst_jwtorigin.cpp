// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtbearer_p.h"
#include "jwtorigin_p.h"

#include <QtCore/qset.h>
#include <QtCore/qurl.h>
#include <QtTest/qtest.h>

namespace {

QUrl toUrl(const char *text)
{
    return QUrl(QString::fromUtf8(text));
}

} // namespace

class tst_JwtOrigin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalises_data();
    void normalises();
    void compare_data();
    void compare();
    void invalid_data();
    void invalid();
    void loopback_data();
    void loopback();
    void hashing();

    void bearerToken_data();
    void bearerToken();
    void bearerLengthLimit();
};

void tst_JwtOrigin::normalises_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("serialized");

    QTest::newRow("https default port")
            << toUrl("https://api.example.com/v1/items?q=1#top") << QStringLiteral("https")
            << QStringLiteral("api.example.com") << 443
            << QStringLiteral("https://api.example.com");
    QTest::newRow("http default port")
            << toUrl("http://api.example.com") << QStringLiteral("http")
            << QStringLiteral("api.example.com") << 80 << QStringLiteral("http://api.example.com");
    QTest::newRow("explicit port") << toUrl("HTTPS://API.Example.COM:8443/")
                                   << QStringLiteral("https") << QStringLiteral("api.example.com")
                                   << 8443 << QStringLiteral("https://api.example.com:8443");
    QTest::newRow("user info dropped")
            << toUrl("https://user:secret@api.example.com") << QStringLiteral("https")
            << QStringLiteral("api.example.com") << 443
            << QStringLiteral("https://api.example.com");
    QTest::newRow("IPv6") << toUrl("http://[0:0:0:0:0:0:0:1]:8080/") << QStringLiteral("http")
                          << QStringLiteral("::1") << 8080 << QStringLiteral("http://[::1]:8080");
    QTest::newRow("IDN as ACE") << toUrl("https://BÜCHER.example") << QStringLiteral("https")
                                << QStringLiteral("xn--bcher-kva.example") << 443
                                << QStringLiteral("https://xn--bcher-kva.example");
    QTest::newRow("trailing dot kept")
            << toUrl("https://api.example.com./") << QStringLiteral("https")
            << QStringLiteral("api.example.com.") << 443
            << QStringLiteral("https://api.example.com.");
    QTest::newRow("IPv4 shorthand")
            << toUrl("http://127.1:3000") << QStringLiteral("http") << QStringLiteral("127.0.0.1")
            << 3000 << QStringLiteral("http://127.0.0.1:3000");
}

void tst_JwtOrigin::normalises()
{
    QFETCH(QUrl, url);
    QFETCH(QString, scheme);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, serialized);

    const JwtOrigin origin = JwtOrigin::fromUrl(url);

    QVERIFY(origin.isValid());
    QCOMPARE(origin.scheme(), scheme);
    QCOMPARE(origin.host(), host);
    QCOMPARE(origin.port(), port);
    QCOMPARE(origin.isSecure(), scheme == QLatin1String("https"));
    QCOMPARE(origin.toString(), serialized);
    // The serialization is itself a URL of the same origin.
    QCOMPARE(JwtOrigin::fromUrl(QUrl(serialized)), origin);
}

void tst_JwtOrigin::compare_data()
{
    QTest::addColumn<QUrl>("a");
    QTest::addColumn<QUrl>("b");
    QTest::addColumn<bool>("same");

    const QUrl api = toUrl("https://api.example.com");

    // Same origin
    QTest::newRow("identical") << api << toUrl("https://api.example.com") << true;
    QTest::newRow("path, query, fragment")
            << api << toUrl("https://api.example.com/a/b?c=d#e") << true;
    QTest::newRow("https :443") << api << toUrl("https://api.example.com:443/") << true;
    QTest::newRow("http :80") << toUrl("http://api.example.com")
                              << toUrl("http://api.example.com:80") << true;
    QTest::newRow("mixed-case scheme") << api << toUrl("HTTPS://api.example.com") << true;
    QTest::newRow("mixed-case host") << api << toUrl("https://API.Example.Com") << true;
    QTest::newRow("user info") << api << toUrl("https://user@api.example.com") << true;
    QTest::newRow("user and password") << api << toUrl("https://u:p@api.example.com:443") << true;
    QTest::newRow("IPv6 loopback")
            << toUrl("https://[::1]") << toUrl("https://[0:0::1]:443") << true;
    QTest::newRow("IPv6 with port")
            << toUrl("http://[::1]:8080") << toUrl("http://[::1]:8080/x") << true;
    QTest::newRow("IDN and punycode")
            << toUrl("https://bücher.example") << toUrl("https://xn--bcher-kva.example") << true;
    QTest::newRow("percent-encoded host") << api << toUrl("https://%61pi.example.com") << true;

    // Different origin
    QTest::newRow("user info is not the host")
            << api << toUrl("https://api.example.com@evil.net") << false;
    QTest::newRow("suffix attack") << api << toUrl("https://api.example.com.evil.net") << false;
    QTest::newRow("prefix attack") << api << toUrl("https://evilapi.example.com") << false;
    QTest::newRow("subdomain") << api << toUrl("https://a.api.example.com") << false;
    QTest::newRow("parent domain") << api << toUrl("https://example.com") << false;
    QTest::newRow("other port") << api << toUrl("https://api.example.com:8443") << false;
    QTest::newRow("http vs https") << api << toUrl("http://api.example.com") << false;
    QTest::newRow("http on 443") << api << toUrl("http://api.example.com:443") << false;
    QTest::newRow("https on 80") << toUrl("http://api.example.com")
                                 << toUrl("https://api.example.com:80") << false;
    QTest::newRow("IPv6 other port")
            << toUrl("http://[::1]") << toUrl("http://[::1]:8080") << false;
    QTest::newRow("IPv4 vs IPv6 loopback")
            << toUrl("http://127.0.0.1") << toUrl("http://[::1]") << false;
    QTest::newRow("trailing dot") << api << toUrl("https://api.example.com.") << false;
    // A host name that starts like an IPvFuture literal is an ordinary host.
    QTest::newRow("v1 host name") << toUrl("https://v1.example.com")
                                  << toUrl("https://V1.Example.com:443/x") << true;
    QTest::newRow("IPvFuture vs host name")
            << toUrl("https://v7.abc") << toUrl("https://[v7.abc]") << false;
    QTest::newRow("IDN lookalike")
            << toUrl("https://bucher.example") << toUrl("https://bücher.example") << false;
    QTest::newRow("invalid vs valid") << api << toUrl("ftp://api.example.com") << false;
}

void tst_JwtOrigin::compare()
{
    QFETCH(QUrl, a);
    QFETCH(QUrl, b);
    QFETCH(bool, same);

    const JwtOrigin first = JwtOrigin::fromUrl(a);
    const JwtOrigin second = JwtOrigin::fromUrl(b);

    QVERIFY(first.isValid());
    QCOMPARE(first == second, same);
    QCOMPARE(second == first, same);
    QCOMPARE(first != second, !same);
    if (same) {
        QCOMPARE(qHash(first), qHash(second));
        QCOMPARE(first.toString(), second.toString());
    } else {
        QVERIFY(first.toString() != second.toString());
    }
}

void tst_JwtOrigin::invalid_data()
{
    QTest::addColumn<QUrl>("url");

    QTest::newRow("empty") << QUrl();
    QTest::newRow("relative path") << toUrl("/api/items");
    QTest::newRow("scheme-relative") << toUrl("//api.example.com/items");
    QTest::newRow("no host") << toUrl("https:///items");
    QTest::newRow("opaque http") << toUrl("http:api.example.com");
    QTest::newRow("ftp") << toUrl("ftp://api.example.com");
    QTest::newRow("file") << toUrl("file:///etc/passwd");
    QTest::newRow("ws") << toUrl("ws://api.example.com");
    QTest::newRow("wss") << toUrl("wss://api.example.com");
    QTest::newRow("data") << toUrl("data:text/plain,hello");
    QTest::newRow("javascript") << toUrl("javascript:alert(1)");
    QTest::newRow("port out of range") << toUrl("https://api.example.com:65536");
    QTest::newRow("port 0") << toUrl("https://api.example.com:0");
    QTest::newRow("space in host") << toUrl("https://api example.com");
    QTest::newRow("NUL in host") << toUrl("https://api%00.example.com");
    // RFC 3986 IPvFuture: QUrl drops the brackets in host(), so it would pass for "v7.abc".
    QTest::newRow("IPvFuture") << toUrl("https://[v7.abc]/");
    QTest::newRow("IPvFuture with port") << toUrl("http://[vF.x:y]:8080/");
    QTest::newRow("IPv6 zone identifier") << toUrl("http://[fe80::1%25eth0]:80/");
}

void tst_JwtOrigin::invalid()
{
    QFETCH(QUrl, url);

    const JwtOrigin origin = JwtOrigin::fromUrl(url);

    QVERIFY(!origin.isValid());
    QVERIFY(!origin.isSecure());
    QVERIFY(!origin.isLoopback());
    QVERIFY(origin.toString().isEmpty());
    QCOMPARE(origin, JwtOrigin());
}

void tst_JwtOrigin::loopback_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<bool>("loopback");

    QTest::newRow("127.0.0.1") << toUrl("http://127.0.0.1:8080") << true;
    QTest::newRow("127.255.255.254") << toUrl("http://127.255.255.254") << true;
    QTest::newRow("127.1 shorthand") << toUrl("http://127.1") << true;
    QTest::newRow("::1") << toUrl("http://[::1]:8080") << true;
    QTest::newRow("IPv4-mapped") << toUrl("http://[::ffff:127.0.0.1]") << true;
    QTest::newRow("localhost") << toUrl("http://localhost:3000") << true;
    QTest::newRow("LOCALHOST") << toUrl("https://LOCALHOST") << true;

    QTest::newRow("sub.localhost") << toUrl("http://app.localhost") << false;
    QTest::newRow("localhost trailing dot") << toUrl("http://localhost.") << false;
    QTest::newRow("localhost suffix attack") << toUrl("http://localhost.evil.net") << false;
    QTest::newRow("localhost prefix") << toUrl("http://mylocalhost") << false;
    QTest::newRow("user info localhost") << toUrl("http://localhost@evil.net") << false;
    QTest::newRow("128.0.0.1") << toUrl("http://128.0.0.1") << false;
    QTest::newRow("0.0.0.0") << toUrl("http://0.0.0.0") << false;
    QTest::newRow("::") << toUrl("http://[::]") << false;
    QTest::newRow("IPv4-mapped public") << toUrl("http://[::ffff:8.8.8.8]") << false;
    QTest::newRow("public name") << toUrl("https://api.example.com") << false;
    QTest::newRow("host named 127.0.0.1.nip.io") << toUrl("http://127.0.0.1.nip.io") << false;
}

void tst_JwtOrigin::loopback()
{
    QFETCH(QUrl, url);
    QFETCH(bool, loopback);

    const JwtOrigin origin = JwtOrigin::fromUrl(url);

    QVERIFY(origin.isValid());
    QCOMPARE(origin.isLoopback(), loopback);
}

void tst_JwtOrigin::hashing()
{
    QSet<JwtOrigin> authorized;
    authorized.insert(JwtOrigin::fromUrl(toUrl("https://api.example.com")));
    authorized.insert(JwtOrigin::fromUrl(toUrl("https://API.example.com:443/other")));
    authorized.insert(JwtOrigin::fromUrl(toUrl("http://localhost:8080")));
    QCOMPARE(authorized.size(), 2);

    QVERIFY(authorized.contains(JwtOrigin::fromUrl(toUrl("https://u@api.example.com/x"))));
    QVERIFY(authorized.contains(JwtOrigin::fromUrl(toUrl("http://LocalHost:8080"))));
    QVERIFY(!authorized.contains(JwtOrigin::fromUrl(toUrl("https://api.example.com.evil.net"))));
    QVERIFY(!authorized.contains(JwtOrigin::fromUrl(toUrl("https://api.example.com@evil.net"))));
    QVERIFY(!authorized.contains(JwtOrigin::fromUrl(toUrl("http://localhost:8081"))));
    QVERIFY(!authorized.contains(JwtOrigin()));

    const JwtOrigin origin = JwtOrigin::fromUrl(toUrl("https://api.example.com"));
    QVERIFY(qHash(origin, 1) != qHash(origin, 2)); // the seed is used
}

void tst_JwtOrigin::bearerToken_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<bool>("valid");

    const QByteArray jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

    QTest::newRow("JWT") << jwt << true;
    QTest::newRow("one character") << QByteArray("a") << true;
    QTest::newRow("all allowed characters") << QByteArray("ABCXYZabcxyz0189-._~+/") << true;
    QTest::newRow("one padding") << QByteArray("YWJjZA=") << true;
    QTest::newRow("two padding") << QByteArray(jwt + "==") << true;
    QTest::newRow("long padding") << QByteArray("a=====") << true;

    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("only padding") << QByteArray("==") << false;
    QTest::newRow("padding first") << QByteArray("=abc") << false;
    QTest::newRow("padding in the middle") << QByteArray("ab=cd") << false;
    QTest::newRow("CR") << QByteArray(jwt + '\r') << false;
    QTest::newRow("LF") << QByteArray(jwt + '\n') << false;
    QTest::newRow("header injection") << QByteArray("abc\r\nX-Injected: yes") << false;
    QTest::newRow("space") << QByteArray("abc def") << false;
    QTest::newRow("leading space") << QByteArray(' ' + jwt) << false;
    QTest::newRow("Bearer prefix") << QByteArray("Bearer " + jwt) << false;
    QTest::newRow("tab") << QByteArray("abc\tdef") << false;
    QTest::newRow("NUL") << QByteArray("abc\0def", 7) << false;
    QTest::newRow("DEL") << QByteArray("abc\x7f") << false;
    QTest::newRow("other control") << QByteArray("abc\x1b[0m") << false;
    QTest::newRow("non-ASCII") << QByteArray("abc\xc3\xa9") << false;
    QTest::newRow("high byte") << QByteArray("abc\xff") << false;
    QTest::newRow("comma") << QByteArray("abc,def") << false;
    QTest::newRow("quote") << QByteArray("\"abc\"") << false;
    QTest::newRow("colon") << QByteArray("abc:def") << false;
    QTest::newRow("semicolon") << QByteArray("abc;def") << false;
    QTest::newRow("16 KiB + 1") << QByteArray(JwtBearer::MaximumTokenSize + 1, 'a') << false;
}

void tst_JwtOrigin::bearerToken()
{
    QFETCH(QByteArray, token);
    QFETCH(bool, valid);

    QCOMPARE(JwtBearer::isValidToken(token), valid);
    const QByteArray header = JwtBearer::headerValue(token);
    if (valid) {
        QCOMPARE(header, "Bearer " + token);
    } else {
        QVERIFY(header.isEmpty());
        QVERIFY(header.isNull());
    }
}

void tst_JwtOrigin::bearerLengthLimit()
{
    const QByteArray largest(JwtBearer::MaximumTokenSize, 'a');
    QCOMPARE(JwtBearer::MaximumTokenSize, qsizetype(16 * 1024));
    QVERIFY(JwtBearer::isValidToken(largest));
    QVERIFY(JwtBearer::isValidToken(largest.left(largest.size() - 2) + "=="));
    QVERIFY(!JwtBearer::isValidToken(largest + '='));
    QVERIFY(!JwtBearer::isValidToken(largest + 'a'));
}

QTEST_GUILESS_MAIN(tst_JwtOrigin)
#include "tst_jwtorigin.moc"
