// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtfaultproxy.h"

#include <QtCore/qmutex.h>
#include <QtCore/qpointer.h>
#include <QtCore/qrandom.h>
#include <QtCore/qset.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>

#include <sys/socket.h>

/*!
    \class JwtFaultProxy
    \brief A loopback HTTP/1.1 fault-injection proxy for soak tests.

    Each accepted connection gets its own upstream connection to the server. The proxy follows
    the HTTP/1.1 framing of both directions (request heads and Content-Length bodies, response
    heads and Content-Length bodies), so it can cut an answer exactly in its head or its body.
    For every request head it draws a fault with a seeded QRandomGenerator; the decision, and
    the request id header's value, are recorded before the fault takes effect, so a recorded
    fault always precedes the error the client sees.

    Framing it cannot follow (chunked bodies, a head larger than 64 KiB) switches the
    connection to plain forwarding without faults.

    The proxy lives in one thread; the recording getters are thread-safe, so the proxy and the
    server may run in a worker thread while the client runs in the test's thread.
*/

namespace {

constexpr qsizetype MaxHeadBytes = 64 * 1024;

using Clock = std::chrono::steady_clock;

// The value of header \a name (lower case) in an HTTP head, or a null QByteArray.
QByteArray headerValue(const QByteArray &head, const QByteArray &name)
{
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name)
            return line.mid(colon + 1).trimmed();
    }
    return QByteArray();
}

// Content-Length of a head: 0 when absent, -1 when the framing is something else.
qint64 contentLength(const QByteArray &head)
{
    if (!headerValue(head, "transfer-encoding").isNull())
        return -1;
    const QByteArray value = headerValue(head, "content-length");
    if (value.isNull())
        return 0;
    bool ok = false;
    const qint64 length = value.toLongLong(&ok);
    return ok && length >= 0 ? length : -1;
}

} // namespace

class JwtFaultProxyConnection;

struct JwtFaultProxy::Private
{
    JwtFaultProxy *q = nullptr;
    QList<QTcpServer *> listeners;
    QList<quint16> ports;
    QHostAddress upstream;
    quint16 upstreamPort = 0;

    QRandomGenerator random {1};
    QList<QPair<Fault, int>> weights {{Fault::None, 1}};
    int totalWeight = 1;
    QStringList exempt;
    QByteArray idHeader = "x-request-id";
    std::chrono::milliseconds refusal {30};
    std::chrono::milliseconds tricklePause {3};
    bool refusing = false;

    mutable QMutex mutex;
    QSet<JwtFaultProxyConnection *> open; // owned, children of q

    // Guarded by mutex.
    QList<Injection> log;
    QList<RefusalWindow> windows;
    QHash<Fault, int> counts;
    int connections = 0;

    Fault draw(const QString &path);
    qsizetype record(const QByteArray &id, const QByteArray &method, const QString &path,
                     quint16 port, Fault fault);
    void changeFault(qsizetype index, Fault fault);
    void accept(QTcpServer *listener);
    void relisten();
};

// One client connection and its upstream connection.
class JwtFaultProxyConnection : public QObject
{
public:
    JwtFaultProxyConnection(JwtFaultProxy::Private *proxy, QTcpSocket *client);
    ~JwtFaultProxyConnection() override;

private:
    using Fault = JwtFaultProxy::Fault;

    struct Exchange
    {
        Fault fault = Fault::None;
        qsizetype injection = -1;
        bool head = false; // a HEAD request: the answer has no body
    };

    void onClientData();
    void onUpstreamData();
    void parseRequests();
    bool takeRequestHead();
    void parseResponses();
    bool takeResponseHead();
    void forwardResponseBody();
    void toUpstream(const QByteArray &bytes);
    void toClient(const QByteArray &bytes);
    void trickle();
    void reset();
    void closeGracefully();
    void onUpstreamClosed();

    JwtFaultProxy::Private *const m_proxy;
    QTcpSocket *const m_client;
    QTcpSocket *const m_upstream;
    QByteArray m_pendingUpstream; // client bytes written before the upstream connected

    QByteArray m_requestBuffer;
    qint64 m_requestBodyLeft = 0;
    bool m_requestPassThrough = false;

