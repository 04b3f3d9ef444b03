// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTDEMOAPI_H
#define JWTDEMOAPI_H

#include <QtCore/qbytearray.h>
#include <QtCore/qlist.h>
#include <QtCore/qobject.h>
#include <QtCore/qpair.h>
#include <QtCore/qurl.h>

#include <memory>

class JwtDemoAuthority;

// One HTTP request as a front end (Qt HTTP Server in the demo, a raw socket server in the tests)
// hands it over; header names are compared case-insensitively.
struct JwtDemoRequest
{
    QByteArray method;
    QUrl url; // path and query as received
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray header(const QByteArray &name) const;
};

struct JwtDemoResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const;
};

// The routes of the demo auth server, independent of any HTTP front end:
//   POST /auth/login     JSON {"username","password"} -> {"access_token","expires_in","user"}
//                        + Set-Cookie: refresh_token=…; HttpOnly; Path=/auth; SameSite=Strict
//   POST /auth/refresh   refresh cookie -> {"access_token","expires_in"} + rotated cookie; 401
//   POST /auth/logout    revokes the cookie's family, clears the cookie
//   POST /oauth/token    RFC 6749 form: grant_type=password | refresh_token | authorization_code
//                        (PKCE verified); §5.2 JSON errors
//   GET  /oauth/authorize  RFC 6749 §4.1 + RFC 7636: approves the demo user, 302 to the loopback
//                        redirect URI with code and state (JwtDemoAuthorization)
//   GET  /.well-known/openid-configuration  the discovery document; the issuer is the origin
//   POST /oauth/revoke   RFC 7009
//   POST /api/token/, /api/token/refresh/, /api/token/blacklist/: SimpleJWT's shape
//   (JwtDemoJsonRoutes) GET  /api/me         {"user","generation"}                       (Bearer
//   required) GET  /api/notes, POST /api/notes, PUT /api/notes/<id>              (Bearer required)
//   GET  /api/avatar.png a small PNG                                  (Bearer required)
//   POST /admin/expire-access, /admin/revoke-refresh, /admin/outage?on=1|0
class JwtDemoApi : public QObject
{
    Q_OBJECT
public:
    explicit JwtDemoApi(JwtDemoAuthority *authority, QObject *parent = nullptr);
    ~JwtDemoApi() override;

    JwtDemoAuthority *authority() const;

    //! True when \a request is for one of the routes above.
    bool handles(const JwtDemoRequest &request) const;
    JwtDemoResponse handle(const JwtDemoRequest &request);

    //! While on, the refresh endpoints answer 503 (a transient failure for clients).
    void setOutage(bool on);
    bool outage() const;

Q_SIGNALS:
    //! One line per handled request, for the demo's event log.
    void requestHandled(const QByteArray &method, const QString &path, int status);

private:
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtDemoApi)
};

#endif // JWTDEMOAPI_H
