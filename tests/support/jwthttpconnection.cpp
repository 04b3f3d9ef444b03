// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwthttpconnection.h"

#include <QtCore/qlist.h>
#include <QtCore/qlogging.h>
#include <QtCore/qpointer.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qtcpsocket.h>

#include <cctype>

/*!
    \class JwtHttpConnection
    \brief One HTTP/1.1 connection of JwtTestServer: strict request parsing, streamed answers.

    Requests are handled strictly one after the other, so pipelined requests are answered in
    order. Anything that does not parse as HTTP/1.x is answered with 400 and the connection is
    closed, so a client bug shows up as an error instead of as a silently tolerated request.
*/

namespace {

constexpr qsizetype MaxHeaderBytes = 64 * 1024;
constexpr qint64 MaxBodyBytes = qint64(1) << 30;

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != 0 && QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

bool hasControlCharacters(QByteArrayView text)
{
    for (char c : text) {
        const auto u = uchar(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f)
            return true;
    }
    return false;
}

bool bodyAllowed(int status)
{
    return status >= 200 && status != 204 && status != 304;
}

// Strict decimal, as RFC 9110 §8.6 requires for Content-Length.
bool parseLength(const QByteArray &text, qint64 *value)
{
    if (text.isEmpty() || text.size() > 18)
        return false;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    *value = text.toLongLong();
    return true;
}

} // namespace

struct JwtHttpConnection::Private
{
    enum class State {
        RequestLine,
        Headers,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        Waiting, // request handed over, no answer yet
        Responding, // streaming the answer's body
        Closed,
    };
    enum class LineResult { Line, NeedMore, TooLong };

    JwtHttpConnection *q = nullptr;
    QTcpSocket *socket = nullptr;
    QByteArray input;
    qsizetype pos = 0;
    State state = State::RequestLine;
    bool processing = false;

    // The request being parsed.
    JwtDemoRequest request;
    int minorVersion = 1;
    qsizetype headerBytes = 0;
    qint64 remaining = 0;
    bool keepAlive = true;
    bool isHead = false;

    // The answer being written.
    qint64 bodyLength = 0;
    qint64 bodySent = 0;
    qint64 chunkSize = DefaultChunkSize;
    std::chrono::milliseconds chunkDelay {};
    BodyGenerator generator;
    bool pausing = false;

    LineResult readLine(QByteArray *line, bool isHeader);
    bool parseStep();
    bool parseRequestLine(const QByteArray &line);
    bool parseHeader(const QByteArray &line);
    bool headersComplete();
    bool readBody(State next);
    bool parseChunkSize(const QByteArray &line);
    void dispatch();
    void processInput();
    void fail(int status);
    bool beginResponse();
    void writeHead(int status, const QList<QPair<QByteArray, QByteArray>> &headers, qint64 length);
    void pumpBody();
    void finishResponse();
    void close();
};

JwtHttpConnection::Private::LineResult JwtHttpConnection::Private::readLine(QByteArray *line,
                                                                            bool isHeader)
{
    const qsizetype newline = input.indexOf('\n', pos);
    if (newline < 0)
        return input.size() - pos > MaxHeaderBytes ? LineResult::TooLong : LineResult::NeedMore;
    *line = input.mid(pos, newline - pos);
    if (line->endsWith('\r'))
        line->chop(1);
    const qsizetype consumed = newline - pos + 1;
    pos = newline + 1;
    if (isHeader)
        headerBytes += consumed;
    if (consumed > MaxHeaderBytes || headerBytes > MaxHeaderBytes)
        return LineResult::TooLong;
    return LineResult::Line;
}

