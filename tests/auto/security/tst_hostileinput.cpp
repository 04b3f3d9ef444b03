// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// DESIGN.md "Security rules", hostile input: what a server or the application hands the library
// cannot inject headers or make it send an unsendable credential (proved on raw bytes), and an
// answer that never ends is not read into memory.

#include "securitytest.h"

#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtmemorytokenstore.h>

#include <QtCore/qdeadlinetimer.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qmutex.h>
#include <QtCore/qpointer.h>
#include <QtCore/qthread.h>
#include <QtCore/qwaitcondition.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

using namespace std::chrono_literals;

namespace {

// Answers a request with a 200 whose chunked body would go on for \a bodySize bytes, from a
// thread of its own, once streamWhileTheClientReads() says so, and writes the next chunk only
// once the previous one went to the kernel: what the kernel accepted is what the client took
// in, plus the socket buffers of both ends. Counts those bytes until the connection closes.
class ChunkedStreamServer
{
public:
    static constexpr qint64 ChunkSize = 64 * 1024;

    explicit ChunkedStreamServer(qint64 bodySize) : m_bodySize(bodySize) { }
    ~ChunkedStreamServer()
    {
        m_thread.quit();
        m_thread.wait();
    }

    bool listen()
    {
        m_server = new QTcpServer;
        m_server->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_server, &QObject::deleteLater);
        QObject::connect(m_server, &QTcpServer::newConnection, m_server, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection())
                serve(socket);
        });
        m_thread.start();
        bool listening = false;
        QMetaObject::invokeMethod(
                m_server,
                [&] {
                    listening = m_server->listen(QHostAddress::LocalHost);
                    m_port = m_server->serverPort();
                },
                Qt::BlockingQueuedConnection);
        return listening;
    }
    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
    }

    bool hasRequest() const
    {
        QMutexLocker lock(&m_mutex);
        return m_requested;
    }
    bool isDone() const
    {
        QMutexLocker lock(&m_mutex);
        return isDoneLocked();
    }
    bool closedEarly() const
    {
        QMutexLocker lock(&m_mutex);
        return m_closed && !wroteAllLocked();
    }
    qint64 bytesAccepted() const
    {
        QMutexLocker lock(&m_mutex);
        return m_accepted;
    }

    // Starts the answer and blocks the calling thread, its events included, until the server
    // wrote the whole body, the connection closed, or \a quiet passed without the kernel taking
    // another byte: the client stopped reading. Whatever the calling thread would do with the
    // answer, Qt's HTTP thread reads on its own meanwhile, unless a bound stops it.
    void streamWhileTheClientReads(std::chrono::milliseconds quiet)
    {
        QMetaObject::invokeMethod(m_server, [this] { startAnswer(); });
        QMutexLocker lock(&m_mutex);
        for (;;) {
            const qint64 before = m_accepted;
            if (isDoneLocked() || !m_progress.wait(&m_mutex, QDeadlineTimer(quiet))
                || (m_accepted == before && !isDoneLocked()))
                return;
        }
    }

private:
    bool wroteAllLocked() const { return m_bodyWritten >= m_bodySize; }
    bool isDoneLocked() const { return m_closed || (wroteAllLocked() && m_accepted > m_bodySize); }

    // The server thread's.
    void serve(QTcpSocket *socket)
    {
        m_socket = socket;
        QObject::connect(socket, &QIODevice::readyRead, socket, [this, socket] {
            m_request += socket->readAll();
            if (m_request.contains("\r\n\r\n")) {
                QMutexLocker lock(&m_mutex);
                m_requested = true;
            }
        });
        QObject::connect(socket, &QIODevice::bytesWritten, socket, [this, socket](qint64 bytes) {
            {
                QMutexLocker lock(&m_mutex);
                m_accepted += bytes;
                m_progress.wakeAll();
            }
            feed(socket);
        });
        QObject::connect(socket, &QAbstractSocket::disconnected, socket, [this, socket] {
            {
                QMutexLocker lock(&m_mutex);
                m_closed = true;
                m_progress.wakeAll();
            }
            socket->deleteLater();
        });
    }

    void startAnswer()
    {
        if (!m_socket)
            return;
        m_socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n");
        feed(m_socket);
    }

    // One chunk at a time, only once the previous one went to the kernel.
    void feed(QTcpSocket *socket)
    {
        if (socket->bytesToWrite() > 0)
            return;
        {
            QMutexLocker lock(&m_mutex);
            if (wroteAllLocked())
                return;
            m_bodyWritten += ChunkSize;
        }
        const QByteArray chunk(ChunkSize, ' '); // JSON whitespace: a valid start, never an end
        socket->write(QByteArray::number(ChunkSize, 16) + "\r\n" + chunk + "\r\n");
    }

    QThread m_thread;
    QTcpServer *m_server = nullptr; // lives in m_thread
    QPointer<QTcpSocket> m_socket; // the server thread's
    QByteArray m_request; // the server thread's
    quint16 m_port = 0;
    mutable QMutex m_mutex;
    QWaitCondition m_progress;
    const qint64 m_bodySize;
    bool m_requested = false;
    bool m_closed = false;
    qint64 m_bodyWritten = 0;
    qint64 m_accepted = 0;
};

} // namespace

