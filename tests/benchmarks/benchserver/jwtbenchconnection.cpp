// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtbenchconnection.h"

#include "jwtdemoapi.h"
#include "jwtdemoauthority.h"

#include <QtCore/qcryptographichash.h>
#include <QtCore/qurlquery.h>
#include <QtNetwork/qtcpsocket.h>

/*!
    \class JwtBenchConnection
    \brief One connection of the benchmark server: a small HTTP/1.1 parser that streams.

    Request bodies of the upload sink go through SHA-256 as they arrive and are never stored;
    the download route writes a generated pattern in 64 KiB pieces and waits for the socket to
    drain below 1 MiB before writing more. Everything else (login, refresh, admin routes) is
    small and is buffered for JwtDemoApi. Requests are answered one at a time, in order, as
    HTTP/1.1 keep-alive requires; no chunked request bodies (Qt sends Content-Length).
*/

namespace {

constexpr qsizetype MaxHeadBytes = 16 * 1024;
constexpr qint64 MaxBufferedBody = 1024 * 1024; // the auth routes take small JSON only
constexpr qint64 StreamChunk = 64 * 1024;
constexpr qint64 WriteHighWater = 1024 * 1024;
constexpr qint64 ReadPiece = 256 * 1024;

using Headers = QList<QPair<QByteArray, QByteArray>>;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Content Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 501:
        return "Not Implemented";
    default:
        return "Status";
    }
}

// Byte i of every streamed body; the same pattern as JwtTestServer's /bytes route.
char patternAt(qint64 index)
{
    return char((index * 7 + 3) % 256);
}

QByteArray patternChunk()
{
    QByteArray chunk(StreamChunk, Qt::Uninitialized);
    for (qint64 i = 0; i < StreamChunk; ++i)
        chunk[i] = patternAt(i);
    return chunk; // StreamChunk is a multiple of 256, so chunks repeat the pattern seamlessly
}

QByteArray json(const QList<QPair<QByteArray, QByteArray>> &members)
{
    QByteArray out = "{";
    for (const auto &member : members) {
        if (out.size() > 1)
            out += ',';
        out += '"' + member.first + "\":" + member.second;
    }
    return out + '}';
}

} // namespace

struct JwtBenchConnection::Private
{
    enum class State { Head, Body, Responding };
    enum class BodyMode { Buffer, Sink };

    JwtBenchConnection *q = nullptr;
    QTcpSocket *socket = nullptr;
    JwtDemoApi *api = nullptr;

    State state = State::Head;
    QByteArray input; // read but not parsed yet; only ever a head and the start of a body
    JwtDemoRequest request;
    QString path;
    bool closeAfterResponse = false;
    qint64 bodyLeft = 0;
    BodyMode bodyMode = BodyMode::Buffer;
    bool authorized = false;
    QCryptographicHash sha {QCryptographicHash::Sha256};
    qint64 sinkLength = 0;
    qint64 streamLeft = 0;
    const QByteArray chunk = patternChunk();

    void onReadyRead();
    bool parseHead();
    bool readBody();
    void consumeBody(const char *data, qint64 size);
    void dispatch();
    bool checkBearer();
    void respond(int status, const Headers &headers, const QByteArray &body);
    void writeHead(int status, const Headers &headers, qint64 length);
    void startStream(qint64 size);
    void pump();
    void onBytesWritten();
    void responseDone();
    void fail(int status);
};

void JwtBenchConnection::Private::onReadyRead()
{
    while (state != State::Responding) {
        if (state == State::Head) {
            if (parseHead())
                continue;
            if (state != State::Head)
                return; // refused and closing
            const qint64 available = socket->bytesAvailable();
            if (available <= 0)
                return;
            if (input.size() >= MaxHeadBytes) {
                fail(431);
                return;
            }
            input += socket->read(qMin<qint64>(available, MaxHeadBytes));
            continue;
        }
        if (!readBody())
            return;
        dispatch();
    }
}

// Parses one request head out of input; false when it is not complete yet.
bool JwtBenchConnection::Private::parseHead()
{
    const qsizetype end = input.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QList<QByteArray> lines = input.left(end).split('\n');
    input.remove(0, end + 4);
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3) {
        fail(400);
        return false;
    }
    request = {};
    request.method = requestLine.at(0);
    request.url = QUrl::fromEncoded(requestLine.at(1));
    path = request.url.path();
    closeAfterResponse = requestLine.at(2) != "HTTP/1.1";
    qint64 length = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        request.headers.append({name, value});
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
            length = value.toLongLong();
        else if (name.compare("Connection", Qt::CaseInsensitive) == 0)
            closeAfterResponse = value.compare("close", Qt::CaseInsensitive) == 0;
        else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            fail(501);
            return false;
        }
    }
    bodyMode = path == QLatin1String("/bench/sink") ? BodyMode::Sink : BodyMode::Buffer;
    if (bodyMode == BodyMode::Buffer && length > MaxBufferedBody) {
        fail(413);
        return false;
    }
    // The sink decides on the token before the body: a refused upload is read to its end and
    // then answered (Qt only reads the answer after sending all of it anyway).
    authorized = bodyMode == BodyMode::Sink && checkBearer();
    sha.reset();
    sinkLength = 0;
    bodyLeft = length;
    state = State::Body;
    return true;
}

// Feeds the body to its consumer; true when all of it arrived.
bool JwtBenchConnection::Private::readBody()
{
    if (!input.isEmpty() && bodyLeft > 0) {
        const qint64 n = qMin<qint64>(bodyLeft, input.size());
        consumeBody(input.constData(), n);
        input.remove(0, n);
    }
    char buffer[ReadPiece];
    while (bodyLeft > 0) {
        const qint64 n = socket->read(buffer, qMin<qint64>(bodyLeft, ReadPiece));
        if (n <= 0)
            return false;
        consumeBody(buffer, n);
    }
    return true;
}

