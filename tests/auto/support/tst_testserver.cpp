// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// Tests of the test server itself: every other test trusts what it records and how it behaves.

#include "jwtdemoauthority.h"
#include "jwttestserver.h"

#include <QtCore/qbuffer.h>
#include <QtCore/qcryptographichash.h>
#include <QtCore/qdeadlinetimer.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qurlquery.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qtcpsocket.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <functional>
#include <memory>
#include <vector>

using namespace std::chrono_literals;

namespace {

// Waits on real events (no fixed sleeps), so that thousands of round trips stay fast.
bool waitUntil(const std::function<bool()> &condition, int timeoutMs = 10000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

bool waitForFinished(QNetworkReply *reply, int timeoutMs = 10000)
{
    return waitUntil([reply] { return reply->isFinished(); }, timeoutMs);
}

int statusOf(QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

QJsonObject jsonOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

QByteArray sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

// One raw HTTP response taken apart.
struct RawResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

// Takes the first complete Content-Length-framed response off the front of \a data.
bool takeResponse(QByteArray *data, RawResponse *response, bool bodyless = false)
{
    const qsizetype end = data->indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QList<QByteArray> lines = data->left(end).split('\n');
    RawResponse parsed;
    parsed.status = lines.first().mid(9, 3).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        parsed.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    const qint64 length = bodyless ? 0 : parsed.header("Content-Length").toLongLong();
    if (data->size() < end + 4 + length)
        return false;
    parsed.body = data->mid(end + 4, length);
    data->remove(0, end + 4 + length);
    *response = parsed;
    return true;
}

// A plain socket client for what QNetworkAccessManager cannot send: garbage, 100-continue,
// pipelining, thousands of round trips on one connection.
class RawClient
{
public:
    explicit RawClient(quint16 port)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, [this] { received += socket.readAll(); });
        QObject::connect(&socket, &QTcpSocket::disconnected, [this] { closed = true; });
        socket.connectToHost(QHostAddress::LocalHost, port);
    }
    bool waitForResponse(RawResponse *response, bool bodyless = false)
    {
        return waitUntil([&] { return takeResponse(&received, response, bodyless); });
    }
    bool waitForClose()
    {
        return waitUntil([this] { return closed; });
    }

    QTcpSocket socket;
    QByteArray received;
    bool closed = false;
};

// Gives its bytes out in pieces and has no size: QNetworkAccessManager cannot know the length.
class SequentialSource : public QIODevice
{
public:
    explicit SequentialSource(const QByteArray &data) : m_data(data) { open(ReadOnly); }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override
    {
        return m_data.size() - m_pos + QIODevice::bytesAvailable();
    }
    bool atEnd() const override { return m_pos >= m_data.size() && QIODevice::atEnd(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (m_pos >= m_data.size())
            return -1;
        const qint64 size = qMin<qint64>(qMin<qint64>(maxSize, 1000), m_data.size() - m_pos);
        memcpy(data, m_data.constData() + m_pos, size);
        m_pos += size;
        return size;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
};

} // namespace

class tst_TestServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void keepAliveReusesOneConnection();
    void connectionPersistence_data();
    void connectionPersistence();
    void sequentialUpload();
    void rawChunkedUpload_data();
    void rawChunkedUpload();
    void bytesDownloadIsStreamed();
    void bytesWithDelayBetweenChunks();
    void headHasLengthButNoBody();
    void customVerbEcho_data();
    void customVerbEcho();
    void expectContinue();
    void garbageIsRejected_data();
    void garbageIsRejected();
    void pipelinedRequestsAnsweredInOrder();
    void tenThousandSequentialRequests();
    void protectedRoutesNeedBearer_data();
    void protectedRoutesNeedBearer();
    void redirectAndStatusRoutes_data();
    void redirectAndStatusRoutes();
    void scriptedRefreshAnswersConsumedInOrder();
    void oauthRefreshGrantCountsAsRefresh();
    void refreshDelayIsAsynchronous();
    void rawResponseIsWrittenExactly();
    void stallNeverAnswers();
    void routeHandler();
    void recordingFields();
    void resetRecordingClearsCounters();
    void sharedAuthorityAcrossServers();
    void concurrentConnectionsAllAnswered();

private:
    QByteArray login();
    QNetworkReply *get(const QUrl &url, const QByteArray &authorization = {});

