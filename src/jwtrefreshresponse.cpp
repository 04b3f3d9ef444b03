// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtrefreshresponse_p.h"

#include "jwtbearer_p.h"
#include "jwtjsonfields_p.h"
#include "jwtlogging_p.h"

#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qlocale.h>
#include <QtCore/qstringconverter.h>
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
#include <QtCore/qtimezone.h>
#endif

#include <algorithm>
#include <cmath>

/*!
    \class JwtRefreshResponse
    \internal
    \brief Classifies one answer of a refresh, login or token endpoint, without any networking.

    parseOAuth2() reads an RFC 6749 §5.1 token response or §5.2 error response;
    parseCookieEndpoint() reads the JSON answer of an HttpOnly-cookie refresh or login endpoint.
    Both turn the HTTP status, the transport error, the headers and the (bounded) body into one of
    the failure kinds of DESIGN.md:

    \list
    \li \e Rejected: the OAuth 2 endpoint answered 400 or 401 with one of the configured
        rejecting error codes (by default \c invalid_grant, \c invalid_client,
        \c unauthorized_client), or the cookie endpoint answered 401 or 403. Every other RFC 6749
        code (\c invalid_request, \c invalid_scope, \c unsupported_grant_type, …) is Transient:
        §5.2 gives them no meaning about the credential, and signing the user out because of a
        misconfigured scope or a broken proxy would lose their work for nothing.
    \li \e Transient: no HTTP answer (transport error, timeout), 3xx (token endpoints are never
        redirected), 429, 5xx, or a 4xx without a usable error code (HTML error page, proxy 403,
        empty body). Retry-After (delta-seconds or HTTP-date) is honoured up to one hour.
    \li \e Malformed: a 2xx answer without a usable token: not a JSON object, not UTF-8, larger
        than MaximumBodySize, an access token that is not an RFC 6750 b64token (CR, LF, spaces and
        control characters could inject headers), a token type other than Bearer, an invalid
        rotated refresh token.
    \endlist

    Every 2xx is read like 200. The Content-Type is not checked: servers commonly send JSON as
    \c text/plain or \c text/html, and the body is parsed strictly anyway. When a key appears twice
    in the JSON object, QJsonDocument keeps the last one, and so do these parsers. An
    \c expires_in that is missing, not a positive integer (a numeric string is tolerated), or
    longer than ten years leaves the lifetime unknown (-1) with a warning; it never fails the
    answer.

    Messages are translated and short; they never contain a token, a refresh credential, a
    cookie, or text of the server's body other than a registered RFC 6749 error code.

    The network side of a refresh call is JwtRefreshCall's.
*/

namespace {

using Result = JwtRefreshJob::Result;

// RFC 6749 §4.1.2.1, §5.2, RFC 6750 §3.1, RFC 7009 §2.2.1, RFC 8628 §3.5, RFC 9449 §12.2: the
// registered codes, which are the only server text ever put into a message.
const char *const RegisteredErrorCodes[] = {
        "invalid_request",
        "invalid_client",
        "invalid_grant",
        "unauthorized_client",
        "unsupported_grant_type",
        "invalid_scope",
        "access_denied",
        "unsupported_response_type",
        "server_error",
        "temporarily_unavailable",
        "invalid_token",
        "insufficient_scope",
        "unsupported_token_type",
        "authorization_pending",
        "slow_down",
        "expired_token",
        "invalid_dpop_proof",
        "use_dpop_nonce",
};

enum class Endpoint { OAuth2, Cookie, Json };

struct Options
{
    Endpoint endpoint = Endpoint::OAuth2;
    QStringList rejectingErrors;
    JwtJsonFieldNames fields;
};

QDateTime makeUtc(const QDate &date, const QTime &time)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime(date, time, QTimeZone::UTC);
#else
    return QDateTime(date, time, Qt::UTC);
#endif
}

bool isRegisteredErrorCode(const QString &code)
{
    for (const char *known : RegisteredErrorCodes) {
        if (code == QLatin1String(known))
            return true;
    }
    return false;
}

// An error code is only kept when it looks like one (RFC 6749 §5.2 allows more characters, but
// every registered code is lower case with underscores); anything else is treated as absent.
bool looksLikeErrorCode(const QString &code)
{
    if (code.isEmpty() || code.size() > 64)
        return false;
    for (QChar c : code) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z')
                || (u >= u'0' && u <= u'9') || u == u'_' || u == u'.' || u == u'-';
        if (!ok)
            return false;
    }
    return true;
}

bool isTransportError(QNetworkReply::NetworkError error)
{
    // 1–199: connection and proxy errors; 201–499 merely mirror an HTTP status.
    return (error > QNetworkReply::NoError && error < QNetworkReply::ContentAccessDenied)
            || error == QNetworkReply::ProtocolFailure;
}