bool JwtHttpConnection::Private::parseStep()
{
    QByteArray line;
    const bool isHeaderState =
            state == State::RequestLine || state == State::Headers || state == State::Trailers;
    const bool isLineState =
            isHeaderState || state == State::ChunkSize || state == State::ChunkDataEnd;
    if (isLineState) {
        switch (readLine(&line, isHeaderState)) {
        case LineResult::NeedMore:
            return false;
        case LineResult::TooLong:
            fail(state == State::Headers || state == State::RequestLine ? 431 : 400);
            return false;
        case LineResult::Line:
            break;
        }
    }

    switch (state) {
    case State::RequestLine:
        // RFC 9112 §2.2: empty lines before a request line are ignored.
        return line.isEmpty() || parseRequestLine(line);
    case State::Headers:
        return line.isEmpty() ? headersComplete() : parseHeader(line);
    case State::Body:
        return readBody(State::Waiting);
    case State::ChunkSize:
        return parseChunkSize(line);
    case State::ChunkData:
        return readBody(State::ChunkDataEnd);
    case State::ChunkDataEnd:
        if (!line.isEmpty()) {
            fail(400);
            return false;
        }
        state = State::ChunkSize;
        return true;
    case State::Trailers:
        if (line.isEmpty()) {
            dispatch();
            return true;
        }
        if (line.indexOf(':') <= 0) {
            fail(400);
            return false;
        }
        return true;
    case State::Waiting:
    case State::Responding:
    case State::Closed:
        return false;
    }
    return false;
}

bool JwtHttpConnection::Private::parseRequestLine(const QByteArray &line)
{
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3 || !isToken(parts.at(0)) || parts.at(1).isEmpty()
        || hasControlCharacters(parts.at(1))) {
        fail(400);
        return false;
    }
    const QByteArray &version = parts.at(2);
    if (version == "HTTP/1.1") {
        minorVersion = 1;
    } else if (version == "HTTP/1.0") {
        minorVersion = 0;
    } else {
        fail(version.startsWith("HTTP/") && version.size() == 8 ? 505 : 400);
        return false;
    }

    QByteArray target = parts.at(1);
    // Absolute form (RFC 9112 §3.2.2): keep only the path and query; Host is recorded apart.
    if (target.startsWith("http://") || target.startsWith("https://")) {
        const qsizetype slash = target.indexOf('/', target.indexOf("://") + 3);
        target = slash < 0 ? QByteArray("/") : target.mid(slash);
    }
    if (!target.startsWith('/') && target != "*") {
        fail(400);
        return false;
    }
    // Built from parts so that a target such as "//x" is never taken for an authority.
    const qsizetype question = target.indexOf('?');
    QUrl url;
    url.setPath(QString::fromLatin1(target.left(question < 0 ? target.size() : question)),
                QUrl::TolerantMode);
    if (question >= 0)
        url.setQuery(QString::fromLatin1(target.mid(question + 1)), QUrl::TolerantMode);
    if (!url.isValid()) {
        fail(400);
        return false;
    }
    request.method = parts.at(0);
    request.url = url;
    state = State::Headers;
    return true;
}

bool JwtHttpConnection::Private::parseHeader(const QByteArray &line)
{
    const qsizetype colon = line.indexOf(':');
    // A name must be a token: this also rejects obsolete line folding and "Name :".
    if (colon <= 0 || !isToken(QByteArrayView(line).first(colon))) {
        fail(400);
        return false;
    }
    const QByteArray value = line.mid(colon + 1).trimmed();
    if (hasControlCharacters(value)) {
        fail(400);
        return false;
    }
    request.headers.append({line.left(colon), value});
    return true;
}