void JwtBenchConnection::Private::consumeBody(const char *data, qint64 size)
{
    bodyLeft -= size;
    if (bodyMode == BodyMode::Buffer) {
        request.body.append(data, size);
        return;
    }
    sinkLength += size;
    // Refused bodies are hashed too: the server spends the same per byte on every attempt, so a
    // 401 never comes back faster than a real upload would (SHA-256 is the server's bottleneck).
    sha.addData(QByteArrayView(data, size));
}

bool JwtBenchConnection::Private::checkBearer()
{
    return api->authority()->verify(request.header("Authorization")).ok;
}

void JwtBenchConnection::Private::dispatch()
{
    state = State::Responding;
    const Headers jsonType {{"Content-Type", "application/json"}};
    const bool bench = path.startsWith(QLatin1String("/bench/"));
    const bool needsToken = path == QLatin1String("/bench/small")
            || path == QLatin1String("/bench/stream") || path == QLatin1String("/bench/sink");
    if (needsToken && !(bodyMode == BodyMode::Sink ? authorized : checkBearer())) {
        respond(401,
                {{"Content-Type", "application/json"},
                 {"WWW-Authenticate", "Bearer error=\"invalid_token\""}},
                "{\"error\":\"invalid_token\"}");
        return;
    }
    if (path == QLatin1String("/bench/small")) {
        respond(200, jsonType, "{\"ok\":true,\"payload\":\"0123456789abcdef0123456789abcdef\"}");
    } else if (path == QLatin1String("/bench/stream")) {
        const qint64 size = QUrlQuery(request.url).queryItemValue(QStringLiteral("n")).toLongLong();
        startStream(size);
    } else if (path == QLatin1String("/bench/sink")) {
        respond(200, jsonType,
                json({{"length", QByteArray::number(sinkLength)},
                      {"sha256", '"' + sha.result().toHex() + '"'}}));
    } else if (path == QLatin1String("/bench/stats")) {
        const JwtDemoAuthority::Counters c = api->authority()->counters();
        respond(200, jsonType,
                json({{"logins", QByteArray::number(c.logins)},
                      {"refreshCalls", QByteArray::number(c.refreshCalls)},
                      {"refreshesRejected", QByteArray::number(c.refreshesRejected)},
                      {"accessGranted", QByteArray::number(c.accessGranted)},
                      {"accessDenied", QByteArray::number(c.accessDenied)}}));
    } else if (path == QLatin1String("/bench/lifetime") && request.method == "POST") {
        const qint64 ms = QUrlQuery(request.url).queryItemValue(QStringLiteral("ms")).toLongLong();
        api->authority()->setAccessTokenLifetime(std::chrono::milliseconds(ms));
        respond(204, {}, {});
    } else if (bench) {
        respond(404, jsonType, "{\"error\":\"not_found\"}");
    } else {
        const JwtDemoResponse response = api->handle(request);
        respond(response.status, response.headers, response.body);
    }
}

void JwtBenchConnection::Private::writeHead(int status, const Headers &headers, qint64 length)
{
    QByteArray head;
    head.reserve(256);
    head += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &header : headers)
        head += header.first + ": " + header.second + "\r\n";
    head += "Content-Length: " + QByteArray::number(length) + "\r\n";
    if (closeAfterResponse)
        head += "Connection: close\r\n";
    head += "\r\n";
    socket->write(head);
}

void JwtBenchConnection::Private::respond(int status, const Headers &headers,
                                          const QByteArray &body)
{
    writeHead(status, headers, body.size());
    socket->write(body);
    responseDone();
}

void JwtBenchConnection::Private::startStream(qint64 size)
{
    writeHead(200, {{"Content-Type", "application/octet-stream"}}, size);
    streamLeft = size;
    if (size <= 0) {
        responseDone();
        return;
    }
    pump();
}

// Writes the next pieces of a streamed body while the socket's buffer is below the high-water
// mark; called again from bytesWritten.
void JwtBenchConnection::Private::pump()
{
    if (streamLeft <= 0 || state != State::Responding)
        return;
    while (streamLeft > 0 && socket->bytesToWrite() < WriteHighWater) {
        const qint64 n = qMin(streamLeft, StreamChunk);
        socket->write(chunk.constData(), n);
        streamLeft -= n;
    }
    if (streamLeft == 0)
        responseDone();
}

void JwtBenchConnection::Private::onBytesWritten()
{
    if (streamLeft <= 0)
        return;
    pump();
    if (streamLeft == 0)
        onReadyRead(); // a next request may already be waiting in the socket
}

void JwtBenchConnection::Private::responseDone()
{
    if (streamLeft > 0)
        return;
    if (closeAfterResponse) {
        socket->disconnectFromHost();
        return;
    }
    state = State::Head; // onReadyRead() goes on with the next request
    request = {};
}

void JwtBenchConnection::Private::fail(int status)
{
    closeAfterResponse = true;
    state = State::Responding;
    respond(status, {}, reasonPhrase(status));
}

JwtBenchConnection::JwtBenchConnection(QTcpSocket *socket, JwtDemoApi *api, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->socket = socket;
    d->api = api;
    socket->setParent(this);
    connect(socket, &QTcpSocket::readyRead, this, [this] { d->onReadyRead(); });
    connect(socket, &QTcpSocket::bytesWritten, this, [this] { d->onBytesWritten(); });
    connect(socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    d->onReadyRead();
}

JwtBenchConnection::~JwtBenchConnection() = default;
