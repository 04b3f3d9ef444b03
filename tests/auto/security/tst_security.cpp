// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// DESIGN.md "Security rules", asserted on what went over the wire: origins, transport, header
// injection, TLS, where the refresh credential goes, and sign-out.

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtmemorytokenstore.h>
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtrefreshjob.h>
#include <JwtSession/jwtsession.h>

#include "jwtdemoauthority.h"
#include "jwtrawserver.h"
#include "jwttestserver.h"
#include "jwtwait.h"

#include <QtCore/qdeadlinetimer.h>
#include <QtCore/qfile.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qmutex.h>
#include <QtCore/qpointer.h>
#include <QtCore/qprocess.h>
#include <QtCore/qscopeguard.h>
#include <QtCore/qstandardpaths.h>
#include <QtCore/qtemporarydir.h>
#include <QtCore/qthread.h>
#include <QtCore/qurlquery.h>
#include <QtCore/qwaitcondition.h>
#include <QtNetwork/qnetworkcookiejar.h>
#include <QtNetwork/qnetworkproxy.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>
#if QT_CONFIG(ssl)
#include <QtNetwork/qsslkey.h>
#include <QtNetwork/qsslsocket.h>
#endif
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

using namespace std::chrono_literals;

namespace {

constexpr char ProxyToken[] = "proxy.token.value";

// Messages of one category captured while an instance lives.
class MessageCapture
{
public:
    explicit MessageCapture(const char *category) : m_category(category)
    {
        s_current = this;
        m_previous = qInstallMessageHandler(&MessageCapture::handler);
    }
    ~MessageCapture()
    {
        qInstallMessageHandler(m_previous);
        s_current = nullptr;
    }
    QStringList lines() const { return m_lines; }

private:
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        if (s_current && context.category && qstrcmp(context.category, s_current->m_category) == 0)
            s_current->m_lines.append(message);
        if (s_current && s_current->m_previous)
            s_current->m_previous(type, context, message);
    }

    static inline MessageCapture *s_current = nullptr;
    const char *m_category;
    QtMessageHandler m_previous = nullptr;
    QStringList m_lines;
};

QByteArray formValue(const QByteArray &body, const QString &name)
{
    return QUrlQuery(QString::fromLatin1(body)).queryItemValue(name, QUrl::FullyDecoded).toLatin1();
}

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

class tst_Security : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    // Origins, end to end through an HTTP proxy that records what it was asked to forward.
    void exactOriginMatching_data();
    void exactOriginMatching();
    void ipv6LiteralOrigin();
    void insecureOriginFailsBeforeSending();
    void insecureOriginUnresolvable_data();
    void insecureOriginUnresolvable();
    void insecureOriginRefusedOnRedirect();
    void loopbackIsExempt_data();
    void loopbackIsExempt();
    void refreshEndpointTransport_data();
    void refreshEndpointTransport();
    void refreshCookieOnlyToRefreshEndpoint();
    void refreshTokenOnlyToTokenEndpoint();
    void refreshCookieStaysWithTheRefresher_data();
    void refreshCookieStaysWithTheRefresher();

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

    // TLS: only the application ignores TLS errors, for its own replies.
    void tlsErrorsAreNotIgnored();
    void tlsIgnoredByTheApplication_data();
    void tlsIgnoredByTheApplication();
    void tlsRefreshEndpointNotIgnored();
    void tlsDowngradeRedirectRefused();
    void tlsOriginsGetTheHttp2Window_data();
    void tlsOriginsGetTheHttp2Window();

    // Sign-out.
    void signOutCookieFlow();
    void signOutRevokesWithoutBlocking();
    void signOutFailsWaitingReplies();

private:
    void useProxyServer();
    std::unique_ptr<JwtRefresher> makeRawAuthRefresher(bool oauth2);
    void signInWithAuthority();
    std::unique_ptr<JwtOAuth2Refresher> makeOAuth2Refresher();
    QNetworkReply *get(const QUrl &url) { return manager->get(QNetworkRequest(url)); }
#if QT_CONFIG(ssl)
    bool startTlsServer(JwtRawServer *server);
#endif

    std::unique_ptr<JwtTestServer> server;
    std::unique_ptr<JwtRawServer> raw;
    std::unique_ptr<JwtSession> session;
    std::unique_ptr<JwtAccessManager> manager;
    QList<QByteArray> tokenBodies; // what the token endpoint received
    QList<QByteArray> revokeBodies; // what the revocation endpoint received
#if QT_CONFIG(ssl)
    std::unique_ptr<QTemporaryDir> certificateDir;
#endif
};

void tst_Security::init()
{
    server = std::make_unique<JwtTestServer>();
    QVERIFY(server->listen());
    // Token and revocation endpoints that keep the bodies: the recording only has their hashes.
    tokenBodies.clear();
    revokeBodies.clear();
    server->setRouteHandler(QStringLiteral("/public/token"), [this](const JwtDemoRequest &request) {
        tokenBodies.append(request.body);
        JwtDemoRequest forwarded = request;
        forwarded.url.setPath(QStringLiteral("/oauth/token"));
        return server->api()->handle(forwarded);
    });
    server->setRouteHandler(QStringLiteral("/public/revoke"),
                            [this](const JwtDemoRequest &request) {
                                revokeBodies.append(request.body);
                                JwtDemoRequest forwarded = request;
                                forwarded.url.setPath(QStringLiteral("/oauth/revoke"));
                                return server->api()->handle(forwarded);
                            });
    raw = std::make_unique<JwtRawServer>();
    session = std::make_unique<JwtSession>();
    manager = std::make_unique<JwtAccessManager>(session.get());
}

void tst_Security::cleanup()
{
    manager.reset();
    session.reset();
    raw.reset();
    server.reset();
}

void tst_Security::useProxyServer()
{
    QVERIFY(raw->listen());
    // Every request of the manager goes to the raw server as an HTTP proxy: it sees the absolute
    // URL and every header, so any host name can be tested without DNS or traffic off the host.
    manager->setProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), raw->port()));
    QVERIFY(session->setTokens(ProxyToken));
}