bool JwtHttpConnection::Private::headersComplete()
{
    int hosts = 0;
    QList<QByteArray> lengths;
    QByteArray transferEncoding;
    QByteArray expect;
    bool close = false;
    bool keepAliveToken = false;
    for (const auto &[name, value] : std::as_const(request.headers)) {
        const QByteArray lower = name.toLower();
        if (lower == "host") {
            ++hosts;
        } else if (lower == "content-length") {
            lengths.append(value);
        } else if (lower == "transfer-encoding") {
            transferEncoding += transferEncoding.isEmpty() ? value : ", " + value;
        } else if (lower == "expect") {
            expect = value.toLower();
        } else if (lower == "connection") {
            for (const QByteArray &token : value.split(',')) {
                const QByteArray option = token.trimmed().toLower();
                close = close || option == "close";
                keepAliveToken = keepAliveToken || option == "keep-alive";
            }
        }
    }
    keepAlive = minorVersion == 1 ? !close : (keepAliveToken && !close);
    isHead = request.method == "HEAD";

    // RFC 9112 §3.2: exactly one Host in HTTP/1.1.
    if (hosts > 1 || (minorVersion == 1 && hosts == 0)) {
        fail(400);
        return false;
    }
    // Both framings at once is how requests get smuggled; refuse instead of choosing.
    if (!transferEncoding.isEmpty() && !lengths.isEmpty()) {
        fail(400);
        return false;
    }
    const bool chunked = !transferEncoding.isEmpty();
    if (chunked && transferEncoding.toLower() != "chunked") {
        fail(501);
        return false;
    }
    qint64 length = 0;
    for (const QByteArray &text : std::as_const(lengths)) {
        qint64 value = 0;
        if (!parseLength(text, &value) || (length != 0 && value != length)) {
            fail(400);
            return false;
        }
        length = value;
    }
    if (length > MaxBodyBytes) {
        fail(413);
        return false;
    }
    if (!expect.isEmpty()) {
        if (expect != "100-continue") {
            fail(417);
            return false;
        }
        // Only when the client really waits: no body byte has arrived yet.
        if (minorVersion == 1 && (chunked || length > 0) && pos == input.size())
            socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }

    if (chunked) {
        state = State::ChunkSize;
    } else if (length > 0) {
        remaining = length;
        request.body.reserve(length);
        state = State::Body;
    } else {
        dispatch();
    }
    return true;
}

bool JwtHttpConnection::Private::readBody(State next)
{
    const qint64 available = qMin<qint64>(remaining, input.size() - pos);
    if (available <= 0)
        return false;
    request.body.append(input.constData() + pos, available);
    pos += available;
    remaining -= available;
    if (remaining > 0)
        return false;
    if (next == State::Waiting)
        dispatch();
    else
        state = next;
    return true;
}

bool JwtHttpConnection::Private::parseChunkSize(const QByteArray &line)
{
    const qsizetype semicolon = line.indexOf(';');
    const QByteArray digits = line.left(semicolon < 0 ? line.size() : semicolon).trimmed();
    bool ok = !digits.isEmpty() && digits.size() <= 15;
    for (char c : digits)
        ok = ok && isxdigit(uchar(c));
    const qint64 size = ok ? digits.toLongLong(&ok, 16) : 0;
    if (!ok) {
        fail(400);
        return false;
    }
    if (request.body.size() + size > MaxBodyBytes) {
        fail(413);
        return false;
    }
    if (size == 0) {
        state = State::Trailers;
    } else {
        remaining = size;
        state = State::ChunkData;
    }
    return true;
}

void JwtHttpConnection::Private::dispatch()
{
    state = State::Waiting;
    input.remove(0, pos);
    pos = 0;
    JwtDemoRequest complete;
    std::swap(complete, request);
    Q_EMIT q->requestReady(complete);
}

void JwtHttpConnection::Private::processInput()
{
    // Answers given from inside requestReady() come back here; the outer loop goes on.
    if (processing)
        return;
    processing = true;
    const QPointer<JwtHttpConnection> guard(q);
    while (parseStep() && guard) { }
    if (!guard)
        return;
    processing = false;
    if (pos == input.size()) {
        input.clear();
        pos = 0;
    } else if (pos > 64 * 1024) {
        input.remove(0, pos);
        pos = 0;
    }
}

void JwtHttpConnection::Private::fail(int status)
{
    const QByteArray body = reasonPhrase(status) + '\n';
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
                  + "\r\nContent-Type: text/plain\r\nContent-Length: "
                  + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    close();
}

bool JwtHttpConnection::Private::beginResponse()
{
    if (state == State::Waiting)
        return true;
    if (state != State::Closed)
        qWarning("JwtHttpConnection: answer given twice or without a request; ignored");
    return false;
}

