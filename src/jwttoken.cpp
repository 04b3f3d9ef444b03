// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwttoken.h>

#include "jwtlogging_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qdebug.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonvalue.h>
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
#include <QtCore/qtimezone.h>
#endif

#include <algorithm>
#include <cmath>
#include <optional>

/*!
    \class JwtToken
    \brief Decodes a compact JWT (RFC 7519) without verifying it.

    JwtToken splits a compact JWS into header, claims and signature and reads the registered
    claims the library schedules with (\c exp, \c iat, \c nbf) or shows (\c sub, \c iss). The
    signature is checked for well-formed base64url and then dropped: it is never verified, so
    nothing read from a JwtToken may be used for an authorization decision. The server's answer
    always decides (RFC 9068 §6).

    Malformed input of any kind gives an invalid token with an error() and a translated
    errorString(); neither the error string nor the QDebug output ever contains token content.
    A default-constructed (or moved-from) JwtToken is the same as decoding an empty input.

    JwtToken is implicitly shared.
*/

class JwtTokenPrivate : public QSharedData
{
public:
    QJsonObject header;
    QJsonObject claims;
    QDateTime expiresAt;
    QDateTime issuedAt;
    QDateTime notBefore;
    JwtToken::Error error = JwtToken::Error::NoError;
    // Names the claim that failed; always a literal from this file, never read from the input.
    const char *badClaim = nullptr;
};

QT_DEFINE_QESDP_SPECIALIZATION_DTOR(JwtTokenPrivate)

namespace {

// 9999-12-31T23:59:59Z: later dates are absurd for a token and do not survive ISO formatting.
constexpr qint64 LatestSeconds = 253402300799;

struct Failure
{
    JwtToken::Error error;
    const char *claim = nullptr;
};

QDateTime utcFromSeconds(qint64 seconds)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::UTC);
#else
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
#endif
}

