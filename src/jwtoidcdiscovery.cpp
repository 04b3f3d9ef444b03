// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtoidcdiscovery_p.h"

#include "jwtlogging_p.h"
#include "jwtrefreshresponse_p.h"

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qpointer.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qnetworkrequest.h>

namespace {

JwtOidcDiscovery::Result failure(const QString &message)
{
    JwtOidcDiscovery::Result result;
    result.errorString = message;
    return result;
}

// An endpoint field: absent is allowed only when \a required is false; present, it must be an
// absolute http(s) URL.
bool readEndpoint(const QJsonObject &document, const QString &field, bool required, QUrl *url,
                  QString *error)
{
    const QJsonValue value = document.value(field);
    if (value.isUndefined() && !required)
        return true;
    const QUrl parsed(value.toString(), QUrl::StrictMode);
    const QString scheme = parsed.scheme();
    if (!value.isString() || !parsed.isValid() || parsed.host().isEmpty()
        || (scheme != QLatin1String("https") && scheme != QLatin1String("http"))) {
        *error = JwtOidcDiscovery::tr("The provider configuration has no valid \"%1\": expected "
                                      "an absolute https URL.")
                         .arg(field);
        return false;
    }
    *url = parsed;
    return true;
}

} // namespace

QUrl JwtOidcDiscovery::documentUrl(const QUrl &issuer)
{
    QUrl url = issuer;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QLatin1String("/.well-known/openid-configuration"));
    return url;
}

JwtOidcDiscovery::Result JwtOidcDiscovery::parse(const QByteArray &body, const QUrl &issuer)
{
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !json.isObject())
        return failure(tr("The provider configuration is not a JSON object."));
    const QJsonObject document = json.object();

    // OpenID Connect Discovery §4.3: "The issuer value returned MUST be identical to the Issuer
    // URL that was used as the prefix to /.well-known/openid-configuration". Identical means the
    // same string: no normalization, a trailing slash counts.
    const QString expected = issuer.toString(QUrl::FullyEncoded);
    const QString issued = document.value(QLatin1String("issuer")).toString();
    if (issued != expected) {
        return failure(tr("The provider configuration is for another issuer: expected \"%1\", "
                          "the document names \"%2\".")
                               .arg(expected, issued));
    }

    Result result;
    QString error;
    if (!readEndpoint(document, QStringLiteral("authorization_endpoint"), true,
                      &result.authorizationEndpoint, &error)
        || !readEndpoint(document, QStringLiteral("token_endpoint"), true, &result.tokenEndpoint,
                         &error)
        || !readEndpoint(document, QStringLiteral("revocation_endpoint"), false,
                         &result.revocationEndpoint, &error)) {
        return failure(error);
    }
    // A provider that lists its PKCE methods must offer S256, the only one this client uses.
    const QJsonValue methods = document.value(QLatin1String("code_challenge_methods_supported"));
    if (methods.isArray() && !methods.toArray().contains(QJsonValue(QStringLiteral("S256")))) {
        return failure(tr("The provider does not support PKCE with S256 "
                          "(code_challenge_methods_supported)."));
    }
    result.ok = true;
    return result;
}

void JwtOidcDiscovery::fetch(QNetworkAccessManager *manager, const QUrl &issuer, QObject *context,
                             const std::function<void(const Result &)> &done)
{
    QNetworkRequest request(documentUrl(issuer));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
    QNetworkReply *reply = manager->get(request);
    reply->setReadBufferSize(JwtRefreshResponse::MaximumBodySize + 1);
    QObject::connect(reply, &QNetworkReply::finished, context, [reply, issuer, done] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError || status != 200) {
            qCWarning(lcJwtRefresh, "discovery: the provider configuration answered %d (%s)",
                      status, qPrintable(reply->errorString()));
            done(failure(status ? tr("The provider configuration could not be read: HTTP %1, "
                                     "expected 200.")
                                          .arg(status)
                                : tr("The provider configuration could not be read: %1")
                                          .arg(reply->errorString())));
            return;
        }
        const QByteArray body = reply->read(JwtRefreshResponse::MaximumBodySize + 1);
        if (body.size() > JwtRefreshResponse::MaximumBodySize) {
            done(failure(tr("The provider configuration is larger than 64 KiB.")));
            return;
        }
        done(parse(body, issuer));
    });
    // Deleting the context first aborts the call; the reply goes with the manager otherwise.
    QObject::connect(context, &QObject::destroyed, reply, &QNetworkReply::abort);
}
