// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwttestserver.h"

#include "jwtdemoauthority.h"
#include "jwthttpconnection.h"

#include <QtCore/qcryptographichash.h>
#include <QtCore/qhash.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qpointer.h>
#include <QtCore/qset.h>
#include <QtCore/qtimer.h>
#include <QtCore/qurlquery.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>

#include <optional>

/*!
    \class JwtTestServer
    \brief A scriptable loopback HTTP/1.1 server: the demo server's protocol, test routes,
    deliberate misbehaviour, and a record of every request it saw.

    Every request that is not a test route goes to JwtDemoApi, so the tests talk to exactly
    the protocol of the demo server. Test routes, all protected by the authority's Bearer check
    except under /public/ (for example /public/echo, /public/bytes) and /redirect:

    \list
    \li \c /echo (any method): 200 JSON
   {"method","length","sha256","generation","user","contentType"}. \li \c
   /bytes?n=N[&chunk=C][&delayMs=D]: N bytes where byte i is (i * 7 + 3) % 256 (bytesPatternAt()),
   written in chunks of C bytes (64 KiB by default) with D ms between chunks, generated on the fly
   and never queued beyond about 1 MiB plus one chunk. \li \c /delay?ms=N: 200 "ok" after N ms. \li
   \c /redirect?to=URL&code=301|302|303|307|308 (302 by default): Location is \c to as given. \li \c
   /status?code=N[&body=text]: that status (200 to 599) with that text body. \endlist

    A failed Bearer check answers 401, \c{WWW-Authenticate: Bearer error="invalid_token"} and
    \c{{"error":"invalid_token"}}. Handlers set with setRouteHandler() are protected the same way
    unless their path starts with /public/; those set with setPublicRouteHandler() do their own
    checks (the server shapes of JwtBackendShape). Precedence: stall, raw response, refresh call
   (scripted or not), route handler, test route, JwtDemoApi, 404.

    The recorded \c generation is that of a valid bearer token where the server checked one:
    protected test routes and handlers, and /api/ routes the API did not answer with 401.

    Counters are kept as they happen, so asking is O(1) however long the log is.
*/

