// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtredirect_p.h"

#include "jwtorigin_p.h"

#include <QtCore/qcoreapplication.h>

namespace {

bool isRedirectStatus(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// The messages belong to the caller's reply (and are translated under its name).
JwtRedirect::Verdict refuse(QNetworkReply::NetworkError error, const char *message)
{
    JwtRedirect::Verdict verdict;
    verdict.kind = JwtRedirect::Verdict::Kind::Refuse;
    verdict.error = error;
    verdict.message = QCoreApplication::translate("JwtProxyReply", message);
    return verdict;
}

} // namespace

JwtRedirect::Verdict JwtRedirect::consider(int status, const QUrl &from, const QUrl &location)
{
    if (!isRedirectStatus(status) || m_policy == QNetworkRequest::ManualRedirectPolicy)
        return {};
    if (location.isEmpty() || !location.isValid()) {
        // As Qt does when it follows redirects itself.
        return refuse(QNetworkReply::ProtocolUnknownError,
                      QT_TRANSLATE_NOOP("JwtProxyReply",
                                        "The server sent a redirect without a valid Location."));
    }
    // A protocol-relative "//host/path" resolves to the current scheme, like any relative one.
    const QUrl target = from.resolved(location);
    const QString scheme = target.scheme();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        return refuse(QNetworkReply::ProtocolUnknownError,
                      QT_TRANSLATE_NOOP("JwtProxyReply",
                                        "Refused to follow a redirect to an unsupported scheme."));
    }
    if (--m_redirectsLeft < 0)
        return refuse(QNetworkReply::TooManyRedirectsError,
                      QT_TRANSLATE_NOOP("JwtProxyReply", "Too many redirects."));
    const bool downgrade =
            from.scheme() == QLatin1String("https") && scheme == QLatin1String("http");
    if (downgrade && m_policy != QNetworkRequest::UserVerifiedRedirectPolicy) {
        return refuse(QNetworkReply::InsecureRedirectError,
                      QT_TRANSLATE_NOOP("JwtProxyReply",
                                        "Refused to follow a redirect from https to http."));
    }
    if (m_policy == QNetworkRequest::SameOriginRedirectPolicy
        && JwtOrigin::fromUrl(target) != JwtOrigin::fromUrl(from)) {
        return refuse(QNetworkReply::InsecureRedirectError,
                      QT_TRANSLATE_NOOP("JwtProxyReply",
                                        "Refused to follow a redirect to another origin."));
    }
    Verdict verdict;
    verdict.kind = Verdict::Kind::Follow;
    verdict.target = target;
    return verdict;
}

bool JwtRedirect::turnsIntoGet(int status, QNetworkAccessManager::Operation op)
{
    if (status == 303)
        return op != QNetworkAccessManager::HeadOperation;
    return (status == 301 || status == 302) && op == QNetworkAccessManager::PostOperation;
}

void JwtRedirect::dropBody(QNetworkRequest &request)
{
    request.setAttribute(QNetworkRequest::CustomVerbAttribute, QVariant());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QVariant());
    request.setHeader(QNetworkRequest::ContentLengthHeader, QVariant());
}

void JwtRedirect::setHopHeaders(QNetworkRequest &request, bool authorized,
                                const QByteArray &authorization, bool sameOriginAsCaller)
{
    if (!authorized)
        request.setRawHeader(QByteArrayLiteral("Authorization"), QByteArray()); // never elsewhere
    else if (!authorization.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), authorization);
    if (!sameOriginAsCaller)
        request.setRawHeader(QByteArrayLiteral("Cookie"), QByteArray());
}
