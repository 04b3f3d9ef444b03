// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtdemojsonroutes.h"

#include "jwtdemoauthority.h"

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>

namespace {

const QString ObtainPath = QStringLiteral("/api/token/");
const QString RefreshPath = QStringLiteral("/api/token/refresh/");
const QString BlacklistPath = QStringLiteral("/api/token/blacklist/");

JwtDemoResponse json(int status, const QJsonObject &object)
{
    JwtDemoResponse response;
    response.status = status;
    response.setHeader("Content-Type", "application/json");
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

// Django REST framework's answer for missing fields.
JwtDemoResponse required(const QStringList &fields)
{
    QJsonObject errors;
    for (const QString &field : fields)
        errors.insert(field, QJsonArray {QStringLiteral("This field is required.")});
    return json(400, errors);
}

JwtDemoResponse tokenNotValid(const QString &detail)
{
    return json(401,
                {{QStringLiteral("detail"), detail},
                 {QStringLiteral("code"), QStringLiteral("token_not_valid")}});
}

JwtDemoResponse pair(const JwtDemoAuthority::Tokens &tokens)
{
    QJsonObject object {{QStringLiteral("access"), QString::fromLatin1(tokens.accessToken)},
                        {QStringLiteral("refresh"), QString::fromLatin1(tokens.refreshToken)}};
    return json(200, object);
}

} // namespace

JwtDemoJsonRoutes::JwtDemoJsonRoutes(JwtDemoAuthority *authority) : m_authority(authority) { }

bool JwtDemoJsonRoutes::handles(const QString &path)
{
    return path == ObtainPath || path == RefreshPath || path == BlacklistPath;
}

JwtDemoResponse JwtDemoJsonRoutes::handle(const JwtDemoRequest &request, bool outage)
{
    if (request.method.toUpper() != "POST") {
        JwtDemoResponse response = json(405,
                                        {{QStringLiteral("detail"),
                                          QStringLiteral("Method \"%1\" not allowed.")
                                                  .arg(QString::fromLatin1(request.method))}});
        response.setHeader("Allow", "POST, OPTIONS");
        return response;
    }
    const QString path = request.url.path();
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    if (path == ObtainPath)
        return obtain(body);
    if (path == RefreshPath) {
        if (outage) {
            JwtDemoResponse response =
                    json(503, {{QStringLiteral("detail"), QStringLiteral("Service unavailable.")}});
            response.setHeader("Retry-After", "1");
            return response;
        }
        return refresh(body);
    }
    return blacklist(body);
}

JwtDemoResponse JwtDemoJsonRoutes::obtain(const QJsonObject &body)
{
    QStringList missing;
    for (const QString &field : {QStringLiteral("username"), QStringLiteral("password")}) {
        if (!body.value(field).isString())
            missing.append(field);
    }
    if (!missing.isEmpty())
        return required(missing);
    JwtDemoAuthority::Tokens tokens;
    if (m_authority->login(body.value(QStringLiteral("username")).toString(),
                           body.value(QStringLiteral("password")).toString(), &tokens)
        != JwtDemoAuthority::Outcome::Ok) {
        return json(401,
                    {{QStringLiteral("detail"),
                      QStringLiteral("No active account found with the given credentials")}});
    }
    return pair(tokens);
}

JwtDemoResponse JwtDemoJsonRoutes::refresh(const QJsonObject &body)
{
    if (!body.value(QStringLiteral("refresh")).isString())
        return required({QStringLiteral("refresh")});
    JwtDemoAuthority::Tokens tokens;
    const auto outcome = m_authority->refresh(
            body.value(QStringLiteral("refresh")).toString().toUtf8(), &tokens);
    if (outcome == JwtDemoAuthority::Outcome::ReusedCredential)
        return tokenNotValid(QStringLiteral("Token is blacklisted"));
    if (outcome != JwtDemoAuthority::Outcome::Ok)
        return tokenNotValid(QStringLiteral("Token is invalid or expired"));
    return pair(tokens);
}

JwtDemoResponse JwtDemoJsonRoutes::blacklist(const QJsonObject &body)
{
    if (!body.value(QStringLiteral("refresh")).isString())
        return required({QStringLiteral("refresh")});
    m_authority->revoke(body.value(QStringLiteral("refresh")).toString().toUtf8());
    return json(200, {});
}
