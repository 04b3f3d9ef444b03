// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTDEMOAUTHORITY_H
#define JWTDEMOAUTHORITY_H

#include <QtCore/qbytearray.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qhash.h>
#include <QtCore/qobject.h>
#include <QtCore/qstring.h>

#include <chrono>
#include <memory>

// The auth logic of the demo server and of the test server, written once: HS256 access tokens
// with a short lifetime, opaque refresh credentials grouped in families with rotation and reuse
// detection (presenting a rotated credential again revokes the whole family), and counters of
// what was seen. No HTTP here; JwtDemoApi maps requests onto it.
class JwtDemoAuthority : public QObject
{
    Q_OBJECT
public:
    struct Tokens
    {
        QByteArray accessToken; // compact HS256 JWT
        QByteArray refreshToken; // opaque, rotated on every refresh
        qint64 expiresIn = 0; // seconds
        QString user;
        quint64 generation = 0; // 1 for the login, +1 per refresh in the family
    };

    enum class Outcome {
        Ok,
        BadCredentials, // login with a wrong user or password
        UnknownCredential, // refresh credential never issued, expired or revoked
        ReusedCredential, // a rotated credential presented again: family revoked
    };
    Q_ENUM(Outcome)

    struct Access
    {
        bool ok = false;
        QString user;
        quint64 generation = 0;
        QString reason; // why not ok: "missing", "malformed", "bad signature", "expired", "revoked"
    };

    struct Counters
    {
        int logins = 0;
        int refreshCalls = 0; // every refresh attempt, whatever its outcome
        int refreshesRejected = 0;
        int reuseDetections = 0;
        int accessGranted = 0;
        int accessDenied = 0;
        QHash<quint64, int> requestsPerGeneration; // granted requests by token generation
    };

    explicit JwtDemoAuthority(QObject *parent = nullptr);
    ~JwtDemoAuthority() override;

    void addUser(const QString &user, const QString &password);
    void setAccessTokenLifetime(std::chrono::milliseconds lifetime);
    std::chrono::milliseconds accessTokenLifetime() const;
    void setRefreshTokenLifetime(std::chrono::milliseconds lifetime);
    std::chrono::milliseconds refreshTokenLifetime() const;

    Outcome login(const QString &user, const QString &password, Tokens *tokens);
    Outcome refresh(const QByteArray &refreshToken, Tokens *tokens);
    //! \a authorization is the full header value ("Bearer …"), possibly empty.
    Access verify(const QByteArray &authorization);
    //! Revokes the family of \a refreshToken (logout, RFC 7009). Unknown tokens are ignored.
    void revoke(const QByteArray &refreshToken);

    // Admin switches for demos and tests.
    void expireAccessTokensNow(); // every access token issued so far is refused from now on
    void revokeAllRefreshTokens(); // next refresh of any family is rejected
    Counters counters() const;
    void resetCounters();

Q_SIGNALS:
    void loggedIn(const QString &user);
    void refreshed(const QString &user, quint64 generation);
    void refreshRejected(JwtDemoAuthority::Outcome outcome);

private:
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtDemoAuthority)
};

#endif // JWTDEMOAUTHORITY_H