// Strict RFC 4648 §5: the url alphabet only, '=' only as trailing padding of a full quantum,
// and no length that cannot come out of an encoder (a lone sixth bit group).
std::optional<QByteArray> decodeBase64Url(const QByteArray &part)
{
    if (!part.contains('=') && part.size() % 4 == 1)
        return std::nullopt;
    auto result = QByteArray::fromBase64Encoding(
            part, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return std::move(result.decoded);
}

// RFC 8259 allows no raw control characters in strings, but Qt's parser lets them through.
bool hasControlCharacters(const QByteArray &json)
{
    return std::any_of(json.cbegin(), json.cend(), [](char c) {
        return uchar(c) < 0x20 && c != '\t' && c != '\n' && c != '\r';
    });
}

std::optional<QJsonObject> parseObject(const QByteArray &json)
{
    if (hasControlCharacters(json))
        return std::nullopt;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

// Reads a NumericDate (RFC 7519 §2). Absent gives a null QDateTime; present but unusable fails.
bool readDate(const QJsonObject &claims, const char *name, QDateTime *date)
{
    const QJsonValue value = claims.value(QLatin1String(name));
    if (value.isUndefined())
        return true;
    if (!value.isDouble())
        return false;
    const double seconds = value.toDouble();
    if (!std::isfinite(seconds) || seconds < 0 || seconds > double(LatestSeconds))
        return false;
    *date = utcFromSeconds(qint64(std::trunc(seconds)));
    return true;
}

bool isAbsentOrString(const QJsonObject &object, const char *name)
{
    const QJsonValue value = object.value(QLatin1String(name));
    return value.isUndefined() || value.isString();
}

std::optional<Failure> readClaims(JwtTokenPrivate *d)
{
    if (!d->header.value(QLatin1String("alg")).isString())
        return Failure {JwtToken::Error::InvalidClaim, "alg"};
    for (const char *name : {"sub", "iss"}) {
        if (!isAbsentOrString(d->claims, name))
            return Failure {JwtToken::Error::InvalidClaim, name};
    }
    const std::pair<const char *, QDateTime *> dates[] = {
            {"exp", &d->expiresAt}, {"iat", &d->issuedAt}, {"nbf", &d->notBefore}};
    for (const auto &[name, date] : dates) {
        if (!readDate(d->claims, name, date))
            return Failure {JwtToken::Error::InvalidClaim, name};
    }
    return std::nullopt;
}

std::optional<Failure> decodeInto(const QByteArray &compact, JwtTokenPrivate *d)
{
    if (compact.isEmpty())
        return Failure {JwtToken::Error::Empty};
    if (compact.size() > JwtToken::MaximumSize)
        return Failure {JwtToken::Error::TooLarge};
    if (compact.count('.') != 2)
        return Failure {JwtToken::Error::WrongPartCount};

    const QList<QByteArray> parts = compact.split('.');
    const auto header = decodeBase64Url(parts.at(0));
    const auto payload = decodeBase64Url(parts.at(1));
    // The signature is never verified, but garbage there means the token is not what it claims.
    if (!header || !payload || !decodeBase64Url(parts.at(2)))
        return Failure {JwtToken::Error::InvalidBase64};

    const auto headerObject = parseObject(*header);
    const auto claimsObject = parseObject(*payload);
    if (!headerObject || !claimsObject)
        return Failure {JwtToken::Error::InvalidJson};
    d->header = *headerObject;
    d->claims = *claimsObject;
    return readClaims(d);
}

const char *errorName(JwtToken::Error error)
{
    switch (error) {
    case JwtToken::Error::NoError:
        return "NoError";
    case JwtToken::Error::Empty:
        return "Empty";
    case JwtToken::Error::TooLarge:
        return "TooLarge";
    case JwtToken::Error::WrongPartCount:
        return "WrongPartCount";
    case JwtToken::Error::InvalidBase64:
        return "InvalidBase64";
    case JwtToken::Error::InvalidJson:
        return "InvalidJson";
    case JwtToken::Error::InvalidClaim:
        return "InvalidClaim";
    }
    return "Unknown";
}

} // namespace

/*!
    \enum JwtToken::Error
    Why decode() did not produce a valid token; see error() and errorString().
*/

/*! Constructs an invalid token; error() is Error::Empty, as for decoding an empty input. */
JwtToken::JwtToken() = default;

/*!
    \fn JwtToken::JwtToken(JwtToken &&other) noexcept
    Move-constructs a token from \a other, which is left invalid (Error::Empty).
*/
/*!
    \fn JwtToken &JwtToken::operator=(JwtToken &&other) noexcept
    Move-assigns \a other to this token and returns a reference to it.
*/
/*!
    \fn void JwtToken::swap(JwtToken &other) noexcept
    Swaps this token with \a other. Never fails.
*/
/*!
    \fn bool JwtToken::operator!=(const JwtToken &other) const
    Returns true if this token and \a other differ; see operator==().
*/

/*! Constructs a copy of \a other; the data is shared until one of them changes. */
JwtToken::JwtToken(const JwtToken &other) = default;

/*! Assigns \a other to this token and returns a reference to it. */
JwtToken &JwtToken::operator=(const JwtToken &other) = default;

/*! Destroys the token. */
JwtToken::~JwtToken() = default;

/*!
    Decodes the compact serialization \a compact without verifying its signature.
    Returns an invalid token with error() set when the input is malformed in any way.

    An access token need not be a JWT (opaque or reference tokens, ASP.NET Core Identity's):
    input that is not three parts separated by dots is such a token, and is reported as
    WrongPartCount without any log message. Input that looks like a JWT and is not one is
    logged at debug level (its size and the kind of failure only).
*/
JwtToken JwtToken::decode(const QByteArray &compact)
{
    JwtToken token;
    token.d = new JwtTokenPrivate;
    if (const auto failure = decodeInto(compact, token.d.data())) {
        // Only the kind of failure and the size: the input may be a live credential. An
        // opaque token is no JWT at all, and nothing to report.
        if (failure->error != Error::WrongPartCount)
            qCDebug(lcJwtToken, "Rejected a JWT of %lld bytes: %s", qlonglong(compact.size()),
                    errorName(failure->error));
        token.d = new JwtTokenPrivate;
        token.d->error = failure->error;
        token.d->badClaim = failure->claim;
    }
    return token;
}

/*! Returns true if the token was decoded successfully; says nothing about its signature. */
bool JwtToken::isValid() const
{
    return error() == Error::NoError;
}

/*! Returns why decoding failed, or Error::NoError for a valid token. */
JwtToken::Error JwtToken::error() const
{
    return d ? d->error : Error::Empty;
}

/*! Returns a translated description of error(); empty for a valid token; never token content. */
QString JwtToken::errorString() const
{
    switch (error()) {
    case Error::NoError:
        return QString();
    case Error::Empty:
        return QCoreApplication::translate("JwtToken", "The token is empty.");
    case Error::TooLarge:
        return QCoreApplication::translate("JwtToken",
                                           "The token exceeds the maximum size of %1 bytes.")
                .arg(MaximumSize);
    case Error::WrongPartCount:
        return QCoreApplication::translate(
                "JwtToken", "The token does not consist of three parts separated by dots.");
    case Error::InvalidBase64:
        return QCoreApplication::translate("JwtToken",
                                           "A part of the token is not valid base64url.");
    case Error::InvalidJson:
        return QCoreApplication::translate("JwtToken",
                                           "The token header or payload is not a JSON object.");
    case Error::InvalidClaim:
        return QCoreApplication::translate(
                       "JwtToken",
                       "The token field \"%1\" is missing, of the wrong type or out of range.")
                .arg(QLatin1String(d->badClaim));
    }
    return QString();
}

/*! Returns the JOSE header, or an empty object for an invalid token. */
QJsonObject JwtToken::header() const
{
    return d ? d->header : QJsonObject();
}

/*! Returns the claims set (the payload), or an empty object for an invalid token. */
QJsonObject JwtToken::claims() const
{
    return d ? d->claims : QJsonObject();
}

/*! Returns the header's \c alg as written; \c none is returned as is and means nothing. */
QString JwtToken::algorithm() const
{
    return header().value(QLatin1String("alg")).toString();
}

/*! Returns the \c sub claim, or an empty string if there is none. */
QString JwtToken::subject() const
{
    return claims().value(QLatin1String("sub")).toString();
}

/*! Returns the \c iss claim, or an empty string if there is none. */
QString JwtToken::issuer() const
{
    return claims().value(QLatin1String("iss")).toString();
}

/*! Returns true if the token carries an \c exp claim. */
bool JwtToken::hasExpiry() const
{
    return expiresAt().isValid();
}

/*! Returns the \c exp claim in UTC (whole seconds), or a null QDateTime if there is none. */
QDateTime JwtToken::expiresAt() const
{
    return d ? d->expiresAt : QDateTime();
}

/*! Returns the \c iat claim in UTC (whole seconds), or a null QDateTime if there is none. */
QDateTime JwtToken::issuedAt() const
{
    return d ? d->issuedAt : QDateTime();
}

/*! Returns the \c nbf claim in UTC (whole seconds), or a null QDateTime if there is none. */
QDateTime JwtToken::notBefore() const
{
    return d ? d->notBefore : QDateTime();
}

/*!
    Returns true if both tokens have the same header and claims (or are invalid for the same
    reason). The signature is not compared: it is never verified either.
*/
bool JwtToken::operator==(const JwtToken &other) const
{
    if (d == other.d)
        return true;
    return error() == other.error() && header() == other.header() && claims() == other.claims();
}

/*!
    \relates JwtToken
    Writes the subject and expiry of \a token to \a debug, or the reason it is invalid;
    never the encoded token, the signature or any other claim.
*/
QDebug operator<<(QDebug debug, const JwtToken &token)
{
    const QDebugStateSaver saver(debug);
    debug.nospace();
    if (!token.isValid())
        return debug << "JwtToken(invalid: " << errorName(token.error()) << ')';
    debug << "JwtToken(sub=" << token.subject() << ", exp=";
    if (token.hasExpiry())
        debug << token.expiresAt().toString(Qt::ISODate).toUtf8().constData();
    else
        debug << "none";
    return debug << ')';
}