    std::unique_ptr<JwtTestServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_manager;
};

void tst_TestServer::init()
{
    m_server = std::make_unique<JwtTestServer>();
    QVERIFY(m_server->listen());
    QVERIFY(m_server->port() != 0);
    m_server->authority()->addUser(QStringLiteral("alice"), QStringLiteral("secret"));
    m_manager = std::make_unique<QNetworkAccessManager>();
}

void tst_TestServer::cleanup()
{
    m_manager.reset();
    m_server.reset();
}

QByteArray tst_TestServer::login()
{
    JwtDemoAuthority::Tokens tokens;
    const auto outcome = m_server->authority()->login(QStringLiteral("alice"),
                                                      QStringLiteral("secret"), &tokens);
    if (outcome != JwtDemoAuthority::Outcome::Ok)
        return {};
    return "Bearer " + tokens.accessToken;
}

QNetworkReply *tst_TestServer::get(const QUrl &url, const QByteArray &authorization)
{
    QNetworkRequest request(url);
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    QNetworkReply *reply = m_manager->get(request);
    reply->setParent(m_manager.get());
    return reply;
}

void tst_TestServer::keepAliveReusesOneConnection()
{
    for (int i = 0; i < 10; ++i) {
        QNetworkReply *reply = get(m_server->url(QStringLiteral("/public/echo")));
        QVERIFY(waitForFinished(reply));
        QCOMPARE(statusOf(reply), 200);
        reply->deleteLater();
    }
    QCOMPARE(m_server->count(QStringLiteral("/public/echo")), 10);
    QCOMPARE(m_server->connectionsAccepted(), 1);
}

void tst_TestServer::connectionPersistence_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("connectionHeader");
    QTest::addColumn<bool>("staysOpen");
    QTest::newRow("1.1 default") << QByteArray("GET /public/echo HTTP/1.1\r\nHost: x\r\n\r\n")
                                 << QByteArray() << true;
    QTest::newRow("1.1 close") << QByteArray(
            "GET /public/echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                               << QByteArray("close") << false;
    QTest::newRow("1.0 default") << QByteArray("GET /public/echo HTTP/1.0\r\n\r\n")
                                 << QByteArray("close") << false;
    QTest::newRow("1.0 keep-alive")
            << QByteArray("GET /public/echo HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            << QByteArray("keep-alive") << true;
}

void tst_TestServer::connectionPersistence()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, connectionHeader);
    QFETCH(bool, staysOpen);
    RawClient client(m_server->port());
    client.socket.write(request);
    RawResponse response;
    QVERIFY(client.waitForResponse(&response));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("Connection"), connectionHeader);
    if (!staysOpen) {
        QVERIFY(client.waitForClose());
        return;
    }
    client.socket.write(request);
    QVERIFY(client.waitForResponse(&response));
    QCOMPARE(response.status, 200);
    QVERIFY(!client.closed);
    QCOMPARE(m_server->connectionsAccepted(), 1);
}