void tst_Security::signInWithAuthority()
{
    JwtDemoAuthority::Tokens tokens;
    QCOMPARE(server->authority()->login(QStringLiteral("alice"), QStringLiteral("wonderland"),
                                        &tokens),
             JwtDemoAuthority::Outcome::Ok);
    QVERIFY(session->setTokens(tokens.accessToken, tokens.refreshToken, tokens.expiresIn));
}

std::unique_ptr<JwtOAuth2Refresher> tst_Security::makeOAuth2Refresher()
{
    auto refresher = std::make_unique<JwtOAuth2Refresher>();
    refresher->setTokenEndpoint(server->url(QStringLiteral("/public/token")));
    refresher->setRevocationEndpoint(server->url(QStringLiteral("/public/revoke")));
    refresher->setClientId(QStringLiteral("desktop"));
    return refresher;
}

// A raw server as the authentication server, answering refresh and sign-in calls with whatever
// the test put into the maps (by request path), for refreshers that use it.
std::unique_ptr<JwtRefresher> tst_Security::makeRawAuthRefresher(bool oauth2)
{
    if (oauth2) {
        auto refresher = std::make_unique<JwtOAuth2Refresher>();
        refresher->setTokenEndpoint(raw->url(QStringLiteral("/oauth/token")));
        refresher->setClientId(QStringLiteral("desktop"));
        return refresher;
    }
    auto refresher = std::make_unique<JwtCookieRefresher>();
    refresher->setLoginUrl(raw->url(QStringLiteral("/auth/login")));
    refresher->setRefreshUrl(raw->url(QStringLiteral("/auth/refresh")));
    return refresher;
}

// --- origins --------------------------------------------------------------------------------

void tst_Security::exactOriginMatching_data()
{
    QTest::addColumn<QString>("authorized");
    QTest::addColumn<QString>("requested");
    QTest::addColumn<bool>("carriesToken");

    const QString api = QStringLiteral("http://api.example.com");
    QTest::newRow("exact") << api << QStringLiteral("http://api.example.com/v1") << true;
    QTest::newRow("suffix attack")
            << api << QStringLiteral("http://api.example.com.evil.net/v1") << false;
    QTest::newRow("prefix attack")
            << api << QStringLiteral("http://evilapi.example.com/v1") << false;
    QTest::newRow("subdomain") << api << QStringLiteral("http://www.api.example.com/v1") << false;
    QTest::newRow("parent domain") << api << QStringLiteral("http://example.com/v1") << false;
    QTest::newRow("user info naming the origin")
            << api << QStringLiteral("http://api.example.com@evil.net/v1") << false;
    QTest::newRow("user info and port naming the origin")
            << api << QStringLiteral("http://api.example.com:80@evil.net/v1") << false;
    QTest::newRow("user info on the origin")
            << api << QStringLiteral("http://evil.net@api.example.com/v1") << true;
    QTest::newRow("mixed-case request")
            << api << QStringLiteral("http://API.Example.COM/v1") << true;
    QTest::newRow("mixed-case authorization") << QStringLiteral("HTTP://Api.EXAMPLE.com")
                                              << QStringLiteral("http://api.example.com/") << true;
    QTest::newRow("default port spelled out")
            << api << QStringLiteral("http://api.example.com:80/v1") << true;
    QTest::newRow("authorized with default port")
            << QStringLiteral("http://api.example.com:80")
            << QStringLiteral("http://api.example.com/") << true;
    QTest::newRow("other port") << api << QStringLiteral("http://api.example.com:8080/v1") << false;
    QTest::newRow("https origin, http request")
            << QStringLiteral("https://api.example.com")
            << QStringLiteral("http://api.example.com/") << false;
    QTest::newRow("port 443 over http") << QStringLiteral("http://api.example.com:443")
                                        << QStringLiteral("http://api.example.com/") << false;
    QTest::newRow("trailing dot") << api << QStringLiteral("http://api.example.com./v1") << false;
    QTest::newRow("IDN authorized in Unicode, requested in ACE")
            << QStringLiteral("http://bücher.example")
            << QStringLiteral("http://xn--bcher-kva.example/") << true;
    QTest::newRow("IDN authorized in ACE, requested in Unicode")
            << QStringLiteral("http://xn--bcher-kva.example")
            << QStringLiteral("http://BÜCHER.example/") << true;
    QTest::newRow("IDN look-alike") << QStringLiteral("http://bücher.example")
                                    << QStringLiteral("http://bucher.example/") << false;
}

void tst_Security::exactOriginMatching()
{
    QFETCH(QString, authorized);
    QFETCH(QString, requested);
    QFETCH(bool, carriesToken);
    useProxyServer();
    // Not loopback, not https: these need the opt-in to get a token at all.
    session->addAuthorizedOrigin(QUrl(authorized), JwtSession::OriginOption::AllowInsecureHttp);

    std::unique_ptr<QNetworkReply> reply(get(QUrl(requested)));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(raw->requests().size(), 1);
    QCOMPARE(raw->requests().first().contains(ProxyToken), carriesToken);
    if (carriesToken) {
        QCOMPARE(JwtRawServer::header(raw->requests().first(), "Authorization"),
                 QByteArray("Bearer ") + ProxyToken);
    }
}

void tst_Security::ipv6LiteralOrigin()
{
    JwtTestServer v6(server->authority());
    QVERIFY2(v6.listen(QHostAddress::LocalHostIPv6), "this test needs the IPv6 loopback ::1");
    signInWithAuthority();
    // Loopback: no opt-in needed. Authorized in one spelling, requested in another.
    session->addAuthorizedOrigin(
            QUrl(QStringLiteral("http://[0:0:0:0:0:0:0:1]:%1").arg(v6.port())));
    QVERIFY(session->isAuthorizedUrl(v6.url()));

    std::unique_ptr<QNetworkReply> reply(get(v6.url(QStringLiteral("/echo"))));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    const QByteArray host = "[::1]:" + QByteArray::number(v6.port());
    QCOMPARE(v6.authorizationsSeenByHost(host), 1);

    // The IPv4 loopback on another port is another origin.
    std::unique_ptr<QNetworkReply> other(get(server->url(QStringLiteral("/public/echo"))));
    QTRY_VERIFY(other->isFinished());
    QCOMPARE(other->error(), QNetworkReply::NoError);
    QCOMPARE(server->countWithAuthorization(), 0);
}

