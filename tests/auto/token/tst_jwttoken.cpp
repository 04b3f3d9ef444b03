// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwttoken.h>

#include <QtCore/qdebug.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtTest/qtest.h>

Q_DECLARE_METATYPE(JwtToken::Error)

// Lets QCOMPARE print the error by name on failure (found by ADL).
char *toString(JwtToken::Error error)
{
    static const char *const names[] = {"NoError",        "Empty",         "TooLarge",
                                        "WrongPartCount", "InvalidBase64", "InvalidJson",
                                        "InvalidClaim"};
    return qstrdup(names[int(error)]);
}

namespace {

QByteArray b64url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

const QByteArray defaultHeader = QByteArrayLiteral(R"({"alg":"RS256","typ":"JWT"})");
// Recognisable bytes, so a test can tell whether any of them leaked.
const QByteArray defaultSignature = b64url(QByteArrayLiteral("SIGNATURE-must-never-be-printed-42"));

QByteArray makeToken(const QByteArray &payloadJson, const QByteArray &headerJson = defaultHeader,
                     const QByteArray &signature = defaultSignature)
{
    return b64url(headerJson) + '.' + b64url(payloadJson) + '.' + signature;
}

QByteArray claimsJson(const char *name, const QByteArray &jsonValue)
{
    return QByteArrayLiteral(R"({"sub":"alice",")") + name + QByteArrayLiteral("\":") + jsonValue
            + '}';
}

QDateTime utc(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

QString debugString(const JwtToken &token)
{
    QString text;
    QDebug(&text).nospace() << token; // no trailing separator to compare against
    return text;
}

// A valid token of exactly \a size bytes: the signature part fills up what is left.
QByteArray tokenOfSize(qsizetype size)
{
    for (int extra = 0;; ++extra) {
        const QByteArray payload = claimsJson("pad", '"' + QByteArray(extra, 'x') + '"');
        const QByteArray prefix = b64url(defaultHeader) + '.' + b64url(payload) + '.';
        const qsizetype signatureSize = size - prefix.size();
        if (signatureSize % 4 != 1) // a length no base64 encoder produces
            return prefix + QByteArray(signatureSize, 'A');
    }
}

} // namespace

class tst_JwtToken : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesClaims();
    void dates_data();
    void dates();
    void acceptsPaddingAndUnsignedTokens_data();
    void acceptsPaddingAndUnsignedTokens();
    void maximumSize();
    void defaultConstructed();
    void copyAndEquality();
    void moveAndSwap();
    void debugOutput();
    void malformed_data();
    void malformed();
};

void tst_JwtToken::decodesClaims()
{
    const JwtToken token = JwtToken::decode(makeToken(
            R"({"sub":"alice","iss":"https://auth.example","exp":1700000000,"iat":1699996400,)"
            R"("nbf":1699996300,"scope":"read write","roles":["admin"]})"));

    QVERIFY(token.isValid());
    QCOMPARE(token.error(), JwtToken::Error::NoError);
    QVERIFY(token.errorString().isEmpty());
    QCOMPARE(token.algorithm(), QStringLiteral("RS256"));
    QCOMPARE(token.header().value(QLatin1String("typ")).toString(), QStringLiteral("JWT"));
    QCOMPARE(token.subject(), QStringLiteral("alice"));
    QCOMPARE(token.issuer(), QStringLiteral("https://auth.example"));
    QCOMPARE(token.claims().value(QLatin1String("scope")).toString(), QStringLiteral("read write"));
    QCOMPARE(token.claims().value(QLatin1String("roles")).toArray().size(), 1);
    QVERIFY(token.hasExpiry());
    QCOMPARE(token.expiresAt(), utc(1700000000));
    QCOMPARE(token.issuedAt(), utc(1699996400));
    QCOMPARE(token.notBefore(), utc(1699996300));
}