namespace {

JwtDemoResponse makeResponse(int status, const QByteArray &contentType, const QByteArray &body)
{
    JwtDemoResponse response;
    response.status = status;
    response.setHeader("Content-Type", contentType);
    response.body = body;
    return response;
}

JwtDemoResponse jsonResponse(int status, const QJsonObject &object)
{
    return makeResponse(status, "application/json",
                        QJsonDocument(object).toJson(QJsonDocument::Compact));
}

JwtDemoResponse badParameter(const QString &what)
{
    return jsonResponse(400,
                        {{QStringLiteral("error"), QStringLiteral("invalid_request")},
                         {QStringLiteral("error_description"), what}});
}

JwtDemoResponse invalidToken()
{
    JwtDemoResponse response =
            jsonResponse(401, {{QStringLiteral("error"), QStringLiteral("invalid_token")}});
    response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    return response;
}

int rawStatus(const QByteArray &bytes)
{
    // "HTTP/1.1 200 ..." -> 200; anything else is recorded as 0.
    if (!bytes.startsWith("HTTP/") || bytes.size() < 12)
        return 0;
    bool ok = false;
    const int status = bytes.mid(9, 3).toInt(&ok);
    return ok ? status : 0;
}

// The "gen" claim of the bearer token, read without verifying it: used only for /api/ routes
// whose answer already proves the token valid, because verifying again would count the request
// twice in the authority's counters.
quint64 unverifiedGeneration(const QByteArray &authorization)
{
    if (!authorization.toLower().startsWith("bearer "))
        return 0;
    const QList<QByteArray> parts = authorization.mid(7).trimmed().split('.');
    if (parts.size() != 3)
        return 0;
    const QByteArray payload = QByteArray::fromBase64(
            parts.at(1), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const qint64 generation =
            QJsonDocument::fromJson(payload).object().value(QStringLiteral("gen")).toInteger();
    return generation > 0 ? quint64(generation) : 0;
}

bool isRefreshCall(const JwtDemoRequest &request)
{
    if (request.method != "POST")
        return false;
    const QString path = request.url.path();
    if (path == QStringLiteral("/auth/refresh") || path == QStringLiteral("/api/token/refresh/"))
        return true;
    if (path != QStringLiteral("/oauth/token"))
        return false;
    const QUrlQuery form(QString::fromUtf8(request.body));
    return form.queryItemValue(QStringLiteral("grant_type")) == QStringLiteral("refresh_token");
}

// A query parameter as an integer in [minimum, maximum]; \a fallback when absent.
std::optional<qint64> queryNumber(const QUrlQuery &query, const QString &name, qint64 fallback,
                                  qint64 minimum, qint64 maximum)
{
    if (!query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const qint64 value = query.queryItemValue(name).toLongLong(&ok);
    if (!ok || value < minimum || value > maximum)
        return std::nullopt;
    return value;
}

QByteArray patternSlice(qint64 offset, qint64 length)
{
    // The pattern repeats every 256 bytes, so any slice starts inside this table.
    static const QByteArray table = [] {
        QByteArray bytes(1024 * 1024 + 256, Qt::Uninitialized);
        for (qsizetype i = 0; i < bytes.size(); ++i)
            bytes[i] = JwtTestServer::bytesPatternAt(i);
        return bytes;
    }();
    if (length <= table.size() - 256)
        return QByteArray(table.constData() + offset % 256, length);
    QByteArray bytes(length, Qt::Uninitialized);
    for (qint64 i = 0; i < length; ++i)
        bytes[i] = JwtTestServer::bytesPatternAt(offset + i);
    return bytes;
}

bool isPublicPath(const QString &path)
{
    return path.startsWith(QStringLiteral("/public/"));
}

} // namespace

struct JwtTestServer::Private
{
    struct Ticket
    {
        quint64 epoch = 0;
        qsizetype index = 0;
    };

    JwtTestServer *q = nullptr;
    std::unique_ptr<JwtDemoAuthority> ownAuthority;
    JwtDemoAuthority *authority = nullptr;
    std::unique_ptr<JwtDemoApi> api;
    QTcpServer server;
    QTcpServer server6; // mirrors an IPv4 loopback listener, so "localhost" works either way
    QHostAddress address;

    QList<JwtDemoResponse> scripted;
    std::chrono::milliseconds refreshDelay {};
    QHash<QString, RouteHandler> handlers;
    QSet<QString> publicHandlers; // handlers that check authorization themselves
    QHash<QString, QByteArray> rawResponses;
    QSet<QString> stalls;

    QList<JwtRecordedRequest> log;
    quint64 epoch = 0; // bumped by resetRecording(), so late answers do not touch a new log
    int refreshCalls = 0;
    int withAuthorization = 0;
    int unauthorized = 0;
    int connections = 0;
    qint64 maxQueued = 0;
    QHash<QString, int> perPath;
    QHash<QByteArray, int> authorizationsByHost;
    QHash<quint64, int> perGeneration;

    void accept(QTcpServer *listener);
    void onRequest(JwtHttpConnection *connection, const JwtDemoRequest &request);
    Ticket record(const JwtRecordedRequest &recorded);
    void setStatus(Ticket ticket, int status);
    void answer(JwtHttpConnection *connection, JwtRecordedRequest recorded,
                const JwtDemoResponse &response, bool refresh = false);
    bool authorize(const QString &path, JwtRecordedRequest *recorded,
                   JwtDemoAuthority::Access *access);
    void answerRefresh(JwtHttpConnection *connection, const JwtDemoRequest &request,
                       const JwtRecordedRequest &recorded);
    bool answerTestRoute(JwtHttpConnection *connection, const JwtDemoRequest &request,
                         JwtRecordedRequest recorded);
    JwtDemoResponse echo(const JwtDemoRequest &request, const JwtDemoAuthority::Access &access);
    void streamBytes(JwtHttpConnection *connection, const QUrlQuery &query,
                     JwtRecordedRequest recorded);
    JwtDemoResponse redirect(const QUrlQuery &query);
    JwtDemoResponse status(const QUrlQuery &query);
    QString hostForUrl() const;
};

void JwtTestServer::Private::accept(QTcpServer *listener)
{
    while (QTcpSocket *socket = listener->nextPendingConnection()) {
        ++connections;
        auto *connection = new JwtHttpConnection(socket, q);
        QObject::connect(connection, &JwtHttpConnection::requestReady, q,
                         [this, connection](const JwtDemoRequest &request) {
                             onRequest(connection, request);
                         });
        QObject::connect(connection, &JwtHttpConnection::bytesQueued, q,
                         [this](qint64 queued) { maxQueued = qMax(maxQueued, queued); });
        QObject::connect(connection, &JwtHttpConnection::closed, connection, &QObject::deleteLater);
    }
}

void JwtTestServer::Private::onRequest(JwtHttpConnection *connection, const JwtDemoRequest &request)
{
    JwtRecordedRequest recorded;
    recorded.method = request.method;
    recorded.path = request.url.path();
    recorded.query = request.url.query();
    recorded.host = request.header("Host");
    recorded.authorization = request.header("Authorization");
    recorded.cookie = request.header("Cookie");
    recorded.bodySize = request.body.size();
    recorded.bodySha256Hex =
            QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex();
    recorded.localPort = connection->localPort();

    const QString &path = recorded.path;
    // A public handler on a refresh path (a server shape) answers for itself.
    const bool refresh = isRefreshCall(request) && !publicHandlers.contains(path);
    if (refresh)
        ++refreshCalls;

    if (stalls.contains(path)) {
        record(recorded);
        if (refresh)
            Q_EMIT q->refreshCallReceived();
        return;
    }
    if (const auto raw = rawResponses.constFind(path); raw != rawResponses.constEnd()) {
        recorded.status = rawStatus(*raw);
        const QByteArray bytes = *raw;
        record(recorded);
        if (refresh)
            Q_EMIT q->refreshCallReceived();
        connection->respondRaw(bytes);
        return;
    }
    if (refresh) {
        answerRefresh(connection, request, recorded);
        return;
    }
    if (const auto handler = handlers.constFind(path); handler != handlers.constEnd()) {
        JwtDemoAuthority::Access access;
        const RouteHandler handle = *handler;
        const bool open = publicHandlers.contains(path) || authorize(path, &recorded, &access);
        const JwtDemoResponse response = open ? handle(request) : invalidToken();
        answer(connection, recorded, response);
        return;
    }
    if (answerTestRoute(connection, request, recorded))
        return;

    // HEAD is GET without the body (RFC 9110 §9.3.2); the connection drops the body.
    JwtDemoRequest apiRequest = request;
    if (apiRequest.method == "HEAD")
        apiRequest.method = "GET";
    if (api->handles(apiRequest)) {
        const JwtDemoResponse response = api->handle(apiRequest);
        if (path.startsWith(QStringLiteral("/api/")) && response.status != 401)
            recorded.generation = unverifiedGeneration(recorded.authorization);
        answer(connection, recorded, response);
        return;
    }
    answer(connection, recorded,
           jsonResponse(404, {{QStringLiteral("error"), QStringLiteral("not_found")}}));
}

JwtTestServer::Private::Ticket JwtTestServer::Private::record(const JwtRecordedRequest &recorded)
{
    const Ticket ticket {epoch, log.size()};
    log.append(recorded);
    ++perPath[recorded.path];
    if (!recorded.authorization.isEmpty()) {
        ++withAuthorization;
        ++authorizationsByHost[recorded.host];
    }
    ++perGeneration[recorded.generation];
    if (recorded.status == 401)
        ++unauthorized;
    Q_EMIT q->requestReceived(recorded);
    return ticket;
}

void JwtTestServer::Private::setStatus(Ticket ticket, int status)
{
    if (ticket.epoch != epoch || ticket.index >= log.size())
        return;
    log[ticket.index].status = status;
    if (status == 401)
        ++unauthorized;
}

void JwtTestServer::Private::answer(JwtHttpConnection *connection, JwtRecordedRequest recorded,
                                    const JwtDemoResponse &response, bool refresh)
{
    recorded.status = response.status;
    record(recorded);
    if (refresh)
        Q_EMIT q->refreshCallReceived();
    connection->respond(response);
}

bool JwtTestServer::Private::authorize(const QString &path, JwtRecordedRequest *recorded,
                                       JwtDemoAuthority::Access *access)
{
    if (isPublicPath(path))
        return true;
    *access = authority->verify(recorded->authorization);
    if (access->ok)
        recorded->generation = access->generation;
    return access->ok;
}

void JwtTestServer::Private::answerRefresh(JwtHttpConnection *connection,
                                           const JwtDemoRequest &request,
                                           const JwtRecordedRequest &recorded)
{
    // Taken now, so that scripted answers follow the order the calls arrived in.
    std::optional<JwtDemoResponse> script;
    if (!scripted.isEmpty())
        script = scripted.takeFirst();
    if (refreshDelay.count() <= 0) {
        answer(connection, recorded, script ? *script : api->handle(request), true);
        return;
    }
    // The authority acts when the answer is due, even if the client has gone away by then,
    // like a slow server that does not notice the client leaving.
    const Ticket ticket = record(recorded);
    Q_EMIT q->refreshCallReceived();
    const QPointer<JwtHttpConnection> target(connection);
    QTimer::singleShot(refreshDelay, q, [this, ticket, target, request, script] {
        const JwtDemoResponse response = script ? *script : api->handle(request);
        setStatus(ticket, response.status);
        if (target)
            target->respond(response);
    });
}

bool JwtTestServer::Private::answerTestRoute(JwtHttpConnection *connection,
                                             const JwtDemoRequest &request,
                                             JwtRecordedRequest recorded)
{
    const QString &path = recorded.path;
    const QString route = isPublicPath(path) ? path.mid(7) : path;
    const QUrlQuery query(request.url);
    if (route == QStringLiteral("/redirect")) {
        answer(connection, recorded, redirect(query));
        return true;
    }
    const bool known = route == QStringLiteral("/echo") || route == QStringLiteral("/bytes")
            || route == QStringLiteral("/delay") || route == QStringLiteral("/status");
    if (!known)
        return false;

    JwtDemoAuthority::Access access;
    if (!authorize(path, &recorded, &access)) {
        answer(connection, recorded, invalidToken());
    } else if (route == QStringLiteral("/echo")) {
        answer(connection, recorded, echo(request, access));
    } else if (route == QStringLiteral("/bytes")) {
        streamBytes(connection, query, recorded);
    } else if (route == QStringLiteral("/status")) {
        answer(connection, recorded, status(query));
    } else if (const auto ms = queryNumber(query, QStringLiteral("ms"), 0, 0, 3600 * 1000)) {
        recorded.status = 200;
        record(recorded);
        QTimer::singleShot(std::chrono::milliseconds(*ms), connection, [connection] {
            connection->respond(makeResponse(200, "text/plain", "ok"));
        });
    } else {
        answer(connection, recorded, badParameter(QStringLiteral("ms")));
    }
    return true;
}

JwtDemoResponse JwtTestServer::Private::echo(const JwtDemoRequest &request,
                                             const JwtDemoAuthority::Access &access)
{
    const QByteArray sha256 =
            QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex();
    return jsonResponse(
            200,
            {{QStringLiteral("method"), QString::fromLatin1(request.method)},
             {QStringLiteral("length"), qint64(request.body.size())},
             {QStringLiteral("sha256"), QString::fromLatin1(sha256)},
             {QStringLiteral("generation"), qint64(access.generation)},
             {QStringLiteral("user"), access.user},
             {QStringLiteral("contentType"), QString::fromUtf8(request.header("Content-Type"))}});
}

void JwtTestServer::Private::streamBytes(JwtHttpConnection *connection, const QUrlQuery &query,
                                         JwtRecordedRequest recorded)
{
    const auto size = queryNumber(query, QStringLiteral("n"), -1, 0, qint64(1) << 40);
    const auto chunk = queryNumber(query, QStringLiteral("chunk"),
                                   JwtHttpConnection::DefaultChunkSize, 1, 16 * 1024 * 1024);
    const auto delay = queryNumber(query, QStringLiteral("delayMs"), 0, 0, 60 * 1000);
    if (!size || *size < 0 || !chunk || !delay) {
        answer(connection, recorded, badParameter(QStringLiteral("n, chunk or delayMs")));
        return;
    }
    recorded.status = 200;
    record(recorded);
    connection->respondStreamed(200, {{"Content-Type", "application/octet-stream"}}, *size,
                                patternSlice, *chunk, std::chrono::milliseconds(*delay));
}

JwtDemoResponse JwtTestServer::Private::redirect(const QUrlQuery &query)
{
    const QString to = query.queryItemValue(QStringLiteral("to"), QUrl::FullyDecoded);
    const auto code = queryNumber(query, QStringLiteral("code"), 302, 301, 308);
    if (to.isEmpty() || !code || *code == 304 || *code == 305 || *code == 306)
        return badParameter(QStringLiteral("to or code"));
    JwtDemoResponse response;
    response.status = int(*code);
    response.setHeader("Location", to.toUtf8());
    return response;
}

JwtDemoResponse JwtTestServer::Private::status(const QUrlQuery &query)
{
    const auto code = queryNumber(query, QStringLiteral("code"), -1, 200, 599);
    if (!code)
        return badParameter(QStringLiteral("code"));
    return makeResponse(int(*code), "text/plain",
                        query.queryItemValue(QStringLiteral("body"), QUrl::FullyDecoded).toUtf8());
}

QString JwtTestServer::Private::hostForUrl() const
{
    if (address == QHostAddress::AnyIPv6 || address == QHostAddress::LocalHostIPv6)
        return QStringLiteral("::1");
    if (address.isNull() || address == QHostAddress::Any || address == QHostAddress::AnyIPv4
        || address == QHostAddress::LocalHost)
        return QStringLiteral("127.0.0.1");
    return address.toString();
}

JwtTestServer::JwtTestServer(JwtDemoAuthority *sharedAuthority, QObject *parent)
    : QObject(parent), d(new Private)
{
    d->q = this;
    if (!sharedAuthority) {
        d->ownAuthority = std::make_unique<JwtDemoAuthority>();
        sharedAuthority = d->ownAuthority.get();
    }
    d->authority = sharedAuthority;
    d->api = std::make_unique<JwtDemoApi>(sharedAuthority);
    for (QTcpServer *listener : {&d->server, &d->server6}) {
        // Hundreds of simultaneous connects must not overflow the kernel's accept queue.
        listener->setListenBacklogSize(1024);
        connect(listener, &QTcpServer::newConnection, this,
                [this, listener] { d->accept(listener); });
    }
}

JwtTestServer::~JwtTestServer()
{
    // Connections call back into d; they go first.
    const QList<JwtHttpConnection *> connections =
            findChildren<JwtHttpConnection *>(Qt::FindDirectChildrenOnly);
    qDeleteAll(connections);
}

bool JwtTestServer::listen(const QHostAddress &address, quint16 port)
{
    if (!d->server.listen(address, port))
        return false;
    d->address = address;
    // Best effort: "localhost" may resolve to ::1 first; answering there avoids a refused
    // connection and a retry in every redirect test.
    if (address == QHostAddress::LocalHost)
        d->server6.listen(QHostAddress::LocalHostIPv6, d->server.serverPort());
    return true;
}

quint16 JwtTestServer::port() const
{
    return d->server.serverPort();
}

QUrl JwtTestServer::url(const QString &pathAndQuery) const
{
    return urlForHost(d->hostForUrl(), pathAndQuery);
}

QUrl JwtTestServer::urlForHost(const QString &host, const QString &pathAndQuery) const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(host);
    url.setPort(port());
    const qsizetype question = pathAndQuery.indexOf(QLatin1Char('?'));
    url.setPath(question < 0 ? pathAndQuery : pathAndQuery.left(question), QUrl::TolerantMode);
    if (question >= 0)
        url.setQuery(pathAndQuery.mid(question + 1), QUrl::TolerantMode);
    return url;
}

JwtDemoAuthority *JwtTestServer::authority() const
{
    return d->authority;
}

JwtDemoApi *JwtTestServer::api() const
{
    return d->api.get();
}

/*!
    The next refresh calls (POST /auth/refresh, or POST /oauth/token with
    grant_type=refresh_token) are answered with \a responses in order, without asking the
    authority; after the last one, refresh calls are handled normally again. Replaces what is
    left of an earlier script.
*/
void JwtTestServer::scriptRefreshResponses(const QList<JwtDemoResponse> &responses)
{
    d->scripted = responses;
}

int JwtTestServer::scriptedRefreshResponsesLeft() const
{
    return d->scripted.size();
}

//! Refresh calls are answered (and, unless scripted, handled) \a delay after they arrived.
void JwtTestServer::setRefreshDelay(std::chrono::milliseconds delay)
{
    d->refreshDelay = delay;
}

//! Answers requests for exactly \a path with \a handler, which checks authorization itself.
void JwtTestServer::setPublicRouteHandler(const QString &path, const RouteHandler &handler)
{
    setRouteHandler(path, handler);
    if (handler)
        d->publicHandlers.insert(path);
    else
        d->publicHandlers.remove(path);
}

//! Answers requests for exactly \a path with \a handler (Bearer check first unless /public/).
void JwtTestServer::setRouteHandler(const QString &path, const RouteHandler &handler)
{
    if (handler)
        d->handlers.insert(path, handler);
    else
        d->handlers.remove(path);
}

//! Answers requests for \a path with exactly \a bytes and closes; empty \a bytes removes it.
void JwtTestServer::setRawResponse(const QString &path, const QByteArray &bytes)
{
    if (bytes.isEmpty())
        d->rawResponses.remove(path);
    else
        d->rawResponses.insert(path, bytes);
}

//! While on, requests for \a path are recorded but never answered.
void JwtTestServer::setStall(const QString &path, bool stall)
{
    if (stall)
        d->stalls.insert(path);
    else
        d->stalls.remove(path);
}

QList<JwtRecordedRequest> JwtTestServer::requests() const
{
    return d->log;
}

int JwtTestServer::refreshCalls() const
{
    return d->refreshCalls;
}

int JwtTestServer::count(const QString &path) const
{
    return d->perPath.value(path);
}

int JwtTestServer::countWithAuthorization() const
{
    return d->withAuthorization;
}

int JwtTestServer::authorizationsSeenByHost(const QByteArray &hostHeader) const
{
    return d->authorizationsByHost.value(hostHeader);
}

int JwtTestServer::unauthorizedAnswers() const
{
    return d->unauthorized;
}

int JwtTestServer::requestsWithGeneration(quint64 generation) const
{
    return d->perGeneration.value(generation);
}

int JwtTestServer::connectionsAccepted() const
{
    return d->connections;
}

//! The most bytes ever queued unsent in one connection's socket: proves bodies are streamed.
qint64 JwtTestServer::maxQueuedBytes() const
{
    return d->maxQueued;
}

//! Clears the log and every counter; answers still pending are no longer recorded.
void JwtTestServer::resetRecording()
{
    d->log.clear();
    ++d->epoch;
    d->refreshCalls = 0;
    d->withAuthorization = 0;
    d->unauthorized = 0;
    d->connections = 0;
    d->maxQueued = 0;
    d->perPath.clear();
    d->authorizationsByHost.clear();
    d->perGeneration.clear();
}

//! Byte \a index of every /bytes body: (index * 7 + 3) % 256.
char JwtTestServer::bytesPatternAt(qint64 index)
{
    return char((index * 7 + 3) % 256);
}