    QList<Exchange> m_exchanges; // requests forwarded, answers not complete yet
    QByteArray m_responseBuffer;
    qint64 m_responseBodyLeft = 0; // of the current answer, -1: until the server closes
    qint64 m_cutAfter = -1; // body bytes still to forward before the current fault cuts
    bool m_inResponseBody = false;
    bool m_responsePassThrough = false;
    bool m_stalled = false;
    bool m_done = false;

    QByteArray m_trickleQueue;
    QTimer m_trickleTimer;
};

JwtFaultProxyConnection::JwtFaultProxyConnection(JwtFaultProxy::Private *proxy, QTcpSocket *client)
    : QObject(proxy->q), m_proxy(proxy), m_client(client), m_upstream(new QTcpSocket(this))
{
    m_client->setParent(this);
    proxy->open.insert(this);
    m_trickleTimer.setInterval(proxy->tricklePause);
    connect(&m_trickleTimer, &QTimer::timeout, this, &JwtFaultProxyConnection::trickle);
    connect(m_client, &QIODevice::readyRead, this, &JwtFaultProxyConnection::onClientData);
    connect(m_client, &QAbstractSocket::disconnected, this, [this] {
        if (m_done)
            return;
        m_done = true;
        m_upstream->abort();
        deleteLater();
    });
    connect(m_upstream, &QIODevice::readyRead, this, &JwtFaultProxyConnection::onUpstreamData);
    connect(m_upstream, &QAbstractSocket::connected, this,
            [this] { m_upstream->write(std::exchange(m_pendingUpstream, {})); });
    connect(m_upstream, &QAbstractSocket::disconnected, this,
            &JwtFaultProxyConnection::onUpstreamClosed);
    connect(m_upstream, &QAbstractSocket::errorOccurred, this, [this] {
        if (m_upstream->state() != QAbstractSocket::ConnectedState)
            onUpstreamClosed(); // could not connect at all
    });
    m_upstream->connectToHost(proxy->upstream, proxy->upstreamPort);
}

JwtFaultProxyConnection::~JwtFaultProxyConnection()
{
    m_proxy->open.remove(this);
    m_client->disconnect(this);
    m_upstream->disconnect(this);
}

void JwtFaultProxyConnection::onClientData()
{
    m_requestBuffer += m_client->readAll();
    parseRequests();
}

void JwtFaultProxyConnection::parseRequests()
{
    while (!m_done && !m_requestBuffer.isEmpty()) {
        if (m_requestPassThrough) {
            toUpstream(std::exchange(m_requestBuffer, {}));
            return;
        }
        if (m_requestBodyLeft > 0) {
            const QByteArray part = m_requestBuffer.left(m_requestBodyLeft);
            m_requestBuffer.remove(0, part.size());
            m_requestBodyLeft -= part.size();
            toUpstream(part);
            continue;
        }
        if (!takeRequestHead())
            return;
    }
}

// Takes one complete request head off the buffer, decides its fault, and acts on it. False
// when the head is not complete yet or the connection is gone.
bool JwtFaultProxyConnection::takeRequestHead()
{
    const qsizetype end = m_requestBuffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_requestBuffer.size() > MaxHeadBytes)
            m_requestPassThrough = true;
        return m_requestPassThrough;
    }
    const QByteArray head = m_requestBuffer.left(end + 4);
    m_requestBuffer.remove(0, head.size());
    const QList<QByteArray> requestLine = head.left(head.indexOf('\r')).split(' ');
    const QByteArray method = requestLine.value(0);
    const QString target = QString::fromLatin1(requestLine.value(1));
    const QString path = target.left(target.indexOf(QLatin1Char('?')));
    const qint64 length = contentLength(head);
    if (length < 0) {
        m_requestPassThrough = m_responsePassThrough = true;
        toUpstream(head);
        return true;
    }

    Fault fault = m_proxy->draw(path);
    if (fault == Fault::Refused && m_proxy->refusing)
        fault = Fault::ResetAtConnect;
    const qsizetype index = m_proxy->record(headerValue(head, m_proxy->idHeader), method, path,
                                            m_client->localPort(), fault);
    if (fault == Fault::Refused) {
        // New connections are refused from now on; this one is reset like at its connect.
        m_proxy->q->refuseConnectionsFor(m_proxy->refusal);
        reset();
        return false;
    }
    if (fault == Fault::ResetAtConnect) {
        reset();
        return false;
    }
    m_exchanges.append({fault, index, method == "HEAD"});
    m_requestBodyLeft = length;
    toUpstream(head);
    return true;
}