void tst_Security::insecureOriginFailsBeforeSending()
{
    useProxyServer();
    const QUrl origin(QStringLiteral("http://api.example.com"));
    {
        MessageCapture warnings("jwtsession.session");
        session->addAuthorizedOrigin(origin);
        QCOMPARE(warnings.lines().size(), 1);
        QVERIFY(warnings.lines().first().contains(QLatin1String("AllowInsecureHttp")));
    }
    QVERIFY(session->isAuthorizedUrl(origin));

    QSignalSpy managerFinished(manager.get(), &QNetworkAccessManager::finished);
    MessageCapture warnings("jwtsession.session");
    std::unique_ptr<QNetworkReply> reply(get(origin.resolved(QUrl(QStringLiteral("/v1")))));
    // Asynchronous, like any network error: the caller can connect before it finishes.
    QVERIFY(!reply->isFinished());
    QCOMPARE(managerFinished.count(), 0);
    QSignalSpy errors(reply.get(), &QNetworkReply::errorOccurred);
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::ProtocolInvalidOperationError);
    QCOMPARE(errors.count(), 1);
    QVERIFY2(reply->errorString().contains(QLatin1String("api.example.com"))
                     && reply->errorString().contains(QLatin1String("http")),
             qPrintable(reply->errorString()));
    QVERIFY(!reply->errorString().contains(QLatin1String(ProxyToken)));
    QCOMPARE(managerFinished.count(), 1);
    QCOMPARE(raw->requests().size(), 0);
    QCOMPARE(raw->connectionsAccepted(), 0);
    QVERIFY(warnings.lines().isEmpty()); // warned once, when the origin was authorized

    // The opt-in, given again for the same origin, replaces the earlier options.
    session->addAuthorizedOrigin(origin, JwtSession::OriginOption::AllowInsecureHttp);
    std::unique_ptr<QNetworkReply> allowed(get(origin.resolved(QUrl(QStringLiteral("/v1")))));
    QTRY_VERIFY(allowed->isFinished());
    QCOMPARE(allowed->error(), QNetworkReply::NoError);
    QCOMPARE(raw->requests().size(), 1);
    QCOMPARE(JwtRawServer::header(raw->requests().first(), "Authorization"),
             QByteArray("Bearer ") + ProxyToken);

    // And back: the one-argument overload means no opt-in.
    session->addAuthorizedOrigin(origin);
    std::unique_ptr<QNetworkReply> refused(get(origin));
    QTRY_VERIFY(refused->isFinished());
    QCOMPARE(refused->error(), QNetworkReply::ProtocolInvalidOperationError);
    QCOMPARE(raw->requests().size(), 1);
}

void tst_Security::insecureOriginUnresolvable_data()
{
    QTest::addColumn<bool>("optIn");
    QTest::addColumn<QNetworkReply::NetworkError>("error");
    QTest::newRow("refused") << false << QNetworkReply::ProtocolInvalidOperationError;
    // .invalid never resolves (RFC 6761): the request tries and fails without leaving the host.
    QTest::newRow("opted in") << true << QNetworkReply::HostNotFoundError;
}

void tst_Security::insecureOriginUnresolvable()
{
    QFETCH(bool, optIn);
    QFETCH(QNetworkReply::NetworkError, error);
    QVERIFY(session->setTokens("some.access.token"));
    const QUrl origin(QStringLiteral("http://example.invalid"));
    session->addAuthorizedOrigin(
            origin,
            optIn ? JwtSession::OriginOptions(JwtSession::OriginOption::AllowInsecureHttp)
                  : JwtSession::OriginOptions());
    std::unique_ptr<QNetworkReply> reply(get(origin));
    QVERIFY(!reply->isFinished());
    // A resolver without network may take a while to say so.
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 60000);
    QCOMPARE(reply->error(), error);
}

void tst_Security::insecureOriginRefusedOnRedirect()
{
    signInWithAuthority();
    session->addAuthorizedOrigin(server->url());
    const QUrl insecure(QStringLiteral("http://example.invalid/landing"));
    session->addAuthorizedOrigin(insecure);
    const QString location = QString::fromLatin1(QUrl::toPercentEncoding(insecure.toString()));
    std::unique_ptr<QNetworkReply> reply(
            get(server->url(QStringLiteral("/redirect?to=%1&code=307").arg(location))));
    QTRY_VERIFY(reply->isFinished());
    // Refused before any lookup: HostNotFoundError would mean it tried to go there.
    QCOMPARE(reply->error(), QNetworkReply::ProtocolInvalidOperationError);
    QCOMPARE(server->requests().size(), 1);
}

void tst_Security::loopbackIsExempt_data()
{
    QTest::addColumn<QString>("host");
    QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1");
    QTest::newRow("127.0.0.1 as 127.1") << QStringLiteral("127.1");
    QTest::newRow("localhost") << QStringLiteral("localhost");
    QTest::newRow("LOCALHOST") << QStringLiteral("LOCALHOST");
}

void tst_Security::loopbackIsExempt()
{
    QFETCH(QString, host);
    signInWithAuthority();
    session->addAuthorizedOrigin(server->urlForHost(host));
    std::unique_ptr<QNetworkReply> reply(get(server->urlForHost(host, QStringLiteral("/echo"))));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(server->countWithAuthorization(), 1);
}

void tst_Security::refreshEndpointTransport_data()
{
    QTest::addColumn<bool>("oauth2");
    QTest::addColumn<bool>("signIn");
    QTest::addColumn<bool>("optIn");
    for (const bool oauth2 : {false, true}) {
        for (const bool signIn : {false, true}) {
            for (const bool optIn : {false, true}) {
                QTest::addRow("%s %s%s", oauth2 ? "oauth2" : "cookie",
                              signIn ? "sign-in" : "refresh", optIn ? " opted in" : "")
                        << oauth2 << signIn << optIn;
            }
        }
    }
}

