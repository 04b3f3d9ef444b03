// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtwebsockethandshake_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qurlquery.h>

#include <algorithm>
#include <cmath>

namespace {

constexpr QLatin1String BearerPrefix("Bearer ");

// RFC 7230 §3.2.6 tchar: what a Sec-WebSocket-Protocol entry may hold (RFC 6455 §4.1).
bool isTokenCharacter(QChar c)
{
    if (c.unicode() > 0x7e)
        return false;
    const char l = char(c.unicode());
    return (l >= 'A' && l <= 'Z') || (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')
            || QByteArrayView("!#$%&'*+-.^_`|~").contains(l);
}

bool isHttpToken(const QString &text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenCharacter);
}

// The messages of QWebSocket (context "QWebSocket") that mean "the handshake got a 401".
constexpr const char *RefusalMessages[] = {
        "QWebSocketPrivate::processHandshake: Unsupported WWW-Authenticate challenge encountered.",
        "QWebSocketPrivate::processHandshake: Unsupported WWW-Authenticate challenges encountered.",
        "QWebSocket::processHandshake: Host requires authentication",
};
constexpr char UnhandledStatusMessage[] =
        "QWebSocketPrivate::processHandshake: Unhandled http status code: %1 (%2).";

bool matchesUnhandled401(const QString &pattern, const QString &errorString)
{
    // "%1" is the status code, "%2" the reason phrase (anything, even empty).
    QString regex = QRegularExpression::escape(pattern);
    regex.replace(QRegularExpression::escape(QStringLiteral("%1")), QStringLiteral("401"));
    regex.replace(QRegularExpression::escape(QStringLiteral("%2")), QStringLiteral(".*"));
    const QRegularExpression expression(QRegularExpression::anchoredPattern(regex),
                                        QRegularExpression::DotMatchesEverythingOption);
    return expression.match(errorString).hasMatch();
}

} // namespace

QUrl JwtWebSocketHandshake::httpUrl(const QUrl &webSocketUrl)
{
    if (!webSocketUrl.isValid() || webSocketUrl.isRelative() || webSocketUrl.host().isEmpty())
        return {};
    const QString scheme = webSocketUrl.scheme().toLower();
    QUrl url = webSocketUrl;
    if (scheme == QLatin1String("ws"))
        url.setScheme(QStringLiteral("http"));
    else if (scheme == QLatin1String("wss"))
        url.setScheme(QStringLiteral("https"));
    else
        return {};
    return url;
}

JwtWebSocketHandshake::Request JwtWebSocketHandshake::build(const QNetworkRequest &base,
                                                            const QByteArray &authorization,
                                                            const Settings &settings)
{
    using Placement = JwtWebSocket::TokenPlacement;
    Request result;
    result.request = base;
    result.request.setRawHeader("Authorization", QByteArray());
    result.subprotocols = settings.subprotocols;
    QUrl url = base.url();
    if (!settings.queryParameter.isEmpty()) {
        QUrlQuery query(url);
        query.removeAllQueryItems(settings.queryParameter);
        url.setQuery(query);
    }
    result.request.setUrl(url);
    if (authorization.isEmpty())
        return result;

    // JwtSessionState built "Bearer <token>" from a token JwtBearer validated: no CR/LF.
    const QByteArray token = authorization.mid(BearerPrefix.size());
    switch (settings.placement) {
    case Placement::AuthorizationHeader:
        result.request.setRawHeader("Authorization", authorization);
        break;
    case Placement::Subprotocol: {
        const QString entry = settings.subprotocolPrefix + QString::fromLatin1(token);
        if (!isHttpToken(entry)) {
            result.error = JwtWebSocket::tr(
                    "The access token cannot be sent as a WebSocket subprotocol: a subprotocol "
                    "must be an HTTP token, and the token or the prefix holds other characters.");
            return result;
        }
        result.subprotocols.append(entry);
        break;
    }
    case Placement::QueryParameter: {
        if (settings.queryParameter.isEmpty()) {
            result.error = JwtWebSocket::tr(
                    "The access token cannot be sent as a query parameter: no parameter name "
                    "is set (tokenQueryParameter).");
            return result;
        }
        QUrlQuery query(url);
        query.addQueryItem(
                settings.queryParameter,
                QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(token))));
        url.setQuery(query);
        result.request.setUrl(url);
        break;
    }
    }
    return result;
}

bool JwtWebSocketHandshake::isAuthorizationRefusal(const QString &errorString)
{
    for (const char *message : RefusalMessages) {
        if (errorString == QLatin1String(message)
            || errorString == QCoreApplication::translate("QWebSocket", message))
            return true;
    }
    return matchesUnhandled401(QLatin1String(UnhandledStatusMessage), errorString)
            || matchesUnhandled401(
                    QCoreApplication::translate("QWebSocket", UnhandledStatusMessage), errorString);
}

std::chrono::milliseconds JwtWebSocketHandshake::fullJitter(int attempt,
                                                            std::chrono::milliseconds base,
                                                            std::chrono::milliseconds cap,
                                                            double random)
{
    const qint64 capMs = std::max<qint64>(cap.count(), 0);
    const int exponent = std::clamp(attempt - 1, 0, 30);
    const double ceiling = std::min<double>(
            double(capMs), double(std::max<qint64>(base.count(), 0)) * std::ldexp(1.0, exponent));
    const double factor = std::clamp(std::isfinite(random) ? random : 0.0, 0.0, 1.0);
    return std::chrono::milliseconds(qint64(std::floor(ceiling * factor)));
}
