// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtjsonfields_p.h"

#include "jwtbearer_p.h"
#include "jwtlogging_p.h"

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsonvalue.h>

#include <cmath>

/*!
    \class JwtJsonFields
    \internal
    \brief Finds the access token, its lifetime, the refresh token and the user in a JSON answer.

    Servers name these fields differently (\c access_token, \c accessToken, \c token, …), and
    some put them one level down in a \c data object. Without a configured name, read() looks
    for the usual names in order: first in the answer itself, then in \c data. A configured name
    is used alone (also looked for in \c data). \c id_token is never taken for an access token:
    it is meant for the client, not for APIs.

    The lifetime is relative (\c expires_in, \c expiresIn: seconds) or absolute (\c expires_at,
    \c expiresAt: seconds since the epoch, milliseconds when the number is that large, or an
    ISO 8601 date); it is read from the object that held the token, then from the answer. An
    unusable lifetime leaves it unknown with a warning that names the field.

    When no access token is found, the message names what was looked for and the fields the
    answer had, never a value: "The answer had no access token: looked for access_token,
    accessToken, token, access, jwt; it had fields user, expires. Set accessTokenField."
*/

namespace {

constexpr qsizetype MaximumUserNameSize = 256;
constexpr qsizetype MaximumListedFields = 20;
constexpr qsizetype MaximumListedNameSize = 40;
const QLatin1String DataField("data");

QStringList names(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *name : list)
        result.append(QLatin1String(name));
    return result;
}

// Where a name was found: the answer, or its "data" object.
struct Hit
{
    QJsonValue value;
    QString path;
    bool nested = false;
};

Hit find(const QJsonObject &top, const QStringList &candidates, bool preferNested = false)
{
    const QJsonObject data = top.value(DataField).toObject();
    const auto inTop = [&]() -> Hit {
        for (const QString &name : candidates) {
            const QJsonValue value = top.value(name);
            if (!value.isUndefined() && !value.isNull())
                return {value, name, false};
        }
        return {};
    };
    const auto inData = [&]() -> Hit {
        for (const QString &name : candidates) {
            const QJsonValue value = data.value(name);
            if (!value.isUndefined() && !value.isNull())
                return {value, DataField + QLatin1Char('.') + name, true};
        }
        return {};
    };
    Hit hit = preferNested ? inData() : inTop();
    if (hit.path.isEmpty())
        hit = preferNested ? inTop() : inData();
    return hit;
}

// A field name as it may appear in a message: printable, short.
QString listedName(const QString &name)
{
    QString shown;
    for (QChar c : name) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            shown += QLatin1Char('?');
        else
            shown += c;
    }
    if (shown.size() > MaximumListedNameSize)
        shown = shown.left(MaximumListedNameSize) + QStringLiteral("…");
    return shown;
}

QStringList fieldsOf(const QJsonObject &top)
{
    QStringList fields;
    const QStringList keys = top.keys();
    for (const QString &key : keys) {
        if (fields.size() == MaximumListedFields) {
            fields.append(QStringLiteral("…"));
            break;
        }
        fields.append(listedName(key));
    }
    return fields;
}

void warnLifetime(const QString &path)
{
    qCWarning(lcJwtRefresh,
              "The token response has an invalid \"%s\"; the token lifetime is treated as "
              "unknown",
              qUtf8Printable(path));
}

// A positive whole number of seconds (a numeric string is tolerated), or -1.
double readNumber(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toDouble();
    if (!value.isString())
        return -1;
    const QString text = value.toString();
    bool ok = !text.isEmpty() && text.size() <= 15;
    for (QChar c : text)
        ok = ok && c >= u'0' && c <= u'9';
    return ok ? text.toDouble() : -1;
}

bool isLifetime(double seconds)
{
    return std::isfinite(seconds) && seconds == std::floor(seconds) && seconds >= 1
            && seconds <= double(JwtJsonFields::MaximumLifetime);
}

qint64 relativeLifetime(const Hit &hit)
{
    const double seconds = readNumber(hit.value);
    if (!isLifetime(seconds)) {
        warnLifetime(hit.path);
        return -1;
    }
    return qint64(seconds);
}

qint64 absoluteLifetime(const Hit &hit, const QDateTime &now)
{
    QDateTime at;
    const double number = readNumber(hit.value);
    if (number > 0 && std::isfinite(number)) {
        // Seconds since the epoch; a JavaScript Date.now() is in milliseconds.
        const double msecs = number > 1e11 ? number : number * 1000;
        if (msecs < 9e15)
            at = QDateTime::fromMSecsSinceEpoch(qint64(msecs), Qt::UTC);
    } else if (hit.value.isString() && hit.value.toString().size() <= 64) {
        at = QDateTime::fromString(hit.value.toString(), Qt::ISODateWithMs);
    }
    const double seconds = at.isValid() ? double(now.secsTo(at)) : -1;
    if (!isLifetime(seconds)) {
        warnLifetime(hit.path);
        return -1;
    }
    return qint64(seconds);
}

