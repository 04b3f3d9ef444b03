// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtrefreshresponse_p.h"

#include <QtTest/qtest.h>

using Result = JwtRefreshJob::Result;

namespace {

// Every credential and every piece of server text in the rows contains "SECRET": no message may.
const QByteArray AccessToken = QByteArrayLiteral("SECRETaccess-token.abc_DEF~123+/==");
const QByteArray RefreshToken = QByteArrayLiteral("SECRETrefresh-token.xyz");

QByteArray tokenBody(const QByteArray &accessToken = "\"" + AccessToken + "\"",
                     const QByteArray &tokenType = "\"Bearer\"",
                     const QByteArray &expiresIn = "3600",
                     const QByteArray &refreshToken = "\"" + RefreshToken + "\"")
{
    QByteArrayList members;
    if (!accessToken.isNull())
        members << "\"access_token\":" + accessToken;
    if (!tokenType.isNull())
        members << "\"token_type\":" + tokenType;
    if (!expiresIn.isNull())
        members << "\"expires_in\":" + expiresIn;
    if (!refreshToken.isNull())
        members << "\"refresh_token\":" + refreshToken;
    return '{' + members.join(',') + '}';
}

QByteArray withExpiresIn(const QByteArray &expiresIn)
{
    return tokenBody("\"" + AccessToken + "\"", "\"Bearer\"", expiresIn);
}

QByteArray withAccessToken(const QByteArray &accessToken)
{
    return tokenBody(accessToken);
}

QByteArray withTokenType(const QByteArray &tokenType)
{
    return tokenBody("\"" + AccessToken + "\"", tokenType);
}

QByteArray withRefreshToken(const QByteArray &refreshToken)
{
    return tokenBody("\"" + AccessToken + "\"", "\"Bearer\"", "3600", refreshToken);
}

QByteArray oauthError(const QByteArray &code)
{
    return "{\"error\":\"" + code + "\",\"error_description\":\"SECRET description\"}";
}

const QByteArray HtmlPage = QByteArrayLiteral(
        "<html><body><h1>SECRET Forbidden</h1><p>SECRET proxy text</p></body></html>");

// One row: the input, the options and what the parser must make of it.
struct Row
{
    QString endpoint = QStringLiteral("oauth2");
    JwtRefreshResponse::Input input;
    QStringList options; // rejecting errors (oauth2) or {token field, lifetime field} (cookie)
    Result result = Result::Succeeded;
    QByteArray accessToken;
    qint64 expiresIn = -1;
    QByteArray refreshToken;
    int retryAfter = 0;
    QString errorCode;
    QString userName;
    QString messageContains;
    bool warns = false; // an unusable expires_in is reported with a warning

    static Row oauth2(int status, const QByteArray &body)
    {
        Row row;
        row.input.httpStatus = status;
        row.input.contentType = "application/json";
        row.input.body = body;
        return row;
    }
    static Row cookie(int status, const QByteArray &body)
    {
        Row row = oauth2(status, body);
        row.endpoint = QStringLiteral("cookie");
        return row;
    }
    Row &succeeds(const QByteArray &token, qint64 lifetime, const QByteArray &refresh = {})
    {
        result = Result::Succeeded;
        accessToken = token;
        expiresIn = lifetime;
        refreshToken = refresh;
        return *this;
    }
    Row &fails(Result kind, int retry = 0)
    {
        result = kind;
        retryAfter = retry;
        return *this;
    }
    Row &code(const QString &error)
    {
        errorCode = error;
        return *this;
    }
    Row &mentions(const QString &text)
    {
        messageContains = text;
        return *this;
    }
    Row &header(const QByteArray &retry, const QByteArray &date = {})
    {
        input.retryAfter = retry;
        input.date = date;
        return *this;
    }
    Row &transport(QNetworkReply::NetworkError error)
    {
        input.networkError = error;
        return *this;
    }
    Row &with(const QStringList &list)
    {
        options = list;
        return *this;
    }
    Row &warnsAboutLifetime()
    {
        warns = true;
        return *this;
    }
    Row &user(const QString &name)
    {
        userName = name;
        return *this;
    }
};

void addRow(const char *name, const Row &row)
{
    QTest::newRow(name) << row.endpoint << row.input.httpStatus << int(row.input.networkError)
                        << row.input.contentType << row.input.retryAfter << row.input.date
                        << row.input.body << row.input.bodyTooLarge << row.options << row.result
                        << row.accessToken << row.expiresIn << row.refreshToken << row.retryAfter
                        << row.errorCode << row.userName << row.messageContains << row.warns;
}

} // namespace

