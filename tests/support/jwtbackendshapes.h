// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTBACKENDSHAPES_H
#define JWTBACKENDSHAPES_H

#include "jwtdemoapi.h"

#include <QtCore/qhash.h>
#include <QtCore/qobject.h>
#include <QtCore/qurl.h>

class JwtTestServer;

// Popular auth servers as their own documentation describes them, on a JwtTestServer: exact
// paths, field names, status codes and error bodies, their kind of access token (JWT or
// opaque), rotation, and reuse detection where the real server has it. Counts what it saw.
class JwtBackendShape : public QObject
{
    Q_OBJECT
public:
    enum class Kind {
        // Express, as the tutorials write it: POST /auth/login {"username","password"} ->
        // {"accessToken"} + Set-Cookie: rt=…; Path=/auth; HttpOnly; SameSite=Strict;
        // POST /auth/refresh-token with the cookie -> {"accessToken"} + rotated cookie; a
        // rotated cookie presented again revokes its family (403).
        ExpressCookie,
        // Django REST framework SimpleJWT, default settings: POST /api/token/ -> {"refresh",
        // "access"}; POST /api/token/refresh/ {"refresh"} -> {"access"}.
        SimpleJwt,
        // SimpleJWT with ROTATE_REFRESH_TOKENS and BLACKLIST_AFTER_ROTATION: the refresh answer
        // is {"access","refresh"} and the old refresh token is blacklisted.
        SimpleJwtRotating,
        // ASP.NET Core Identity, MapIdentityApi (bearer tokens): POST /login {"email",
        // "password"} -> {"tokenType":"Bearer","accessToken","expiresIn":3600,"refreshToken"};
        // POST /refresh {"refreshToken"} -> the same shape. Opaque access tokens.
        AspNetIdentity,
    };
    Q_ENUM(Kind)

    struct Counters
    {
        int logins = 0;
        int loginsRefused = 0;
        int refreshCalls = 0;
        int refreshesRejected = 0;
        int reuseTrips = 0; // a rotated (blacklisted) refresh token presented again
        int accessGranted = 0;
        int accessDenied = 0;
    };

    JwtBackendShape(Kind kind, JwtTestServer *server, QObject *parent = nullptr);
    ~JwtBackendShape() override;

    Kind kind() const;
    static QString name(Kind kind);
    QUrl loginUrl() const;
    QUrl refreshUrl() const;
    QUrl apiUrl() const; // GET: {"user"} with a valid access token, 401 otherwise
    QString userField() const; // "username", or "email" for ASP.NET
    QString user() const; // the one account: its user name (or e-mail)
    QString password() const;

    void expireAccessTokensNow(); // every access token issued so far is refused from now on
    void revokeRefreshTokens(); // every refresh token issued so far is refused (expired)
    QByteArray lastRefreshToken() const; // the newest refresh credential issued
    Counters counters() const;

Q_SIGNALS:
    void refreshCallReceived();

private:
    JwtDemoResponse login(const JwtDemoRequest &request);
    JwtDemoResponse refresh(const JwtDemoRequest &request);
    JwtDemoResponse api(const JwtDemoRequest &request);
    JwtDemoResponse issue(const QString &user, bool fromLogin, const QByteArray &family);
    JwtDemoResponse refused(bool blacklisted) const;
    QByteArray accessToken(const QString &user);
    QByteArray refreshToken();

    enum class RefreshState { Active, Rotated, Revoked };
    struct Refresh
    {
        QString user;
        RefreshState state = RefreshState::Active;
        QByteArray family;
    };

    Kind m_kind;
    JwtTestServer *m_server;
    Counters m_counters;
    QHash<QByteArray, qint64> m_access; // access token -> expiry (ms since epoch)
    QHash<QByteArray, Refresh> m_refresh;
    QByteArray m_lastRefresh;
    quint64 m_serial = 0;
};

#endif // JWTBACKENDSHAPES_H
