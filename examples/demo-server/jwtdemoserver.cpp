// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtdemoserver.h"

#ifdef JWTDEMO_HAS_LIVE
#include "jwtdemoliveserver.h"
#endif

#include "jwtdemoapi.h"
#include "jwtdemoauthority.h"

#include <QtHttpServer/qhttpserver.h>
#include <QtHttpServer/qhttpserverrequest.h>
#include <QtHttpServer/qhttpserverresponse.h>
#include <QtNetwork/qtcpserver.h>

/*!
    \class JwtDemoServer
    \brief Serves JwtDemoApi over Qt HTTP Server, for the demo binary and the examples.

    Owns its authority and API. Listens on loopback by default: the admin routes of the API let
    anybody expire tokens, which is only acceptable on a machine's own demo.
*/

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    using Method = QHttpServerRequest::Method;
    switch (method) {
    case Method::Get:
        return "GET";
    case Method::Put:
        return "PUT";
    case Method::Delete:
        return "DELETE";
    case Method::Post:
        return "POST";
    case Method::Head:
        return "HEAD";
    case Method::Options:
        return "OPTIONS";
    case Method::Patch:
        return "PATCH";
    case Method::Connect:
        return "CONNECT";
    case Method::Trace:
        return "TRACE";
    default:
        break;
    }
    return "UNKNOWN";
}

JwtDemoRequest toDemoRequest(const QHttpServerRequest &request)
{
    JwtDemoRequest demoRequest;
    demoRequest.method = methodName(request.method());
    demoRequest.url = request.url();
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    for (const auto &header : request.headers().toListOfPairs())
        demoRequest.headers.append(header);
#else
    demoRequest.headers = request.headers();
#endif
    demoRequest.body = request.body();
    return demoRequest;
}

QHttpServerResponse toServerResponse(const JwtDemoResponse &response)
{
    const auto status = static_cast<QHttpServerResponse::StatusCode>(response.status);
    const QByteArray contentType = response.header("Content-Type");
    QHttpServerResponse serverResponse = contentType.isEmpty()
            ? QHttpServerResponse(status)
            : QHttpServerResponse(contentType, response.body, status);
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    QHttpHeaders headers = serverResponse.headers();
    for (const auto &header : response.headers) {
        if (header.first.compare("Content-Type", Qt::CaseInsensitive) != 0)
            headers.append(header.first, header.second);
    }
    serverResponse.setHeaders(std::move(headers));
#else
    // addHeader() rather than setHeader(): several Set-Cookie lines must all go out.
    for (const auto &header : response.headers) {
        if (header.first.compare("Content-Type", Qt::CaseInsensitive) != 0)
            serverResponse.addHeader(header.first, header.second);
    }
#endif
    return serverResponse;
}

} // namespace

struct JwtDemoServer::Private
{
#ifdef JWTDEMO_HAS_LIVE
    std::unique_ptr<JwtDemoLiveServer> live;
    void startLive(const QHostAddress &address);
#endif
    // Declared in dependency order, so the HTTP server, whose routes use the API, dies first.
    JwtDemoAuthority authority;
    JwtDemoApi api {&authority};
    QHttpServer http;
    QTcpServer *tcpServer = nullptr; // owned by http once bound
    QHostAddress address;

    QHttpServerResponse respond(const QHttpServerRequest &request)
    {
        return toServerResponse(api.handle(toDemoRequest(request)));
    }

    void addRoutes();
};