void tst_Security::refreshEndpointTransport()
{
    QFETCH(bool, oauth2);
    QFETCH(bool, signIn);
    QFETCH(bool, optIn);
    QVERIFY(raw->listen());
    QNetworkAccessManager viaProxy;
    viaProxy.setProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), raw->port()));
    const QUrl endpoint(QStringLiteral("http://auth.example.com/auth/endpoint"));
    std::unique_ptr<JwtRefresher> refresher;
    if (oauth2) {
        auto r = std::make_unique<JwtOAuth2Refresher>();
        r->setTokenEndpoint(endpoint);
        r->setNetworkAccessManager(&viaProxy);
        QSignalSpy changed(r.get(), &JwtOAuth2Refresher::allowInsecureHttpChanged);
        r->setAllowInsecureHttp(optIn);
        QCOMPARE(r->allowInsecureHttp(), optIn);
        QCOMPARE(changed.count(), optIn ? 1 : 0);
        refresher = std::move(r);
    } else {
        auto r = std::make_unique<JwtCookieRefresher>();
        r->setLoginUrl(endpoint);
        r->setRefreshUrl(endpoint);
        r->setNetworkAccessManager(&viaProxy);
        QSignalSpy changed(r.get(), &JwtCookieRefresher::allowInsecureHttpChanged);
        r->setAllowInsecureHttp(optIn);
        QCOMPARE(r->allowInsecureHttp(), optIn);
        QCOMPARE(changed.count(), optIn ? 1 : 0);
        refresher = std::move(r);
    }
    JwtRefreshJob job(signIn ? JwtRefreshJob::Kind::SignIn : JwtRefreshJob::Kind::Refresh);
    job.setRefreshToken("SECRET-refresh-credential");
    job.setCredentials(QStringLiteral("alice"), QStringLiteral("SECRET-password"));
    if (signIn)
        refresher->signIn(&job);
    else
        refresher->refresh(&job);
    QTRY_VERIFY(job.isFinished());
    if (optIn) {
        QCOMPARE(raw->requests().size(), 1); // the proxy was asked to forward it
        QVERIFY(raw->requests().first().startsWith("POST http://auth.example.com/auth/endpoint"));
        return;
    }
    QCOMPARE(job.result(), JwtRefreshJob::Result::Transient);
    QVERIFY2(job.errorString().contains(QLatin1String("auth.example.com")),
             qPrintable(job.errorString()));
    QVERIFY(!job.errorString().contains(QLatin1String("SECRET")));
    QCOMPARE(raw->requests().size(), 0);
    QCOMPARE(raw->connectionsAccepted(), 0);

    // Sign-out does not send the credential there either.
    refresher->signOut("SECRET-refresh-credential");
    QTest::qWait(50); // nothing to wait for: prove that nothing arrives meanwhile
    QCOMPARE(raw->connectionsAccepted(), 0);
}

void tst_Security::refreshCookieOnlyToRefreshEndpoint()
{
    // The cookie refresher shares the manager, so API requests use the jar that would hold
    // the refresh cookie (Path=/auth): the cookie must go to the refresh endpoint only.
    JwtCookieRefresher refresher;
    refresher.setLoginUrl(server->url(QStringLiteral("/auth/login")));
    refresher.setRefreshUrl(server->url(QStringLiteral("/auth/refresh")));
    refresher.setNetworkAccessManager(manager.get());
    session->setRefresher(&refresher);
    session->addAuthorizedOrigin(server->url());
    QSignalSpy signedIn(session.get(), &JwtSession::signInSucceeded);
    session->signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QTRY_COMPARE(signedIn.count(), 1);

    const auto fetch = [this](const QString &path) {
        std::unique_ptr<QNetworkReply> reply(get(server->url(path)));
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->error(), QNetworkReply::NoError);
    };
    fetch(QStringLiteral("/echo"));
    fetch(QStringLiteral("/api/me"));
    server->authority()->expireAccessTokensNow();
    fetch(QStringLiteral("/api/me")); // 401, refresh with the cookie, replay
    fetch(QStringLiteral("/public/echo"));
    QCOMPARE(server->refreshCalls(), 1);

    QByteArrayList cookies;
    for (const JwtRecordedRequest &request : server->requests()) {
        const QByteArray value = cookieValue(request.cookie, "refresh_token");
        if (request.path == QStringLiteral("/auth/refresh")) {
            QVERIFY(!value.isEmpty());
            cookies.append(value);
        } else {
            QVERIFY2(value.isEmpty(), qPrintable(request.path));
            QVERIFY2(request.cookie.isEmpty(), qPrintable(request.path));
        }
    }
    QCOMPARE(cookies.size(), 1);
    // The refresh cookie is never in the application's jar; the rotated one is reported.
    QVERIFY(manager->cookieJar()
                    ->cookiesForUrl(server->url(QStringLiteral("/auth/refresh")))
                    .isEmpty());
    cookies.append(session->refreshToken()); // the rotated one
    QVERIFY(cookies.at(0) != cookies.at(1));
    for (const JwtRecordedRequest &request : server->requests()) {
        for (const QByteArray &cookie : std::as_const(cookies)) {
            QVERIFY(!request.authorization.contains(cookie));
            QVERIFY(!request.query.toLatin1().contains(cookie));
        }
    }
}

void tst_Security::refreshTokenOnlyToTokenEndpoint()
{
    auto refresher = makeOAuth2Refresher();
    session->setRefresher(refresher.get());
    session->addAuthorizedOrigin(server->url());
    QByteArrayList refreshTokens;
    connect(session.get(), &JwtSession::tokensChanged, this, [&] {
        if (!session->refreshToken().isEmpty() && !refreshTokens.contains(session->refreshToken()))
            refreshTokens.append(session->refreshToken());
    });
    QSignalSpy signedIn(session.get(), &JwtSession::signInSucceeded);
    session->signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QTRY_COMPARE(signedIn.count(), 1);
    for (int round = 0; round < 2; ++round) {
        std::unique_ptr<QNetworkReply> reply(get(server->url(QStringLiteral("/api/me"))));
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        server->authority()->expireAccessTokensNow();
    }
    std::unique_ptr<QNetworkReply> reply(get(server->url(QStringLiteral("/echo"))));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(refreshTokens.size(), 3); // sign-in and two rotations

    // The token endpoint received each refresh token but the last, once.
    int presented = 0;
    for (const QByteArray &body : std::as_const(tokenBodies))
        presented += refreshTokens.contains(formValue(body, QStringLiteral("refresh_token")));
    QCOMPARE(presented, 2);
    // Every other request carried it nowhere: no body at all, and not in any header or URL.
    for (const JwtRecordedRequest &request : server->requests()) {
        if (request.path != QStringLiteral("/public/token"))
            QCOMPARE(request.bodySize, 0);
        for (const QByteArray &token : std::as_const(refreshTokens)) {
            QVERIFY(!request.authorization.contains(token));
            QVERIFY(!request.cookie.contains(token));
            QVERIFY(!request.query.toLatin1().contains(token));
            QVERIFY(!request.path.toLatin1().contains(token));
        }
    }
}

