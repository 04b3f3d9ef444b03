// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtbearer_p.h"

#include <algorithm>

/*!
    \class JwtBearer
    \internal
    \brief Validates access tokens and refresh credentials, and builds the \c Authorization
    header value (RFC 6750).

    QNetworkRequest::setRawHeader() puts CR and LF on the wire unchanged (Qt 6.4), so a token
    from a hostile or broken refresh response could inject headers. Every token therefore passes
    isValidToken() before it is used, and headerValue() refuses to build a header otherwise.
    The refresh credential goes into a header too (a cookie), a form or a store, whatever its
    source: it passes isValidRefreshCredential(), and isValidCookieValue() where it is a cookie.
*/

namespace {

// RFC 6750 §2.1 b64token characters, apart from the trailing '=' padding.
constexpr bool isTokenCharacter(char c) noexcept
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
            || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
}

constexpr bool isControlCharacter(char c) noexcept
{
    return uchar(c) < 0x20 || uchar(c) == 0x7f;
}

// RFC 6265 §4.1.1 cookie-octet: US-ASCII but controls, whitespace, DQUOTE, comma, semicolon
// and backslash.
constexpr bool isCookieOctet(char c) noexcept
{
    return uchar(c) >= 0x21 && uchar(c) <= 0x7e && c != '"' && c != ',' && c != ';' && c != '\\';
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

/*!
    Returns true if \a bytes hold a control character (U+0000 to U+001F, U+007F): CR and LF
    would end a header line.
*/
bool JwtBearer::hasControlCharacters(const QByteArray &bytes)
{
    return std::any_of(bytes.cbegin(), bytes.cend(), isControlCharacter);
}

/*!
    Returns true if \a credential, a refresh credential of any kind, is not empty and has no
    control character: it would be sent in a cookie, and no refresh token or cookie has any.
*/
bool JwtBearer::isValidRefreshCredential(const QByteArray &credential)
{
    return !credential.isEmpty() && !hasControlCharacters(credential);
}

/*!
    Returns true if \a token, a refresh token a token answer issued, can be kept: 1 to
    MaximumRefreshTokenSize visible ASCII characters. RFC 6749 Appendix A.17 allows VSCHAR;
    spaces are refused as well, so that the credential can be stored, logged about by length,
    and sent in a form, a JSON body or a cookie without any ambiguity.
*/
bool JwtBearer::isValidIssuedRefreshToken(const QByteArray &token)
{
    return !token.isEmpty() && token.size() <= MaximumRefreshTokenSize
            && std::all_of(token.cbegin(), token.cend(),
                           [](char c) { return c >= 0x21 && c <= 0x7e; });
}

/*!
    Returns true if \a value is a cookie value that can be sent as is: one or more RFC 6265
    \c cookie-octet (\c{%x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E}).
*/
bool JwtBearer::isValidCookieValue(const QByteArray &value)
{
    return !value.isEmpty() && std::all_of(value.cbegin(), value.cend(), isCookieOctet);
}