void tst_JwtToken::dates_data()
{
    QTest::addColumn<QByteArray>("expJson");
    QTest::addColumn<QDateTime>("expected");

    QTest::newRow("integer") << QByteArray("1700000000") << utc(1700000000);
    QTest::newRow("fraction truncated") << QByteArray("1700000000.9") << utc(1700000000);
    QTest::newRow("exponent notation") << QByteArray("1.7e9") << utc(1700000000);
    QTest::newRow("epoch") << QByteArray("0") << utc(0);
    QTest::newRow("last second of 9999") << QByteArray("253402300799") << utc(253402300799);
}

void tst_JwtToken::dates()
{
    QFETCH(QByteArray, expJson);
    QFETCH(QDateTime, expected);

    const JwtToken token = JwtToken::decode(makeToken(claimsJson("exp", expJson)));

    QVERIFY2(token.isValid(), qPrintable(token.errorString()));
    QVERIFY(token.hasExpiry());
    QCOMPARE(token.expiresAt(), expected);
    QCOMPARE(token.expiresAt().timeSpec(), Qt::UTC);
    QCOMPARE(token.expiresAt().time().msec(), 0);
    // Absent dates stay null, they are not "the epoch".
    QVERIFY(token.issuedAt().isNull());
    QVERIFY(token.notBefore().isNull());
}

void tst_JwtToken::acceptsPaddingAndUnsignedTokens_data()
{
    QTest::addColumn<QByteArray>("compact");
    QTest::addColumn<QString>("algorithm");
    QTest::addColumn<bool>("hasExpiry");

    // {"alg":"HS256"} and {"sub":"a"} need '=' padding in standard base64.
    const QByteArray padded =
            QByteArray(R"({"alg":"HS256"})").toBase64(QByteArray::Base64UrlEncoding) + '.'
            + QByteArray(R"({"sub":"a"})").toBase64(QByteArray::Base64UrlEncoding) + '.'
            + QByteArray("sig").toBase64(QByteArray::Base64UrlEncoding);
    QVERIFY(padded.contains('='));
    QTest::newRow("padded parts") << padded << QStringLiteral("HS256") << false;
    QTest::newRow("alg none, empty signature")
            << makeToken(R"({"sub":"a","exp":1})", R"({"alg":"none"})", QByteArray())
            << QStringLiteral("none") << true;
    QTest::newRow("JSON whitespace and escaped control characters")
            << makeToken("{\r\n\t\"sub\" : \"a\\u0000\\u001bb\"\n}") << QStringLiteral("RS256")
            << false;
    QTest::newRow("empty claims set") << makeToken("{}") << QStringLiteral("RS256") << false;
    QTest::newRow("url alphabet - and _")
            << makeToken(R"({"sub":"a"})", R"({"alg":"HS256","kid":"??>>"})", "-_-_")
            << QStringLiteral("HS256") << false;
}

void tst_JwtToken::acceptsPaddingAndUnsignedTokens()
{
    QFETCH(QByteArray, compact);
    QFETCH(QString, algorithm);
    QFETCH(bool, hasExpiry);

    const JwtToken token = JwtToken::decode(compact);

    QVERIFY2(token.isValid(), qPrintable(token.errorString()));
    QCOMPARE(token.algorithm(), algorithm);
    QCOMPARE(token.hasExpiry(), hasExpiry);
}

void tst_JwtToken::maximumSize()
{
    const QByteArray largest = tokenOfSize(JwtToken::MaximumSize);
    QCOMPARE(largest.size(), JwtToken::MaximumSize);
    QVERIFY(JwtToken::decode(largest).isValid());

    const QByteArray tooLarge = tokenOfSize(JwtToken::MaximumSize + 1);
    QCOMPARE(tooLarge.size(), JwtToken::MaximumSize + 1);
    QCOMPARE(JwtToken::decode(tooLarge).error(), JwtToken::Error::TooLarge);
}

void tst_JwtToken::defaultConstructed()
{
    const JwtToken token;

    QVERIFY(!token.isValid());
    QCOMPARE(token.error(), JwtToken::Error::Empty);
    QVERIFY(!token.errorString().isEmpty());
    QVERIFY(token.header().isEmpty());
    QVERIFY(token.claims().isEmpty());
    QVERIFY(token.subject().isEmpty());
    QVERIFY(!token.hasExpiry());
    QVERIFY(token.expiresAt().isNull());
    QCOMPARE(token, JwtToken::decode(QByteArray()));
}

