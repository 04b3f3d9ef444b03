// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtdemoauthorization.h"

#include "jwtdemoauthority.h"

#include <QtCore/qcryptographichash.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qlist.h>
#include <QtCore/qrandom.h>
#include <QtCore/qurl.h>
#include <QtCore/qurlquery.h>

namespace {

constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

JwtDemoResponse json(int status, const QJsonObject &object)
{
    JwtDemoResponse response;
    response.status = status;
    response.setHeader("Content-Type", "application/json");
    response.setHeader("Cache-Control", "no-store");
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

JwtDemoResponse oauthError(const QString &error, const QString &description)
{
    return json(
            400,
            {{QStringLiteral("error"), error}, {QStringLiteral("error_description"), description}});
}

// RFC 6749 §4.1.2.1: without a valid redirect URI the server must not redirect.
JwtDemoResponse badRequest(const QByteArray &text)
{
    JwtDemoResponse response;
    response.status = 400;
    response.setHeader("Content-Type", "text/plain; charset=utf-8");
    response.body = text + '\n';
    return response;
}

JwtDemoResponse redirect(QUrl target, const QList<QPair<QString, QString>> &parameters)
{
    QUrlQuery query(target);
    for (const auto &parameter : parameters)
        query.addQueryItem(parameter.first,
                           QString::fromLatin1(QUrl::toPercentEncoding(parameter.second)));
    target.setQuery(query);
    JwtDemoResponse response;
    response.status = 302;
    response.setHeader("Location", target.toEncoded(QUrl::FullyEncoded));
    response.setHeader("Cache-Control", "no-store");
    return response;
}

bool isLoopbackRedirect(const QUrl &url)
{
    return url.isValid() && url.scheme() == QLatin1String("http")
            && (url.host() == QLatin1String("127.0.0.1") || url.host() == QLatin1String("::1")
                || url.host() == QLatin1String("localhost"))
            && !url.hasFragment();
}

QString s256(const QString &verifier)
{
    return QString::fromLatin1(
            QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                    .toBase64(Base64Url));
}

QString newCode()
{
    QList<quint32> words(6);
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    return QString::fromLatin1(
            QByteArray(reinterpret_cast<const char *>(words.constData()), 24).toBase64(Base64Url));
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

JwtDemoAuthorization::JwtDemoAuthorization(JwtDemoAuthority *authority) : m_authority(authority) { }

void JwtDemoAuthorization::setApprovedUser(const QString &user, const QString &password)
{
    m_user = user;
    m_password = password;
}

JwtDemoResponse JwtDemoAuthorization::authorize(const JwtDemoRequest &request)
{
    const QUrlQuery query(request.url);
    const auto value = [&query](const char *name) {
        return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
    };
    const QUrl redirectUri(value("redirect_uri"), QUrl::StrictMode);
    if (value("client_id").isEmpty())
        return badRequest("client_id missing");
    if (!isLoopbackRedirect(redirectUri))
        return badRequest("redirect_uri must be a loopback http URI (RFC 8252 7.3)");
    QList<QPair<QString, QString>> answer;
    if (value("response_type") != QLatin1String("code")) {
        answer.append({QStringLiteral("error"), QStringLiteral("unsupported_response_type")});
    } else if (value("code_challenge_method") != QLatin1String("S256")
               || value("code_challenge").size() != 43) {
        answer.append({QStringLiteral("error"), QStringLiteral("invalid_request")});
        answer.append({QStringLiteral("error_description"),
                       QStringLiteral("PKCE with S256 is required")});
    } else {
        const QString code = newCode();
        m_codes.insert(
                code,
                {value("redirect_uri"), value("code_challenge"), nowMs() + m_codeLifetime.count()});
        answer.append({QStringLiteral("code"), code});
    }
    if (!value("state").isEmpty())
        answer.append({QStringLiteral("state"), value("state")});
    return redirect(redirectUri, answer);
}

JwtDemoResponse JwtDemoAuthorization::exchangeCode(const QHash<QString, QString> &form)
{
    const auto it = m_codes.constFind(form.value(QStringLiteral("code")));
    if (it == m_codes.constEnd())
        return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("unknown or used code"));
    const Code code = *it;
    m_codes.erase(it); // single use, whatever comes next
    if (nowMs() >= code.expiresAtMs)
        return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("code expired"));
    if (form.value(QStringLiteral("redirect_uri")) != code.redirectUri)
        return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("redirect_uri differs"));
    if (s256(form.value(QStringLiteral("code_verifier"))) != code.challenge) {
        return oauthError(QStringLiteral("invalid_grant"),
                          QStringLiteral("code_verifier does not match the challenge"));
    }
    JwtDemoAuthority::Tokens tokens;
    if (m_authority->login(m_user, m_password, &tokens) != JwtDemoAuthority::Outcome::Ok)
        return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("unknown user"));
    JwtDemoResponse response =
            json(200,
                 {{QStringLiteral("access_token"), QString::fromLatin1(tokens.accessToken)},
                  {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                  {QStringLiteral("expires_in"), tokens.expiresIn},
                  {QStringLiteral("refresh_token"), QString::fromLatin1(tokens.refreshToken)}});
    response.setHeader("Pragma", "no-cache");
    return response;
}

JwtDemoResponse JwtDemoAuthorization::discovery(const JwtDemoRequest &request) const
{
    const QString issuer = QStringLiteral("http://") + QString::fromLatin1(request.header("Host"));
    return json(
            200,
            {{QStringLiteral("issuer"), issuer},
             {QStringLiteral("authorization_endpoint"), issuer + QLatin1String("/oauth/authorize")},
             {QStringLiteral("token_endpoint"), issuer + QLatin1String("/oauth/token")},
             {QStringLiteral("revocation_endpoint"), issuer + QLatin1String("/oauth/revoke")},
             {QStringLiteral("response_types_supported"), QJsonArray {QStringLiteral("code")}},
             {QStringLiteral("grant_types_supported"),
              QJsonArray {QStringLiteral("authorization_code"), QStringLiteral("refresh_token"),
                          QStringLiteral("password")}},
             {QStringLiteral("code_challenge_methods_supported"),
              QJsonArray {QStringLiteral("S256")}},
             {QStringLiteral("token_endpoint_auth_methods_supported"),
              QJsonArray {QStringLiteral("none")}}});
}
