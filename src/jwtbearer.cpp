// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtbearer_p.h"

/*!
    \class JwtBearer
    \internal
    \brief Validates access tokens and builds the \c Authorization header value (RFC 6750).

    QNetworkRequest::setRawHeader() puts CR and LF on the wire unchanged (Qt 6.4), so a token
    from a hostile or broken refresh response could inject headers. Every token therefore passes
    isValidToken() before it is used, and headerValue() refuses to build a header otherwise.
*/

namespace {

// RFC 6750 §2.1 b64token characters, apart from the trailing '=' padding.
constexpr bool isTokenCharacter(char c) noexcept
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
            || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
}

} // namespace

/*!
    Returns true if \a token matches RFC 6750's
    \c{b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}
    and is at most MaximumTokenSize bytes long.
*/
bool JwtBearer::isValidToken(const QByteArray &token)
{
    if (token.size() > MaximumTokenSize)
        return false;
    qsizetype i = 0;
    while (i < token.size() && isTokenCharacter(token.at(i)))
        ++i;
    if (i == 0)
        return false; // empty, or nothing but padding
    while (i < token.size() && token.at(i) == '=')
        ++i;
    return i == token.size();
}

/*! Returns \c{Bearer <token>} for a valid \a token, or an empty QByteArray otherwise. */
QByteArray JwtBearer::headerValue(const QByteArray &token)
{
    if (!isValidToken(token))
        return QByteArray();
    return QByteArrayLiteral("Bearer ") + token;
}
