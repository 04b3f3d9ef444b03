// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTDEMOJSONROUTES_H
#define JWTDEMOJSONROUTES_H

#include "jwtdemoapi.h"

class JwtDemoAuthority;

// The JSON-body routes of the demo server, in the shape of Django REST framework SimpleJWT with
// ROTATE_REFRESH_TOKENS and BLACKLIST_AFTER_ROTATION (the authority always rotates):
//   POST /api/token/            {"username","password"} -> {"refresh","access"}
//                               401 {"detail":"No active account found with the given credentials"}
//   POST /api/token/refresh/    {"refresh"} -> {"access","refresh"}
//                               401 {"detail":"Token is blacklisted"|"Token is invalid or expired",
//                                    "code":"token_not_valid"}; 400 {"refresh":["This field is
//                                    required."]}
//   POST /api/token/blacklist/  {"refresh"} -> 200 {} (the refresh token's family is revoked)
class JwtDemoJsonRoutes
{
public:
    explicit JwtDemoJsonRoutes(JwtDemoAuthority *authority);

    static bool handles(const QString &path);
    //! Answers \a request for one of the routes; while \a outage, the refresh route answers 503.
    JwtDemoResponse handle(const JwtDemoRequest &request, bool outage);

private:
    JwtDemoResponse obtain(const QJsonObject &body);
    JwtDemoResponse refresh(const QJsonObject &body);
    JwtDemoResponse blacklist(const QJsonObject &body);

    JwtDemoAuthority *m_authority;
};

#endif // JWTDEMOJSONROUTES_H
