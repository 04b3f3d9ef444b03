// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// Every kind of request body is replayed byte-identical after a refresh, as the server sees it.

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtsession.h>

#include "jwtdemoauthority.h"
#include "jwtsessionfixture.h"

#include <QtCore/qbuffer.h>
#include <QtCore/qcryptographichash.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qtemporaryfile.h>
#include <QtNetwork/qhttpmultipart.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

namespace {

QByteArray payload(qsizetype size, char seed)
{
    QByteArray data(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        data[i] = char((i * 31 + seed) & 0xff);
    return data;
}

QByteArray sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

// A sequential device that hands out its data in pieces as the event loop turns, like a pipe.
class TrickleDevice : public QIODevice
{
public:
    explicit TrickleDevice(const QByteArray &data, QObject *parent = nullptr)
        : QIODevice(parent), m_data(data)
    {
        open(QIODevice::ReadOnly);
        QMetaObject::invokeMethod(this, &TrickleDevice::deliver, Qt::QueuedConnection);
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override
    {
        return (m_available - m_pos) + QIODevice::bytesAvailable();
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (m_pos == m_data.size())
            return -1;
        const qint64 n = qMin(maxSize, m_available - m_pos);
        memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    void deliver()
    {
        m_available = qMin<qint64>(m_data.size(), m_available + 16 * 1024);
        Q_EMIT readyRead();
        if (m_available < m_data.size())
            QMetaObject::invokeMethod(this, &TrickleDevice::deliver, Qt::QueuedConnection);
        else
            Q_EMIT readChannelFinished();
    }
    QByteArray m_data;
    qint64 m_available = 0;
    qint64 m_pos = 0;
};

} // namespace

class tst_Bodies : public QObject, private JwtSessionFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void replayedByteIdentical_data();
    void replayedByteIdentical();
    void multipartReplayed();
    void sequentialOverBoundIsNotReplayable();
    void uploadProgressNeverGoesBack();

private:
    QNetworkReply *send(const QString &kind, const QByteArray &data, QObject *owner);
    void verifyEcho(QNetworkReply *reply, const QByteArray &method, const QByteArray &data);
};

void tst_Bodies::init()
{
    QVERIFY2(setUp(), qPrintable(errorString()));
    server->authority()->expireAccessTokensNow(); // every request below is refused first
}

void tst_Bodies::cleanup()
{
    tearDown();
}

QNetworkReply *tst_Bodies::send(const QString &kind, const QByteArray &data, QObject *owner)
{
    QNetworkRequest request(server->url(QStringLiteral("/echo")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/octet-stream"));
    if (kind == QStringLiteral("post bytes"))
        return manager->post(request, data);
    if (kind == QStringLiteral("put bytes"))
        return manager->put(request, data);
    if (kind == QStringLiteral("custom verb bytes"))
        return manager->sendCustomRequest(request, "FROB", data);
    if (kind == QStringLiteral("post buffer")) {
        auto *buffer = new QBuffer(owner);
        buffer->setData(data);
        buffer->open(QIODevice::ReadOnly);
        return manager->post(request, buffer);
    }
    if (kind == QStringLiteral("put buffer at offset")) {
        auto *buffer = new QBuffer(owner);
        buffer->setData("skipped-prefix" + data);
        buffer->open(QIODevice::ReadOnly);
        buffer->seek(14);
        return manager->put(request, buffer);
    }
    if (kind == QStringLiteral("put file")) {
        auto *file = new QTemporaryFile(owner);
        if (!file->open() || file->write(data) != data.size() || !file->seek(0))
            return nullptr;
        return manager->put(request, file);
    }
    if (kind == QStringLiteral("post sequential")) {
        request.setHeader(QNetworkRequest::ContentLengthHeader, data.size());
        return manager->post(request, new TrickleDevice(data, owner));
    }
    return nullptr;
}

void tst_Bodies::verifyEcho(QNetworkReply *reply, const QByteArray &method, const QByteArray &data)
{
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    const QJsonObject echo = QJsonDocument::fromJson(reply->readAll()).object();
    QCOMPARE(echo.value(QStringLiteral("method")).toString().toLatin1(), method);
    QCOMPARE(echo.value(QStringLiteral("length")).toInteger(), data.size());
    QCOMPARE(echo.value(QStringLiteral("sha256")).toString().toLatin1(), sha256Hex(data));
    // What the server saw on the refused attempt and on the replay: the same bytes.
    const QList<JwtRecordedRequest> seen = server->requests();
    int echoes = 0;
    for (const JwtRecordedRequest &r : seen) {
        if (r.path != QStringLiteral("/echo"))
            continue;
        ++echoes;
        QCOMPARE(r.bodySha256Hex, sha256Hex(data));
    }
    QCOMPARE(echoes, 2);
    QCOMPARE(server->refreshCalls(), 1);
}

void tst_Bodies::replayedByteIdentical_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<int>("size");
    QTest::newRow("post QByteArray") << QStringLiteral("post bytes") << QByteArray("POST") << 1000;
    QTest::newRow("put QByteArray 1 MiB")
            << QStringLiteral("put bytes") << QByteArray("PUT") << 1024 * 1024;
    QTest::newRow("custom verb") << QStringLiteral("custom verb bytes") << QByteArray("FROB")
                                 << 4096;
    QTest::newRow("post QBuffer") << QStringLiteral("post buffer") << QByteArray("POST") << 70000;
    QTest::newRow("put QBuffer from an offset")
            << QStringLiteral("put buffer at offset") << QByteArray("PUT") << 5000;
    QTest::newRow("put QFile 3 MiB")
            << QStringLiteral("put file") << QByteArray("PUT") << 3 * 1024 * 1024;
    QTest::newRow("post sequential device")
            << QStringLiteral("post sequential") << QByteArray("POST") << 200 * 1024;
    QTest::newRow("empty body") << QStringLiteral("post bytes") << QByteArray("POST") << 0;
}

void tst_Bodies::replayedByteIdentical()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, method);
    QFETCH(int, size);
    QObject owner;
    const QByteArray data = payload(size, char(size & 0x7f));
    std::unique_ptr<QNetworkReply> reply(send(kind, data, &owner));
    QVERIFY(reply);
    verifyEcho(reply.get(), method, data);
}

void tst_Bodies::multipartReplayed()
{
    auto *multiPart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart text;
    text.setHeader(QNetworkRequest::ContentDispositionHeader,
                   QVariant(QStringLiteral("form-data; name=\"note\"")));
    text.setBody("hello multipart");
    QHttpPart file;
    file.setHeader(QNetworkRequest::ContentDispositionHeader,
                   QVariant(QStringLiteral("form-data; name=\"blob\"; filename=\"b.bin\"")));
    auto *blob = new QBuffer(multiPart);
    blob->setData(payload(300 * 1024, 7));
    blob->open(QIODevice::ReadOnly);
    file.setBodyDevice(blob);
    multiPart->append(text);
    multiPart->append(file);
    std::unique_ptr<QNetworkReply> reply(
            manager->post(QNetworkRequest(server->url(QStringLiteral("/echo"))), multiPart));
    multiPart->setParent(reply.get());
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    const QList<JwtRecordedRequest> seen = server->requests();
    QList<QByteArray> hashes;
    for (const JwtRecordedRequest &r : seen) {
        if (r.path == QStringLiteral("/echo"))
            hashes.append(r.bodySha256Hex);
    }
    QCOMPARE(hashes.size(), 2);
    QCOMPARE(hashes.at(0), hashes.at(1)); // the same boundary and bytes both times
    QVERIFY(seen.last().bodySize > 300 * 1024);
}

void tst_Bodies::sequentialOverBoundIsNotReplayable()
{
    session->setMaxReplayBufferSize(64 * 1024);
    QObject owner;
    const QByteArray data = payload(200 * 1024, 3);
    std::unique_ptr<QNetworkReply> reply(send(QStringLiteral("post sequential"), data, &owner));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
    QCOMPARE(reply->error(), QNetworkReply::ContentReSendError);
    QVERIFY(reply->errorString().contains(QStringLiteral("replay")));
    // The body was sent once (refused); a wrong or partial body was never sent again.
    QCOMPARE(server->count(QStringLiteral("/echo")), 1);
}

void tst_Bodies::uploadProgressNeverGoesBack()
{
    const QByteArray data = payload(2 * 1024 * 1024, 9);
    std::unique_ptr<QNetworkReply> reply(
            manager->put(QNetworkRequest(server->url(QStringLiteral("/echo"))), data));
    qint64 last = -1;
    bool backwards = false;
    connect(reply.get(), &QNetworkReply::uploadProgress, this, [&](qint64 sent, qint64) {
        backwards = backwards || sent < last;
        last = sent;
    });
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QVERIFY(!backwards);
    QCOMPARE(last, data.size());
}

QTEST_GUILESS_MAIN(tst_Bodies)
#include "tst_bodies.moc"
