// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTOIDCDISCOVERY_P_H
#define JWTOIDCDISCOVERY_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the JwtSession API. It is exported only so that the auto tests can
// link to it, and may change or disappear without notice.
//

#include "jwtautotestexport_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qurl.h>

#include <functional>

class QNetworkAccessManager;
class QObject;

// OpenID Connect Discovery 1.0: the provider configuration document of an issuer, read into the
// endpoints a JwtOAuth2Refresher needs.
class JWTSESSION_AUTOTEST_EXPORT JwtOidcDiscovery
{
    Q_DECLARE_TR_FUNCTIONS(JwtOidcDiscovery)
public:
    struct Result
    {
        bool ok = false;
        QString errorString; //!< why not ok: names the field, never a value the server invented
        QUrl authorizationEndpoint;
        QUrl tokenEndpoint;
        QUrl revocationEndpoint; //!< empty when the provider has none
    };

    //! Where the document of \a issuer is (§4: a trailing '/' of the issuer is removed first).
    static QUrl documentUrl(const QUrl &issuer);
    //! Reads \a body, the document fetched for \a issuer (§4.3: its "issuer" must be identical).
    static Result parse(const QByteArray &body, const QUrl &issuer);
    //! Fetches and parses the document of \a issuer with \a manager; calls \a done once, unless
    //! \a context is deleted first. Follows no redirect; reads at most 64 KiB.
    static void fetch(QNetworkAccessManager *manager, const QUrl &issuer, QObject *context,
                      const std::function<void(const Result &)> &done);

    JwtOidcDiscovery() = delete;
};

#endif // JWTOIDCDISCOVERY_P_H