bool isValidUtf8(const QByteArray &data)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(data);
    return !decoder.hasError();
}

QString transportMessage(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // Qt 6.4 reports a transfer timeout as canceled
        return JwtRefreshResponse::tr("The authentication server did not answer in time.");
    case QNetworkReply::HostNotFoundError:
        return JwtRefreshResponse::tr("The authentication server could not be found.");
    case QNetworkReply::SslHandshakeFailedError:
        return JwtRefreshResponse::tr(
                "A secure connection to the authentication server could not be established.");
    default:
        return JwtRefreshResponse::tr("The authentication server could not be reached.");
    }
}

QJsonObject parseObject(const QByteArray &body, QString *problem)
{
    if (body.trimmed().isEmpty()) {
        *problem = JwtRefreshResponse::tr("The authentication server sent an empty answer.");
        return {};
    }
    if (!isValidUtf8(body)) {
        *problem = JwtRefreshResponse::tr("The authentication server's answer is not UTF-8 text.");
        return {};
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        *problem =
                JwtRefreshResponse::tr("The authentication server's answer is not a JSON object.");
        return {};
    }
    return document.object();
}

// expires_in: a positive integer number of seconds. Anything else leaves the lifetime unknown:
// the server's 401 still decides, so a strange value must not cost the user a working token.
qint64 readLifetime(const QJsonObject &object, const QString &field)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined() || value.isNull())
        return -1;
    double seconds = -1;
    if (value.isDouble()) {
        seconds = value.toDouble();
    } else if (value.isString()) {
        const QString text = value.toString();
        bool ok = text.size() <= 12;
        for (QChar c : text)
            ok = ok && c >= u'0' && c <= u'9';
        seconds = ok && !text.isEmpty() ? text.toDouble() : -1;
    }
    if (!std::isfinite(seconds) || seconds != std::floor(seconds) || seconds < 1
        || seconds > double(JwtRefreshResponse::MaximumExpiresIn)) {
        qCWarning(lcJwtRefresh,
                  "The token response has an invalid \"%s\"; the token lifetime "
                  "is treated as unknown",
                  qUtf8Printable(field));
        return -1;
    }
    return qint64(seconds);
}

class Parser
{
public:
    Parser(const JwtRefreshResponse::Input &input, const Options &options) : in(input), opt(options)
    { }

    JwtRefreshResponse run()
    {
        if (in.httpStatus <= 0 || isTransportError(in.networkError))
            return transient(transportMessage(in.networkError));
        if (in.httpStatus >= 200 && in.httpStatus < 300)
            return success();
        if (in.httpStatus >= 300 && in.httpStatus < 400) {
            return transient(
                    JwtRefreshResponse::tr("The authentication server redirected the request (HTTP "
                                           "status %1); token requests do not follow redirects.")
                            .arg(in.httpStatus));
        }
        if (in.httpStatus >= 400 && in.httpStatus < 600)
            return opt.endpoint == Endpoint::OAuth2 ? oauth2Error() : endpointError();
        return transient(JwtRefreshResponse::tr(
                                 "The authentication server answered with the unexpected HTTP "
                                 "status %1.")
                                 .arg(in.httpStatus));
    }

private:
    JwtRefreshResponse fail(Result result, const QString &message)
    {
        r.result = result;
        r.message = message;
        r.accessToken.clear();
        r.refreshToken.clear();
        r.expiresIn = -1;
        return r;
    }

    JwtRefreshResponse transient(const QString &message)
    {
        fail(Result::Transient, message);
        QDateTime reference = JwtRefreshResponse::parseHttpDate(in.date);
        if (!reference.isValid())
            reference = in.now.isValid() ? in.now : QDateTime::currentDateTimeUtc();
        r.retryAfter = JwtRefreshResponse::parseRetryAfter(in.retryAfter, reference);
        return r;
    }

    JwtRefreshResponse malformed(const QString &message)
    {
        return fail(Result::Malformed, message);
    }

    JwtRefreshResponse success()
    {
        if (in.bodyTooLarge || in.body.size() > JwtRefreshResponse::MaximumBodySize)
            return malformed(
                    JwtRefreshResponse::tr("The authentication server's answer is too large."));
        QString problem;
        const QJsonObject object = parseObject(in.body, &problem);
        if (!problem.isEmpty())
            return malformed(problem);
        if (opt.endpoint != Endpoint::OAuth2)
            return detected(object);
        const QJsonValue token = object.value(QLatin1String("access_token"));
        if (token.isUndefined() || token.isNull())
            return malformed(
                    JwtRefreshResponse::tr("The authentication server sent no access token."));
        r.accessToken = token.toString().toUtf8();
        if (!token.isString() || !JwtBearer::isValidToken(r.accessToken))
            return malformed(JwtRefreshResponse::tr(
                    "The authentication server sent an invalid access token."));
        if (!readOAuth2Extras(object))
            return r;
        r.expiresIn = readLifetime(object, QStringLiteral("expires_in"));
        r.result = Result::Succeeded;
        return r;
    }

