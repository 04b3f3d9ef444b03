// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTJSONFIELDS_P_H
#define JWTJSONFIELDS_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the JwtSession API. It is exported only so that the auto tests can
// link to it, and may change or disappear without notice.
//

#include "jwtautotestexport_p.h"

#include <QtCore/qbytearray.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qstring.h>
#include <QtCore/qstringlist.h>

//! The names to read; an empty name is detected among the usual ones.
struct JwtJsonFieldNames
{
    QString accessToken;
    QString expiresIn;
    QString refreshToken;
    bool readRefreshToken = true; //!< false: a refresh token in the answer is ignored
};

// Finds the access token, its lifetime, the refresh token and the user name in the JSON answer
// of a login or refresh endpoint, under the names servers use, or under configured names.
class JWTSESSION_AUTOTEST_EXPORT JwtJsonFields
{
    Q_DECLARE_TR_FUNCTIONS(JwtJsonFields)
public:
    //! What an answer held. Names are the JSON paths that matched ("accessToken",
    //! "data.access"); empty when nothing matched.
    struct Found
    {
        bool ok = false; //!< an access token was found and is usable
        QByteArray accessToken;
        QString accessTokenName;
        qint64 expiresIn = -1; //!< seconds from now; -1 when unknown
        QString expiresInName;
        QByteArray refreshToken; //!< empty when the answer had none
        QString refreshTokenName;
        bool refreshTokenInvalid = false; //!< a refresh token was there but cannot be used
        QString userName;
        QStringList lookedFor; //!< the access token names looked for, on failure
        QStringList fieldsSeen; //!< the answer's field names (never values), on failure
        QString message; //!< translated, names fields only; empty when ok
    };

    static QStringList accessTokenNames();
    static QStringList lifetimeNames();
    static QStringList absoluteExpiryNames();
    static QStringList refreshTokenNames();

    //! A longer lifetime is taken as a server bug, and the lifetime as unknown.
    static constexpr qint64 MaximumLifetime = qint64(10) * 366 * 24 * 3600;

    //! Reads \a answer with the \a configured names (empty: detected); \a now is the reference for an absolute expiry (invalid:
    //! the current time).
    static Found read(const QJsonObject &answer, const JwtJsonFieldNames &configured = {},
                      const QDateTime &now = QDateTime());
};

#endif // JWTJSONFIELDS_P_H
