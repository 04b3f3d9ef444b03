// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtbackendshapes.h"

#include "jwttestserver.h"

#include <QtCore/qdatetime.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qmessageauthenticationcode.h>
#include <QtCore/qrandom.h>

/*!
    \class JwtBackendShape
    \brief Django REST framework SimpleJWT, ASP.NET Core Identity and the Express cookie flow,
    reproduced on a JwtTestServer from their documentation, with counters of what they saw.

    Sources: SimpleJWT's "Getting started" and settings pages (TokenObtainPairView,
    TokenRefreshView, ROTATE_REFRESH_TOKENS, BLACKLIST_AFTER_ROTATION; errors from
    rest_framework_simplejwt.exceptions and the serializers' "This field is required."),
    ASP.NET Core's MapIdentityApi (AccessTokenResponse; a failed refresh is
    TypedResults.Challenge(): 401, no body; a failed login is TypedResults.Problem("Failed",
    401)). One account, alice.
*/

namespace {

const QByteArray SigningKey = QByteArrayLiteral("backend-shape-test-key");
constexpr qint64 SimpleJwtAccessLifetime = 5 * 60; // ACCESS_TOKEN_LIFETIME default
constexpr qint64 AspNetAccessLifetime = 3600; // BearerTokenOptions.BearerTokenExpiration
constexpr qint64 ExpressAccessLifetime = 15 * 60; // jwt.sign(…, {expiresIn: '15m'})

JwtDemoResponse respond(int status, const QByteArray &contentType, const QByteArray &body)
{
    JwtDemoResponse response;
    response.status = status;
    if (!contentType.isEmpty())
        response.setHeader("Content-Type", contentType);
    response.body = body;
    return response;
}

JwtDemoResponse json(int status, const QJsonObject &object,
                     const QByteArray &contentType = "application/json")
{
    return respond(status, contentType, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QByteArray base64url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray signJwt(const QJsonObject &claims)
{
    const QByteArray input = base64url(R"({"alg":"HS256","typ":"JWT"})") + '.'
            + base64url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    return input + '.'
            + base64url(QMessageAuthenticationCode::hash(input, SigningKey,
                                                         QCryptographicHash::Sha256));
}

QByteArray randomBytes(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &c : bytes)
        c = char(QRandomGenerator::global()->bounded(256));
    return bytes;
}

QJsonObject bodyOf(const JwtDemoRequest &request, bool *ok)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    *ok = error.error == QJsonParseError::NoError && document.isObject();
    return document.object();
}

bool isSimpleJwt(JwtBackendShape::Kind kind)
{
    return kind == JwtBackendShape::Kind::SimpleJwt
            || kind == JwtBackendShape::Kind::SimpleJwtRotating;
}

QJsonObject required(const QStringList &fields)
{
    QJsonObject errors;
    for (const QString &field : fields)
        errors.insert(field, QJsonArray {QStringLiteral("This field is required.")});
    return errors;
}

} // namespace

JwtBackendShape::JwtBackendShape(Kind kind, JwtTestServer *server, QObject *parent)
    : QObject(parent), m_kind(kind), m_server(server)
{
    server->setPublicRouteHandler(loginUrl().path(),
                                  [this](const JwtDemoRequest &request) { return login(request); });
    server->setPublicRouteHandler(refreshUrl().path(), [this](const JwtDemoRequest &request) {
        return refresh(request);
    });
    server->setPublicRouteHandler(apiUrl().path(),
                                  [this](const JwtDemoRequest &request) { return api(request); });
}

JwtBackendShape::~JwtBackendShape()
{
    for (const QUrl &url : {loginUrl(), refreshUrl(), apiUrl()})
        m_server->setPublicRouteHandler(url.path(), {});
}

JwtBackendShape::Kind JwtBackendShape::kind() const
{
    return m_kind;
}

QString JwtBackendShape::name(Kind kind)
{
    switch (kind) {
    case Kind::ExpressCookie:
        return QStringLiteral("Express cookie flow");
    case Kind::SimpleJwt:
        return QStringLiteral("Django SimpleJWT");
    case Kind::SimpleJwtRotating:
        return QStringLiteral("Django SimpleJWT, rotation and blacklist");
    case Kind::AspNetIdentity:
        return QStringLiteral("ASP.NET Core Identity");
    }
    return {};
}

QUrl JwtBackendShape::loginUrl() const
{
    switch (m_kind) {
    case Kind::ExpressCookie:
        return m_server->url(QStringLiteral("/auth/login"));
    case Kind::SimpleJwt:
    case Kind::SimpleJwtRotating:
        return m_server->url(QStringLiteral("/api/token/"));
    case Kind::AspNetIdentity:
        return m_server->url(QStringLiteral("/login"));
    }
    return {};
}

QUrl JwtBackendShape::refreshUrl() const
{
    switch (m_kind) {
    case Kind::ExpressCookie:
        return m_server->url(QStringLiteral("/auth/refresh-token"));
    case Kind::SimpleJwt:
    case Kind::SimpleJwtRotating:
        return m_server->url(QStringLiteral("/api/token/refresh/"));
    case Kind::AspNetIdentity:
        return m_server->url(QStringLiteral("/refresh"));
    }
    return {};
}