    // The cookie and JSON-body endpoints: fields configured, or detected (JwtJsonFields).
    JwtRefreshResponse detected(const QJsonObject &object)
    {
        const JwtJsonFields::Found found = JwtJsonFields::read(object, opt.fields, in.now);
        if (!found.ok)
            return malformed(found.message);
        r.accessToken = found.accessToken;
        r.expiresIn = found.expiresIn;
        r.refreshToken = found.refreshToken;
        r.refreshTokenField = found.refreshTokenName;
        r.userName = found.userName;
        r.result = Result::Succeeded;
        return r;
    }

    // token_type and refresh_token; false (with r failed) when one of them is unusable.
    bool readOAuth2Extras(const QJsonObject &object)
    {
        const QJsonValue type = object.value(QLatin1String("token_type"));
        if (!type.isString()
            || type.toString().compare(QLatin1String("Bearer"), Qt::CaseInsensitive) != 0) {
            malformed(JwtRefreshResponse::tr(
                    "The authentication server issued a token that is not a Bearer token."));
            return false;
        }
        const QJsonValue refresh = object.value(QLatin1String("refresh_token"));
        if (refresh.isUndefined() || refresh.isNull()
            || (refresh.isString() && refresh.toString().isEmpty())) {
            return true; // no rotation: the client keeps its refresh token (RFC 6749 §6)
        }
        const QByteArray value = refresh.toString().toUtf8();
        if (!refresh.isString() || !JwtBearer::isValidIssuedRefreshToken(value)) {
            malformed(JwtRefreshResponse::tr(
                    "The authentication server sent an invalid refresh token."));
            return false;
        }
        r.refreshToken = value;
        return true;
    }

    QString errorCode() const
    {
        if (in.bodyTooLarge || in.body.size() > JwtRefreshResponse::MaximumBodySize)
            return {};
        QString ignored;
        const QJsonObject object = parseObject(in.body, &ignored);
        const QString code = object.value(QLatin1String("error")).toString();
        return looksLikeErrorCode(code) ? code : QString();
    }

    JwtRefreshResponse oauth2Error()
    {
        r.errorCode = errorCode();
        const int status = in.httpStatus;
        if ((status == 400 || status == 401) && !r.errorCode.isEmpty()
            && opt.rejectingErrors.contains(r.errorCode)) {
            return fail(Result::Rejected,
                        JwtRefreshResponse::tr("The authentication server refused the credentials "
                                               "(HTTP status %1, %2).")
                                .arg(status)
                                .arg(r.errorCode));
        }
        if (status < 500 && status != 429 && isRegisteredErrorCode(r.errorCode)) {
            return transient(JwtRefreshResponse::tr("The authentication server refused the request "
                                                    "(HTTP status %1, %2).")
                                     .arg(status)
                                     .arg(r.errorCode));
        }
        return httpError();
    }

    // 401 and 403 refuse the credential; so does a 400 with a JSON error body from a JSON-body
    // endpoint (Django REST framework: {"refresh":["This field is required."]}). A 400 that is
    // not JSON came from something else on the way (a proxy's page).
    JwtRefreshResponse endpointError()
    {
        const bool jsonBadRequest = opt.endpoint == Endpoint::Json && in.httpStatus == 400
                && !in.bodyTooLarge && QJsonDocument::fromJson(in.body).isObject();
        if (in.httpStatus == 401 || in.httpStatus == 403 || jsonBadRequest) {
            return fail(Result::Rejected,
                        JwtRefreshResponse::tr("The authentication server refused the credentials "
                                               "(HTTP status %1).")
                                .arg(in.httpStatus));
        }
        return httpError();
    }

    JwtRefreshResponse httpError()
    {
        if (in.httpStatus == 429)
            return transient(JwtRefreshResponse::tr(
                    "The authentication server is busy (HTTP status 429, too many requests)."));
        if (in.httpStatus >= 500)
            return transient(JwtRefreshResponse::tr(
                                     "The authentication server is unavailable (HTTP status %1).")
                                     .arg(in.httpStatus));
        return transient(JwtRefreshResponse::tr("The authentication server answered with HTTP "
                                                "status %1.")
                                 .arg(in.httpStatus));
    }

    const JwtRefreshResponse::Input &in;
    const Options &opt;
    JwtRefreshResponse r;
};

} // namespace

