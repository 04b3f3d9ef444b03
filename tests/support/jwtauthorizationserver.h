// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTAUTHORIZATIONSERVER_H
#define JWTAUTHORIZATIONSERVER_H

#include <QtCore/qhash.h>
#include <QtCore/qlist.h>
#include <QtCore/qobject.h>
#include <QtCore/qurl.h>

#include <chrono>

class JwtTestServer;
struct JwtDemoRequest;
struct JwtDemoResponse;

// An OAuth 2 authorization server for native apps on a JwtTestServer's public routes, as
// Keycloak and Auth0 behave for a public client: RFC 6749 §4.1 authorization code grant with
// PKCE (RFC 7636, S256 required), loopback redirect URIs on any port (RFC 8252 §7.3), and an
// OpenID Connect discovery document. Codes are single-use and short-lived; tokens come from the
// test server's JwtDemoAuthority, so they refresh and rotate through its /oauth/token logic,
// which the token endpoint here forwards every other grant to. Records what it saw.
//
//   GET  <issuer>/authorize                          approves (or denies) at once, as `user`
//   POST <issuer>/token                              authorization_code; others -> /oauth/token
//   GET  <issuer>/.well-known/openid-configuration   the provider configuration
class JwtAuthorizationServer : public QObject
{
    Q_OBJECT
public:
    struct Authorization // one GET /authorize
    {
        QString clientId;
        QString redirectUri;
        QString responseType;
        QString scope;
        QString state;
        QString codeChallenge;
        QString codeChallengeMethod;
        QString audience;
        QString resource;
        QString error; // what the server answered instead of a code; empty: a code
    };
    struct TokenRequest // one POST /token with grant_type=authorization_code
    {
        QString code;
        QString redirectUri;
        QString codeVerifier;
        QString clientId;
        QString resource;
        QString error; // the RFC 6749 §5.2 code answered; empty: tokens
    };

    enum class Decision { Approve, Deny };

    explicit JwtAuthorizationServer(JwtTestServer *server, QObject *parent = nullptr);
    ~JwtAuthorizationServer() override;

    QUrl issuer() const; // http://127.0.0.1:<port>/public/oidc
    QUrl authorizationEndpoint() const;
    QUrl tokenEndpoint() const;
    QString clientId() const { return m_clientId; }
    QString user() const { return m_user; }

    void setDecision(Decision decision) { m_decision = decision; }
    // Redirects with this state instead of the one received (a forged or stale answer).
    void setForgedState(const QString &state) { m_forgedState = state; }
    // Stores a challenge that does not match the client's (the verifier then fails).
    void setTamperChallenge(bool tamper) { m_tamperChallenge = tamper; }
    // The discovery document names this issuer instead of the real one.
    void setAdvertisedIssuer(const QString &issuer) { m_advertisedIssuer = issuer; }
    // The discovery document lists no revocation_endpoint (Microsoft Entra ID's has none).
    void setAdvertisesRevocation(bool advertises) { m_advertisesRevocation = advertises; }
    void setCodeLifetime(std::chrono::milliseconds lifetime) { m_codeLifetime = lifetime; }

    QList<Authorization> authorizations() const { return m_authorizations; }
    QList<TokenRequest> tokenRequests() const { return m_tokenRequests; }
    int discoveryRequests() const { return m_discoveryRequests; }

private:
    struct IssuedCode
    {
        QString clientId;
        QString redirectUri;
        QString codeChallenge;
        qint64 expiresAtMs = 0;
        bool used = false;
    };

    JwtDemoResponse authorize(const JwtDemoRequest &request);
    JwtDemoResponse token(const JwtDemoRequest &request);
    JwtDemoResponse exchangeCode(const QHash<QString, QString> &form);
    JwtDemoResponse discovery();

    JwtTestServer *m_server;
    QString m_clientId = QStringLiteral("jwt-desktop");
    QString m_user = QStringLiteral("alice");
    QString m_password = QStringLiteral("wonderland");
    Decision m_decision = Decision::Approve;
    QString m_forgedState;
    bool m_tamperChallenge = false;
    QString m_advertisedIssuer;
    bool m_advertisesRevocation = true;
    std::chrono::milliseconds m_codeLifetime {60000};
    QHash<QString, IssuedCode> m_codes;
    QList<Authorization> m_authorizations;
    QList<TokenRequest> m_tokenRequests;
    int m_discoveryRequests = 0;
};

#endif // JWTAUTHORIZATIONSERVER_H
