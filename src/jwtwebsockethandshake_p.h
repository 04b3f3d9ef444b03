// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTWEBSOCKETHANDSHAKE_P_H
#define JWTWEBSOCKETHANDSHAKE_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the JwtSession API. It is exported only so that the auto tests can
// check the handshake rules without a server, and may change or disappear without notice.
//

#include <JwtSession/jwtwebsocket.h>

#include "jwtautotestexport_p.h"

#include <QtCore/qstringlist.h>
#include <QtCore/qurl.h>
#include <QtNetwork/qnetworkrequest.h>

#include <chrono>

// The pure parts of JwtWebSocket: which HTTP origin a ws(s) URL has, what the handshake
// carries, how a refused handshake is recognised, and the backoff. No socket here.
class JWTSESSION_AUTOTEST_EXPORT JwtWebSocketHandshake
{
public:
    JwtWebSocketHandshake() = delete;

    // The http(s) URL whose origin a ws(s) URL shares (RFC 6455 §3: ws is http's port 80,
    // wss https' 443): the session authorizes origins and decides where tokens may go by it.
    // Invalid for anything but an absolute ws:// or wss:// URL with a host.
    static QUrl httpUrl(const QUrl &webSocketUrl);

    struct Settings
    {
        JwtWebSocket::TokenPlacement placement = JwtWebSocket::TokenPlacement::AuthorizationHeader;
        QString queryParameter;
        QString subprotocolPrefix;
        QStringList subprotocols; // the application's own
    };

    struct Request
    {
        QNetworkRequest request;
        QStringList subprotocols;
        QString error; // set when the token cannot be placed as asked; nothing is sent then
    };

    // The handshake request for \a base with \a authorization ("Bearer <token>", or empty for
    // none) placed as \a settings say. An Authorization header or token query parameter the
    // application put into \a base is removed: the library alone decides who gets a token.
    static Request build(const QNetworkRequest &base, const QByteArray &authorization,
                         const Settings &settings);

    // True if \a errorString is how QWebSocket reports a handshake answered with 401. Qt 6.4
    // and 6.5 say "Unhandled http status code: 401 (…)"; from 6.6 on a 401 without a challenge
    // Qt can answer reports an unsupported WWW-Authenticate challenge or "Host requires
    // authentication". QWebSocket has no status code accessor, so its messages are compared,
    // translated as the application shows them and untranslated.
    static bool isAuthorizationRefusal(const QString &errorString);

    // Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): a delay drawn
    // uniformly from [0, min(cap, base * 2^(attempt - 1))); \a random is in [0, 1).
    static std::chrono::milliseconds fullJitter(int attempt, std::chrono::milliseconds base,
                                                std::chrono::milliseconds cap, double random);
};

#endif // JWTWEBSOCKETHANDSHAKE_P_H