class tst_RefreshResponse : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void retryAfterAgainstNow();
    void httpDate_data();
    void httpDate();
};

void tst_RefreshResponse::parse_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("networkError");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("retryAfterHeader");
    QTest::addColumn<QByteArray>("dateHeader");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("bodyTooLarge");
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<Result>("result");
    QTest::addColumn<QByteArray>("accessToken");
    QTest::addColumn<qint64>("expiresIn");
    QTest::addColumn<QByteArray>("refreshToken");
    QTest::addColumn<int>("retryAfter");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("userName");
    QTest::addColumn<QString>("messageContains");
    QTest::addColumn<bool>("warns");

    // --- OAuth 2 success (RFC 6749 §5.1) ---
    addRow("oauth2: complete answer",
           Row::oauth2(200, tokenBody()).succeeds(AccessToken, 3600, RefreshToken));
    addRow("oauth2: no rotation",
           Row::oauth2(200, withRefreshToken({})).succeeds(AccessToken, 3600));
    addRow("oauth2: 201 is read like 200",
           Row::oauth2(201, tokenBody()).succeeds(AccessToken, 3600, RefreshToken));
    {
        // Accepted: many servers send JSON as text/plain or text/html; the body decides.
        Row row = Row::oauth2(200, tokenBody()).succeeds(AccessToken, 3600, RefreshToken);
        row.input.contentType = "text/html; charset=iso-8859-1";
        addRow("oauth2: wrong content type, valid JSON", row);
    }
    addRow("oauth2: token_type bearer",
           Row::oauth2(200, withTokenType("\"bearer\"")).succeeds(AccessToken, 3600, RefreshToken));
    addRow("oauth2: token_type BEARER",
           Row::oauth2(200, withTokenType("\"BEARER\"")).succeeds(AccessToken, 3600, RefreshToken));
    addRow("oauth2: refresh_token null",
           Row::oauth2(200, withRefreshToken("null")).succeeds(AccessToken, 3600));
    addRow("oauth2: refresh_token empty",
           Row::oauth2(200, withRefreshToken("\"\"")).succeeds(AccessToken, 3600));
    // QJsonDocument keeps the last of duplicate keys, and so does the parser.
    addRow("oauth2: duplicate access_token, last wins",
           Row::oauth2(200,
                       "{\"access_token\":\"SECRETfirst\",\"token_type\":\"Bearer\","
                       "\"access_token\":\"SECRETsecond\"}")
                   .succeeds("SECRETsecond", -1));

    // --- expires_in: never a failure, -1 when unusable ---
    addRow("expires_in negative",
           Row::oauth2(200, withExpiresIn("-5"))
                   .succeeds(AccessToken, -1, RefreshToken)
                   .warnsAboutLifetime());
    addRow("expires_in zero",
           Row::oauth2(200, withExpiresIn("0"))
                   .succeeds(AccessToken, -1, RefreshToken)
                   .warnsAboutLifetime());
    addRow("expires_in over ten years",
           Row::oauth2(200, withExpiresIn("400000000"))
                   .succeeds(AccessToken, -1, RefreshToken)
                   .warnsAboutLifetime());
    addRow("expires_in 1e300",
           Row::oauth2(200, withExpiresIn("1e300"))
                   .succeeds(AccessToken, -1, RefreshToken)
                   .warnsAboutLifetime());
    addRow("expires_in string 3600",
           Row::oauth2(200, withExpiresIn("\"3600\"")).succeeds(AccessToken, 3600, RefreshToken));
    addRow("expires_in string garbage",
           Row::oauth2(200, withExpiresIn("\"SECRET\""))
                   .succeeds(AccessToken, -1, RefreshToken)
                   .warnsAboutLifetime());
    addRow("expires_in string with space",
           Row::oauth2(200, withExpiresIn("\" 3600\""))
                   .succeeds(AccessToken, -1, RefreshToken)
                   .warnsAboutLifetime());
    addRow("expires_in fractional",
           Row::oauth2(200, withExpiresIn("3600.5"))
                   .succeeds(AccessToken, -1, RefreshToken)
                   .warnsAboutLifetime());
    addRow("expires_in 3600.0",
           Row::oauth2(200, withExpiresIn("3600.0")).succeeds(AccessToken, 3600, RefreshToken));
    addRow("expires_in null",
           Row::oauth2(200, withExpiresIn("null")).succeeds(AccessToken, -1, RefreshToken));
    addRow("expires_in true",
           Row::oauth2(200, withExpiresIn("true"))
                   .succeeds(AccessToken, -1, RefreshToken)
                   .warnsAboutLifetime());
    addRow("expires_in missing",
           Row::oauth2(200, withExpiresIn({})).succeeds(AccessToken, -1, RefreshToken));

    // --- Malformed 2xx ---
    addRow("200 empty body", Row::oauth2(200, {}).fails(Result::Malformed));
    addRow("204 no content", Row::oauth2(204, {}).fails(Result::Malformed));
    {
        QByteArray huge = tokenBody();
        huge.insert(1, "\"padding\":\"" + QByteArray(70 * 1024, 'x') + "\",");
        addRow("200 body over 64 KiB",
               Row::oauth2(200, huge).fails(Result::Malformed).mentions(QStringLiteral("large")));
        Row row = Row::oauth2(200, {}).fails(Result::Malformed);
        row.input.bodyTooLarge = true;
        addRow("200 body cut by the reader", row);
    }
    addRow("200 HTML page", Row::oauth2(200, HtmlPage).fails(Result::Malformed));
    addRow("200 invalid UTF-8",
           Row::oauth2(200, "{\"access_token\":\"SECRET\xff\xfe\",\"token_type\":\"Bearer\"}")
                   .fails(Result::Malformed));
    addRow("200 JSON array", Row::oauth2(200, "[" + tokenBody() + "]").fails(Result::Malformed));
    addRow("200 JSON null", Row::oauth2(200, "null").fails(Result::Malformed));
    addRow("200 nested object",
           Row::oauth2(200, "{\"data\":" + tokenBody() + "}").fails(Result::Malformed));
    addRow("token_type MAC", Row::oauth2(200, withTokenType("\"MAC\"")).fails(Result::Malformed));
    addRow("token_type missing", Row::oauth2(200, withTokenType({})).fails(Result::Malformed));
    addRow("token_type number", Row::oauth2(200, withTokenType("1")).fails(Result::Malformed));
    addRow("access_token empty",
           Row::oauth2(200, withAccessToken("\"\"")).fails(Result::Malformed));
    addRow("access_token number", Row::oauth2(200, withAccessToken("42")).fails(Result::Malformed));
    addRow("access_token null", Row::oauth2(200, withAccessToken("null")).fails(Result::Malformed));
    addRow("access_token missing", Row::oauth2(200, withAccessToken({})).fails(Result::Malformed));
    addRow("access_token object",
           Row::oauth2(200, withAccessToken("{\"a\":\"SECRET\"}")).fails(Result::Malformed));
    addRow("access_token with CR-LF",
           Row::oauth2(200, withAccessToken("\"SECRET\\r\\nX-Injected: 1\""))
                   .fails(Result::Malformed));
    addRow("access_token with space",
           Row::oauth2(200, withAccessToken("\"SECRET token\"")).fails(Result::Malformed));
    addRow("access_token with control character",
           Row::oauth2(200, withAccessToken("\"SECRET\\u0001x\"")).fails(Result::Malformed));
    addRow("access_token non-ASCII",
           Row::oauth2(200, withAccessToken("\"SECRET\xc3\xa9t\xc3\xa9\""))
                   .fails(Result::Malformed));
    addRow("access_token padding inside",
           Row::oauth2(200, withAccessToken("\"SECRET=abc\"")).fails(Result::Malformed));
    addRow("duplicate access_token, last invalid",
           Row::oauth2(200,
                       "{\"access_token\":\"SECRETgood\",\"token_type\":\"Bearer\","
                       "\"access_token\":\"SECRET bad\"}")
                   .fails(Result::Malformed));
    addRow("refresh_token with CR-LF",
           Row::oauth2(200, withRefreshToken("\"SECRET\\r\\nSet-Cookie: x=1\""))
                   .fails(Result::Malformed));
    addRow("refresh_token with space",
           Row::oauth2(200, withRefreshToken("\"SECRET rt\"")).fails(Result::Malformed));
    addRow("refresh_token number",
           Row::oauth2(200, withRefreshToken("7")).fails(Result::Malformed));
    addRow("refresh_token non-ASCII",
           Row::oauth2(200, withRefreshToken("\"SECRET\xc3\xa9\"")).fails(Result::Malformed));

    // --- OAuth 2 errors (RFC 6749 §5.2): only the configured codes reject ---
    addRow("400 invalid_grant",
           Row::oauth2(400, oauthError("invalid_grant"))
                   .fails(Result::Rejected)
                   .code(QStringLiteral("invalid_grant"))
                   .mentions(QStringLiteral("invalid_grant")));
    addRow("400 invalid_client",
           Row::oauth2(400, oauthError("invalid_client"))
                   .fails(Result::Rejected)
                   .code(QStringLiteral("invalid_client")));
    addRow("400 unauthorized_client",
           Row::oauth2(400, oauthError("unauthorized_client"))
                   .fails(Result::Rejected)
                   .code(QStringLiteral("unauthorized_client")));
    addRow("401 invalid_client",
           Row::oauth2(401, oauthError("invalid_client"))
                   .fails(Result::Rejected)
                   .code(QStringLiteral("invalid_client"))
                   .mentions(QStringLiteral("401")));
    addRow("401 invalid_grant ignores Retry-After",
           Row::oauth2(401, oauthError("invalid_grant"))
                   .header("5")
                   .fails(Result::Rejected)
                   .code(QStringLiteral("invalid_grant")));
    addRow("400 invalid_request",
           Row::oauth2(400, oauthError("invalid_request"))
                   .fails(Result::Transient)
                   .code(QStringLiteral("invalid_request"))
                   .mentions(QStringLiteral("invalid_request")));
    addRow("400 invalid_scope",
           Row::oauth2(400, oauthError("invalid_scope"))
                   .fails(Result::Transient)
                   .code(QStringLiteral("invalid_scope")));
    addRow("400 unsupported_grant_type",
           Row::oauth2(400, oauthError("unsupported_grant_type"))
                   .fails(Result::Transient)
                   .code(QStringLiteral("unsupported_grant_type")));
    addRow("403 invalid_grant is not §5.2",
           Row::oauth2(403, oauthError("invalid_grant"))
                   .fails(Result::Transient)
                   .code(QStringLiteral("invalid_grant")));
    addRow("500 invalid_grant",
           Row::oauth2(500, oauthError("invalid_grant"))
                   .fails(Result::Transient)
                   .code(QStringLiteral("invalid_grant"))
                   .mentions(QStringLiteral("500")));
    addRow("400 HTML page",
           Row::oauth2(400, HtmlPage).fails(Result::Transient).mentions(QStringLiteral("400")));
    addRow("403 proxy HTML page", Row::oauth2(403, HtmlPage).fails(Result::Transient));
    addRow("500 HTML page", Row::oauth2(500, HtmlPage).fails(Result::Transient));
    addRow("400 empty body", Row::oauth2(400, {}).fails(Result::Transient));
    addRow("401 without a code", Row::oauth2(401, "{}").fails(Result::Transient));
    addRow("400 error code with markup",
           Row::oauth2(400, oauthError("SECRET<script>")).fails(Result::Transient));
    // Kept as errorCode for the caller, but never put in the message: it is not registered.
    addRow("400 unregistered code",
           Row::oauth2(400, oauthError("SECRET_code"))
                   .fails(Result::Transient)
                   .code(QStringLiteral("SECRET_code")));
    addRow("400 error not a string",
           Row::oauth2(400, "{\"error\":{\"SECRET\":1}}").fails(Result::Transient));
    addRow("400 invalid_grant, not in the configured set",
           Row::oauth2(400, oauthError("invalid_grant"))
                   .with({QStringLiteral("invalid_client")})
                   .fails(Result::Transient)
                   .code(QStringLiteral("invalid_grant")));
    addRow("400 configured custom code",
           Row::oauth2(400, oauthError("account_locked"))
                   .with({QStringLiteral("account_locked")})
                   .fails(Result::Rejected)
                   .code(QStringLiteral("account_locked")));
    {
        Row row = Row::oauth2(400, {}).fails(Result::Transient);
        row.input.bodyTooLarge = true;
        addRow("400 error body too large", row);
    }

    // --- Retry-After (RFC 9110 §10.2.3), capped at one hour ---
    addRow("429 Retry-After 7",
           Row::oauth2(429, {})
                   .header("7")
                   .fails(Result::Transient, 7)
                   .mentions(QStringLiteral("429")));
    addRow("503 Retry-After HTTP-date",
           Row::oauth2(503, {})
                   .header("Wed, 21 Oct 2015 07:30:00 GMT", "Wed, 21 Oct 2015 07:28:00 GMT")
                   .fails(Result::Transient, 120));
    addRow("503 Retry-After RFC 850 date",
           Row::oauth2(503, {})
                   .header("Wednesday, 21-Oct-15 07:29:00 GMT", "Wed, 21 Oct 2015 07:28:00 GMT")
                   .fails(Result::Transient, 60));
    addRow("503 Retry-After asctime date",
           Row::oauth2(503, {})
                   .header("Wed Oct 21 07:28:30 2015", "Wed, 21 Oct 2015 07:28:00 GMT")
                   .fails(Result::Transient, 30));
    addRow("503 Retry-After date in the past",
           Row::oauth2(503, {})
                   .header("Wed, 21 Oct 2015 07:00:00 GMT", "Wed, 21 Oct 2015 07:28:00 GMT")
                   .fails(Result::Transient, 0));
    addRow("503 Retry-After garbage",
           Row::oauth2(503, {}).header("SECRET soon").fails(Result::Transient, 0));
    addRow("503 Retry-After negative",
           Row::oauth2(503, {}).header("-5").fails(Result::Transient, 0));
    addRow("503 Retry-After capped",
           Row::oauth2(503, {}).header("86400").fails(Result::Transient, 3600));
    addRow("503 Retry-After overflow",
           Row::oauth2(503, {}).header("99999999999999999999999").fails(Result::Transient, 3600));
    addRow("502 with JSON error",
           Row::oauth2(502, oauthError("temporarily_unavailable"))
                   .fails(Result::Transient)
                   .code(QStringLiteral("temporarily_unavailable")));

    // --- transport ---
    addRow("status 0, connection refused",
           Row::oauth2(0, {})
                   .transport(QNetworkReply::ConnectionRefusedError)
                   .fails(Result::Transient));
    addRow("status 0, timeout",
           Row::oauth2(0, {})
                   .transport(QNetworkReply::TimeoutError)
                   .fails(Result::Transient)
                   .mentions(QStringLiteral("in time")));
    addRow("status 0, no error", Row::oauth2(0, {}).fails(Result::Transient));
    addRow("200 cut by the peer",
           Row::oauth2(200, tokenBody())
                   .transport(QNetworkReply::RemoteHostClosedError)
                   .fails(Result::Transient));
    addRow("302 redirect",
           Row::oauth2(302, {}).fails(Result::Transient).mentions(QStringLiteral("redirect")));
    addRow("101 unexpected status", Row::oauth2(101, {}).fails(Result::Transient));

    // --- cookie endpoint ---
    const QByteArray cookieBody =
            "{\"access_token\":\"" + AccessToken + "\",\"expires_in\":900,\"user\":\"alice\"}";
    addRow("cookie: 200",
           Row::cookie(200, cookieBody).succeeds(AccessToken, 900).user(QStringLiteral("alice")));
    addRow("cookie: 200 without a lifetime",
           Row::cookie(200, "{\"access_token\":\"" + AccessToken + "\"}")
                   .succeeds(AccessToken, -1));
    addRow("cookie: refresh_token in the body is ignored",
           Row::cookie(200,
                       "{\"access_token\":\"" + AccessToken + "\",\"refresh_token\":\""
                               + RefreshToken + "\"}")
                   .succeeds(AccessToken, -1));
    addRow("cookie: user with control character",
           Row::cookie(200, "{\"access_token\":\"" + AccessToken + "\",\"user\":\"SECRET\\u0007\"}")
                   .succeeds(AccessToken, -1));
    addRow("cookie: custom fields",
           Row::cookie(200, "{\"jwt\":\"" + AccessToken + "\",\"ttl\":\"120\"}")
                   .with({QStringLiteral("jwt"), QStringLiteral("ttl")})
                   .succeeds(AccessToken, 120));
    addRow("cookie: custom fields, default names sent",
           Row::cookie(200, cookieBody)
                   .with({QStringLiteral("jwt"), QStringLiteral("ttl")})
                   .fails(Result::Malformed));
    addRow("cookie: invalid token",
           Row::cookie(200, "{\"access_token\":\"SECRET\\r\\nX: 1\"}").fails(Result::Malformed));
    addRow("cookie: 200 HTML", Row::cookie(200, HtmlPage).fails(Result::Malformed));
    addRow("cookie: 401",
           Row::cookie(401, "{\"error\":\"invalid_refresh\"}")
                   .fails(Result::Rejected)
                   .mentions(QStringLiteral("401")));
    addRow("cookie: 403", Row::cookie(403, HtmlPage).fails(Result::Rejected));
    addRow("cookie: 400 invalid_grant is not a rejection",
           Row::cookie(400, oauthError("invalid_grant")).fails(Result::Transient));
    addRow("cookie: 404",
           Row::cookie(404, HtmlPage).fails(Result::Transient).mentions(QStringLiteral("404")));
    addRow("cookie: 500", Row::cookie(500, HtmlPage).fails(Result::Transient));
    addRow("cookie: 429 Retry-After 7",
           Row::cookie(429, {}).header("7").fails(Result::Transient, 7));
    addRow("cookie: transport error",
           Row::cookie(0, {}).transport(QNetworkReply::HostNotFoundError).fails(Result::Transient));
}