/*! The RFC 6749 §5.2 error codes that mean the refresh credential is definitively refused. */
QStringList JwtRefreshResponse::defaultRejectingErrors()
{
    return {QStringLiteral("invalid_grant"), QStringLiteral("invalid_client"),
            QStringLiteral("unauthorized_client")};
}

/*! Classifies \a input as an RFC 6749 token endpoint answer; \a rejectingErrors end the session. */
JwtRefreshResponse JwtRefreshResponse::parseOAuth2(const Input &input,
                                                   const QStringList &rejectingErrors)
{
    Options options;
    options.endpoint = Endpoint::OAuth2;
    options.rejectingErrors = rejectingErrors;
    return Parser(input, options).run();
}

/*! Classifies \a input as a cookie endpoint answer with the token and lifetime under the given
    JSON fields; an empty field is detected (JwtJsonFields). */
JwtRefreshResponse JwtRefreshResponse::parseCookieEndpoint(const Input &input,
                                                           const QString &accessTokenField,
                                                           const QString &expiresInField)
{
    Options options;
    options.endpoint = Endpoint::Cookie;
    options.fields.accessToken = accessTokenField;
    options.fields.expiresIn = expiresInField;
    options.fields.readRefreshToken = false; // the cookie is the refresh credential
    return Parser(input, options).run();
}

/*! Classifies \a input as the answer of an endpoint that carries the refresh token in a JSON
    body (Django REST framework SimpleJWT, ASP.NET Core Identity), with the fields \a fields
    (empty names detected). */
JwtRefreshResponse JwtRefreshResponse::parseJsonEndpoint(const Input &input,
                                                         const JwtJsonFieldNames &fields)
{
    Options options;
    options.endpoint = Endpoint::Json;
    options.fields = fields;
    return Parser(input, options).run();
}

/*!
    Reads a Retry-After \a value (RFC 9110 §10.2.3: delta-seconds or an HTTP-date relative to
    \a now). Returns zero for a missing, past or unreadable value; caps at MaximumRetryAfter.
*/
std::chrono::seconds JwtRefreshResponse::parseRetryAfter(const QByteArray &value,
                                                         const QDateTime &now)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return std::chrono::seconds(0);
    const bool digits =
            std::all_of(text.cbegin(), text.cend(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) {
        if (text.size() > 9) // more than 31 years: capped anyway, and no overflow
            return MaximumRetryAfter;
        return std::min(std::chrono::seconds(text.toLongLong()), MaximumRetryAfter);
    }
    const QDateTime date = parseHttpDate(text);
    if (!date.isValid() || !now.isValid()) {
        qCDebug(lcJwtRefresh, "Ignoring an unreadable Retry-After header");
        return std::chrono::seconds(0);
    }
    const qint64 delta = now.secsTo(date);
    if (delta <= 0)
        return std::chrono::seconds(0);
    return std::min(std::chrono::seconds(delta), MaximumRetryAfter);
}

/*!
    Reads an HTTP-date (RFC 9110 §5.6.7): IMF-fixdate, and the obsolete RFC 850 and asctime
    forms. Returns an invalid QDateTime for anything else.
*/
QDateTime JwtRefreshResponse::parseHttpDate(const QByteArray &value)
{
    QString text = QString::fromLatin1(value).simplified();
    if (text.isEmpty() || text.size() > 64)
        return {};
    // Qt 6.4's RFC 2822 parser does not know the "GMT" zone name HTTP uses.
    if (text.endsWith(QLatin1String(" GMT")))
        text = text.left(text.size() - 3) + QLatin1String("+0000");
    QDateTime date = QDateTime::fromString(text, Qt::RFC2822Date);
    if (date.isValid())
        return date.toUTC();
    const QLocale c = QLocale::c();
    // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"; two-digit years before 1970 are 20xx. The
    // weekday is dropped: Qt would check it against 19xx.
    const qsizetype comma = text.indexOf(QLatin1String(", "));
    date = c.toDateTime(text.mid(comma + 2), QStringLiteral("dd-MMM-yy HH:mm:ss '+0000'"));
    if (comma > 0 && date.isValid()) {
        QDate day = date.date();
        if (day.year() < 1970)
            day = day.addYears(100);
        return makeUtc(day, date.time());
    }
    // asctime: "Sun Nov 6 08:49:37 1994" (after simplified())
    date = c.toDateTime(text, QStringLiteral("ddd MMM d HH:mm:ss yyyy"));
    if (date.isValid())
        return makeUtc(date.date(), date.time());
    return {};
}

/*! Completes \a job with this response: succeed() or fail(). */
void JwtRefreshResponse::complete(JwtRefreshJob *job) const
{
    if (!userName.isEmpty())
        job->setUserName(userName);
    if (isSuccess())
        job->succeed(accessToken, expiresIn, refreshToken);
    else
        job->fail(result, message, retryAfter);
}