void JwtHttpConnection::Private::writeHead(int status,
                                           const QList<QPair<QByteArray, QByteArray>> &headers,
                                           qint64 length)
{
    QByteArray head =
            "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &[name, value] : headers) {
        const QByteArray lower = name.toLower();
        // Framing belongs to this class; a handler's "Connection: close" is honoured.
        if (lower == "connection") {
            keepAlive = keepAlive && !value.toLower().contains("close");
            continue;
        }
        if (lower == "content-length" || lower == "transfer-encoding")
            continue;
        head += name + ": " + value + "\r\n";
    }
    if (bodyAllowed(status))
        head += "Content-Length: " + QByteArray::number(length) + "\r\n";
    if (!keepAlive)
        head += "Connection: close\r\n";
    else if (minorVersion == 0)
        head += "Connection: keep-alive\r\n";
    head += "\r\n";
    socket->write(head);
    Q_EMIT q->bytesQueued(socket->bytesToWrite());
}

void JwtHttpConnection::Private::pumpBody()
{
    if (state != State::Responding || pausing)
        return;
    while (bodySent < bodyLength && socket->bytesToWrite() < HighWaterMark) {
        const qint64 size = qMin(chunkSize, bodyLength - bodySent);
        const QByteArray chunk = generator(bodySent, size);
        Q_ASSERT(chunk.size() == size);
        socket->write(chunk);
        bodySent += size;
        Q_EMIT q->bytesQueued(socket->bytesToWrite());
        if (chunkDelay.count() > 0 && bodySent < bodyLength) {
            pausing = true;
            QTimer::singleShot(chunkDelay, q, [this] {
                pausing = false;
                pumpBody();
            });
            return;
        }
    }
    if (bodySent == bodyLength)
        finishResponse();
}

void JwtHttpConnection::Private::finishResponse()
{
    generator = {};
    if (!keepAlive) {
        close();
        return;
    }
    state = State::RequestLine;
    request = {};
    headerBytes = 0;
    remaining = 0;
    keepAlive = true;
    isHead = false;
    processInput();
}

void JwtHttpConnection::Private::close()
{
    state = State::Closed;
    input.clear();
    pos = 0;
    // Sends what is queued first, then closes.
    socket->disconnectFromHost();
}

JwtHttpConnection::JwtHttpConnection(QTcpSocket *socket, QObject *parent)
    : QObject(parent), d(new Private)
{
    d->q = this;
    d->socket = socket;
    socket->setParent(this);
    connect(socket, &QTcpSocket::readyRead, this, [this] {
        if (d->state == Private::State::Closed) {
            d->socket->readAll();
            return;
        }
        d->input.append(d->socket->readAll());
        d->processInput();
    });
    connect(socket, &QTcpSocket::bytesWritten, this, [this] { d->pumpBody(); });
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        d->state = Private::State::Closed;
        Q_EMIT closed();
    });
    if (socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(socket, &QTcpSocket::readyRead, Qt::QueuedConnection);
}

JwtHttpConnection::~JwtHttpConnection() = default;

quint16 JwtHttpConnection::localPort() const
{
    return d->socket->localPort();
}

void JwtHttpConnection::respond(const JwtDemoResponse &response)
{
    const QByteArray body = response.body;
    respondStreamed(response.status, response.headers, body.size(),
                    [body](qint64 offset, qint64 length) { return body.mid(offset, length); });
}

void JwtHttpConnection::respondStreamed(int status,
                                        const QList<QPair<QByteArray, QByteArray>> &headers,
                                        qint64 length, const BodyGenerator &generator,
                                        qint64 chunkSize, std::chrono::milliseconds chunkDelay)
{
    if (!d->beginResponse())
        return;
    d->writeHead(status, headers, length);
    d->bodyLength = d->isHead || !bodyAllowed(status) ? 0 : length;
    d->bodySent = 0;
    d->generator = generator;
    d->chunkSize = qMax<qint64>(1, chunkSize);
    d->chunkDelay = chunkDelay;
    d->state = Private::State::Responding;
    d->pumpBody();
}

void JwtHttpConnection::respondRaw(const QByteArray &bytes)
{
    if (!d->beginResponse())
        return;
    d->socket->write(bytes);
    Q_EMIT bytesQueued(d->socket->bytesToWrite());
    d->close();
}

QByteArray JwtHttpConnection::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Content Too Large";
    case 417:
        return "Expectation Failed";
    case 422:
        return "Unprocessable Content";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Status";
    }
}