void tst_RefreshResponse::parse()
{
    QFETCH(QString, endpoint);
    QFETCH(int, status);
    QFETCH(int, networkError);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, retryAfterHeader);
    QFETCH(QByteArray, dateHeader);
    QFETCH(QByteArray, body);
    QFETCH(bool, bodyTooLarge);
    QFETCH(QStringList, options);

    JwtRefreshResponse::Input input;
    input.httpStatus = status;
    input.networkError = QNetworkReply::NetworkError(networkError);
    input.contentType = contentType;
    input.retryAfter = retryAfterHeader;
    input.date = dateHeader;
    input.body = body;
    input.bodyTooLarge = bodyTooLarge;

    // An unusable expires_in is worth a warning, and nothing else is.
    QFETCH(bool, warns);
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".")));
    if (warns)
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("invalid \"expires_in\"")));
    JwtRefreshResponse response;
    if (endpoint == QLatin1String("oauth2")) {
        response = options.isEmpty() ? JwtRefreshResponse::parseOAuth2(input)
                                     : JwtRefreshResponse::parseOAuth2(input, options);
    } else {
        response = options.isEmpty()
                ? JwtRefreshResponse::parseCookieEndpoint(input)
                : JwtRefreshResponse::parseCookieEndpoint(input, options.at(0), options.at(1));
    }

    QTEST(response.result, "result");
    QTEST(response.accessToken, "accessToken");
    QTEST(response.expiresIn, "expiresIn");
    QTEST(response.refreshToken, "refreshToken");
    QTEST(int(response.retryAfter.count()), "retryAfter");
    QTEST(response.errorCode, "errorCode");
    QTEST(response.userName, "userName");

    QFETCH(Result, result);
    QCOMPARE(response.message.isEmpty(), result == Result::Succeeded);
    QFETCH(QString, messageContains);
    if (!messageContains.isEmpty())
        QVERIFY2(response.message.contains(messageContains), qPrintable(response.message));
    QVERIFY2(!response.message.contains(QLatin1String("SECRET"), Qt::CaseInsensitive),
             qPrintable(response.message));
    for (const QByteArray &secret : {AccessToken, RefreshToken})
        QVERIFY(!response.message.contains(QString::fromLatin1(secret)));
}