void tst_Security::refreshCookieStaysWithTheRefresher_data()
{
    QTest::addColumn<bool>("tls");
    QTest::addColumn<QByteArray>("attributes"); // of the refresh cookie
    QTest::newRow("Path=/auth") << false << QByteArray("Path=/auth; HttpOnly");
    QTest::newRow("Path=/") << false << QByteArray("Path=/; HttpOnly");
    QTest::newRow("no Path") << false << QByteArray("HttpOnly");
    QTest::newRow("https, Path=/, no Secure") << true << QByteArray("Path=/; HttpOnly");
}

// The application shares its manager, and so its cookie jar, with the refresher, as the README
// recommends. Cookies ignore ports, and a cookie without Secure set over https goes over http
// too: the refresh cookie must still reach nothing but the refresh and logout URLs, whatever
// its attributes, directly or through a redirect the library follows.
void tst_Security::refreshCookieStaysWithTheRefresher()
{
    QFETCH(bool, tls);
    QFETCH(QByteArray, attributes);
#if QT_CONFIG(ssl)
    const QSslConfiguration defaultTls = QSslConfiguration::defaultConfiguration();
    const auto restoreTls =
            qScopeGuard([&] { QSslConfiguration::setDefaultConfiguration(defaultTls); });
    if (tls) {
        QVERIFY(startTlsServer(raw.get()));
        // The test certificate is trusted like a real one: no error is ignored anywhere.
        QSslConfiguration trusting = defaultTls;
        trusting.addCaCertificates(certificateDir->path() + QStringLiteral("/cert.pem"));
        QSslConfiguration::setDefaultConfiguration(trusting);
    } else {
        QVERIFY(raw->listen());
    }
#else
    QVERIFY2(!tls, "Qt was built without TLS support");
    QVERIFY(raw->listen());
#endif
    // The authentication server: the refresh cookie rotates on every refresh, a CSRF cookie
    // comes with the sign-in.
    int serial = 0;
    QByteArray current;
    raw->setResponder([&](const QByteArray &request) {
        const QByteArray presented =
                cookieValue(JwtRawServer::header(request, "Cookie"), "refresh_token");
        const auto tokens = [&] {
            current = "rc" + QByteArray::number(++serial);
            const QByteArray body = R"({"access_token":"access.)" + QByteArray::number(serial)
                    + R"(","expires_in":300})";
            return JwtRawServer::response(
                    200, body,
                    {"Content-Type: application/json",
                     "Set-Cookie: refresh_token=" + current + "; " + attributes,
                     "Set-Cookie: csrf=c42; Path=/"});
        };
        if (request.startsWith("POST /auth/login "))
            return tokens();
        if (request.startsWith("POST /auth/refresh "))
            return presented == current ? tokens() : JwtRawServer::response(401, "{}");
        if (request.startsWith("POST /auth/logout "))
            return JwtRawServer::response(204, {},
                                          {"Set-Cookie: refresh_token=; Max-Age=0; " + attributes});
        return JwtRawServer::response(200);
    });
    // The API, on another port of the same host.
    JwtRawServer api;
    QVERIFY(api.listen());
    bool expired = false;
    api.setResponder([&](const QByteArray &request) {
        if (request.startsWith("GET /redirect "))
            return JwtRawServer::response(
                    302, {}, {"Location: " + api.url(QStringLiteral("/auth/landing")).toEncoded()});
        if (expired && JwtRawServer::header(request, "Authorization") == "Bearer access.1")
            return JwtRawServer::response(401, "{}", {"WWW-Authenticate: Bearer"});
        return JwtRawServer::response(200);
    });

    JwtCookieRefresher refresher;
    refresher.setLoginUrl(raw->url(QStringLiteral("/auth/login")));
    refresher.setRefreshUrl(raw->url(QStringLiteral("/auth/refresh")));
    refresher.setLogoutUrl(raw->url(QStringLiteral("/auth/logout")));
    refresher.setNetworkAccessManager(manager.get());
    session->setRefresher(&refresher);
    session->addAuthorizedOrigin(api.url());
    QSignalSpy signedIn(session.get(), &JwtSession::signInSucceeded);
    session->signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QTRY_COMPARE(signedIn.count(), 1);
    QCOMPARE(session->refreshToken(), QByteArray("rc1")); // still reported, for "remember me"
    // The application's jar got the other cookie, never the refresh cookie.
    const QList<QNetworkCookie> jar =
            manager->cookieJar()->cookiesForUrl(raw->url(QStringLiteral("/auth/refresh")));
    QCOMPARE(jar.size(), 1);
    QCOMPARE(jar.first().name(), QByteArray("csrf"));

    const auto fetch = [this](const QUrl &url) {
        std::unique_ptr<QNetworkReply> reply(get(url));
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->error(), QNetworkReply::NoError);
    };
    fetch(api.url(QStringLiteral("/api/notes")));
    fetch(api.url(QStringLiteral("/auth/refresh"))); // the refresh path, on another port
    fetch(api.url(QStringLiteral("/auth/logout")));
    fetch(api.url(QStringLiteral("/redirect"))); // followed by the library to /auth/landing
    fetch(raw->url(QStringLiteral("/api/status"))); // the auth origin, not an auth endpoint
    fetch(raw->url(QStringLiteral("/auth/other")));
    expired = true;
    fetch(api.url(QStringLiteral("/api/notes"))); // 401, refresh with rc1, replay
    QCOMPARE(session->refreshToken(), QByteArray("rc2"));
    fetch(api.url(QStringLiteral("/auth/refresh")));
    session->signOut();
    QTRY_VERIFY(
            std::any_of(raw->requests().cbegin(), raw->requests().cend(),
                        [](const QByteArray &r) { return r.startsWith("POST /auth/logout "); }));

    // What the servers saw: the refresh cookie on the refresh and the logout call, only.
    QByteArrayList carriers;
    for (const QByteArray &request : raw->requests() + api.requests()) {
        const QByteArray cookies = JwtRawServer::header(request, "Cookie");
        const QByteArray line = request.left(request.indexOf("\r\n"));
        if (cookies.contains("refresh_token"))
            carriers.append(line + " -> " + cookieValue(cookies, "refresh_token"));
        if (line.startsWith("POST /auth/")) // the jar's other cookies still go along
            QVERIFY2(line.startsWith("POST /auth/login ") || cookieValue(cookies, "csrf") == "c42",
                     line.constData());
    }
    const QByteArrayList expected = {"POST /auth/refresh HTTP/1.1 -> rc1",
                                     "POST /auth/logout HTTP/1.1 -> rc2"};
    QVERIFY2(carriers == expected, carriers.join(", ").constData());
    QCOMPARE(api.requests().size(), 8); // the redirect's hop and the replay included
    QVERIFY(std::any_of(api.requests().cbegin(), api.requests().cend(),
                        [](const QByteArray &r) { return r.startsWith("GET /auth/landing "); }));
}