class tst_HostileInput : public SecurityTest
{
    Q_OBJECT

private Q_SLOTS:
    // Header injection, proved on raw bytes.
    void hostileRefreshCannotInjectHeaders_data();
    void hostileRefreshCannotInjectHeaders();
    void setTokensRefusesInjection_data();
    void setTokensRefusesInjection();
    void hostileSignInCannotInjectHeaders();
    void setTokensRefusesUnsendableRefreshCredential_data();
    void setTokensRefusesUnsendableRefreshCredential();
    void restoreRefusesUnsendableRefreshCredential_data();
    void restoreRefusesUnsendableRefreshCredential();
    void hostileRotatedRefreshCredential_data();
    void hostileRotatedRefreshCredential();

    // Bounded answers, in the process's memory too.
    void chunkedAnswerIsNotReadInFull_data();
    void chunkedAnswerIsNotReadInFull();
};

// --- header injection -----------------------------------------------------------------------

void tst_HostileInput::hostileRefreshCannotInjectHeaders_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::newRow("CR LF") << QByteArray("abc\r\nX-Injected: yes");
    QTest::newRow("LF") << QByteArray("abc\nX-Injected: yes");
    QTest::newRow("CR") << QByteArray("abc\rX-Injected: yes");
    QTest::newRow("CR LF CR LF body") << QByteArray("abc\r\n\r\nX-Injected: yes");
    QTest::newRow("space") << QByteArray("abc X-Injected: yes");
    QTest::newRow("NUL") << QByteArray("abc\0\r\nX-Injected: yes", 22);
    QTest::newRow("non-ASCII") << QByteArray("abc\xc2\x85X-Injected: yes");
}

void tst_HostileInput::hostileRefreshCannotInjectHeaders()
{
    QFETCH(QByteArray, token);
    QVERIFY(raw->listen());
    // First answer 401 (the token expired); the refresh answers with a hostile access token.
    raw->setResponder([](const QByteArray &request) {
        if (JwtRawServer::header(request, "Authorization") == "Bearer old.token.1")
            return JwtRawServer::response(401, "{}", {"WWW-Authenticate: Bearer"});
        return JwtRawServer::response(200);
    });
    QJsonObject hostile {{QStringLiteral("access_token"), QString::fromLatin1(token)},
                         {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                         {QStringLiteral("expires_in"), 300},
                         {QStringLiteral("refresh_token"), QStringLiteral("rotated.refresh")}};
    JwtDemoResponse response;
    response.status = 200;
    response.setHeader("Content-Type", "application/json");
    response.body = QJsonDocument(hostile).toJson(QJsonDocument::Compact);
    server->scriptRefreshResponses(QList<JwtDemoResponse>(10, response));

    JwtOAuth2Refresher refresher;
    refresher.setTokenEndpoint(server->url(QStringLiteral("/oauth/token")));
    session->setRefresher(&refresher);
    session->addAuthorizedOrigin(raw->url());
    QVERIFY(session->setTokens("old.token.1", "first.refresh"));
    QSignalSpy failed(session.get(), &JwtSession::refreshFailed);

    std::unique_ptr<QNetworkReply> reply(get(raw->url(QStringLiteral("/data"))));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 30000);
    QVERIFY(reply->error() != QNetworkReply::NoError);
    QVERIFY(failed.count() >= 1);
    QCOMPARE(failed.first().at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Malformed);
    const QString message = failed.first().at(1).toString();
    QVERIFY2(!message.isEmpty() && !message.contains(QLatin1String("Injected")),
             qPrintable(message));
    QVERIFY(!reply->errorString().contains(QLatin1String("Injected")));
    QVERIFY(session->isSignedIn()); // a malformed answer is no reason to sign the user out
    QVERIFY(server->refreshCalls() >= 1);

    // On the wire: only the first attempt, with the old token; nothing injected.
    QCOMPARE(raw->requests().size(), 1);
    for (const QByteArray &request : raw->requests()) {
        QVERIFY(!request.contains("X-Injected"));
        QCOMPARE(JwtRawServer::header(request, "Authorization"), QByteArray("Bearer old.token.1"));
    }
}

