// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTDEMOAUTHORIZATION_H
#define JWTDEMOAUTHORIZATION_H

#include "jwtdemoapi.h"

#include <QtCore/qhash.h>
#include <QtCore/qstring.h>

#include <chrono>

class JwtDemoAuthority;

// The browser sign-in side of the demo auth server, without HTTP: RFC 6749 §4.1 authorization
// code grant for public native clients, PKCE S256 required (RFC 7636), loopback redirect URIs on
// any port (RFC 8252 §7.3), and an OpenID Connect discovery document. /oauth/authorize approves
// the demo user at once (no login page: it is a demo); codes are single-use and live one minute.
class JwtDemoAuthorization
{
public:
    explicit JwtDemoAuthorization(JwtDemoAuthority *authority);

    //! The user /oauth/authorize approves (default alice).
    void setApprovedUser(const QString &user, const QString &password);

    //! GET /oauth/authorize: 302 to the redirect URI with a code, or an error.
    JwtDemoResponse authorize(const JwtDemoRequest &request);
    //! grant_type=authorization_code at /oauth/token (\a form is the decoded body).
    JwtDemoResponse exchangeCode(const QHash<QString, QString> &form);
    //! GET /.well-known/openid-configuration; the issuer is the origin in the Host header.
    JwtDemoResponse discovery(const JwtDemoRequest &request) const;

private:
    struct Code
    {
        QString redirectUri;
        QString challenge;
        qint64 expiresAtMs = 0;
    };

    JwtDemoAuthority *m_authority;
    QString m_user = QStringLiteral("alice");
    QString m_password = QStringLiteral("wonderland");
    std::chrono::milliseconds m_codeLifetime {60000};
    QHash<QString, Code> m_codes; // removed when used: single use
};

#endif // JWTDEMOAUTHORIZATION_H