QString readUserName(const QJsonObject &top, bool preferNested)
{
    const Hit hit = find(top, names({"user", "username", "userName"}), preferNested);
    if (!hit.value.isString())
        return {};
    QString name = hit.value.toString(); // not const: returned by move
    if (name.size() > MaximumUserNameSize)
        return {};
    for (QChar c : name) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return {};
    }
    return name;
}

} // namespace

/*! The names an access token is looked for under, in order. Never \c id_token. */
QStringList JwtJsonFields::accessTokenNames()
{
    return names({"access_token", "accessToken", "token", "access", "jwt"});
}

/*! The names of a relative lifetime in seconds, in order. */
QStringList JwtJsonFields::lifetimeNames()
{
    return names({"expires_in", "expiresIn"});
}

/*! The names of an absolute expiry, in order. */
QStringList JwtJsonFields::absoluteExpiryNames()
{
    return names({"expires_at", "expiresAt"});
}

/*! The names a refresh token is looked for under, in order. */
QStringList JwtJsonFields::refreshTokenNames()
{
    return names({"refresh_token", "refreshToken", "refresh"});
}

/*! Reads \a answer with the configured \a configured names (empty: detected); \a now is the
    reference for an absolute expiry. */
JwtJsonFields::Found JwtJsonFields::read(const QJsonObject &answer,
                                         const JwtJsonFieldNames &configured, const QDateTime &now)
{
    Found found;
    const QStringList tokenNames = configured.accessToken.isEmpty()
            ? accessTokenNames()
            : QStringList {configured.accessToken};
    const Hit token = find(answer, tokenNames);
    if (token.path.isEmpty()) {
        found.lookedFor = tokenNames;
        found.fieldsSeen = fieldsOf(answer);
        found.message = tr("The answer had no access token: looked for %1; it had fields %2. "
                           "Set accessTokenField.")
                                .arg(tokenNames.join(QLatin1String(", ")),
                                     found.fieldsSeen.isEmpty()
                                             ? tr("none")
                                             : found.fieldsSeen.join(QLatin1String(", ")));
        return found;
    }
    found.accessTokenName = token.path;
    found.accessToken = token.value.toString().toUtf8();
    if (!token.value.isString() || !JwtBearer::isValidToken(found.accessToken)) {
        found.accessToken.clear();
        found.message = tr("The answer's field %1 is not a usable access token.")
                                .arg(listedName(token.path));
        return found;
    }

    const QDateTime reference = now.isValid() ? now : QDateTime::currentDateTimeUtc();
    if (!configured.expiresIn.isEmpty()) {
        const Hit lifetime = find(answer, {configured.expiresIn}, token.nested);
        if (!lifetime.path.isEmpty()) {
            found.expiresInName = lifetime.path;
            found.expiresIn = lifetime.value.isString() && readNumber(lifetime.value) < 0
                    ? absoluteLifetime(lifetime, reference)
                    : relativeLifetime(lifetime);
        }
    } else if (const Hit relative = find(answer, lifetimeNames(), token.nested);
               !relative.path.isEmpty()) {
        found.expiresInName = relative.path;
        found.expiresIn = relativeLifetime(relative);
    } else if (const Hit absolute = find(answer, absoluteExpiryNames(), token.nested);
               !absolute.path.isEmpty()) {
        found.expiresInName = absolute.path;
        found.expiresIn = absoluteLifetime(absolute, reference);
    }

    const QStringList refreshNames = configured.refreshToken.isEmpty()
            ? refreshTokenNames()
            : QStringList {configured.refreshToken};
    const Hit refresh =
            configured.readRefreshToken ? find(answer, refreshNames, token.nested) : Hit();
    if (!refresh.path.isEmpty()
        && !(refresh.value.isString() && refresh.value.toString().isEmpty())) {
        found.refreshTokenName = refresh.path;
        found.refreshToken = refresh.value.toString().toUtf8();
        if (!refresh.value.isString()
            || !JwtBearer::isValidIssuedRefreshToken(found.refreshToken)) {
            found.refreshToken.clear();
            found.refreshTokenInvalid = true;
            found.message = tr("The answer's field %1 is not a usable refresh token.")
                                    .arg(listedName(refresh.path));
            return found;
        }
    }
    found.userName = readUserName(answer, token.nested);
    found.ok = true;
    return found;
}