void JwtFaultProxyConnection::onUpstreamData()
{
    m_responseBuffer += m_upstream->readAll();
    parseResponses();
}

void JwtFaultProxyConnection::parseResponses()
{
    while (!m_done && !m_responseBuffer.isEmpty()) {
        if (m_stalled) {
            m_responseBuffer.clear(); // swallowed: the client waits for its transfer timeout
            return;
        }
        if (m_responsePassThrough || m_exchanges.isEmpty()) {
            toClient(std::exchange(m_responseBuffer, {}));
            return;
        }
        if (m_inResponseBody) {
            forwardResponseBody();
            continue;
        }
        if (!takeResponseHead())
            return;
    }
}

bool JwtFaultProxyConnection::takeResponseHead()
{
    const qsizetype end = m_responseBuffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_responseBuffer.size() > MaxHeadBytes)
            m_responsePassThrough = true;
        return m_responsePassThrough;
    }
    const QByteArray head = m_responseBuffer.left(end + 4);
    m_responseBuffer.remove(0, head.size());
    Exchange &exchange = m_exchanges.first();
    const int status = head.mid(9, 3).toInt();
    qint64 length = contentLength(head);
    if (exchange.head || status == 204 || status == 304 || (status >= 100 && status < 200))
        length = 0;
    if (length < 0) {
        m_responsePassThrough = true;
        toClient(head);
        return true;
    }

    // A cut inside the body needs a body of two bytes at least; otherwise cut the head.
    if ((exchange.fault == Fault::ResetMidBody || exchange.fault == Fault::TruncatedBody)
        && length < 2) {
        exchange.fault = Fault::ResetMidHeaders;
        m_proxy->changeFault(exchange.injection, exchange.fault);
    }
    switch (exchange.fault) {
    case Fault::ResetMidHeaders:
        toClient(head.left(qMax<qsizetype>(1, head.size() / 2)));
        reset();
        return false;
    case Fault::Stall:
        m_stalled = true;
        m_responseBuffer.clear();
        return false;
    case Fault::ResetMidBody:
    case Fault::TruncatedBody:
        m_cutAfter = length / 2;
        break;
    default:
        m_cutAfter = -1;
        break;
    }
    toClient(head);
    m_responseBodyLeft = length;
    m_inResponseBody = true;
    if (length == 0) {
        m_inResponseBody = false;
        m_exchanges.removeFirst();
    }
    return true;
}

void JwtFaultProxyConnection::forwardResponseBody()
{
    qint64 take = qMin<qint64>(m_responseBodyLeft, m_responseBuffer.size());
    if (m_cutAfter >= 0)
        take = qMin(take, m_cutAfter);
    toClient(m_responseBuffer.left(take));
    m_responseBuffer.remove(0, take);
    m_responseBodyLeft -= take;
    if (m_cutAfter >= 0) {
        m_cutAfter -= take;
        if (m_cutAfter == 0) {
            if (m_exchanges.first().fault == Fault::TruncatedBody)
                closeGracefully();
            else
                reset();
            return;
        }
    }
    if (m_responseBodyLeft == 0) {
        m_inResponseBody = false;
        m_exchanges.removeFirst();
    }
}

void JwtFaultProxyConnection::toUpstream(const QByteArray &bytes)
{
    if (m_upstream->state() == QAbstractSocket::ConnectedState)
        m_upstream->write(bytes);
    else
        m_pendingUpstream += bytes;
}

void JwtFaultProxyConnection::toClient(const QByteArray &bytes)
{
    const bool trickling = !m_exchanges.isEmpty() && m_exchanges.first().fault == Fault::SlowTrickle
            && !m_responsePassThrough;
    if (!trickling && m_trickleQueue.isEmpty()) {
        m_client->write(bytes);
        return;
    }
    m_trickleQueue += bytes;
    if (!m_trickleTimer.isActive())
        m_trickleTimer.start();
}

// Writes the next small piece of a trickled answer: about sixteen pieces, 16 bytes at least.
void JwtFaultProxyConnection::trickle()
{
    const qsizetype piece = qMax<qsizetype>(16, m_trickleQueue.size() / 16);
    m_client->write(m_trickleQueue.left(piece));
    m_trickleQueue.remove(0, qMin(piece, m_trickleQueue.size()));
    if (m_trickleQueue.isEmpty())
        m_trickleTimer.stop();
}