QUrl JwtBackendShape::apiUrl() const
{
    return m_server->url(QStringLiteral("/shape/me"));
}

QString JwtBackendShape::userField() const
{
    return m_kind == Kind::AspNetIdentity ? QStringLiteral("email") : QStringLiteral("username");
}

QString JwtBackendShape::user() const
{
    return m_kind == Kind::AspNetIdentity ? QStringLiteral("alice@example.com")
                                          : QStringLiteral("alice");
}

QString JwtBackendShape::password() const
{
    return QStringLiteral("Wonderland1!");
}

void JwtBackendShape::expireAccessTokensNow()
{
    for (qint64 &expiry : m_access)
        expiry = 0;
}

void JwtBackendShape::revokeRefreshTokens()
{
    for (Refresh &refresh : m_refresh)
        refresh.state = RefreshState::Revoked;
}

QByteArray JwtBackendShape::lastRefreshToken() const
{
    return m_lastRefresh;
}

JwtBackendShape::Counters JwtBackendShape::counters() const
{
    return m_counters;
}

QByteArray JwtBackendShape::accessToken(const QString &user)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QByteArray token;
    qint64 lifetime = 0;
    switch (m_kind) {
    case Kind::ExpressCookie:
        lifetime = ExpressAccessLifetime;
        token = signJwt({{QStringLiteral("id"), 1},
                         {QStringLiteral("username"), user},
                         {QStringLiteral("iat"), now},
                         {QStringLiteral("exp"), now + lifetime}});
        break;
    case Kind::SimpleJwt:
    case Kind::SimpleJwtRotating:
        lifetime = SimpleJwtAccessLifetime;
        token = signJwt({{QStringLiteral("token_type"), QStringLiteral("access")},
                         {QStringLiteral("exp"), now + lifetime},
                         {QStringLiteral("iat"), now},
                         {QStringLiteral("jti"), QString::fromLatin1(randomBytes(16).toHex())},
                         {QStringLiteral("user_id"), 1}});
        break;
    case Kind::AspNetIdentity:
        // A data-protected ticket: opaque, base64url, no dots.
        lifetime = AspNetAccessLifetime;
        token = "CfDJ8" + base64url(randomBytes(120));
        break;
    }
    m_access.insert(token, (now + lifetime) * 1000);
    return token;
}

QByteArray JwtBackendShape::refreshToken()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (isSimpleJwt(m_kind)) {
        return signJwt({{QStringLiteral("token_type"), QStringLiteral("refresh")},
                        {QStringLiteral("exp"), now + 24 * 3600},
                        {QStringLiteral("iat"), now},
                        {QStringLiteral("jti"), QString::fromLatin1(randomBytes(16).toHex())},
                        {QStringLiteral("user_id"), 1}});
    }
    if (m_kind == Kind::AspNetIdentity)
        return "CfDJ8" + base64url(randomBytes(150));
    return randomBytes(40).toHex(); // crypto.randomBytes(40).toString('hex')
}

JwtDemoResponse JwtBackendShape::login(const JwtDemoRequest &request)
{
    if (request.method != "POST")
        return respond(405, {}, {});
    bool ok = false;
    const QJsonObject body = bodyOf(request, &ok);
    const QString userName = body.value(userField()).toString();
    const QString secret = body.value(QStringLiteral("password")).toString();
    if (isSimpleJwt(m_kind)) {
        QStringList missing;
        for (const QString &field : {userField(), QStringLiteral("password")}) {
            if (!body.value(field).isString())
                missing.append(field);
        }
        if (!missing.isEmpty())
            return json(400, required(missing));
    } else if (!ok) {
        return respond(400, {}, {});
    }
    if (userName != user() || secret != password()) {
        ++m_counters.loginsRefused;
        if (isSimpleJwt(m_kind))
            return json(401,
                        {{QStringLiteral("detail"),
                          QStringLiteral("No active account found with the given credentials")}});
        if (m_kind == Kind::AspNetIdentity)
            return json(401,
                        {{QStringLiteral("type"),
                          QStringLiteral("https://tools.ietf.org/html/rfc9110#section-15.5.2")},
                         {QStringLiteral("title"), QStringLiteral("Unauthorized")},
                         {QStringLiteral("status"), 401},
                         {QStringLiteral("detail"), QStringLiteral("Failed")}},
                        "application/problem+json");
        return json(401, {{QStringLiteral("message"), QStringLiteral("Invalid credentials")}});
    }
    ++m_counters.logins;
    return issue(userName, true, QByteArray::number(++m_serial));
}