void tst_HostileInput::setTokensRefusesInjection_data()
{
    hostileRefreshCannotInjectHeaders_data();
    QTest::newRow("too long") << QByteArray(16 * 1024 + 1, 'a');
    QTest::newRow("padding only") << QByteArray("==");
}

void tst_HostileInput::setTokensRefusesInjection()
{
    QFETCH(QByteArray, token);
    QVERIFY(raw->listen());
    session->addAuthorizedOrigin(raw->url());
    QVERIFY(session->setTokens("good.token.1"));
    const quint64 generation = session->tokenGeneration();
    QSignalSpy changed(session.get(), &JwtSession::tokensChanged);
    QVERIFY(!session->setTokens(token));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(session->tokenGeneration(), generation);

    std::unique_ptr<QNetworkReply> reply(get(raw->url(QStringLiteral("/data"))));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(raw->requests().size(), 1);
    QVERIFY(!raw->requests().first().contains("X-Injected"));
    QCOMPARE(JwtRawServer::header(raw->requests().first(), "Authorization"),
             QByteArray("Bearer good.token.1"));
}

void tst_HostileInput::hostileSignInCannotInjectHeaders()
{
    QVERIFY(raw->listen());
    session->addAuthorizedOrigin(raw->url());
    JwtCookieRefresher refresher;
    refresher.setLoginUrl(server->url(QStringLiteral("/public/login")));
    JwtDemoResponse response;
    response.status = 200;
    response.setHeader("Content-Type", "application/json");
    response.body = R"({"access_token":"abc\r\nX-Injected: yes","expires_in":300})";
    server->setRouteHandler(QStringLiteral("/public/login"),
                            [&](const JwtDemoRequest &) { return response; });
    session->setRefresher(&refresher);
    QSignalSpy failed(session.get(), &JwtSession::signInFailed);
    QSignalSpy succeeded(session.get(), &JwtSession::signInSucceeded);
    session->signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(succeeded.count(), 0);
    QVERIFY(!failed.first().at(1).toString().contains(QLatin1String("Injected")));
    QVERIFY(!session->isSignedIn());

    std::unique_ptr<QNetworkReply> reply(get(raw->url(QStringLiteral("/data"))));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(raw->requests().size(), 1);
    QVERIFY(!raw->requests().first().contains("X-Injected"));
    QCOMPARE(JwtRawServer::header(raw->requests().first(), "Authorization"), QByteArray());
}

