// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtdemoauthority.h"

#include <QtCore/qcryptographichash.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qmessageauthenticationcode.h>
#include <QtCore/qrandom.h>

#include <algorithm>

/*!
    \class JwtDemoAuthority
    \brief The token authority of the demo and test servers: issues, verifies and rotates.

    Access tokens are compact HS256 JWTs signed with a random key that lives as long as the
    authority, so tokens of one run are worthless in the next. Refresh credentials are opaque
    random strings grouped in families (one family per login); every refresh rotates the family's
    current credential and remembers the old one, so presenting it again is detected as reuse and
    revokes the whole family (OAuth 2.0 Security BCP, refresh token rotation).

    Not thread-safe: it lives in the thread of its HTTP front end.
*/

namespace {

using namespace std::chrono_literals;

constexpr int KeySize = 32;
constexpr int CredentialSize = 32;

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool fromBase64Url(const QByteArray &text, QByteArray *data)
{
    const auto result = QByteArray::fromBase64Encoding(
            text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return false;
    *data = *result;
    return true;
}

QByteArray randomBytes(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          size / int(sizeof(quint32)));
    return bytes;
}

// Runs in time independent of where the inputs differ, so that the signature check does not
// tell an attacker how many leading bytes of a forged signature were right.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

qint64 ceilSeconds(qint64 ms)
{
    return (ms + 999) / 1000;
}

} // namespace

struct JwtDemoAuthority::Private
{
    struct Family
    {
        QString user;
        quint64 generation = 0;
        QByteArray current;
        bool revoked = false;
    };

    struct Credential
    {
        quint64 family = 0;
        qint64 expiresAtMs = 0;
        bool used = false; // rotated away: presenting it again is reuse
    };

    QByteArray key = randomBytes(KeySize);
    QHash<QString, QString> users;
    std::chrono::milliseconds accessLifetime = 60s;
    std::chrono::milliseconds refreshLifetime = 24h;
    quint64 epoch = 0;
    quint64 nextFamily = 1;
    QHash<quint64, Family> families;
    QHash<QByteArray, Credential> credentials;
    Counters counters;

    QByteArray sign(const QByteArray &signingInput) const;
    QByteArray issueAccessToken(const QString &user, quint64 generation) const;
    QByteArray issueCredential(quint64 familyId);
    void fillTokens(quint64 familyId, Tokens *tokens);
    Access decode(const QByteArray &authorization) const;
};

QByteArray JwtDemoAuthority::Private::sign(const QByteArray &signingInput) const
{
    return QMessageAuthenticationCode::hash(signingInput, key, QCryptographicHash::Sha256);
}

QByteArray JwtDemoAuthority::Private::issueAccessToken(const QString &user,
                                                       quint64 generation) const
{
    const qint64 issuedMs = nowMs();
    const qint64 expiresMs = issuedMs + accessLifetime.count();
    const QJsonObject header {{QStringLiteral("alg"), QStringLiteral("HS256")},
                              {QStringLiteral("typ"), QStringLiteral("JWT")}};
    // exp is rounded up to whole seconds as RFC 7519 wants a NumericDate; exp_ms carries the
    // precise instant so that sub-second lifetimes used by tests expire when they should.
    const QJsonObject claims {
            {QStringLiteral("sub"), user},
            {QStringLiteral("iat"), issuedMs / 1000},
            {QStringLiteral("exp"), ceilSeconds(expiresMs)},
            {QStringLiteral("exp_ms"), expiresMs},
            {QStringLiteral("jti"), QString::fromLatin1(base64Url(randomBytes(16)))},
            {QStringLiteral("gen"), qint64(generation)},
            {QStringLiteral("epoch"), qint64(epoch)},
    };
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact))
            + '.' + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    return signingInput + '.' + base64Url(sign(signingInput));
}

QByteArray JwtDemoAuthority::Private::issueCredential(quint64 familyId)
{
    const QByteArray credential = base64Url(randomBytes(CredentialSize));
    credentials.insert(credential, {familyId, nowMs() + refreshLifetime.count(), false});
    families[familyId].current = credential;
    return credential;
}

void JwtDemoAuthority::Private::fillTokens(quint64 familyId, Tokens *tokens)
{
    const Family &family = families[familyId];
    Tokens result;
    result.accessToken = issueAccessToken(family.user, family.generation);
    result.refreshToken = issueCredential(familyId);
    result.expiresIn = ceilSeconds(accessLifetime.count());
    result.user = family.user;
    result.generation = family.generation;
    if (tokens)
        *tokens = result;
}