// The answer of a successful login or refresh, in the server's own shape.
JwtDemoResponse JwtBackendShape::issue(const QString &user, bool fromLogin,
                                       const QByteArray &family)
{
    const QByteArray access = accessToken(user);
    const bool rotates = fromLogin || m_kind != Kind::SimpleJwt;
    QByteArray refresh;
    if (rotates) {
        refresh = refreshToken();
        m_refresh.insert(refresh, {user, RefreshState::Active, family});
        m_lastRefresh = refresh;
    }
    switch (m_kind) {
    case Kind::ExpressCookie: {
        JwtDemoResponse response =
                json(200, {{QStringLiteral("accessToken"), QString::fromLatin1(access)}});
        response.setHeader("Set-Cookie",
                           "rt=" + refresh + "; Path=/auth; HttpOnly; SameSite=Strict");
        return response;
    }
    case Kind::SimpleJwt:
    case Kind::SimpleJwtRotating: {
        QJsonObject object {{QStringLiteral("access"), QString::fromLatin1(access)}};
        if (rotates)
            object.insert(QStringLiteral("refresh"), QString::fromLatin1(refresh));
        return json(200, object);
    }
    case Kind::AspNetIdentity:
        return json(200,
                    {{QStringLiteral("tokenType"), QStringLiteral("Bearer")},
                     {QStringLiteral("accessToken"), QString::fromLatin1(access)},
                     {QStringLiteral("expiresIn"), AspNetAccessLifetime},
                     {QStringLiteral("refreshToken"), QString::fromLatin1(refresh)}});
    }
    return respond(500, {}, {});
}

JwtDemoResponse JwtBackendShape::refused(bool blacklisted) const
{
    switch (m_kind) {
    case Kind::ExpressCookie:
        return json(403, {{QStringLiteral("message"), QStringLiteral("Forbidden")}});
    case Kind::SimpleJwt:
    case Kind::SimpleJwtRotating:
        return json(401,
                    {{QStringLiteral("detail"),
                      blacklisted ? QStringLiteral("Token is blacklisted")
                                  : QStringLiteral("Token is invalid or expired")},
                     {QStringLiteral("code"), QStringLiteral("token_not_valid")}});
    case Kind::AspNetIdentity:
        return respond(401, {}, {}); // TypedResults.Challenge()
    }
    return respond(500, {}, {});
}

JwtDemoResponse JwtBackendShape::refresh(const JwtDemoRequest &request)
{
    if (request.method != "POST")
        return respond(405, {}, {});
    ++m_counters.refreshCalls;
    Q_EMIT refreshCallReceived();
    bool ok = false;
    const QJsonObject body = bodyOf(request, &ok);
    QByteArray presented;
    if (m_kind == Kind::ExpressCookie) {
        presented = cookieValue(request.header("Cookie"), "rt");
        if (presented.isEmpty()) {
            ++m_counters.refreshesRejected;
            return json(401, {{QStringLiteral("message"), QStringLiteral("Unauthorized")}});
        }
    } else {
        const QString field =
                isSimpleJwt(m_kind) ? QStringLiteral("refresh") : QStringLiteral("refreshToken");
        if (!body.value(field).isString()) {
            ++m_counters.refreshesRejected;
            return isSimpleJwt(m_kind) ? json(400, required({field})) : respond(401, {}, {});
        }
        presented = body.value(field).toString().toUtf8();
    }
    const auto it = m_refresh.find(presented);
    if (it == m_refresh.end() || it->state == RefreshState::Revoked) {
        ++m_counters.refreshesRejected;
        return refused(false);
    }
    if (it->state == RefreshState::Rotated) {
        ++m_counters.reuseTrips;
        // ASP.NET Core Identity keeps accepting an older refresh token; the others refuse it,
        // and the Express tutorials revoke the whole family.
        if (m_kind != Kind::AspNetIdentity) {
            ++m_counters.refreshesRejected;
            if (m_kind == Kind::ExpressCookie) {
                const QByteArray family = it->family;
                for (Refresh &refresh : m_refresh) {
                    if (refresh.family == family)
                        refresh.state = RefreshState::Revoked;
                }
            }
            return refused(true);
        }
    }
    const Refresh current = *it;
    if (m_kind != Kind::SimpleJwt)
        it->state = RefreshState::Rotated;
    return issue(current.user, false, current.family);
}

JwtDemoResponse JwtBackendShape::api(const JwtDemoRequest &request)
{
    const QByteArray authorization = request.header("Authorization");
    const QByteArray token =
            authorization.startsWith("Bearer ") ? authorization.mid(7) : QByteArray();
    const auto it = m_access.constFind(token);
    if (token.isEmpty() || it == m_access.constEnd()
        || *it <= QDateTime::currentMSecsSinceEpoch()) {
        ++m_counters.accessDenied;
        JwtDemoResponse response = isSimpleJwt(m_kind)
                ? json(401,
                       {{QStringLiteral("detail"),
                         QStringLiteral("Given token not valid for any token type")},
                        {QStringLiteral("code"), QStringLiteral("token_not_valid")}})
                : respond(401, {}, {});
        response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        return response;
    }
    ++m_counters.accessGranted;
    return json(200, {{QStringLiteral("user"), user()}});
}