void tst_JwtToken::copyAndEquality()
{
    const JwtToken alice = JwtToken::decode(makeToken(R"({"sub":"alice","exp":1700000000})"));
    QVERIFY(alice.isValid());

    const JwtToken copy(alice);
    QCOMPARE(copy, alice);
    QCOMPARE(copy.subject(), QStringLiteral("alice"));

    JwtToken assigned;
    QVERIFY(assigned != alice);
    assigned = alice;
    QCOMPARE(assigned, alice);
    QCOMPARE(assigned.expiresAt(), alice.expiresAt());

    // Same header and claims: equal, because the signature is never verified anyway.
    const JwtToken resigned = JwtToken::decode(
            makeToken(R"({"sub":"alice","exp":1700000000})", defaultHeader, "b3RoZXI"));
    QCOMPARE(resigned, alice);

    const JwtToken bob = JwtToken::decode(makeToken(R"({"sub":"bob","exp":1700000000})"));
    QVERIFY(bob != alice);
    const JwtToken otherHeader = JwtToken::decode(
            makeToken(R"({"sub":"alice","exp":1700000000})", R"({"alg":"HS256"})"));
    QVERIFY(otherHeader != alice);

    // Invalid tokens are equal only when they failed for the same reason.
    QCOMPARE(JwtToken::decode("a.b"), JwtToken::decode("a.b.c.d"));
    QVERIFY(JwtToken::decode("a.b") != JwtToken::decode("!.b.c"));
    QVERIFY(JwtToken::decode("a.b") != alice);
}

void tst_JwtToken::moveAndSwap()
{
    JwtToken alice = JwtToken::decode(makeToken(R"({"sub":"alice"})"));
    JwtToken bob = JwtToken::decode(makeToken(R"({"sub":"bob"})"));

    alice.swap(bob);
    QCOMPARE(alice.subject(), QStringLiteral("bob"));
    QCOMPARE(bob.subject(), QStringLiteral("alice"));

    JwtToken moved(std::move(alice));
    QCOMPARE(moved.subject(), QStringLiteral("bob"));
    // A moved-from token is usable and is the same as a default-constructed one.
    QCOMPARE(alice.error(), JwtToken::Error::Empty); // NOLINT(bugprone-use-after-move)
    QVERIFY(alice.subject().isEmpty());

    moved = std::move(bob);
    QCOMPARE(moved.subject(), QStringLiteral("alice"));
}

void tst_JwtToken::debugOutput()
{
    const QByteArray payload = R"({"sub":"alice","exp":1700000000,"secret":"PAYLOAD-SECRET"})";
    const QByteArray compact = makeToken(payload);
    const QList<QByteArray> parts = compact.split('.');
    const JwtToken token = JwtToken::decode(compact);
    QVERIFY(token.isValid());

    const QString text = debugString(token);
    QCOMPARE(text, QStringLiteral(R"(JwtToken(sub="alice", exp=2023-11-14T22:13:20Z))"));
    for (const QByteArray &part : parts)
        QVERIFY(!text.contains(QString::fromLatin1(part)));
    QVERIFY(!text.contains(QStringLiteral("SIGNATURE")));
    QVERIFY(!text.contains(QStringLiteral("PAYLOAD-SECRET")));

    const JwtToken noExpiry = JwtToken::decode(makeToken(R"({"sub":"bob"})"));
    QCOMPARE(debugString(noExpiry), QStringLiteral(R"(JwtToken(sub="bob", exp=none))"));

    const QByteArray broken = compact + ".extra";
    const QString invalidText = debugString(JwtToken::decode(broken));
    QCOMPARE(invalidText, QStringLiteral("JwtToken(invalid: WrongPartCount)"));
}

