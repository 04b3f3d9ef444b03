// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtorigin_p.h"

#include <QtCore/qurl.h>
#include <QtNetwork/qhostaddress.h>

#include <algorithm>

/*!
    \class JwtOrigin
    \internal
    \brief The (scheme, host, port) triple of an HTTP URL, as RFC 6454 defines an origin.

    The library attaches a token only to requests whose origin equals an authorized one, so
    comparison is exact: no prefix, suffix or wildcard matching of any kind
    (\c api.example.com.evil.net and \c evilapi.example.com are not \c api.example.com).

    Normalisation, all of it done by QUrl or here:
    \list
    \li only \c http and \c https origins are valid; the scheme is lower case;
    \li the host is lower case, an IDN is kept in ACE (punycode) form, an IPv6 literal without
        brackets and in QUrl's canonical text, an IPv4 address in dotted-quad form (QUrl already
        turns \c 127.1 or \c 0x7f000001 into \c 127.0.0.1);
    \li a trailing dot is kept: \c example.com. is a different origin from \c example.com, as in
        browsers. Authorizing one never authorizes the other;
    \li a missing port is the scheme's default (80, 443), so \c https://a.example and
        \c https://a.example:443 are the same origin; port 0 is not a usable origin;
    \li user info, path, query and fragment are ignored.
    \endlist

    Tokens travel only to potentially trustworthy origins (the W3C Secure Contexts term): https,
    or loopback for development. An authorized plain-http origin elsewhere needs an explicit
    opt-in, JwtSession::OriginOption::AllowInsecureHttp, which the session keeps next to the
    origin in its authorized set; it is not part of the origin's identity.
*/

namespace {

int defaultPort(const QString &scheme)
{
    if (scheme == QLatin1String("https"))
        return 443;
    if (scheme == QLatin1String("http"))
        return 80;
    return -1;
}

// RFC 3986: IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" ). Host names such as
// "v1.example" look the same; the brackets in the authority tell them apart.
bool looksLikeIPvFuture(const QString &host)
{
    if (!host.startsWith(QLatin1Char('v')))
        return false;
    const auto isHexDigit = [](QChar c) {
        return (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
                || (c >= QLatin1Char('a') && c <= QLatin1Char('f'));
    };
    qsizetype i = 1;
    while (i < host.size() && isHexDigit(host.at(i)))
        ++i;
    return i > 1 && i < host.size() && host.at(i) == QLatin1Char('.');
}

bool isAscii(const QString &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
}

} // namespace

/*! Returns the origin of \a url, or an invalid origin if \a url is not an absolute http(s) URL. */
JwtOrigin JwtOrigin::fromUrl(const QUrl &url)
{
    if (!url.isValid())
        return {};
    const QString scheme = url.scheme().toLower();
    const int fallbackPort = defaultPort(scheme);
    // The ACE form, so a Unicode host and its punycode compare equal. QUrl keeps a host name
    // in Unicode: an ASCII one is already its ACE form, and only the others pay for the
    // conversion (this runs for every request).
    QString host = url.host();
    if (!isAscii(host))
        host = url.host(QUrl::EncodeUnicode);
    host = std::move(host).toLower();
    const int port = url.port(fallbackPort);
    if (fallbackPort < 0 || host.isEmpty() || port <= 0)
        return {};
    // An RFC 3986 IPvFuture literal ("[v7.abc]") loses its brackets in host(): it would equal
    // the host name "v7.abc" and serialize as it. No network routes it; it is no origin.
    // Only a host that reads like one ("v" hex digits ".") is worth the costly authority().
    if (looksLikeIPvFuture(host)) {
        const QString hostAndPort = url.authority(QUrl::FullyEncoded).section(QLatin1Char('@'), -1);
        if (hostAndPort.startsWith(QLatin1Char('[')))
            return {};
    }
    // An IPv6 zone identifier ("[fe80::1%eth0]") names an interface of this machine, not a
    // web origin (browsers refuse it), and may hold characters that do not survive a round trip.
    if (host.contains(QLatin1Char('%')))
        return {};

    JwtOrigin origin;
    origin.m_scheme = scheme;
    origin.m_host = host;
    origin.m_port = port;
    return origin;
}

/*! Returns true if \a url is an http URL whose host is not loopback. */
bool JwtOrigin::isInsecureHttp(const QUrl &url)
{
    const JwtOrigin origin = fromUrl(url);
    return origin.isValid() && !origin.isPotentiallyTrustworthy();
}

/*! Returns true for https origins: the only ones a token may go to outside loopback. */
bool JwtOrigin::isSecure() const
{
    return isValid() && m_scheme == QLatin1String("https");
}

/*!
    Returns true if the host is a loopback address (127.0.0.0/8, ::1, ::ffff:127.0.0.0/104) or
    exactly \c localhost. Names under \c .localhost and \c localhost. are not loopback here:
    they depend on the resolver, and the exemption is for development only.
*/
bool JwtOrigin::isLoopback() const
{
    if (!isValid())
        return false;
    if (m_host == QLatin1String("localhost"))
        return true;
    const QHostAddress address(m_host);
    return !address.isNull() && address.isLoopback();
}

/*! Returns the RFC 6454 serialization (default port omitted), or an empty string if invalid. */
QString JwtOrigin::toString() const
{
    if (!isValid())
        return QString();
    const bool ipv6 = m_host.contains(QLatin1Char(':'));
    QString result = m_scheme + QLatin1String("://");
    result += ipv6 ? QLatin1Char('[') + m_host + QLatin1Char(']') : m_host;
    if (m_port != defaultPort(m_scheme))
        result += QLatin1Char(':') + QString::number(m_port);
    return result;
}

/*! \relates JwtOrigin Returns the hash of \a origin, so origins can be kept in a QSet. */
size_t qHash(const JwtOrigin &origin, size_t seed) noexcept
{
    return qHashMulti(seed, origin.scheme(), origin.host(), origin.port());
}
