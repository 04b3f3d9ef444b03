// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTTOKEN_H
#define JWTTOKEN_H

#include <JwtSession/jwtsession_export.h>

#include <QtCore/qdatetime.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>

class QDebug;
class JwtTokenPrivate;
// The inline defaulted move constructor needs the shared pointer's destructor; this keeps it
// out of line, in the library, where JwtTokenPrivate is complete.
QT_DECLARE_QESDP_SPECIALIZATION_DTOR_WITH_EXPORT(JwtTokenPrivate, JWTSESSION_EXPORT)

class JWTSESSION_EXPORT JwtToken
{
public:
    enum class Error {
        NoError, //!< the token was decoded
        Empty, //!< the input is empty (also a default-constructed token)
        TooLarge, //!< the input is larger than MaximumSize; it was not read
        WrongPartCount, //!< not three parts separated by dots (a JWE or not a JWT)
        InvalidBase64, //!< a part is not valid base64url
        InvalidJson, //!< the header or the payload is not a JSON object
        InvalidClaim, //!< no string alg, or sub, iss, exp, iat or nbf of the wrong type or range
    };

    //! The largest compact JWT decode() accepts; larger input is rejected unread.
    static constexpr qsizetype MaximumSize = 64 * 1024;

    JwtToken();
    JwtToken(const JwtToken &other);
    JwtToken(JwtToken &&other) noexcept = default;
    JwtToken &operator=(const JwtToken &other);
    JwtToken &operator=(JwtToken &&other) noexcept
    {
        d.swap(other.d);
        return *this;
    }
    ~JwtToken();

    void swap(JwtToken &other) noexcept { d.swap(other.d); }

    static JwtToken decode(const QByteArray &compact);

    bool isValid() const;
    Error error() const;
    QString errorString() const;

    QJsonObject header() const;
    QJsonObject claims() const;
    QString algorithm() const;
    QString subject() const;
    QString issuer() const;

    bool hasExpiry() const;
    QDateTime expiresAt() const;
    QDateTime issuedAt() const;
    QDateTime notBefore() const;

    bool operator==(const JwtToken &other) const;
    bool operator!=(const JwtToken &other) const { return !(*this == other); }

private:
    QExplicitlySharedDataPointer<JwtTokenPrivate> d;
};

Q_DECLARE_SHARED(JwtToken)

JWTSESSION_EXPORT QDebug operator<<(QDebug debug, const JwtToken &token);

#endif // JWTTOKEN_H