JwtDemoAuthority::Access JwtDemoAuthority::Private::decode(const QByteArray &authorization) const
{
    Access access;
    const QByteArray value = authorization.trimmed();
    if (value.isEmpty()) {
        access.reason = QStringLiteral("missing");
        return access;
    }
    const qsizetype space = value.indexOf(' ');
    const QByteArray token = space < 0 ? QByteArray() : value.mid(space + 1).trimmed();
    if (space < 0 || value.left(space).compare("bearer", Qt::CaseInsensitive) != 0
        || token.isEmpty()) {
        access.reason = QStringLiteral("malformed");
        return access;
    }

    const QList<QByteArray> parts = token.split('.');
    QByteArray headerJson, claimsJson, signature;
    if (parts.size() != 3 || !fromBase64Url(parts.at(0), &headerJson)
        || !fromBase64Url(parts.at(1), &claimsJson) || !fromBase64Url(parts.at(2), &signature)) {
        access.reason = QStringLiteral("malformed");
        return access;
    }
    const QJsonObject header = QJsonDocument::fromJson(headerJson).object();
    const QJsonObject claims = QJsonDocument::fromJson(claimsJson).object();
    // Only HS256 is ever issued; accepting what the header asks for is the classic "alg: none"
    // hole, so anything else is refused before the signature is even looked at.
    if (header.value(QStringLiteral("alg")).toString() != QStringLiteral("HS256")
        || claims.isEmpty()) {
        access.reason = QStringLiteral("malformed");
        return access;
    }
    if (!constantTimeEquals(signature, sign(parts.at(0) + '.' + parts.at(1)))) {
        access.reason = QStringLiteral("bad signature");
        return access;
    }

    const qint64 expiresMs = claims.contains(QStringLiteral("exp_ms"))
            ? qint64(claims.value(QStringLiteral("exp_ms")).toDouble())
            : qint64(claims.value(QStringLiteral("exp")).toDouble()) * 1000;
    if (nowMs() >= expiresMs) {
        access.reason = QStringLiteral("expired");
        return access;
    }
    if (claims.value(QStringLiteral("epoch")).toDouble(-1) != double(epoch)) {
        access.reason = QStringLiteral("revoked");
        return access;
    }
    access.ok = true;
    access.user = claims.value(QStringLiteral("sub")).toString();
    access.generation = quint64(claims.value(QStringLiteral("gen")).toDouble());
    return access;
}

JwtDemoAuthority::JwtDemoAuthority(QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    addUser(QStringLiteral("alice"), QStringLiteral("wonderland"));
    addUser(QStringLiteral("bob"), QStringLiteral("builder"));
}

JwtDemoAuthority::~JwtDemoAuthority() = default;

void JwtDemoAuthority::addUser(const QString &user, const QString &password)
{
    d->users.insert(user, password);
}

void JwtDemoAuthority::setAccessTokenLifetime(std::chrono::milliseconds lifetime)
{
    d->accessLifetime = lifetime;
}

std::chrono::milliseconds JwtDemoAuthority::accessTokenLifetime() const
{
    return d->accessLifetime;
}

void JwtDemoAuthority::setRefreshTokenLifetime(std::chrono::milliseconds lifetime)
{
    d->refreshLifetime = lifetime;
}

std::chrono::milliseconds JwtDemoAuthority::refreshTokenLifetime() const
{
    return d->refreshLifetime;
}

/*!
    Checks \a user and \a password and on success starts a new refresh family at generation 1.
    Only successful logins are counted and announced with loggedIn().
*/
JwtDemoAuthority::Outcome JwtDemoAuthority::login(const QString &user, const QString &password,
                                                  Tokens *tokens)
{
    const auto it = d->users.constFind(user);
    if (user.isEmpty() || it == d->users.constEnd()
        || !constantTimeEquals(it->toUtf8(), password.toUtf8())) {
        return Outcome::BadCredentials;
    }
    const quint64 familyId = d->nextFamily++;
    d->families.insert(familyId, {user, 1, {}, false});
    d->fillTokens(familyId, tokens);
    ++d->counters.logins;
    Q_EMIT loggedIn(user);
    return Outcome::Ok;
}

/*!
    Exchanges the current credential of a family for a new access token and a new credential.
    Every call is counted in Counters::refreshCalls; a rejection also emits refreshRejected().
*/
JwtDemoAuthority::Outcome JwtDemoAuthority::refresh(const QByteArray &refreshToken, Tokens *tokens)
{
    ++d->counters.refreshCalls;
    Outcome outcome = Outcome::UnknownCredential;
    const auto it = d->credentials.find(refreshToken);
    if (it != d->credentials.end() && !refreshToken.isEmpty()) {
        Private::Family &family = d->families[it->family];
        if (family.revoked || nowMs() >= it->expiresAtMs) {
            outcome = Outcome::UnknownCredential;
        } else if (it->used) {
            // Someone holds a credential that was already exchanged: either the client or an
            // attacker has a stale copy, and the server cannot tell which, so nobody keeps it.
            family.revoked = true;
            ++d->counters.reuseDetections;
            outcome = Outcome::ReusedCredential;
        } else {
            it->used = true;
            ++family.generation;
            d->fillTokens(it->family, tokens);
            Q_EMIT refreshed(family.user, family.generation);
            return Outcome::Ok;
        }
    }
    ++d->counters.refreshesRejected;
    Q_EMIT refreshRejected(outcome);
    return outcome;
}

JwtDemoAuthority::Access JwtDemoAuthority::verify(const QByteArray &authorization)
{
    const Access access = d->decode(authorization);
    if (access.ok) {
        ++d->counters.accessGranted;
        ++d->counters.requestsPerGeneration[access.generation];
    } else {
        ++d->counters.accessDenied;
    }
    return access;
}

void JwtDemoAuthority::revoke(const QByteArray &refreshToken)
{
    const auto it = d->credentials.constFind(refreshToken);
    if (it != d->credentials.constEnd())
        d->families[it->family].revoked = true;
}

void JwtDemoAuthority::expireAccessTokensNow()
{
    ++d->epoch;
}

void JwtDemoAuthority::revokeAllRefreshTokens()
{
    for (Private::Family &family : d->families)
        family.revoked = true;
}

JwtDemoAuthority::Counters JwtDemoAuthority::counters() const
{
    return d->counters;
}

void JwtDemoAuthority::resetCounters()
{
    d->counters = {};
}
