// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtauthorizationserver.h"

#include "jwtdemoapi.h"
#include "jwtdemoauthority.h"
#include "jwttestserver.h"

#include <QtCore/qcryptographichash.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qrandom.h>
#include <QtCore/qurlquery.h>

namespace {

const QString Base = QStringLiteral("/public/oidc");

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

JwtDemoResponse json(int status, const QJsonObject &object)
{
    JwtDemoResponse response;
    response.status = status;
    response.setHeader("Content-Type", "application/json");
    response.setHeader("Cache-Control", "no-store");
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

// RFC 6749 §5.2: 400 (401 for client authentication) with a JSON error.
JwtDemoResponse oauthError(const QString &error, const QString &description, int status = 400)
{
    return json(
            status,
            {{QStringLiteral("error"), error}, {QStringLiteral("error_description"), description}});
}

// §4.1.2.1: without a valid client or redirect URI, the server must not redirect.
JwtDemoResponse errorPage(const QByteArray &text)
{
    JwtDemoResponse response;
    response.status = 400;
    response.setHeader("Content-Type", "text/plain; charset=utf-8");
    response.body = text;
    return response;
}

// A form or query string, '+' as a space; repeated parameters refused (RFC 6749 §3.1, §3.2).
bool parseForm(const QString &encoded, QHash<QString, QString> *form)
{
    QString query = encoded;
    query.replace(QLatin1Char('+'), QLatin1String("%20"));
    const auto items = QUrlQuery(query).queryItems(QUrl::FullyDecoded);
    for (const auto &item : items) {
        if (form->contains(item.first))
            return false;
        form->insert(item.first, item.second);
    }
    return true;
}

// RFC 8252 §7.3: a loopback redirect URI matches the registered one on any port.
bool isRegisteredLoopbackRedirect(const QUrl &url)
{
    return url.isValid() && url.scheme() == QLatin1String("http")
            && (url.host() == QLatin1String("127.0.0.1") || url.host() == QLatin1String("::1"))
            && url.port() > 0 && url.path() == QLatin1String("/callback") && !url.hasFragment();
}

QString s256(const QString &verifier)
{
    return QString::fromLatin1(
            QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString randomCode()
{
    QList<quint32> words(6);
    QRandomGenerator::global()->fillRange(words.data(), words.size());
    return QString::fromLatin1(
            QByteArray(reinterpret_cast<const char *>(words.constData()), 24)
                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
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

} // namespace

JwtAuthorizationServer::JwtAuthorizationServer(JwtTestServer *server, QObject *parent)
    : QObject(parent), m_server(server)
{
    server->setRouteHandler(Base + QStringLiteral("/authorize"),
                            [this](const JwtDemoRequest &request) { return authorize(request); });
    server->setRouteHandler(Base + QStringLiteral("/token"),
                            [this](const JwtDemoRequest &request) { return token(request); });
    server->setRouteHandler(Base + QStringLiteral("/.well-known/openid-configuration"),
                            [this](const JwtDemoRequest &) { return discovery(); });
}

JwtAuthorizationServer::~JwtAuthorizationServer()
{
    m_server->setRouteHandler(Base + QStringLiteral("/authorize"), {});
    m_server->setRouteHandler(Base + QStringLiteral("/token"), {});
    m_server->setRouteHandler(Base + QStringLiteral("/.well-known/openid-configuration"), {});
}

QUrl JwtAuthorizationServer::issuer() const
{
    return m_server->url(Base);
}

QUrl JwtAuthorizationServer::authorizationEndpoint() const
{
    return m_server->url(Base + QStringLiteral("/authorize"));
}

QUrl JwtAuthorizationServer::tokenEndpoint() const
{
    return m_server->url(Base + QStringLiteral("/token"));
}

JwtDemoResponse JwtAuthorizationServer::authorize(const JwtDemoRequest &request)
{
    QHash<QString, QString> query;
    Authorization seen;
    if (request.method != "GET" || !parseForm(request.url.query(QUrl::FullyEncoded), &query)) {
        seen.error = QStringLiteral("invalid_request");
        m_authorizations.append(seen);
        return errorPage("invalid request");
    }
    seen.clientId = query.value(QStringLiteral("client_id"));
    seen.redirectUri = query.value(QStringLiteral("redirect_uri"));
    seen.responseType = query.value(QStringLiteral("response_type"));
    seen.scope = query.value(QStringLiteral("scope"));
    seen.state = query.value(QStringLiteral("state"));
    seen.codeChallenge = query.value(QStringLiteral("code_challenge"));
    seen.codeChallengeMethod = query.value(QStringLiteral("code_challenge_method"));
    seen.audience = query.value(QStringLiteral("audience"));
    seen.resource = query.value(QStringLiteral("resource"));

    const QUrl redirectUri(seen.redirectUri, QUrl::StrictMode);
    if (seen.clientId != m_clientId) {
        seen.error = QStringLiteral("invalid_client");
        m_authorizations.append(seen);
        return errorPage("unknown client_id");
    }
    if (!isRegisteredLoopbackRedirect(redirectUri)) {
        seen.error = QStringLiteral("invalid_redirect_uri");
        m_authorizations.append(seen);
        return errorPage("redirect_uri is not registered for this client");
    }
    const QString state = m_forgedState.isEmpty() ? seen.state : m_forgedState;
    auto refuse = [&](const QString &error) {
        seen.error = error;
        m_authorizations.append(seen);
        QList<QPair<QString, QString>> parameters {{QStringLiteral("error"), error}};
        if (!state.isEmpty())
            parameters.append({QStringLiteral("state"), state});
        return redirect(redirectUri, parameters);
    };
    if (seen.responseType != QLatin1String("code"))
        return refuse(QStringLiteral("unsupported_response_type"));
    // Keycloak with "PKCE required" and Auth0 for native apps: S256 and a 43-128 character
    // challenge (RFC 7636 §4.2), nothing else.
    if (seen.codeChallengeMethod != QLatin1String("S256") || seen.codeChallenge.size() != 43)
        return refuse(QStringLiteral("invalid_request"));
    if (m_decision == Decision::Deny)
        return refuse(QStringLiteral("access_denied"));

    const QString code = randomCode();
    m_codes.insert(
            code,
            {seen.clientId, seen.redirectUri,
             m_tamperChallenge ? s256(QStringLiteral("another verifier")) : seen.codeChallenge,
             nowMs() + m_codeLifetime.count(), false});
    m_authorizations.append(seen);
    QList<QPair<QString, QString>> parameters {{QStringLiteral("code"), code}};
    if (!state.isEmpty())
        parameters.append({QStringLiteral("state"), state});
    return redirect(redirectUri, parameters);
}

JwtDemoResponse JwtAuthorizationServer::token(const JwtDemoRequest &request)
{
    QHash<QString, QString> form;
    if (request.method != "POST" || !parseForm(QString::fromUtf8(request.body), &form))
        return oauthError(QStringLiteral("invalid_request"),
                          QStringLiteral("expected a form without repeated parameters"));
    if (form.value(QStringLiteral("grant_type")) == QLatin1String("authorization_code"))
        return exchangeCode(form);
    // Every other grant is the demo authority's: refresh with rotation, password.
    JwtDemoRequest forwarded = request;
    forwarded.url.setPath(QStringLiteral("/oauth/token"));
    return m_server->api()->handle(forwarded);
}

JwtDemoResponse JwtAuthorizationServer::exchangeCode(const QHash<QString, QString> &form)
{
    TokenRequest seen;
    seen.code = form.value(QStringLiteral("code"));
    seen.redirectUri = form.value(QStringLiteral("redirect_uri"));
    seen.codeVerifier = form.value(QStringLiteral("code_verifier"));
    seen.clientId = form.value(QStringLiteral("client_id"));
    seen.resource = form.value(QStringLiteral("resource"));
    auto refuse = [&](const QString &error, const QString &description, int status = 400) {
        seen.error = error;
        m_tokenRequests.append(seen);
        return oauthError(error, description, status);
    };
    if (seen.clientId != m_clientId)
        return refuse(QStringLiteral("invalid_client"), QStringLiteral("unknown client"), 401);
    const auto it = m_codes.find(seen.code);
    if (seen.code.isEmpty() || it == m_codes.end())
        return refuse(QStringLiteral("invalid_grant"), QStringLiteral("unknown code"));
    if (it->used)
        return refuse(QStringLiteral("invalid_grant"), QStringLiteral("code already used"));
    it->used = true; // single use, whatever comes next (RFC 6749 §4.1.2)
    if (nowMs() >= it->expiresAtMs)
        return refuse(QStringLiteral("invalid_grant"), QStringLiteral("code expired"));
    if (it->clientId != seen.clientId)
        return refuse(QStringLiteral("invalid_grant"), QStringLiteral("code of another client"));
    // §4.1.3: identical to the redirect_uri of the authorization request.
    if (it->redirectUri != seen.redirectUri)
        return refuse(QStringLiteral("invalid_grant"), QStringLiteral("redirect_uri differs"));
    // RFC 7636 §4.6.
    if (seen.codeVerifier.size() < 43 || seen.codeVerifier.size() > 128
        || s256(seen.codeVerifier) != it->codeChallenge) {
        return refuse(QStringLiteral("invalid_grant"),
                      QStringLiteral("code_verifier does not match the challenge"));
    }
    JwtDemoAuthority::Tokens tokens;
    if (m_server->authority()->login(m_user, m_password, &tokens)
        != JwtDemoAuthority::Outcome::Ok) {
        return refuse(QStringLiteral("server_error"), QStringLiteral("the user is unknown"), 500);
    }
    m_tokenRequests.append(seen);
    JwtDemoResponse response =
            json(200,
                 {{QStringLiteral("access_token"), QString::fromLatin1(tokens.accessToken)},
                  {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                  {QStringLiteral("expires_in"), tokens.expiresIn},
                  {QStringLiteral("refresh_token"), QString::fromLatin1(tokens.refreshToken)}});
    response.setHeader("Pragma", "no-cache");
    return response;
}

JwtDemoResponse JwtAuthorizationServer::discovery()
{
    ++m_discoveryRequests;
    const QString issued = m_advertisedIssuer.isEmpty() ? issuer().toString() : m_advertisedIssuer;
    QJsonObject document {
            {QStringLiteral("issuer"), issued},
            {QStringLiteral("authorization_endpoint"), authorizationEndpoint().toString()},
            {QStringLiteral("token_endpoint"), tokenEndpoint().toString()},
            {QStringLiteral("revocation_endpoint"),
             m_server->url(QStringLiteral("/oauth/revoke")).toString()},
            {QStringLiteral("response_types_supported"), QJsonArray {QStringLiteral("code")}},
            {QStringLiteral("grant_types_supported"),
             QJsonArray {QStringLiteral("authorization_code"), QStringLiteral("refresh_token")}},
            {QStringLiteral("code_challenge_methods_supported"),
             QJsonArray {QStringLiteral("S256")}},
            {QStringLiteral("token_endpoint_auth_methods_supported"),
             QJsonArray {QStringLiteral("none")}},
            {QStringLiteral("scopes_supported"),
             QJsonArray {QStringLiteral("openid"), QStringLiteral("offline_access")}}};
    if (!m_advertisesRevocation)
        document.remove(QStringLiteral("revocation_endpoint"));
    return json(200, document);
}