void JwtFaultProxyConnection::reset()
{
    if (m_done)
        return;
    m_done = true;
    m_trickleTimer.stop();
    JwtFaultProxy::resetConnection(m_client);
    m_upstream->abort();
    deleteLater();
}

void JwtFaultProxyConnection::closeGracefully()
{
    if (m_done)
        return;
    m_done = true;
    m_trickleTimer.stop();
    m_upstream->abort();
    m_client->disconnectFromHost(); // flushes what was written, then FIN
    if (m_client->state() == QAbstractSocket::UnconnectedState)
        deleteLater();
    else
        connect(m_client, &QAbstractSocket::disconnected, this, &QObject::deleteLater);
}

void JwtFaultProxyConnection::onUpstreamClosed()
{
    if (m_done)
        return;
    onUpstreamData(); // whatever arrived last
    if (m_stalled)
        return; // the client keeps waiting for an answer that never comes
    if (!m_trickleQueue.isEmpty()) {
        // Deliver the rest of a trickle first; the close follows the last piece.
        connect(&m_trickleTimer, &QTimer::timeout, this, [this] {
            if (m_trickleQueue.isEmpty())
                closeGracefully();
        });
        return;
    }
    closeGracefully();
}

JwtFaultProxy::Fault JwtFaultProxy::Private::draw(const QString &path)
{
    for (const QString &prefix : std::as_const(exempt)) {
        if (path.startsWith(prefix))
            return Fault::None;
    }
    int ticket = int(random.bounded(quint32(totalWeight)));
    for (const auto &[fault, weight] : std::as_const(weights)) {
        if (ticket < weight)
            return fault;
        ticket -= weight;
    }
    return Fault::None;
}

qsizetype JwtFaultProxy::Private::record(const QByteArray &id, const QByteArray &method,
                                         const QString &path, quint16 port, Fault fault)
{
    QMutexLocker lock(&mutex);
    log.append({id, method, path, port, fault, Clock::now()});
    ++counts[fault];
    return log.size() - 1;
}

void JwtFaultProxy::Private::changeFault(qsizetype index, Fault fault)
{
    QMutexLocker lock(&mutex);
    Injection &injection = log[index];
    --counts[injection.fault];
    injection.fault = fault;
    ++counts[fault];
}

void JwtFaultProxy::Private::accept(QTcpServer *listener)
{
    while (QTcpSocket *socket = listener->nextPendingConnection()) {
        {
            QMutexLocker lock(&mutex);
            ++connections;
        }
        new JwtFaultProxyConnection(this, socket);
    }
}

void JwtFaultProxy::Private::relisten()
{
    bool all = true;
    for (qsizetype i = 0; i < listeners.size(); ++i) {
        QTcpServer *listener = listeners.at(i);
        if (!listener->isListening() && !listener->listen(QHostAddress::LocalHost, ports.at(i)))
            all = false;
    }
    if (!all) {
        QTimer::singleShot(std::chrono::milliseconds(5), q, [this] { relisten(); });
        return;
    }
    refusing = false;
    QMutexLocker lock(&mutex);
    windows.last().end = Clock::now();
}

JwtFaultProxy::JwtFaultProxy(QObject *parent) : QObject(parent), d(new Private)
{
    d->q = this;
}

JwtFaultProxy::~JwtFaultProxy()
{
    // Connections use d; they go first.
    qDeleteAll(QSet<JwtFaultProxyConnection *>(d->open));
}

void JwtFaultProxy::setSeed(quint64 seed)
{
    d->random.seed(quint32(seed ^ (seed >> 32)));
}

void JwtFaultProxy::setFaultWeights(const QHash<Fault, int> &weights)
{
    d->weights.clear();
    d->totalWeight = 0;
    // A fixed order, so that a seed reproduces the same run whatever the hash order.
    for (int i = int(Fault::None); i <= int(Fault::SlowTrickle); ++i) {
        const int weight = weights.value(Fault(i));
        if (weight > 0) {
            d->weights.append({Fault(i), weight});
            d->totalWeight += weight;
        }
    }
    if (d->totalWeight == 0) {
        d->weights = {{Fault::None, 1}};
        d->totalWeight = 1;
    }
}

void JwtFaultProxy::setExemptPathPrefixes(const QStringList &prefixes)
{
    d->exempt = prefixes;
}