// --- header injection -----------------------------------------------------------------------

void tst_Security::hostileRefreshCannotInjectHeaders_data()
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

void tst_Security::hostileRefreshCannotInjectHeaders()
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

void tst_Security::setTokensRefusesInjection_data()
{
    hostileRefreshCannotInjectHeaders_data();
    QTest::newRow("too long") << QByteArray(16 * 1024 + 1, 'a');
    QTest::newRow("padding only") << QByteArray("==");
}

void tst_Security::setTokensRefusesInjection()
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

void tst_Security::hostileSignInCannotInjectHeaders()
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

void tst_Security::setTokensRefusesUnsendableRefreshCredential_data()
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

void tst_Security::setTokensRefusesUnsendableRefreshCredential()
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

void tst_Security::restoreRefusesUnsendableRefreshCredential_data()
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
void tst_Security::restoreRefusesUnsendableRefreshCredential()
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

void tst_Security::hostileRotatedRefreshCredential_data()
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
void tst_Security::hostileRotatedRefreshCredential()
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

void tst_Security::chunkedAnswerIsNotReadInFull_data()
{
    QTest::addColumn<bool>("oauth2");
    QTest::addColumn<bool>("signIn");
    QTest::newRow("cookie refresh") << false << false;
    QTest::newRow("cookie sign-in") << false << true;
    QTest::newRow("oauth2 refresh") << true << false;
}

// Without a Content-Length the size is known only while reading: Qt's HTTP thread must not
// read ahead of the bounded body into the reply's buffer, or a hostile answer fills memory.
void tst_Security::chunkedAnswerIsNotReadInFull()
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

// --- TLS ------------------------------------------------------------------------------------

#if QT_CONFIG(ssl)
// A self-signed certificate for 127.0.0.1, made with the openssl command line tool.
bool tst_Security::startTlsServer(JwtRawServer *tls)
{
    [&] {
        QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend: TLS tests cannot run");
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        QVERIFY2(!openssl.isEmpty(),
                 "the openssl command is needed to make a test certificate: apt-get install "
                 "openssl (scripts/deps.sh lists it)");
        if (!certificateDir) {
            certificateDir = std::make_unique<QTemporaryDir>();
            QVERIFY(certificateDir->isValid());
            QProcess process;
            process.setWorkingDirectory(certificateDir->path());
            process.start(openssl,
                          {QStringLiteral("req"), QStringLiteral("-x509"),
                           QStringLiteral("-newkey"), QStringLiteral("ec"),
                           QStringLiteral("-pkeyopt"),
                           QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                           QStringLiteral("-keyout"), QStringLiteral("key.pem"),
                           QStringLiteral("-out"), QStringLiteral("cert.pem"),
                           QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                           QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                           QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost")});
            QVERIFY(process.waitForFinished(30000));
            QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
                     process.readAllStandardError().constData());
        }
    }();
    if (QTest::currentTestFailed())
        return false;
    const QString dir = certificateDir->path();
    const QList<QSslCertificate> certificates =
            QSslCertificate::fromPath(dir + QStringLiteral("/cert.pem"));
    QFile keyFile(dir + QStringLiteral("/key.pem"));
    if (certificates.size() != 1 || !keyFile.open(QIODevice::ReadOnly))
        return false;
    const QSslKey key(&keyFile, QSsl::Ec);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificates.first());
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return !key.isNull() && tls->listenTls(configuration);
}
#endif

void tst_Security::tlsErrorsAreNotIgnored()
{
#if QT_CONFIG(ssl)
    QVERIFY(startTlsServer(raw.get()));
    session->addAuthorizedOrigin(raw->url());
    QVERIFY(session->setTokens("tls.token.1"));
    std::unique_ptr<QNetworkReply> reply(get(raw->url(QStringLiteral("/data"))));
    QSignalSpy sslErrors(reply.get(), &QNetworkReply::sslErrors);
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::SslHandshakeFailedError);
    QVERIFY(sslErrors.count() >= 1);
    const auto errors = sslErrors.first().first().value<QList<QSslError>>();
    QVERIFY(!errors.isEmpty());
    QCOMPARE(raw->requests().size(), 0); // no byte of HTTP, so no token
#else
    QFAIL("Qt was built without TLS support");
#endif
}

void tst_Security::tlsIgnoredByTheApplication_data()
{
    QTest::addColumn<bool>("ignoreEveryTime");
    QTest::newRow("app ignores every time") << true;
    QTest::newRow("app ignores once") << false;
}

