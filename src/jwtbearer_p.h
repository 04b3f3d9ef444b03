// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTBEARER_P_H
#define JWTBEARER_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the JwtSession API. It is exported only so that the auto tests can
// link to it, and may change or disappear without notice.
//

#include "jwtautotestexport_p.h"

#include <QtCore/qbytearray.h>

class JWTSESSION_AUTOTEST_EXPORT JwtBearer
{
public:
    JwtBearer() = delete;

    //! The longest token accepted; real access tokens are a few KiB at most.
    static constexpr qsizetype MaximumTokenSize = 16 * 1024;

    static bool isValidToken(const QByteArray &token);
    static QByteArray headerValue(const QByteArray &token);

    static bool hasControlCharacters(const QByteArray &bytes);
    static bool isValidRefreshCredential(const QByteArray &credential);
    //! The longest refresh token a token answer may issue.
    static constexpr qsizetype MaximumRefreshTokenSize = 16 * 1024;
    static bool isValidIssuedRefreshToken(const QByteArray &token);
    static bool isValidCookieValue(const QByteArray &value);
};

#endif // JWTBEARER_P_H