void tst_TestServer::sequentialUpload()
{
    // Qt 6.4 never chunk-encodes an upload: a sequential device without a size is buffered
    // and sent with Content-Length (a raw "Transfer-Encoding: chunked" header would be sent
    // next to Content-Length with an unencoded body, which this server rejects with 400).
    // Chunked bodies are therefore tested with a raw socket in rawChunkedUpload().
    QByteArray payload(300000, Qt::Uninitialized);
    for (qsizetype i = 0; i < payload.size(); ++i)
        payload[i] = char(i % 251);
    SequentialSource source(payload);
    QNetworkRequest request(m_server->url(QStringLiteral("/public/echo")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/octet-stream"));
    QNetworkReply *reply = m_manager->post(request, &source);
    QVERIFY(waitForFinished(reply));
    QCOMPARE(statusOf(reply), 200);
    QCOMPARE(jsonOf(reply->readAll()).value(QStringLiteral("sha256")).toString().toLatin1(),
             sha256Hex(payload));
    QCOMPARE(m_server->requests().constLast().bodySize, payload.size());
    QCOMPARE(m_server->requests().constLast().bodySha256Hex, sha256Hex(payload));
    delete reply;
}

void tst_TestServer::rawChunkedUpload_data()
{
    QTest::addColumn<QList<QByteArray>>("chunks");
    QTest::addColumn<QByteArray>("trailer");
    QTest::newRow("extensions and trailer")
            << QList<QByteArray> {"hello", " world"} << QByteArray("X-Trailer: yes\r\n");
    QList<QByteArray> many;
    for (int i = 0; i < 1000; ++i)
        many.append(QByteArray(1000 + i % 7, char('a' + i % 26)));
    QTest::newRow("1000 chunks") << many << QByteArray();
}

void tst_TestServer::rawChunkedUpload()
{
    QFETCH(QList<QByteArray>, chunks);
    QFETCH(QByteArray, trailer);
    RawClient client(m_server->port());
    client.socket.write(
            "PUT /public/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    QByteArray body;
    for (const QByteArray &chunk : std::as_const(chunks)) {
        // Each chunk in its own write, so that sizes and data arrive split across reads.
        client.socket.write(QByteArray::number(chunk.size(), 16) + ";ext=1\r\n" + chunk + "\r\n");
        body += chunk;
    }
    client.socket.write("0\r\n" + trailer + "\r\n");
    RawResponse response;
    QVERIFY(client.waitForResponse(&response));
    QCOMPARE(response.status, 200);
    const QJsonObject echo = jsonOf(response.body);
    QCOMPARE(echo.value(QStringLiteral("length")).toInteger(), body.size());
    QCOMPARE(echo.value(QStringLiteral("sha256")).toString().toLatin1(), sha256Hex(body));
    QCOMPARE(m_server->requests().constLast().bodySha256Hex, sha256Hex(body));
}

void tst_TestServer::bytesDownloadIsStreamed()
{
    const qint64 size = 64 * 1024 * 1024;
    QNetworkReply *reply =
            get(m_server->url(QStringLiteral("/bytes?n=%1&chunk=%2").arg(size).arg(256 * 1024)),
                login());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 received = 0;
    connect(reply, &QNetworkReply::readyRead, this, [&] {
        const QByteArray data = reply->readAll();
        received += data.size();
        hash.addData(data);
    });
    QVERIFY(waitForFinished(reply, 60000));
    received += reply->bytesAvailable();
    hash.addData(reply->readAll());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(received, size);

    // Recomputed here, independently of the server's own generator.
    QCryptographicHash expected(QCryptographicHash::Sha256);
    std::vector<char> block(1024 * 1024);
    for (qint64 offset = 0; offset < size; offset += qint64(block.size())) {
        for (size_t i = 0; i < block.size(); ++i)
            block[i] = char(((offset + qint64(i)) * 7 + 3) % 256);
        expected.addData(QByteArrayView(block.data(), qsizetype(block.size())));
    }
    QCOMPARE(hash.result().toHex(), expected.result().toHex());

    // The server streamed under back-pressure instead of queueing 64 MiB.
    QVERIFY(m_server->maxQueuedBytes() > 0);
    QVERIFY2(m_server->maxQueuedBytes() <= 2 * 1024 * 1024,
             QByteArray::number(m_server->maxQueuedBytes()).constData());
}

void tst_TestServer::bytesWithDelayBetweenChunks()
{
    QElapsedTimer timer;
    timer.start();
    QNetworkReply *reply =
            get(m_server->url(QStringLiteral("/public/bytes?n=1000&chunk=100&delayMs=20")));
    QVERIFY(waitForFinished(reply));
    const QByteArray body = reply->readAll();
    QCOMPARE(body.size(), 1000);
    for (int i = 0; i < body.size(); ++i)
        QCOMPARE(uchar(body.at(i)), uchar((i * 7 + 3) % 256));
    // Nine pauses of 20 ms between ten chunks.
    QVERIFY2(timer.elapsed() >= 170, QByteArray::number(timer.elapsed()).constData());
    delete reply;
}

void tst_TestServer::headHasLengthButNoBody()
{
    QNetworkReply *reply =
            m_manager->head(QNetworkRequest(m_server->url(QStringLiteral("/public/bytes?n=1000"))));
    QVERIFY(waitForFinished(reply));
    QCOMPARE(statusOf(reply), 200);
    QCOMPARE(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(), 1000);
    QCOMPARE(reply->readAll(), QByteArray());
    QCOMPARE(m_server->requests().constLast().method, QByteArray("HEAD"));
    delete reply;

    // The connection is still in sync: the next answer is read correctly.
    reply = get(m_server->url(QStringLiteral("/public/bytes?n=10")));
    QVERIFY(waitForFinished(reply));
    QCOMPARE(reply->readAll().size(), 10);
    QCOMPARE(m_server->connectionsAccepted(), 1);
    delete reply;
}

void tst_TestServer::customVerbEcho_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("withToken");
    QTest::newRow("PATCH") << QByteArray("PATCH") << QByteArray("{\"a\":1}") << true;
    QTest::newRow("PROPFIND") << QByteArray("PROPFIND") << QByteArray("<propfind/>") << true;
    QTest::newRow("FROB") << QByteArray("FROB") << QByteArray(100000, 'f') << true;
    QTest::newRow("DELETE, no body") << QByteArray("DELETE") << QByteArray() << true;
    QTest::newRow("public FROB") << QByteArray("FROB") << QByteArray("x") << false;
}

void tst_TestServer::customVerbEcho()
{
    QFETCH(QByteArray, verb);
    QFETCH(QByteArray, body);
    QFETCH(bool, withToken);
    QNetworkRequest request(
            m_server->url(withToken ? QStringLiteral("/echo") : QStringLiteral("/public/echo")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-test"));
    if (withToken)
        request.setRawHeader("Authorization", login());
    QNetworkReply *reply = m_manager->sendCustomRequest(request, verb, body);
    QVERIFY(waitForFinished(reply));
    QCOMPARE(statusOf(reply), 200);
    const QJsonObject echo = jsonOf(reply->readAll());
    QCOMPARE(echo.value(QStringLiteral("method")).toString().toLatin1(), verb);
    QCOMPARE(echo.value(QStringLiteral("length")).toInteger(), body.size());
    QCOMPARE(echo.value(QStringLiteral("sha256")).toString().toLatin1(), sha256Hex(body));
    QCOMPARE(echo.value(QStringLiteral("contentType")).toString(),
             QStringLiteral("application/x-test"));
    QCOMPARE(echo.value(QStringLiteral("generation")).toInteger(), withToken ? 1 : 0);
    QCOMPARE(echo.value(QStringLiteral("user")).toString(),
             withToken ? QStringLiteral("alice") : QString());
    const JwtRecordedRequest seen = m_server->requests().constLast();
    QCOMPARE(seen.method, verb);
    QCOMPARE(seen.bodySize, body.size());
    QCOMPARE(seen.generation, withToken ? 1u : 0u);
    delete reply;
}

void tst_TestServer::expectContinue()
{
    RawClient client(m_server->port());
    client.socket.write("POST /public/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                        "Expect: 100-continue\r\n\r\n");
    RawResponse interim;
    QVERIFY(client.waitForResponse(&interim, true));
    QCOMPARE(interim.status, 100);
    QCOMPARE(m_server->requests().size(), 0); // still waiting for the body

    client.socket.write("hello");
    RawResponse response;
    QVERIFY(client.waitForResponse(&response));
    QCOMPARE(response.status, 200);
    QCOMPARE(jsonOf(response.body).value(QStringLiteral("length")).toInteger(), 5);
    QCOMPARE(m_server->requests().size(), 1);
}

void tst_TestServer::garbageIsRejected_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::newRow("binary") << QByteArray("\x01\x02\x03 garbage\r\n\r\n") << 400;
    QTest::newRow("no version") << QByteArray("GET /public/echo\r\n\r\n") << 400;
    QTest::newRow("bad version") << QByteArray("GET / HTTP/x\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("relative target") << QByteArray("GET echo HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("no host") << QByteArray("GET /public/echo HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("two hosts") << QByteArray(
            "GET /public/echo HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")
                               << 400;
    QTest::newRow("folded header")
            << QByteArray("GET /public/echo HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n") << 400;
    QTest::newRow("space before colon")
            << QByteArray("GET /public/echo HTTP/1.1\r\nHost : x\r\n\r\n") << 400;
    QTest::newRow("bad length") << QByteArray(
            "POST /public/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n")
                                << 400;
    QTest::newRow("both framings")
            << QByteArray("POST /public/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
            << 400;
    QTest::newRow("bad chunk size")
            << QByteArray("POST /public/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked"
                          "\r\n\r\nzz\r\n")
            << 400;
    QTest::newRow("unknown coding")
            << QByteArray("POST /public/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip"
                          "\r\n\r\n")
            << 501;
    QTest::newRow("endless header")
            << ("GET / HTTP/1.1\r\nHost: x\r\nX: " + QByteArray(70000, 'a')) << 431;
}

void tst_TestServer::garbageIsRejected()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    RawClient client(m_server->port());
    client.socket.write(bytes);
    RawResponse response;
    QVERIFY(client.waitForResponse(&response));
    QCOMPARE(response.status, status);
    QCOMPARE(response.header("Connection"), QByteArray("close"));
    QVERIFY(client.waitForClose());
    QCOMPARE(m_server->requests().size(), 0);
}

void tst_TestServer::pipelinedRequestsAnsweredInOrder()
{
    RawClient client(m_server->port());
    // The slow one first: a server answering as soon as it can would reorder them.
    client.socket.write("GET /public/delay?ms=100 HTTP/1.1\r\nHost: x\r\n\r\n"
                        "POST /public/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                        "GET /public/status?code=202&body=third HTTP/1.1\r\nHost: x\r\n\r\n");
    RawResponse first, second, third;
    QVERIFY(client.waitForResponse(&first));
    QVERIFY(client.waitForResponse(&second));
    QVERIFY(client.waitForResponse(&third));
    QCOMPARE(first.body, QByteArray("ok"));
    QCOMPARE(jsonOf(second.body).value(QStringLiteral("length")).toInteger(), 3);
    QCOMPARE(third.status, 202);
    QCOMPARE(third.body, QByteArray("third"));
    QCOMPARE(m_server->connectionsAccepted(), 1);
}

void tst_TestServer::tenThousandSequentialRequests()
{
    const int total = 10000;
    RawClient client(m_server->port());
    QElapsedTimer timer;
    timer.start();
    int answered = 0;
    for (int i = 0; i < total; ++i) {
        client.socket.write("GET /public/echo HTTP/1.1\r\nHost: x\r\n\r\n");
        RawResponse response;
        QVERIFY(client.waitForResponse(&response));
        answered += response.status == 200 ? 1 : 0;
    }
    QCOMPARE(answered, total);
    QCOMPARE(m_server->count(QStringLiteral("/public/echo")), total);
    QCOMPARE(m_server->requests().size(), total);
    // Generous for a loaded debug build; quadratic work over the log would blow it.
    QVERIFY2(timer.elapsed() < 30000, QByteArray::number(timer.elapsed()).constData());
}

void tst_TestServer::protectedRoutesNeedBearer_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("echo") << QStringLiteral("/echo");
    QTest::newRow("bytes") << QStringLiteral("/bytes?n=10");
    QTest::newRow("delay") << QStringLiteral("/delay?ms=1");
    QTest::newRow("status") << QStringLiteral("/status?code=200");
    QTest::newRow("api") << QStringLiteral("/api/me");
}

void tst_TestServer::protectedRoutesNeedBearer()
{
    QFETCH(QString, path);
    QNetworkReply *reply = get(m_server->url(path), "Bearer not.a.token");
    QVERIFY(waitForFinished(reply));
    QCOMPARE(statusOf(reply), 401);
    QVERIFY(reply->rawHeader("WWW-Authenticate").startsWith("Bearer"));
    QCOMPARE(m_server->unauthorizedAnswers(), 1);
    QCOMPARE(m_server->requests().constLast().status, 401);
    QCOMPARE(m_server->requests().constLast().generation, 0u);

    reply = get(m_server->url(path), login());
    QVERIFY(waitForFinished(reply));
    QCOMPARE(statusOf(reply), 200);
    QCOMPARE(m_server->unauthorizedAnswers(), 1);
    QCOMPARE(m_server->requests().constLast().generation, 1u);
    QCOMPARE(m_server->requestsWithGeneration(1), 1);
}

void tst_TestServer::redirectAndStatusRoutes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("location");
    QTest::addColumn<QByteArray>("body");
    const QByteArray target = "http://localhost:1/x?a=1&b=2";
    const QString encoded =
            QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(target)));
    for (int code : {301, 302, 303, 307, 308}) {
        QTest::addRow("redirect %d", code)
                << QStringLiteral("/redirect?to=%1&code=%2").arg(encoded, QString::number(code))
                << code << target << QByteArray();
    }
    QTest::newRow("relative redirect")
            << QStringLiteral("/redirect?to=/echo") << 302 << QByteArray("/echo") << QByteArray();
    QTest::newRow("bad code") << QStringLiteral("/redirect?to=/x&code=200") << 400 << QByteArray()
                              << QByteArray();
    QTest::newRow("status 418") << QStringLiteral("/public/status?code=418&body=teapot") << 418
                                << QByteArray() << QByteArray("teapot");
    QTest::newRow("status 503") << QStringLiteral("/public/status?code=503") << 503 << QByteArray()
                                << QByteArray();
}

void tst_TestServer::redirectAndStatusRoutes()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QByteArray, location);
    QFETCH(QByteArray, body);
    QNetworkRequest request(m_server->url(path));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_manager->get(request);
    QVERIFY(waitForFinished(reply));
    QCOMPARE(statusOf(reply), status);
    QCOMPARE(reply->rawHeader("Location"), location);
    if (!body.isEmpty())
        QCOMPARE(reply->readAll(), body);
    QCOMPARE(m_server->requests().constLast().status, status);
    delete reply;
}