void tst_RefreshResponse::retryAfterAgainstNow()
{
    // Without a Date header, an HTTP-date is measured against the injected clock.
    JwtRefreshResponse::Input input;
    input.httpStatus = 503;
    input.retryAfter = "Wed, 21 Oct 2015 07:28:45 GMT";
    input.now = QDateTime::fromString(QStringLiteral("2015-10-21T07:28:00Z"), Qt::ISODate);
    QVERIFY(input.now.isValid());
    const JwtRefreshResponse response = JwtRefreshResponse::parseOAuth2(input);
    QCOMPARE(response.result, Result::Transient);
    QCOMPARE(response.retryAfter, std::chrono::seconds(45));

    // And against the current time when there is neither.
    input.now = QDateTime();
    input.retryAfter = QLocale::c()
                               .toString(QDateTime::currentDateTimeUtc().addSecs(600),
                                         QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
                               .toLatin1();
    const auto retry = JwtRefreshResponse::parseOAuth2(input).retryAfter.count();
    QVERIFY2(retry >= 590 && retry <= 600, QByteArray::number(qlonglong(retry)));
}

void tst_RefreshResponse::httpDate_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QDateTime>("expected");

    const QDateTime date =
            QDateTime::fromString(QStringLiteral("1994-11-06T08:49:37Z"), Qt::ISODate);
    QTest::newRow("IMF-fixdate") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << date;
    QTest::newRow("RFC 850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << date;
    QTest::newRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994") << date;
    QTest::newRow("numeric zone") << QByteArray("Sun, 06 Nov 1994 08:49:37 +0000") << date;
    QTest::newRow("RFC 850, 21st century")
            << QByteArray("Wednesday, 21-Oct-15 07:28:00 GMT")
            << QDateTime::fromString(QStringLiteral("2015-10-21T07:28:00Z"), Qt::ISODate);
    QTest::newRow("empty") << QByteArray() << QDateTime();
    QTest::newRow("garbage") << QByteArray("tomorrow") << QDateTime();
    QTest::newRow("bad day") << QByteArray("Sun, 32 Nov 1994 08:49:37 GMT") << QDateTime();
    QTest::newRow("too long") << QByteArray(200, 'a') << QDateTime();
}

void tst_RefreshResponse::httpDate()
{
    QFETCH(QByteArray, text);
    QFETCH(QDateTime, expected);
    const QDateTime parsed = JwtRefreshResponse::parseHttpDate(text);
    QCOMPARE(parsed.isValid(), expected.isValid());
    if (expected.isValid())
        QCOMPARE(parsed.toSecsSinceEpoch(), expected.toSecsSinceEpoch());
}

QTEST_GUILESS_MAIN(tst_RefreshResponse)
#include "tst_refreshresponse.moc"