void tst_Security::tlsIgnoredByTheApplication()
{
#if QT_CONFIG(ssl)
    QFETCH(bool, ignoreEveryTime);
    QVERIFY(startTlsServer(raw.get()));
    // 401 on the first token, closing the connection: the replay needs a new TLS handshake.
    raw->setResponder([](const QByteArray &request) {
        if (JwtRawServer::header(request, "Authorization") == "Bearer tls.token.1")
            return JwtRawServer::response(401, "{}",
                                          {"WWW-Authenticate: Bearer", "Connection: close"});
        return JwtRawServer::response(200, "secret data", {"Connection: close"});
    });
    session->addAuthorizedOrigin(raw->url());
    QVERIFY(session->setTokens("tls.token.1"));
    connect(session.get(), &JwtSession::refreshRequested, this, [this](JwtRefreshJob *job) {
        // The replay on a brand-new connection: nothing Qt remembers of the first one helps.
        manager->clearConnectionCache();
        job->succeed("tls.token.2", 300);
    });

    std::unique_ptr<QNetworkReply> reply(get(raw->url(QStringLiteral("/data"))));
    int asked = 0;
    connect(reply.get(), &QNetworkReply::sslErrors, this, [&](const QList<QSslError> &errors) {
        QVERIFY(!errors.isEmpty());
        if (asked++ == 0 || ignoreEveryTime)
            reply->ignoreSslErrors();
    });
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->readAll(), QByteArray("secret data"));
    QVERIFY(asked >= 1);
    QCOMPARE(raw->requests().size(), 2);
    QCOMPARE(raw->connectionsAccepted(), 2);
    QCOMPARE(JwtRawServer::header(raw->requests().at(1), "Authorization"),
             QByteArray("Bearer tls.token.2"));

    // The decision was for that reply only: a new reply on fresh connections is not covered.
    manager->clearConnectionCache();
    std::unique_ptr<QNetworkReply> next(get(raw->url(QStringLiteral("/data"))));
    QTRY_VERIFY(next->isFinished());
    QCOMPARE(next->error(), QNetworkReply::SslHandshakeFailedError);
    QCOMPARE(raw->requests().size(), 2);
#else
    QFAIL("Qt was built without TLS support");
#endif
}

void tst_Security::tlsOriginsGetTheHttp2Window_data()
{
    QTest::addColumn<bool>("http2Allowed");
    QTest::addColumn<int>("maxRefused");
    // HTTP/2 may multiplex 100 streams: the automatic window is 128, every request goes to Qt.
    QTest::newRow("HTTP/2 allowed (Qt's default)") << true << 40;
    // HTTP/1.1 only: Qt's 6 connections; the others wait for the refresh.
    QTest::newRow("HTTP/2 not allowed") << false << 6;
}

// The automatic JwtAccessManager::maxActiveRequestsPerOrigin over https, seen from the server:
// how many requests arrived with the token it refuses.
void tst_Security::tlsOriginsGetTheHttp2Window()
{
#if QT_CONFIG(ssl)
    QFETCH(bool, http2Allowed);
    QFETCH(int, maxRefused);
    constexpr int Requests = 40;
    QVERIFY(startTlsServer(raw.get()));
    raw->setResponder([](const QByteArray &request) {
        if (JwtRawServer::header(request, "Authorization") == "Bearer tls.token.1")
            return JwtRawServer::response(401, "{}", {"WWW-Authenticate: Bearer"});
        return JwtRawServer::response(200, "ok");
    });
    session->addAuthorizedOrigin(raw->url());
    QVERIFY(session->setTokens("tls.token.1"));
    connect(session.get(), &JwtSession::refreshRequested, this,
            [](JwtRefreshJob *job) { job->succeed("tls.token.2", 300); });
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int i = 0; i < Requests; ++i) {
        QNetworkRequest request(raw->url(QStringLiteral("/data")));
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, http2Allowed);
        QNetworkReply *reply = manager->get(request);
        connect(reply, &QNetworkReply::sslErrors, reply, [reply] { reply->ignoreSslErrors(); });
        replies.emplace_back(reply);
    }
    for (const auto &reply : replies) {
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->error(), QNetworkReply::NoError);
    }
    const QList<QByteArray> seen = raw->requests();
    const auto refused = std::count_if(seen.cbegin(), seen.cend(), [](const QByteArray &r) {
        return JwtRawServer::header(r, "Authorization") == "Bearer tls.token.1";
    });
    QVERIFY2(refused >= 1 && refused <= maxRefused, QByteArray::number(qint64(refused)));
    if (http2Allowed)
        QCOMPARE(refused, Requests);
#else
    QFAIL("Qt was built without TLS support");
#endif
}

void tst_Security::tlsRefreshEndpointNotIgnored()
{
#if QT_CONFIG(ssl)
    QVERIFY(startTlsServer(raw.get()));
    JwtOAuth2Refresher refresher;
    refresher.setTokenEndpoint(raw->url(QStringLiteral("/oauth/token")));
    JwtRefreshJob job(JwtRefreshJob::Kind::Refresh);
    job.setRefreshToken("SECRET-refresh");
    refresher.refresh(&job);
    QTRY_VERIFY(job.isFinished());
    QCOMPARE(job.result(), JwtRefreshJob::Result::Transient);
    QVERIFY(!job.errorString().contains(QLatin1String("SECRET")));
    QCOMPARE(raw->requests().size(), 0);
#else
    QFAIL("Qt was built without TLS support");
#endif
}

void tst_Security::tlsDowngradeRedirectRefused()
{
#if QT_CONFIG(ssl)
    QVERIFY(startTlsServer(raw.get()));
    const QUrl target = server->url(QStringLiteral("/public/echo"));
    raw->setResponder([target](const QByteArray &) {
        return JwtRawServer::response(302, QByteArray(), {"Location: " + target.toEncoded()});
    });
    session->addAuthorizedOrigin(raw->url());
    session->addAuthorizedOrigin(server->url());
    QVERIFY(session->setTokens("tls.token.1"));
    std::unique_ptr<QNetworkReply> reply(get(raw->url(QStringLiteral("/moved"))));
    connect(reply.get(), &QNetworkReply::sslErrors, reply.get(),
            [&reply] { reply->ignoreSslErrors(); });
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::InsecureRedirectError);
    QCOMPARE(raw->requests().size(), 1);
    QCOMPARE(server->requests().size(), 0);
#else
    QFAIL("Qt was built without TLS support");
#endif
}

// --- sign-out -------------------------------------------------------------------------------