void JwtFaultProxy::setRequestIdHeader(const QByteArray &name)
{
    d->idHeader = name.toLower();
}

void JwtFaultProxy::setRefusalDuration(std::chrono::milliseconds duration)
{
    d->refusal = duration;
}

void JwtFaultProxy::setTricklePause(std::chrono::milliseconds pause)
{
    d->tricklePause = pause;
}

bool JwtFaultProxy::listen(const QHostAddress &upstream, quint16 upstreamPort, int listeners)
{
    d->upstream = upstream;
    d->upstreamPort = upstreamPort;
    for (int i = 0; i < listeners; ++i) {
        auto *listener = new QTcpServer(this);
        listener->setListenBacklogSize(1024);
        if (!listener->listen(QHostAddress::LocalHost, 0))
            return false;
        connect(listener, &QTcpServer::newConnection, this,
                [this, listener] { d->accept(listener); });
        d->listeners.append(listener);
        d->ports.append(listener->serverPort());
    }
    return true;
}

QList<quint16> JwtFaultProxy::ports() const
{
    return d->ports;
}

QUrl JwtFaultProxy::url(int listener, const QString &pathAndQuery) const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(d->ports.value(listener));
    const qsizetype question = pathAndQuery.indexOf(QLatin1Char('?'));
    url.setPath(question < 0 ? pathAndQuery : pathAndQuery.left(question), QUrl::TolerantMode);
    if (question >= 0)
        url.setQuery(pathAndQuery.mid(question + 1), QUrl::TolerantMode);
    return url;
}

void JwtFaultProxy::refuseConnectionsFor(std::chrono::milliseconds duration)
{
    if (d->refusing)
        return;
    d->refusing = true;
    {
        QMutexLocker lock(&d->mutex);
        d->windows.append({Clock::now(), Clock::time_point::max()});
    }
    for (QTcpServer *listener : std::as_const(d->listeners)) {
        // Take what already waits in the kernel's queue: closing would reset it unseen.
        while (listener->waitForNewConnection(0))
            d->accept(listener);
        d->accept(listener);
        listener->close();
    }
    QTimer::singleShot(duration, this, [this] { d->relisten(); });
}

QList<JwtFaultProxy::Injection> JwtFaultProxy::injections() const
{
    QMutexLocker lock(&d->mutex);
    return d->log;
}

QList<JwtFaultProxy::RefusalWindow> JwtFaultProxy::refusalWindows() const
{
    QMutexLocker lock(&d->mutex);
    return d->windows;
}

QHash<JwtFaultProxy::Fault, int> JwtFaultProxy::faultCounts() const
{
    QMutexLocker lock(&d->mutex);
    return d->counts;
}

int JwtFaultProxy::connectionsAccepted() const
{
    QMutexLocker lock(&d->mutex);
    return d->connections;
}

bool JwtFaultProxy::wasRefusingDuring(std::chrono::steady_clock::time_point begin,
                                      std::chrono::steady_clock::time_point end) const
{
    QMutexLocker lock(&d->mutex);
    for (const RefusalWindow &window : std::as_const(d->windows)) {
        if (window.begin <= end && window.end >= begin)
            return true;
    }
    return false;
}

QString JwtFaultProxy::faultName(Fault fault)
{
    switch (fault) {
    case Fault::None:
        return QStringLiteral("none");
    case Fault::Refused:
        return QStringLiteral("connection refused");
    case Fault::ResetAtConnect:
        return QStringLiteral("reset at connect");
    case Fault::ResetMidHeaders:
        return QStringLiteral("reset mid-headers");
    case Fault::ResetMidBody:
        return QStringLiteral("reset mid-body");
    case Fault::TruncatedBody:
        return QStringLiteral("truncated body");
    case Fault::Stall:
        return QStringLiteral("stall");
    case Fault::SlowTrickle:
        return QStringLiteral("slow trickle");
    }
    return QString();
}

// Linux: SO_LINGER with a zero timeout makes close() send RST instead of FIN.
void JwtFaultProxy::resetConnection(QTcpSocket *socket)
{
    socket->flush();
    const qintptr fd = socket->socketDescriptor();
    if (fd >= 0) {
        const linger option {1, 0};
        ::setsockopt(int(fd), SOL_SOCKET, SO_LINGER, &option, sizeof option);
    }
    socket->abort();
}