namespace {

QByteArray tokenAnswer(const QByteArray &accessToken, const QByteArray &refreshToken = {},
                       const QList<QByteArray> &headers = {})
{
    QJsonObject object {{QStringLiteral("access_token"), QString::fromLatin1(accessToken)},
                        {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                        {QStringLiteral("expires_in"), 300}};
    if (!refreshToken.isEmpty())
        object.insert(QStringLiteral("refresh_token"), QString::fromLatin1(refreshToken));
    return JwtRawServer::response(200, QJsonDocument(object).toJson(QJsonDocument::Compact),
                                  QList<QByteArray> {"Content-Type: application/json"} + headers);
}

// The refresh credential a raw request presented: the refresh cookie, or the form field.
QByteArray presentedCredential(const QByteArray &request)
{
    const QByteArray cookie = cookieValue(JwtRawServer::header(request, "Cookie"), "refresh_token");
    if (!cookie.isEmpty())
        return cookie;
    const QByteArray body = request.mid(request.indexOf("\r\n\r\n") + 4);
    for (const QByteArray &field : body.split('&')) {
        if (field.startsWith("refresh_token="))
            return QByteArray::fromPercentEncoding(field.mid(14));
    }
    return {};
}

bool anyInjected(const QList<QByteArray> &requests)
{
    return std::any_of(requests.cbegin(), requests.cend(),
                       [](const QByteArray &request) { return request.contains("X-Injected"); });
}

} // namespace

void tst_HostileInput::setTokensRefusesUnsendableRefreshCredential_data()
{
    QTest::addColumn<bool>("oauth2");
    QTest::addColumn<QByteArray>("credential");
    QTest::addColumn<bool>("accepted");
    for (const bool oauth2 : {false, true}) {
        const char *kind = oauth2 ? "oauth2" : "cookie";
        QTest::addRow("%s CR LF", kind) << oauth2 << QByteArray("abc\r\nX-Injected: 1") << false;
        QTest::addRow("%s CR", kind) << oauth2 << QByteArray("abc\rX-Injected: 1") << false;
        QTest::addRow("%s LF", kind) << oauth2 << QByteArray("abc\nX-Injected: 1") << false;
        QTest::addRow("%s NUL", kind)
                << oauth2 << QByteArray("abc\0\r\nX-Injected: 1", 19) << false;
        QTest::addRow("%s tab", kind) << oauth2 << QByteArray("abc\tdef") << false;
        QTest::addRow("%s DEL", kind) << oauth2 << QByteArray("abc\x7f") << false;
        QTest::addRow("%s all cookie-octets", kind)
                << oauth2 << QByteArray("aZ09!#$%&'()*+-./:<=>?@[]^_`{|}~") << true;
    }
    // What a cookie cannot carry (RFC 6265 §4.1.1), a form field can.
    for (const QByteArray &value :
         {QByteArray("abc def"), QByteArray("abc;X-Injected=1"), QByteArray("abc\"def"),
          QByteArray("abc,def"), QByteArray("abc\\def"), QByteArray("abc\xc3\xa9")}) {
        QTest::addRow("cookie %s", value.constData()) << false << value << false;
        QTest::addRow("oauth2 %s", value.constData()) << true << value << true;
    }
}

void tst_HostileInput::setTokensRefusesUnsendableRefreshCredential()
{
    QFETCH(bool, oauth2);
    QFETCH(QByteArray, credential);
    QFETCH(bool, accepted);
    QVERIFY(raw->listen());
    raw->setResponder([](const QByteArray &) { return tokenAnswer("fresh.token.1"); });
    const auto refresher = makeRawAuthRefresher(oauth2);
    session->setRefresher(refresher.get());
    QVERIFY(session->setTokens("good.token.1", "good.refresh"));
    const quint64 generation = session->tokenGeneration();
    QSignalSpy changed(session.get(), &JwtSession::tokensChanged);
    {
        MessageCapture warnings("jwtsession.session");
        QCOMPARE(session->setTokens("good.token.2", credential), accepted);
        if (!accepted) {
            QCOMPARE(changed.count(), 0);
            QCOMPARE(session->tokenGeneration(), generation);
            QCOMPARE(session->refreshToken(), QByteArray("good.refresh"));
            QCOMPARE(warnings.lines().size(), 1);
            const QString warning = warnings.lines().first();
            QVERIFY2(warning.contains(QLatin1String("control characters"))
                             || warning.contains(QLatin1String("cookie-octets")),
                     qPrintable(warning));
            QVERIFY2(!warning.contains(QLatin1String("abc")), qPrintable(warning));
        }
    }

    // The next refresh presents what the session holds, and nothing else reaches the server.
    QSignalSpy refreshed(session.get(), &JwtSession::refreshSucceeded);
    session->refresh();
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(raw->requests().size(), 1);
    const QByteArray request = raw->requests().first();
    QCOMPARE(presentedCredential(request), accepted ? credential : QByteArray("good.refresh"));
    QVERIFY(JwtRawServer::header(request, "X-Injected").isEmpty());
    if (!accepted)
        QVERIFY(!request.contains("X-Injected"));
}

void tst_HostileInput::restoreRefusesUnsendableRefreshCredential_data()
{
    QTest::addColumn<bool>("oauth2");
    QTest::addColumn<QByteArray>("credential");
    QTest::newRow("cookie CR LF") << false << QByteArray("abc\r\nX-Injected: 1");
    QTest::newRow("cookie CR") << false << QByteArray("abc\rX-Injected: 1");
    QTest::newRow("cookie space") << false << QByteArray("abc X-Injected: 1");
    QTest::newRow("oauth2 CR LF") << true << QByteArray("abc\r\nX-Injected: 1");
}

// What an earlier run (or another program) left in the store is validated like any other
// credential: restore() fails, and nothing is sent with it.
void tst_HostileInput::restoreRefusesUnsendableRefreshCredential()
{
    QFETCH(bool, oauth2);
    QFETCH(QByteArray, credential);
    QVERIFY(raw->listen());
    raw->setResponder([](const QByteArray &) { return tokenAnswer("fresh.token.1"); });
    const auto refresher = makeRawAuthRefresher(oauth2);
    session->setRefresher(refresher.get());
    session->addAuthorizedOrigin(raw->url());
    JwtMemoryTokenStore store;
    store.save(credential);
    session->setTokenStore(&store);
    QSignalSpy restored(session.get(), &JwtSession::restored);
    QSignalSpy changed(session.get(), &JwtSession::tokensChanged);
    session->restore();
    QVERIFY(restored.wait(5000));
    QCOMPARE(restored.first().first().toBool(), false);
    QCOMPARE(changed.count(), 0);
    QVERIFY(!session->isSignedIn());
    QVERIFY(session->refreshToken().isEmpty());
    QVERIFY(!session->rememberMe());

    // A request goes out without a token and starts no refresh.
    std::unique_ptr<QNetworkReply> reply(get(raw->url(QStringLiteral("/data"))));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(raw->requests().size(), 1);
    QVERIFY(raw->requests().first().startsWith("GET /data "));
    QVERIFY(JwtRawServer::header(raw->requests().first(), "Authorization").isEmpty());
    QVERIFY(!anyInjected(raw->requests()));
}

void tst_HostileInput::hostileRotatedRefreshCredential_data()
{
    QTest::addColumn<bool>("oauth2");
    QTest::addColumn<bool>("signIn");
    QTest::addColumn<QByteArray>("rotated"); // a Set-Cookie value, or the refresh_token field
    // A lone CR survives Qt's header parsing (verified on 6.4) and ends a header line for many
    // servers; a space is what an obs-fold line turns into.
    const QByteArray cr = "refresh_token=abc\rX-Injected: 1; Path=/; HttpOnly";
    const QByteArray space = "refresh_token=abc X-Injected: 1; Path=/; HttpOnly";
    const QByteArray controls = "refresh_token=ab\x01\x7f; Path=/; HttpOnly";
    QTest::newRow("cookie refresh, CR") << false << false << cr;
    QTest::newRow("cookie refresh, space") << false << false << space;
    QTest::newRow("cookie refresh, controls") << false << false << controls;
    QTest::newRow("cookie sign-in, CR") << false << true << cr;
    QTest::newRow("oauth2 refresh, CR LF") << true << false << QByteArray("abc\r\nX-Injected: 1");
    QTest::newRow("oauth2 sign-in, CR LF") << true << true << QByteArray("abc\r\nX-Injected: 1");
}

// A rotated refresh credential in a refresh or sign-in answer that could not be sent safely
// makes the answer Malformed: it is never stored, never sent.
void tst_HostileInput::hostileRotatedRefreshCredential()
{
    QFETCH(bool, oauth2);
    QFETCH(bool, signIn);
    QFETCH(QByteArray, rotated);
    QVERIFY(raw->listen());
    int answers = 0;
    raw->setResponder([&](const QByteArray &request) {
        ++answers;
        if (request.startsWith("GET "))
            return JwtRawServer::response(200);
        if (oauth2)
            return tokenAnswer("fresh.token." + QByteArray::number(answers), rotated);
        return tokenAnswer("fresh.token." + QByteArray::number(answers), {},
                           {"Set-Cookie: " + rotated});
    });
    const auto refresher = makeRawAuthRefresher(oauth2);
    session->setRefresher(refresher.get());
    session->addAuthorizedOrigin(raw->url());

    if (signIn) {
        QSignalSpy failed(session.get(), &JwtSession::signInFailed);
        session->signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
        QVERIFY(failed.wait(10000));
        QVERIFY2(!failed.first().first().toString().contains(QLatin1String("Injected")),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(!session->isSignedIn());
        QVERIFY(session->refreshToken().isEmpty());
        // Requests go out without a token; a refresh has nothing to present.
        std::unique_ptr<QNetworkReply> reply(get(raw->url(QStringLiteral("/data"))));
        QTRY_VERIFY(reply->isFinished());
    } else {
        QVERIFY(session->setTokens("good.token.1", "good.refresh"));
        QSignalSpy changed(session.get(), &JwtSession::tokensChanged);
        QSignalSpy failed(session.get(), &JwtSession::refreshFailed);
        session->refresh();
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().at(0).value<JwtSession::FailureKind>(),
                 JwtSession::FailureKind::Malformed);
        QVERIFY2(!failed.first().at(1).toString().contains(QLatin1String("Injected")),
                 qPrintable(failed.first().at(1).toString()));
        QCOMPARE(changed.count(), 0);
        QVERIFY(session->isSignedIn());
        QCOMPARE(session->refreshToken(), QByteArray("good.refresh"));
        // The next refresh presents the credential the session kept, and only that.
        failed.clear();
        session->refresh();
        QVERIFY(failed.wait(10000)); // the server keeps answering with the hostile rotation
        QCOMPARE(raw->requests().size(), 2);
        QCOMPARE(presentedCredential(raw->requests().last()), QByteArray("good.refresh"));
    }
    for (const QByteArray &request : raw->requests())
        QVERIFY(JwtRawServer::header(request, "X-Injected").isEmpty());
    QVERIFY(!anyInjected(raw->requests()));
}

// --- bounded answers ------------------------------------------------------------------------

void tst_HostileInput::chunkedAnswerIsNotReadInFull_data()
{
    QTest::addColumn<bool>("oauth2");
    QTest::addColumn<bool>("signIn");
    QTest::newRow("cookie refresh") << false << false;
    QTest::newRow("cookie sign-in") << false << true;
    QTest::newRow("oauth2 refresh") << true << false;
}

// Without a Content-Length the size is known only while reading: Qt's HTTP thread must not
// read ahead of the bounded body into the reply's buffer, or a hostile answer fills memory.
void tst_HostileInput::chunkedAnswerIsNotReadInFull()
{
    QFETCH(bool, oauth2);
    QFETCH(bool, signIn);
    constexpr qint64 BodySize = 64 * 1024 * 1024;
    ChunkedStreamServer stream(BodySize);
    QVERIFY(stream.listen());
    const QUrl endpoint = stream.url(QStringLiteral("/auth/endpoint"));
    std::unique_ptr<JwtRefresher> refresher;
    if (oauth2) {
        auto r = std::make_unique<JwtOAuth2Refresher>();
        r->setTokenEndpoint(endpoint);
        refresher = std::move(r);
    } else {
        auto r = std::make_unique<JwtCookieRefresher>();
        r->setLoginUrl(endpoint);
        r->setRefreshUrl(endpoint);
        refresher = std::move(r);
    }
    session->setRefresher(refresher.get());
    QSignalSpy signInFailed(session.get(), &JwtSession::signInFailed);
    QSignalSpy refreshFailed(session.get(), &JwtSession::refreshFailed);
    if (signIn) {
        session->signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    } else {
        QVERIFY(session->setTokens("old.access.token", "refresh.credential"));
        session->refresh();
    }
    QTRY_VERIFY(stream.hasRequest());
    // This thread is held while the server streams, so that only a bound in Qt's own reading
    // can stop it, not how soon this thread gets to abort the reply.
    stream.streamWhileTheClientReads(1s);

    if (signIn) {
        QTRY_COMPARE_WITH_TIMEOUT(signInFailed.count(), 1, 20000);
        QVERIFY(!session->isSignedIn());
    } else {
        QTRY_COMPARE_WITH_TIMEOUT(refreshFailed.count(), 1, 20000);
        QCOMPARE(refreshFailed.first().at(0).value<JwtSession::FailureKind>(),
                 JwtSession::FailureKind::Malformed);
        QVERIFY(session->isSignedIn());
        QCOMPARE(session->refreshToken(), QByteArray("refresh.credential"));
    }
    // The client hangs up once the bound is crossed; the server could send only what the
    // socket buffers of both ends hold beyond it, never the whole body.
    QTRY_VERIFY_WITH_TIMEOUT(stream.isDone(), 20000);
    QVERIFY2(stream.closedEarly(), "the client read the whole answer");
    QVERIFY2(stream.bytesAccepted() < 16 * 1024 * 1024,
             qPrintable(QString::number(stream.bytesAccepted())));
}

QTEST_MAIN(tst_HostileInput)
#include "tst_hostileinput.moc"