void tst_JwtToken::malformed_data()
{
    QTest::addColumn<QByteArray>("compact");
    QTest::addColumn<JwtToken::Error>("expected");

    using E = JwtToken::Error;
    const QByteArray h = b64url(defaultHeader);
    const QByteArray p = b64url(R"({"sub":"alice","exp":1700000000})");
    const QByteArray s = defaultSignature;
    const QByteArray valid = h + '.' + p + '.' + s;
    QVERIFY(JwtToken::decode(valid).isValid()); // the rows below break exactly one thing

    auto replaced = [](QByteArray part, qsizetype at, char c) {
        part[at] = c;
        return part;
    };
    auto withClaim = [](const char *name, const QByteArray &json) {
        return makeToken(claimsJson(name, json));
    };
    auto withHeader = [&](const QByteArray &headerJson) {
        return b64url(headerJson) + '.' + p + '.' + s;
    };
    auto withPayload = [&](const QByteArray &payloadJson) {
        return h + '.' + b64url(payloadJson) + '.' + s;
    };

    // Shape
    QTest::newRow("empty") << QByteArray() << E::Empty;
    QTest::newRow("one part") << h << E::WrongPartCount;
    QTest::newRow("two parts") << QByteArray(h + '.' + p) << E::WrongPartCount;
    QTest::newRow("four parts") << QByteArray(valid + '.' + s) << E::WrongPartCount;
    QTest::newRow("JWE-like five parts") << QByteArray(valid + ".." + s) << E::WrongPartCount;
    QTest::newRow("four dots") << QByteArray("....") << E::WrongPartCount;
    QTest::newRow("only two dots") << QByteArray("..") << E::InvalidJson;
    QTest::newRow("empty header") << QByteArray('.' + p + '.' + s) << E::InvalidJson;
    QTest::newRow("empty payload") << QByteArray(h + ".." + s) << E::InvalidJson;
    QTest::newRow("1 MiB") << QByteArray(1024 * 1024, 'A') << E::TooLarge;
    QTest::newRow("1 MiB of dots") << QByteArray(1024 * 1024, '.') << E::TooLarge;

    // Base64url
    QTest::newRow("illegal character")
            << QByteArray(replaced(h, 3, '*') + '.' + p + '.' + s) << E::InvalidBase64;
    QTest::newRow("standard alphabet +")
            << QByteArray(replaced(h, 3, '+') + '.' + p + '.' + s) << E::InvalidBase64;
    QTest::newRow("standard alphabet /")
            << QByteArray(h + '.' + replaced(p, 5, '/') + '.' + s) << E::InvalidBase64;
    QTest::newRow("padding in the middle")
            << QByteArray(replaced(h, 4, '=') + '.' + p + '.' + s) << E::InvalidBase64;
    QTest::newRow("too much padding") << QByteArray(h + "===." + p + '.' + s) << E::InvalidBase64;
    QTest::newRow("impossible length") << QByteArray(h + '.' + p + ".AAAAA") << E::InvalidBase64;
    QTest::newRow("bad signature") << QByteArray(h + '.' + p + ".c2ln*") << E::InvalidBase64;
    QTest::newRow("NUL byte") << QByteArray(h + '.' + p + '\0' + '.' + s) << E::InvalidBase64;
    QTest::newRow("leading space") << QByteArray(' ' + valid) << E::InvalidBase64;
    QTest::newRow("trailing newline") << QByteArray(valid + '\n') << E::InvalidBase64;
    QTest::newRow("CRLF inside") << QByteArray(h + "\r\n." + p + '.' + s) << E::InvalidBase64;
    QTest::newRow("Bearer prefix") << QByteArray("Bearer " + valid) << E::InvalidBase64;
    QTest::newRow("UTF-8 garbage")
            << QByteArray("\xff\xfe\xfd.\xc3\x28.\xe2\x82") << E::InvalidBase64;
    QTest::newRow("non-ASCII letters")
            << QByteArray("\xc3\xa9\xc3\xa9.\xc3\xa9.") << E::InvalidBase64;

    // JSON
    QTest::newRow("header not JSON") << withHeader("not json") << E::InvalidJson;
    QTest::newRow("header JSON array") << withHeader(R"(["alg","RS256"])") << E::InvalidJson;
    QTest::newRow("payload a string") << withPayload(R"("alice")") << E::InvalidJson;
    QTest::newRow("payload a number") << withPayload("1700000000") << E::InvalidJson;
    QTest::newRow("payload null") << withPayload("null") << E::InvalidJson;
    QTest::newRow("payload truncated") << withPayload(R"({"sub":)") << E::InvalidJson;
    QTest::newRow("payload trailing garbage") << withPayload(R"({"sub":"a"} x)") << E::InvalidJson;
    QTest::newRow("payload invalid UTF-8")
            << withPayload("{\"sub\":\"\xff\xfe\"}") << E::InvalidJson;
    QTest::newRow("payload NUL in JSON")
            << withPayload(QByteArray("{\"sub\":\"a\0b\"}", 13)) << E::InvalidJson;
    QTest::newRow("payload escape character")
            << withPayload("{\"sub\":\"a\x1b[2Jb\"}") << E::InvalidJson;
    QTest::newRow("deeply nested payload")
            << withPayload("{\"a\":" + QByteArray(5000, '[') + QByteArray(5000, ']') + '}')
            << E::InvalidJson;
    // Qt's JSON parser itself refuses numbers that overflow a double.
    QTest::newRow("exp 1e400") << withClaim("exp", "1e400") << E::InvalidJson;

    // Claims
    QTest::newRow("alg missing") << withHeader(R"({"typ":"JWT"})") << E::InvalidClaim;
    QTest::newRow("alg number") << withHeader(R"({"alg":256})") << E::InvalidClaim;
    QTest::newRow("alg null") << withHeader(R"({"alg":null})") << E::InvalidClaim;
    QTest::newRow("exp string") << withClaim("exp", R"("1700000000")") << E::InvalidClaim;
    QTest::newRow("exp object") << withClaim("exp", R"({"seconds":1})") << E::InvalidClaim;
    QTest::newRow("exp array") << withClaim("exp", "[1700000000]") << E::InvalidClaim;
    QTest::newRow("exp null") << withClaim("exp", "null") << E::InvalidClaim;
    QTest::newRow("exp boolean") << withClaim("exp", "true") << E::InvalidClaim;
    QTest::newRow("exp negative") << withClaim("exp", "-1") << E::InvalidClaim;
    QTest::newRow("exp after year 9999") << withClaim("exp", "253402300800") << E::InvalidClaim;
    QTest::newRow("exp 1e300") << withClaim("exp", "1e300") << E::InvalidClaim;
    QTest::newRow("iat string") << withClaim("iat", R"("yesterday")") << E::InvalidClaim;
    QTest::newRow("nbf string") << withClaim("nbf", R"("now")") << E::InvalidClaim;
    QTest::newRow("nbf negative") << withClaim("nbf", "-5.5") << E::InvalidClaim;
    QTest::newRow("sub number") << withPayload(R"({"sub":42})") << E::InvalidClaim;
    QTest::newRow("sub object") << withPayload(R"({"sub":{"id":"alice"}})") << E::InvalidClaim;
    QTest::newRow("iss array") << withPayload(R"({"iss":["a","b"]})") << E::InvalidClaim;
}

void tst_JwtToken::malformed()
{
    QFETCH(QByteArray, compact);
    QFETCH(JwtToken::Error, expected);

    const JwtToken token = JwtToken::decode(compact);

    QVERIFY(!token.isValid());
    QCOMPARE(token.error(), expected);
    // Nothing half-decoded survives a failure.
    QVERIFY(token.header().isEmpty());
    QVERIFY(token.claims().isEmpty());
    QVERIFY(token.expiresAt().isNull());
    QVERIFY(token.subject().isEmpty());

    const QString message = token.errorString();
    const QString debug = debugString(token);
    QVERIFY(!message.isEmpty());
    QVERIFY(debug.startsWith(QLatin1String("JwtToken(invalid: ")));
    // No piece of the input (parts shorter than 4 bytes would match ordinary words) may appear.
    for (const QByteArray &part : compact.split('.')) {
        if (part.size() < 4)
            continue;
        QVERIFY2(!message.toUtf8().contains(part), qPrintable(message));
        QVERIFY2(!debug.toUtf8().contains(part), qPrintable(debug));
    }
}

QTEST_GUILESS_MAIN(tst_JwtToken)
#include "tst_jwttoken.moc"
