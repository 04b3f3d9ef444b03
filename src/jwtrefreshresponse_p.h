// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTREFRESHRESPONSE_P_H
#define JWTREFRESHRESPONSE_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the JwtSession API. It is exported only so that the auto tests (and
// a fuzz target) can link to it, and may change or disappear without notice.
//

#include <JwtSession/jwtrefreshjob.h>
#include "jwtautotestexport_p.h"
#include "jwtjsonfields_p.h"

#include <QtCore/qbytearray.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qstring.h>
#include <QtCore/qstringlist.h>
#include <QtNetwork/qnetworkreply.h>

#include <chrono>

class JWTSESSION_AUTOTEST_EXPORT JwtRefreshResponse
{
    Q_DECLARE_TR_FUNCTIONS(JwtRefreshResponse)
public:
    //! Refresh and token responses larger than this are refused (DESIGN.md: bounded bodies).
    static constexpr qsizetype MaximumBodySize = 64 * 1024;
    //! A longer Retry-After is capped: the session keeps its own backoff beyond that.
    static constexpr std::chrono::seconds MaximumRetryAfter {3600};
    //! A longer expires_in is taken as a server bug, and the lifetime as unknown.
    static constexpr qint64 MaximumExpiresIn = qint64(10) * 366 * 24 * 3600;

    //! One HTTP answer of a refresh, login or token endpoint, as read from the network.
    struct Input
    {
        int httpStatus = 0; //!< 0 when no HTTP answer arrived
        QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
        QByteArray contentType;
        QByteArray retryAfter; //!< the raw Retry-After header value
        QByteArray date; //!< the raw Date header value, the reference for an HTTP-date Retry-After
        QByteArray body; //!< at most MaximumBodySize bytes unless bodyTooLarge
        bool bodyTooLarge = false; //!< the body exceeded MaximumBodySize and was not read
        QDateTime now; //!< reference time when \c date is missing; invalid: the current time
    };

    JwtRefreshJob::Result result = JwtRefreshJob::Result::Pending;
    QByteArray accessToken;
    qint64 expiresIn = -1; //!< seconds; -1 when unknown
    QByteArray refreshToken; //!< the rotated refresh token; empty when the server kept the old one
    QString refreshTokenField; //!< the JSON path the refresh token had (JSON-body endpoint)
    QString userName; //!< the optional "user" field of a cookie or JSON-body endpoint
    QString errorCode; //!< the RFC 6749 §5.2 error code, when the server sent a well-formed one
    std::chrono::seconds retryAfter {0};
    QString message; //!< translated; never contains a credential or server text verbatim

    bool isSuccess() const { return result == JwtRefreshJob::Result::Succeeded; }

    static QStringList defaultRejectingErrors();

    static JwtRefreshResponse parseOAuth2(
            const Input &input, const QStringList &rejectingErrors = defaultRejectingErrors());
    static JwtRefreshResponse parseCookieEndpoint(const Input &input,
                                                  const QString &accessTokenField = {},
                                                  const QString &expiresInField = {});
    static JwtRefreshResponse parseJsonEndpoint(const Input &input,
                                                const JwtJsonFieldNames &fields = {});

    static std::chrono::seconds parseRetryAfter(const QByteArray &value, const QDateTime &now);
    static QDateTime parseHttpDate(const QByteArray &value);

    //! Completes \a job with this response.
    void complete(JwtRefreshJob *job) const;
};

#endif // JWTREFRESHRESPONSE_P_H
