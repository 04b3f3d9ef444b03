// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTREDIRECT_P_H
#define JWTREDIRECT_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the JwtSession API. It is exported only so that the auto tests can
// check the redirect rules without a server, and may change or disappear without notice.
//

#include "jwtautotestexport_p.h"

#include <QtCore/qurl.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qnetworkrequest.h>

// The redirect rules of a proxy reply, which follows the redirects of authorized requests
// itself (Qt would carry Authorization across origins). Pure logic: it is told the answers and
// says where the next hop goes, with which method and body, and which headers it carries.
class JWTSESSION_AUTOTEST_EXPORT JwtRedirect
{
public:
    // \a policy and \a maxRedirects: the request's (or the manager's) redirect policy and
    // QNetworkRequest::maximumRedirectsAllowed().
    JwtRedirect(QNetworkRequest::RedirectPolicy policy, int maxRedirects)
        : m_policy(policy), m_redirectsLeft(maxRedirects)
    { }

    QNetworkRequest::RedirectPolicy policy() const { return m_policy; }

    struct Verdict
    {
        enum class Kind {
            NotFollowed, // not a redirect, or the policy leaves redirects to the caller
            Follow, // send the next hop to target
            Refuse, // finish the reply with error and message
        };
        Kind kind = Kind::NotFollowed;
        QUrl target;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QString message; // translated
    };

    // What to do with an answer of \a status to a request for \a from whose Location header
    // says \a location. Counts the hop against the limit when it is followed.
    Verdict consider(int status, const QUrl &from, const QUrl &location);

    // Browsers turn 301/302 POST and every 303 but HEAD into a GET without body; 307 and 308
    // keep the method and the body.
    static bool turnsIntoGet(int status, QNetworkAccessManager::Operation op);
    // Makes \a request a GET without body: no custom verb, no Content-Type or Content-Length.
    static void dropBody(QNetworkRequest &request);

    // The headers an attempt carries: Authorization only where the token may go (\a authorized;
    // an explicit empty one elsewhere, so that no header the caller set leaks), the caller's
    // Cookie header only to the caller's own origin (\a sameOriginAsCaller); the cookie jar adds
    // a hop's own cookies.
    static void setHopHeaders(QNetworkRequest &request, bool authorized,
                              const QByteArray &authorization, bool sameOriginAsCaller);

private:
    QNetworkRequest::RedirectPolicy m_policy;
    int m_redirectsLeft;
};

#endif // JWTREDIRECT_P_H
