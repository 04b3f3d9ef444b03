// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTCOOKIERULES_P_H
#define JWTCOOKIERULES_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the JwtSession API. It is exported only so that the auto tests can
// link to it, and may change or disappear without notice.
//

#include "jwtautotestexport_p.h"

#include <QtCore/qbytearraylist.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qlist.h>
#include <QtCore/qurl.h>
#include <QtNetwork/qnetworkcookie.h>

class QNetworkCookieJar;

// RFC 6265 rules for the refresh cookie: whether an answer's cookie would be sent to the
// refresh URL, and which of an answer's cookies is the refresh cookie when no name is set.
class JWTSESSION_AUTOTEST_EXPORT JwtCookieRules
{
    Q_DECLARE_TR_FUNCTIONS(JwtCookieRules)
public:
    //! Whether a user agent would store \a normalized set by an answer from \a from (RFC 6265
    //! §5.3: the Domain attribute must match the host and must not be a public suffix).
    static bool accepts(const QNetworkCookie &normalized, const QUrl &from);
    //! Whether a user agent would send \a cookie (normalized) to \a url: domain-match, path-match and
    //! Secure. Ports play no part, as in any jar.
    static bool appliesTo(const QNetworkCookie &cookie, const QUrl &url);

    struct Choice
    {
        bool found = false; //!< cookie is the refresh cookie
        QNetworkCookie cookie; //!< normalized
        QByteArrayList candidates; //!< the names that were for the refresh URL
        QString message; //!< translated, names only; set when several remained
    };

    //! Chooses the refresh cookie among \a cookies, set by an answer from \a from, for
    //! \a scope (the refresh URL). With \a name, the cookie of that name only. Without: the
    //! one cookie for \a scope; among several, the HttpOnly ones, then those whose name
    //! contains "refresh"; still several: none, and the message names them.
    static Choice choose(const QList<QNetworkCookie> &cookies, const QUrl &from, const QUrl &scope,
                         const QByteArray &name = {});

    //! The name a credential stored without one is the value of (earlier versions' default).
    static QByteArray defaultName() { return QByteArrayLiteral("refresh_token"); }
    //! The credential the session stores for a detected cookie: \a value alone for the
    //! default name (as earlier versions stored it), else "name=value".
    static QByteArray joinCredential(const QByteArray &name, const QByteArray &value);
    //! The value of a stored \a credential, its cookie's name in \a name. "name=value" only
    //! when the name is a plain token (letters, digits, '_', '-', '.') and the value is not
    //! just base64 padding; anything else is the value of a cookie named defaultName().
    static QByteArray splitCredential(const QByteArray &credential, QByteArray *name);

    //! Removes from \a jar the cookies a user agent would send to any of \a urls or to the
    //! root of their origin (sign-out).
    static void removeOriginCookies(QNetworkCookieJar *jar, const QList<QUrl> &urls);
};

#endif // JWTCOOKIERULES_P_H