void tst_Security::signOutCookieFlow()
{
    JwtCookieRefresher refresher;
    refresher.setLoginUrl(server->url(QStringLiteral("/auth/login")));
    refresher.setRefreshUrl(server->url(QStringLiteral("/auth/refresh")));
    refresher.setLogoutUrl(server->url(QStringLiteral("/auth/logout")));
    refresher.setNetworkAccessManager(manager.get());
    session->setRefresher(&refresher);
    session->addAuthorizedOrigin(server->url());
    QSignalSpy signedIn(session.get(), &JwtSession::signInSucceeded);
    session->signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QTRY_COMPARE(signedIn.count(), 1);
    // The refresher holds the cookie, out of the application's jar, and reports it.
    const QByteArray cookie = session->refreshToken();
    QVERIFY(!cookie.isEmpty());
    QVERIFY(manager->cookieJar()
                    ->cookiesForUrl(server->url(QStringLiteral("/auth/refresh")))
                    .isEmpty());

    QSignalSpy signedOut(session.get(), &JwtSession::signedOut);
    QSignalSpy changed(session.get(), &JwtSession::tokensChanged);
    session->signOut();
    QCOMPARE(signedOut.count(), 1);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(session->state(), JwtSession::State::SignedOut);
    QVERIFY(!session->isSignedIn());
    QVERIFY(session->refreshToken().isEmpty());
    QVERIFY(!session->accessToken().isValid());
    for (const QString &path : {QStringLiteral("/auth/refresh"), QStringLiteral("/auth/"),
                                QStringLiteral("/auth/logout"), QStringLiteral("/")}) {
        QVERIFY2(manager->cookieJar()->cookiesForUrl(server->url(path)).isEmpty(),
                 qPrintable(path));
    }
    // The logout call carried the cookie, and the server revoked it.
    QTRY_COMPARE(server->count(QStringLiteral("/auth/logout")), 1);
    const QList<JwtRecordedRequest> seen = server->requests();
    const auto logout = std::find_if(seen.cbegin(), seen.cend(), [](const JwtRecordedRequest &r) {
        return r.path == QStringLiteral("/auth/logout");
    });
    QCOMPARE(cookieValue(logout->cookie, "refresh_token"), cookie);
    JwtDemoAuthority::Tokens tokens;
    QCOMPARE(server->authority()->refresh(cookie, &tokens),
             JwtDemoAuthority::Outcome::UnknownCredential);

    // Requests now go without a token.
    std::unique_ptr<QNetworkReply> reply(get(server->url(QStringLiteral("/public/echo"))));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(server->countWithAuthorization(), 0);
}

void tst_Security::signOutRevokesWithoutBlocking()
{
    auto refresher = makeOAuth2Refresher();
    session->setRefresher(refresher.get());
    session->addAuthorizedOrigin(server->url());
    QSignalSpy signedIn(session.get(), &JwtSession::signInSucceeded);
    session->signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QTRY_COMPARE(signedIn.count(), 1);
    const QByteArray refreshToken = session->refreshToken();
    QVERIFY(!refreshToken.isEmpty());

    // A revocation endpoint that never answers delays nothing.
    server->setStall(QStringLiteral("/public/revoke"), true);
    QSignalSpy signedOut(session.get(), &JwtSession::signedOut);
    session->signOut();
    QCOMPARE(signedOut.count(), 1); // synchronous: nothing waited for the revocation
    QCOMPARE(session->state(), JwtSession::State::SignedOut);
    QVERIFY(session->refreshToken().isEmpty());
    QTRY_COMPARE(server->count(QStringLiteral("/public/revoke")), 1);

    // Signing in again and working go on while the revocation still hangs.
    session->signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QTRY_COMPARE(signedIn.count(), 2);
    std::unique_ptr<QNetworkReply> reply(get(server->url(QStringLiteral("/echo"))));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    const QList<JwtRecordedRequest> seen = server->requests();
    const auto revoke = std::find_if(seen.cbegin(), seen.cend(), [](const JwtRecordedRequest &r) {
        return r.path == QStringLiteral("/public/revoke");
    });
    QCOMPARE(revoke->status, 0); // still unanswered

    // An answering endpoint revokes the credential (RFC 7009: token and type hint in the form).
    server->setStall(QStringLiteral("/public/revoke"), false);
    const QByteArray second = session->refreshToken();
    session->signOut();
    QTRY_COMPARE(revokeBodies.size(), 1);
    QCOMPARE(formValue(revokeBodies.first(), QStringLiteral("token")), second);
    QCOMPARE(formValue(revokeBodies.first(), QStringLiteral("token_type_hint")),
             QByteArray("refresh_token"));
    JwtDemoAuthority::Tokens tokens;
    QTRY_COMPARE(server->authority()->refresh(second, &tokens),
                 JwtDemoAuthority::Outcome::UnknownCredential);
}

void tst_Security::signOutFailsWaitingReplies()
{
    auto refresher = makeOAuth2Refresher();
    session->setRefresher(refresher.get());
    session->addAuthorizedOrigin(server->url());
    signInWithAuthority();
    server->setStall(QStringLiteral("/public/token"), true);
    server->authority()->expireAccessTokensNow();
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int i = 0; i < 5; ++i)
        replies.emplace_back(get(server->url(QStringLiteral("/echo"))));
    QTRY_COMPARE(server->count(QStringLiteral("/public/token")), 1); // the refresh hangs
    QCOMPARE(session->state(), JwtSession::State::Refreshing);

    std::vector<std::unique_ptr<QSignalSpy>> finished;
    for (const auto &reply : replies)
        finished.push_back(std::make_unique<QSignalSpy>(reply.get(), &QNetworkReply::finished));
    session->signOut();
    for (std::size_t i = 0; i < replies.size(); ++i) {
        QTRY_VERIFY(replies[i]->isFinished());
        QCOMPARE(replies[i]->error(), QNetworkReply::AuthenticationRequiredError);
        QCOMPARE(finished[i]->count(), 1);
    }
    QCOMPARE(session->state(), JwtSession::State::SignedOut);
    QVERIFY(waitForPostedEvents());
    for (const auto &spy : finished)
        QCOMPARE(spy->count(), 1);
}

QTEST_MAIN(tst_Security)
#include "tst_security.moc"