void JwtDemoServer::Private::addRoutes()
{
    const QString paths[] = {
            QStringLiteral("/auth/login"),
            QStringLiteral("/auth/refresh"),
            QStringLiteral("/auth/logout"),
            QStringLiteral("/oauth/token"),
            QStringLiteral("/oauth/revoke"),
            QStringLiteral("/api/me"),
            QStringLiteral("/api/notes"),
            QStringLiteral("/api/avatar.png"),
            QStringLiteral("/admin/expire-access"),
            QStringLiteral("/admin/revoke-refresh"),
            QStringLiteral("/admin/outage"),
            // Django SimpleJWT's shape (JwtDemoJsonRoutes).
            QStringLiteral("/api/token/"),
            QStringLiteral("/api/token/refresh/"),
            QStringLiteral("/api/token/blacklist/"),
    };
    // Any method goes to the API, which answers 405 itself for the wrong one.
    for (const QString &path : paths)
        http.route(path, [this](const QHttpServerRequest &request) { return respond(request); });
    // The browser sign-in's routes (JwtDemoAuthorization), answered by the API as well.
    const QString browserSignInPaths[] = {QStringLiteral("/oauth/authorize"),
                                          QStringLiteral("/.well-known/openid-configuration")};
    for (const QString &path : browserSignInPaths)
        http.route(path, [this](const QHttpServerRequest &request) { return respond(request); });
    http.route(QStringLiteral("/api/notes/<arg>"),
               [this](const QString &, const QHttpServerRequest &request) {
                   return respond(request);
               });
}

JwtDemoServer::JwtDemoServer(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->addRoutes();
}

JwtDemoServer::~JwtDemoServer() = default;

bool JwtDemoServer::listen(const QHostAddress &address, quint16 port)
{
    if (d->tcpServer)
        return false;
    // Our own QTcpServer, bound afterwards, works the same from Qt 6.4 (where listen() exists)
    // to 6.8 and later (where bind() is the only way).
    auto *tcpServer = new QTcpServer(&d->http);
    if (!tcpServer->listen(address, port)) {
        delete tcpServer;
        return false;
    }
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    if (!d->http.bind(tcpServer)) {
        delete tcpServer;
        return false;
    }
#else
    d->http.bind(tcpServer);
#endif
    d->tcpServer = tcpServer;
    d->address = address;
#ifdef JWTDEMO_HAS_LIVE
    d->startLive(address);
#endif
    return true;
}

quint16 JwtDemoServer::port() const
{
    return d->tcpServer ? d->tcpServer->serverPort() : 0;
}

QUrl JwtDemoServer::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    const bool loopbackOrAny = d->address.isNull() || d->address.isLoopback()
            || d->address == QHostAddress::Any || d->address == QHostAddress::AnyIPv4
            || d->address == QHostAddress::AnyIPv6;
    url.setHost(loopbackOrAny && d->address.protocol() != QAbstractSocket::IPv6Protocol
                        ? QStringLiteral("127.0.0.1")
                        : d->address.toString());
    url.setPort(port());
    return url;
}

JwtDemoAuthority *JwtDemoServer::authority() const
{
    return &d->authority;
}

JwtDemoApi *JwtDemoServer::api() const
{
    return &d->api;
}

QUrl JwtDemoServer::liveUrl() const
{
#ifdef JWTDEMO_HAS_LIVE
    if (d->live) {
        QUrl url = d->live->url();
        url.setHost(baseUrl().host());
        return url;
    }
#endif
    return QUrl();
}

#ifdef JWTDEMO_HAS_LIVE
// The live channel listens next to the HTTP server, on a port of its own, and tells every
// client when a note was created or changed (clients reload; the message holds no note data).
void JwtDemoServer::Private::startLive(const QHostAddress &address)
{
    live = std::make_unique<JwtDemoLiveServer>(&authority);
    if (!live->listen(address, 0)) {
        live.reset();
        return;
    }
    QObject::connect(&api, &JwtDemoApi::requestHandled, live.get(),
                     [this](const QByteArray &method, const QString &path, int status) {
                         const bool changed = (method == "POST" || method == "PUT")
                                 && path.startsWith(QLatin1String("/api/notes")) && status >= 200
                                 && status < 300;
                         if (changed)
                             live->broadcast(QStringLiteral("{\"event\":\"notesChanged\"}"));
                     });
}
#endif