void tst_TestServer::scriptedRefreshAnswersConsumedInOrder()
{
    JwtDemoResponse unavailable;
    unavailable.status = 503;
    unavailable.setHeader("Retry-After", "1");
    JwtDemoResponse rejected;
    rejected.status = 401;
    rejected.body = "{\"error\":\"scripted\"}";
    m_server->scriptRefreshResponses({unavailable, rejected});
    QSignalSpy refreshSpy(m_server.get(), &JwtTestServer::refreshCallReceived);

    QList<int> statuses;
    QList<QByteArray> bodies;
    for (int i = 0; i < 3; ++i) {
        QNetworkRequest request(m_server->url(QStringLiteral("/auth/refresh")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply *reply = m_manager->post(request, QByteArray());
        QVERIFY(waitForFinished(reply));
        statuses.append(statusOf(reply));
        bodies.append(reply->readAll());
        if (i == 0)
            QCOMPARE(reply->rawHeader("Retry-After"), QByteArray("1"));
        delete reply;
    }
    // The third call is handled normally: no cookie, so the demo API rejects it.
    QCOMPARE(statuses, (QList<int> {503, 401, 401}));
    QCOMPARE(bodies.at(1), QByteArray("{\"error\":\"scripted\"}"));
    QVERIFY(bodies.at(2) != bodies.at(1));
    QCOMPARE(m_server->scriptedRefreshResponsesLeft(), 0);
    QCOMPARE(m_server->refreshCalls(), 3);
    QCOMPARE(refreshSpy.count(), 3);
    QCOMPARE(m_server->authority()->counters().refreshCalls, 1); // only the unscripted one
    QCOMPARE(m_server->unauthorizedAnswers(), 2);
}

void tst_TestServer::oauthRefreshGrantCountsAsRefresh()
{
    JwtDemoAuthority::Tokens tokens;
    QCOMPARE(m_server->authority()->login(QStringLiteral("alice"), QStringLiteral("secret"),
                                          &tokens),
             JwtDemoAuthority::Outcome::Ok);
    QNetworkRequest request(m_server->url(QStringLiteral("/oauth/token")));
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArray("application/x-www-form-urlencoded"));
    QNetworkReply *reply = m_manager->post(request,
                                           "grant_type=refresh_token&refresh_token="
                                                   + tokens.refreshToken.toPercentEncoding());
    QVERIFY(waitForFinished(reply));
    QCOMPARE(statusOf(reply), 200);
    QCOMPARE(m_server->refreshCalls(), 1);
    delete reply;

    reply = m_manager->post(request,
                            QByteArray("grant_type=password&username=alice&password=secret"));
    QVERIFY(waitForFinished(reply));
    QCOMPARE(statusOf(reply), 200);
    QCOMPARE(m_server->refreshCalls(), 1); // a password grant is a login, not a refresh
    delete reply;
}

void tst_TestServer::refreshDelayIsAsynchronous()
{
    m_server->setRefreshDelay(300ms);
    QSignalSpy refreshSpy(m_server.get(), &JwtTestServer::refreshCallReceived);
    QElapsedTimer timer;
    timer.start();
    QNetworkReply *refresh = m_manager->post(
            QNetworkRequest(m_server->url(QStringLiteral("/auth/refresh"))), QByteArray());
    QVERIFY(refreshSpy.wait());
    QCOMPARE(m_server->requests().constLast().status, 0); // not answered yet

    // The event loop is free meanwhile: another request is answered first.
    QNetworkAccessManager other;
    QNetworkReply *echo = other.get(QNetworkRequest(m_server->url(QStringLiteral("/public/echo"))));
    QVERIFY(waitForFinished(echo));
    QVERIFY(!refresh->isFinished());

    QVERIFY(waitForFinished(refresh));
    QVERIFY2(timer.elapsed() >= 290, QByteArray::number(timer.elapsed()).constData());
    QCOMPARE(statusOf(refresh), 401);
    QCOMPARE(m_server->requests().constFirst().status, 401);
    QCOMPARE(m_server->refreshCalls(), 1);
    QCOMPARE(m_server->unauthorizedAnswers(), 1);
    delete echo;
    delete refresh;
}

void tst_TestServer::rawResponseIsWrittenExactly()
{
    const QByteArray lie = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nX-Raw: 1\r\n\r\nshort";
    m_server->setRawResponse(QStringLiteral("/lie"), lie);
    RawClient client(m_server->port());
    client.socket.write("GET /lie HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(client.waitForClose());
    QCOMPARE(client.received, lie);
    QCOMPARE(m_server->requests().constLast().status, 200);

    // A client sees the truncation as an error.
    QNetworkReply *reply = get(m_server->url(QStringLiteral("/lie")));
    QVERIFY(waitForFinished(reply));
    QVERIFY(reply->error() != QNetworkReply::NoError);
    QCOMPARE(m_server->count(QStringLiteral("/lie")), 2);
    delete reply;
}

void tst_TestServer::stallNeverAnswers()
{
    m_server->setStall(QStringLiteral("/public/echo"), true);
    QSignalSpy receivedSpy(m_server.get(), &JwtTestServer::requestReceived);
    QNetworkReply *reply = get(m_server->url(QStringLiteral("/public/echo")));
    QVERIFY(receivedSpy.wait());
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(!finished.wait(200));
    QCOMPARE(m_server->requests().constLast().status, 0);
    reply->abort();
    delete reply;

    m_server->setStall(QStringLiteral("/public/echo"), false);
    reply = get(m_server->url(QStringLiteral("/public/echo")));
    QVERIFY(waitForFinished(reply));
    QCOMPARE(statusOf(reply), 200);
    delete reply;
}

void tst_TestServer::routeHandler()
{
    m_server->setRouteHandler(QStringLiteral("/custom"), [](const JwtDemoRequest &request) {
        JwtDemoResponse response;
        response.status = 201;
        response.setHeader("X-Seen", request.header("X-Probe"));
        response.body = QByteArray(3 * 1024 * 1024, 'z'); // bigger than the queue limit
        return response;
    });
    QNetworkRequest request(m_server->url(QStringLiteral("/custom")));
    request.setRawHeader("X-Probe", "probe");
    QNetworkReply *reply = m_manager->get(request);
    QVERIFY(waitForFinished(reply));
    QCOMPARE(statusOf(reply), 401); // protected like every route outside /public/
    delete reply;

    request.setRawHeader("Authorization", login());
    reply = m_manager->get(request);
    QVERIFY(waitForFinished(reply));
    QCOMPARE(statusOf(reply), 201);
    QCOMPARE(reply->rawHeader("X-Seen"), QByteArray("probe"));
    QCOMPARE(reply->readAll(), QByteArray(3 * 1024 * 1024, 'z'));
    QVERIFY(m_server->maxQueuedBytes() <= 2 * 1024 * 1024);
    delete reply;
}

void tst_TestServer::recordingFields()
{
    const QByteArray bearer = login();
    QSignalSpy receivedSpy(m_server.get(), &JwtTestServer::requestReceived);
    const QByteArray body = "{\"note\":\"x\"}";
    const QList<QUrl> urls {
            m_server->url(QStringLiteral("/echo?q=1")),
            m_server->urlForHost(QStringLiteral("localhost"), QStringLiteral("/echo?q=2"))};
    for (const QUrl &url : urls) {
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", bearer);
        request.setRawHeader("Cookie", "a=b");
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply *reply = m_manager->post(request, body);
        QVERIFY(waitForFinished(reply));
        QCOMPARE(statusOf(reply), 200);
        delete reply;
    }
    QNetworkReply *reply = get(m_server->url(QStringLiteral("/echo")));
    QVERIFY(waitForFinished(reply));
    QCOMPARE(statusOf(reply), 401);
    delete reply;

    const QByteArray port = QByteArray::number(m_server->port());
    const QList<JwtRecordedRequest> seen = m_server->requests();
    QCOMPARE(seen.size(), 3);
    QCOMPARE(receivedSpy.count(), 3);
    QCOMPARE(receivedSpy.at(0).at(0).value<JwtRecordedRequest>().path, QStringLiteral("/echo"));
    QCOMPARE(seen.at(0).method, QByteArray("POST"));
    QCOMPARE(seen.at(0).path, QStringLiteral("/echo"));
    QCOMPARE(seen.at(0).query, QStringLiteral("q=1"));
    QCOMPARE(seen.at(0).host, "127.0.0.1:" + port);
    QCOMPARE(seen.at(1).host, "localhost:" + port);
    QCOMPARE(seen.at(0).authorization, bearer);
    QCOMPARE(seen.at(0).cookie, QByteArray("a=b"));
    QCOMPARE(seen.at(0).bodySize, body.size());
    QCOMPARE(seen.at(0).bodySha256Hex, sha256Hex(body));
    QCOMPARE(seen.at(0).status, 200);
    QCOMPARE(seen.at(0).localPort, m_server->port());
    QCOMPARE(seen.at(0).generation, 1u);
    QCOMPARE(seen.at(2).authorization, QByteArray());
    QCOMPARE(seen.at(2).generation, 0u);
    QCOMPARE(seen.at(2).status, 401);

    QCOMPARE(m_server->countWithAuthorization(), 2);
    QCOMPARE(m_server->authorizationsSeenByHost("127.0.0.1:" + port), 1);
    QCOMPARE(m_server->authorizationsSeenByHost("localhost:" + port), 1);
    QCOMPARE(m_server->requestsWithGeneration(1), 2);
    QCOMPARE(m_server->requestsWithGeneration(0), 1);
    QCOMPARE(m_server->unauthorizedAnswers(), 1);
    QCOMPARE(m_server->count(QStringLiteral("/echo")), 3);
}

void tst_TestServer::resetRecordingClearsCounters()
{
    QNetworkReply *reply = get(m_server->url(QStringLiteral("/echo")), "Bearer x");
    QVERIFY(waitForFinished(reply));
    delete reply;
    QCOMPARE(m_server->requests().size(), 1);
    m_server->resetRecording();
    QCOMPARE(m_server->requests().size(), 0);
    QCOMPARE(m_server->count(QStringLiteral("/echo")), 0);
    QCOMPARE(m_server->countWithAuthorization(), 0);
    QCOMPARE(m_server->unauthorizedAnswers(), 0);
    QCOMPARE(m_server->requestsWithGeneration(0), 0);
}

void tst_TestServer::sharedAuthorityAcrossServers()
{
    JwtTestServer second(m_server->authority());
    QVERIFY(second.listen());
    QVERIFY(second.port() != m_server->port());
    QCOMPARE(second.authority(), m_server->authority());
    QNetworkReply *reply = get(second.url(QStringLiteral("/echo")), login());
    QVERIFY(waitForFinished(reply));
    QCOMPARE(statusOf(reply), 200);
    QCOMPARE(second.requests().constLast().localPort, second.port());
    QCOMPARE(m_server->requests().size(), 0);
    delete reply;
}

void tst_TestServer::concurrentConnectionsAllAnswered()
{
    const int total = 200;
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < total; ++i)
        clients.push_back(std::make_unique<RawClient>(m_server->port()));
    QVERIFY(waitUntil([&] {
        return std::all_of(clients.begin(), clients.end(), [](const auto &client) {
            return client->socket.state() == QAbstractSocket::ConnectedState;
        });
    }));
    // All connected before any request: the server holds 200 open connections at once.
    const QByteArray bearer = login();
    for (int i = 0; i < total; ++i) {
        clients[i]->socket.write("GET /delay?ms=50&i=" + QByteArray::number(i)
                                 + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + bearer + "\r\n\r\n");
    }
    int answered = 0;
    for (const auto &client : clients) {
        RawResponse response;
        QVERIFY(client->waitForResponse(&response));
        answered += response.status == 200 && response.body == "ok" ? 1 : 0;
    }
    QCOMPARE(answered, total);
    QCOMPARE(m_server->connectionsAccepted(), total);
    QCOMPARE(m_server->requestsWithGeneration(1), total);
}

QTEST_GUILESS_MAIN(tst_TestServer)
#include "tst_testserver.moc"
