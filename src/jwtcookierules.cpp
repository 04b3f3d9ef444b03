// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtcookierules_p.h"

#include "jwtlogging_p.h"

#include <QtNetwork/qnetworkcookiejar.h>

#include <algorithm>

/*!
    \class JwtCookieRules
    \internal
    \brief Which cookie of a login or refresh answer is the refresh cookie (RFC 6265).

    A cookie is a candidate when a user agent would store it from the answer's URL and send it
    to the refresh URL: the domain and path match, and \c Secure only over https. With a
    configured name, only the cookie of that name is. Without, one candidate is the refresh
    cookie; among several, the HttpOnly ones are preferred (a refresh cookie is meant to be out
    of reach of scripts), then those whose name contains "refresh". When that still leaves
    several, none is taken, and the message names them (never their values).

    A detected name must survive a restart with the credential the session stores:
    joinCredential() and splitCredential() write and read it as \c{name=value}.
*/

namespace {

// Only for its rules: whether a jar would take a cookie from a URL. It never holds a cookie.
class CookieRules : public QNetworkCookieJar
{
public:
    bool acceptsCookie(const QNetworkCookie &normalized, const QUrl &from) const
    {
        return validateCookie(normalized, from);
    }
};

// Keeps those of \a list that \a keep, unless that would keep none.
template<typename Keep>
void prefer(QList<QNetworkCookie> *list, Keep keep)
{
    QList<QNetworkCookie> kept;
    std::copy_if(list->cbegin(), list->cend(), std::back_inserter(kept), keep);
    if (!kept.isEmpty())
        *list = kept;
}

QByteArrayList namesOf(const QList<QNetworkCookie> &cookies)
{
    QByteArrayList names;
    for (const QNetworkCookie &cookie : cookies)
        names.append(cookie.name());
    return names;
}

} // namespace

bool JwtCookieRules::accepts(const QNetworkCookie &normalized, const QUrl &from)
{
    return CookieRules().acceptsCookie(normalized, from);
}

// RFC 6265 §5.1.3 domain-match, §5.1.4 path-match, and Secure.
bool JwtCookieRules::appliesTo(const QNetworkCookie &cookie, const QUrl &url)
{
    if (cookie.isSecure() && url.scheme() != QLatin1String("https"))
        return false;
    const QString host = url.host();
    const QString domain = cookie.domain();
    const bool domainMatches = domain.startsWith(QLatin1Char('.'))
            ? host.compare(domain.mid(1), Qt::CaseInsensitive) == 0
                    || host.endsWith(domain, Qt::CaseInsensitive)
            : host.compare(domain, Qt::CaseInsensitive) == 0;
    if (!domainMatches)
        return false;
    const QString path = url.path().isEmpty() ? QStringLiteral("/") : url.path();
    const QString scope = cookie.path().isEmpty() ? QStringLiteral("/") : cookie.path();
    return path == scope
            || (path.startsWith(scope)
                && (scope.endsWith(QLatin1Char('/')) || path.at(scope.size()) == QLatin1Char('/')));
}

JwtCookieRules::Choice JwtCookieRules::choose(const QList<QNetworkCookie> &cookies,
                                              const QUrl &from, const QUrl &scope,
                                              const QByteArray &name)
{
    Choice choice;
    QList<QNetworkCookie> candidates;
    for (QNetworkCookie cookie : cookies) {
        if (!name.isEmpty() && cookie.name() != name)
            continue;
        cookie.normalize(from);
        if (!accepts(cookie, from) || !appliesTo(cookie, scope))
            continue;
        // The same name twice: the last one counts, as in a jar.
        candidates.removeIf([&](const QNetworkCookie &c) { return c.name() == cookie.name(); });
        candidates.append(cookie);
    }
    choice.candidates = namesOf(candidates);
    if (candidates.size() > 1) {
        prefer(&candidates, [](const QNetworkCookie &c) { return c.isHttpOnly(); });
        prefer(&candidates,
               [](const QNetworkCookie &c) { return c.name().toLower().contains("refresh"); });
    }
    if (candidates.size() == 1) {
        choice.found = true;
        choice.cookie = candidates.constFirst();
    } else if (candidates.size() > 1) {
        choice.message = tr("The login answer set several cookies for the refresh URL (%1) and "
                            "none is clearly the refresh cookie. Set cookieName.")
                                 .arg(QString::fromLatin1(namesOf(candidates).join(", ")));
    }
    return choice;
}

QByteArray JwtCookieRules::joinCredential(const QByteArray &name, const QByteArray &value)
{
    if (name.isEmpty() || name == defaultName() || value.isEmpty())
        return value;
    return name + '=' + value;
}

QByteArray JwtCookieRules::splitCredential(const QByteArray &credential, QByteArray *name)
{
    const qsizetype equals = credential.indexOf('=');
    const QByteArray prefix = credential.left(equals);
    QByteArray value = credential.mid(equals + 1);
    const bool plainName =
            equals > 0 && equals <= 64 && std::all_of(prefix.cbegin(), prefix.cend(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '_' || c == '-' || c == '.';
            });
    const bool padding = std::all_of(value.cbegin(), value.cend(), [](char c) { return c == '='; });
    if (!plainName || padding) {
        *name = defaultName();
        return credential;
    }
    *name = prefix;
    return value;
}

// The jar of a plain QNetworkCookieJar cannot be listed, so the cookies of the origin are found
// through the URLs the refresher knows, and the origin's root.
void JwtCookieRules::removeOriginCookies(QNetworkCookieJar *jar, const QList<QUrl> &urls)
{
    if (!jar || urls.isEmpty())
        return;
    const QString host = urls.first().host();
    QList<QUrl> scopes = urls;
    QUrl root = urls.first().adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
    root.setPath(QStringLiteral("/"));
    scopes.append(root);
    int removed = 0;
    for (const QUrl &url : std::as_const(scopes)) {
        if (!url.isValid() || url.host() != host)
            continue;
        const QList<QNetworkCookie> cookies = jar->cookiesForUrl(url);
        for (const QNetworkCookie &cookie : cookies)
            removed += jar->deleteCookie(cookie) ? 1 : 0;
    }
    qCDebug(lcJwtRefresh, "Removed %d cookies of the authentication origin", removed);
}
