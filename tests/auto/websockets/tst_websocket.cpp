// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// JwtWebSocket against the WebSocket test server (the demo server's live channel, which checks
// the bearer token of each handshake against the test server's authority): what the server saw
// (handshakes, tokens, refresh calls), not only what the socket reports.

#include <JwtSession/jwtwebsocket.h>

#include "jwtdemoauthority.h"
#include "jwtsessionfixture.h"
#include "jwtwebsockethandshake_p.h"
#include "jwtwebsockettestserver.h"

#include <QtCore/qpointer.h>
#include <QtCore/qregularexpression.h>
#include <QtNetwork/qnetworkinterface.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <algorithm>
#include <memory>
#include <vector>

using namespace std::chrono_literals;
using Reason = JwtWebSocket::DisconnectReason;

class tst_WebSocket : public QObject, private JwtSessionFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void handshakeAuthorized();
    void messagesBothWays();
    void expiredTokenRefreshesOnceThenConnects();
    void refusedFreshTokenIsFinal();
    void twentyDroppedSocketsReconnectWithOneRefresh();
    void tokenExpiredCloseCodeRefreshesAndReconnects_data();
    void tokenExpiredCloseCodeRefreshesAndReconnects();
    void otherCloseCodeIsNoRefresh();
    void revokedCredentialExpiresWithoutLoop_data();
    void revokedCredentialExpiresWithoutLoop();
    void holdForSignInReconnectsAfterSignIn();
    void sessionExpiryClosesTheSocket_data();
    void sessionExpiryClosesTheSocket();
    void backoffIsFullJitter();
    void reconnectBacksOffAndGivesUp();
    void signOutCloses();
    void reauthorizeByReconnecting();
    void reauthorizeInBand();
    void tokenNeverSentToUnauthorizedOrigin();
    void tokenNeverSentOverPlainWsToNonLoopback();
    void plainWsToLocalNonLoopbackAddress();
    void invalidUrlIsRefused_data();
    void invalidUrlIsRefused();
    void tokenPlacements_data();
    void tokenPlacements();
    void messagesQueuedOrRefusedWhileReconnecting();
    void deletingInSignalsIsSafe_data();
    void deletingInSignalsIsSafe();

private:
    std::unique_ptr<JwtWebSocket> makeSocket();
    bool waitConnected(JwtWebSocket *socket, int timeoutMs = 10000);

    std::unique_ptr<JwtWebSocketTestServer> ws;
};

void tst_WebSocket::init()
{
    QVERIFY2(setUp(), qPrintable(errorString()));
    ws = std::make_unique<JwtWebSocketTestServer>(server->authority());
    QVERIFY(ws->listen());
    QUrl origin = ws->url();
    origin.setScheme(QStringLiteral("http"));
    session->addAuthorizedOrigin(origin);
}

void tst_WebSocket::cleanup()
{
    ws.reset(); // may be gone already
    tearDown();
}

std::unique_ptr<JwtWebSocket> tst_WebSocket::makeSocket()
{
    auto socket = std::make_unique<JwtWebSocket>(session.get());
    socket->setUrl(ws->url());
    // Short, fixed backoff: the tests wait for signals, never for time.
    socket->setReconnectBaseDelay(20ms);
    socket->setReconnectMaxDelay(100ms);
    socket->setJitterSource([] { return 0.5; });
    return socket;
}

bool tst_WebSocket::waitConnected(JwtWebSocket *socket, int timeoutMs)
{
    return QTest::qWaitFor([socket] { return socket->isConnected(); }, timeoutMs);
}

void tst_WebSocket::handshakeAuthorized()
{
    auto socket = makeSocket();
    QSignalSpy connected(socket.get(), &JwtWebSocket::connected);
    socket->open();
    QVERIFY(connected.wait());
    QCOMPARE(socket->state(), JwtWebSocket::State::Connected);
    QCOMPARE(ws->handshakeCount(), 1);
    const auto handshake = ws->handshakes().first();
    QCOMPARE(handshake.status, 101);
    QVERIFY(handshake.authorization.startsWith("Bearer "));
    QCOMPARE(handshake.host, "127.0.0.1:" + QByteArray::number(ws->url().port()));
    QCOMPARE(server->refreshCalls(), 0);
    QTRY_COMPARE(ws->connectionCount(), 1);
}

void tst_WebSocket::messagesBothWays()
{
    auto socket = makeSocket();
    socket->open();
    QVERIFY(waitConnected(socket.get()));
    QTRY_COMPARE(ws->connectionCount(), 1);
    QSignalSpy received(socket.get(), &JwtWebSocket::textMessageReceived);
    ws->live()->broadcast(QStringLiteral("hello"));
    QVERIFY(received.wait());
    QCOMPARE(received.first().first().toString(), QStringLiteral("hello"));

    QSignalSpy serverReceived(ws->live(), &JwtDemoLiveServer::textMessageReceived);
    QVERIFY(socket->sendTextMessage(QStringLiteral("ping")));
    QVERIFY(serverReceived.wait());
    QCOMPARE(serverReceived.first().first().toString(), QStringLiteral("ping"));
}

void tst_WebSocket::expiredTokenRefreshesOnceThenConnects()
{
    server->authority()->expireAccessTokensNow();
    auto socket = makeSocket();
    QSignalSpy disconnected(socket.get(), &JwtWebSocket::disconnected);
    socket->open();
    QVERIFY(waitConnected(socket.get()));
    QCOMPARE(server->refreshCalls(), 1);
    QCOMPARE(ws->handshakeCount(), 2);
    QCOMPARE(ws->handshakes().at(0).status, 401);
    QCOMPARE(ws->handshakes().at(1).status, 101);
    QVERIFY(ws->handshakes().at(1).carriedToken);
    QCOMPARE(disconnected.count(), 0);
}

void tst_WebSocket::refusedFreshTokenIsFinal()
{
    // Every token the server issues from now on is refused: one refresh, one retry, then an
    // authorization error.
    server->authority()->setAccessTokenLifetime(0ms);
    server->authority()->expireAccessTokensNow();
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("invalid \"expires_in\"")));
    auto socket = makeSocket();
    QSignalSpy disconnected(socket.get(), &JwtWebSocket::disconnected);
    socket->open();
    QVERIFY(disconnected.wait());
    QCOMPARE(disconnected.first().first().value<Reason>(), Reason::AuthorizationFailed);
    QCOMPARE(socket->state(), JwtWebSocket::State::Closed);
    QVERIFY(!socket->errorString().isEmpty());
    QCOMPARE(server->refreshCalls(), 1);
    QCOMPARE(ws->handshakeCount(), 2);
    QCOMPARE(ws->refusedHandshakes(), 2);
}

void tst_WebSocket::twentyDroppedSocketsReconnectWithOneRefresh()
{
    std::vector<std::unique_ptr<JwtWebSocket>> sockets;
    for (int i = 0; i < 20; ++i) {
        sockets.push_back(makeSocket());
        // Real jitter, a short cap: the reconnections spread over 0-100 ms.
        sockets.back()->setJitterSource({});
        sockets.back()->open();
    }
    QTRY_COMPARE_WITH_TIMEOUT(ws->connectionCount(), 20, 10000);
    QCOMPARE(server->refreshCalls(), 0);
    ws->resetRecording();

    // Each socket's drop is recorded as it happens: the first sockets may be connected again
    // before the last one noticed, so "all disconnected at once" is not a state to wait for.
    std::vector<bool> dropped(sockets.size(), false);
    for (std::size_t i = 0; i < sockets.size(); ++i) {
        connect(sockets[i].get(), &JwtWebSocket::disconnected, sockets[i].get(),
                [&dropped, i] { dropped[i] = true; });
    }
    // The server restarts: every connection drops, and it no longer accepts the old token.
    server->authority()->expireAccessTokensNow();
    ws->live()->dropAll();
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(dropped.begin(), dropped.end(), [](bool d) { return d; }),
                             10000);
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(sockets.begin(), sockets.end(),
                                         [](const auto &s) { return s->isConnected(); }),
                             15000);
    QTRY_COMPARE(ws->connectionCount(), 20);
    QCOMPARE(server->refreshCalls(), 1);
    QCOMPARE(ws->handshakeCount() - ws->refusedHandshakes(), 20);
}

void tst_WebSocket::tokenExpiredCloseCodeRefreshesAndReconnects_data()
{
    QTest::addColumn<QList<int>>("codes");
    QTest::addColumn<int>("closeCode");
    QTest::newRow("4401 (default)") << QList<int>() << 4401;
    QTest::newRow("1008 (configured)") << QList<int> {1008} << 1008;
}

void tst_WebSocket::tokenExpiredCloseCodeRefreshesAndReconnects()
{
    QFETCH(QList<int>, codes);
    QFETCH(int, closeCode);
    auto socket = makeSocket();
    if (!codes.isEmpty())
        socket->setTokenExpiredCloseCodes(codes);
    socket->setReconnectBaseDelay(60s); // a backoff would time the test out
    socket->setReconnectMaxDelay(60s);
    socket->open();
    QVERIFY(waitConnected(socket.get()));
    QTRY_COMPARE(ws->connectionCount(), 1);
    ws->resetRecording();

    QSignalSpy disconnected(socket.get(), &JwtWebSocket::disconnected);
    QSignalSpy reconnecting(socket.get(), &JwtWebSocket::reconnecting);
    server->authority()->expireAccessTokensNow();
    QCOMPARE(ws->live()->closeExpired(closeCode), 1);
    QVERIFY(disconnected.wait());
    QCOMPARE(disconnected.first().first().value<Reason>(), Reason::TokenExpired);
    QVERIFY(waitConnected(socket.get()));
    QCOMPARE(server->refreshCalls(), 1);
    QCOMPARE(ws->handshakeCount(), 1); // straight to the new token, no 401 first
    QCOMPARE(ws->handshakes().first().status, 101);
    QCOMPARE(reconnecting.count(), 0); // no backoff: the server is fine, the token was not
}

void tst_WebSocket::otherCloseCodeIsNoRefresh()
{
    auto socket = makeSocket();
    socket->open();
    QVERIFY(waitConnected(socket.get()));
    QTRY_COMPARE(ws->connectionCount(), 1);
    QSignalSpy disconnected(socket.get(), &JwtWebSocket::disconnected);
    QSignalSpy reconnecting(socket.get(), &JwtWebSocket::reconnecting);
    ws->live()->closeAll(4000, QStringLiteral("maintenance"));
    QVERIFY(disconnected.wait());
    QCOMPARE(disconnected.first().first().value<Reason>(), Reason::ClosedByServer);
    QVERIFY(socket->errorString().contains(QStringLiteral("4000")));
    QVERIFY(waitConnected(socket.get()));
    QCOMPARE(reconnecting.count(), 1);
    QCOMPARE(reconnecting.first().at(0).toInt(), 1);
    QCOMPARE(reconnecting.first().at(1).toInt(), 10); // 0.5 * 20 ms
    QCOMPARE(server->refreshCalls(), 0);
}

void tst_WebSocket::revokedCredentialExpiresWithoutLoop_data()
{
    QTest::addColumn<bool>("connectedFirst");
    QTest::newRow("close 4401 on an open connection") << true;
    QTest::newRow("handshake refused with 401") << false;
}

void tst_WebSocket::revokedCredentialExpiresWithoutLoop()
{
    QFETCH(bool, connectedFirst);
    auto socket = makeSocket();
    if (connectedFirst) {
        socket->open();
        QVERIFY(waitConnected(socket.get()));
        QTRY_COMPARE(ws->connectionCount(), 1);
    }
    ws->resetRecording();
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);
    QSignalSpy disconnected(socket.get(), &JwtWebSocket::disconnected);
    server->authority()->revokeAllRefreshTokens();
    server->authority()->expireAccessTokensNow();
    if (connectedFirst)
        QCOMPARE(ws->live()->closeExpired(4401), 1);
    else
        socket->open();
    QTRY_COMPARE(expired.count(), 1);
    QTRY_COMPARE(socket->state(), JwtWebSocket::State::Closed);
    QCOMPARE(disconnected.last().first().value<Reason>(), Reason::SessionExpired);
    // Nothing is scheduled any more; let the event loop run past several backoff steps to be
    // sure nothing reconnects (the absence of an event has no signal to wait for).
    QTest::qWait(200);
    QCOMPARE(ws->handshakeCount(), connectedFirst ? 0 : 1);
    QCOMPARE(server->refreshCalls(), 1);
    QCOMPARE(socket->state(), JwtWebSocket::State::Closed);
}

void tst_WebSocket::holdForSignInReconnectsAfterSignIn()
{
    session->setExpiryPolicy(JwtSession::ExpiryPolicy::HoldForSignIn);
    auto socket = makeSocket();
    socket->open();
    QVERIFY(waitConnected(socket.get()));
    QTRY_COMPARE(ws->connectionCount(), 1);
    ws->resetRecording();
    QSignalSpy disconnected(socket.get(), &JwtWebSocket::disconnected);
    server->authority()->revokeAllRefreshTokens();
    server->authority()->expireAccessTokensNow();
    QCOMPARE(ws->live()->closeExpired(4401), 1);
    QTRY_COMPARE(socket->state(), JwtWebSocket::State::WaitingForSignIn);
    // The connection ended once (token expired); the socket has not given up: no second
    // disconnected(), the state says it waits for the sign-in.
    QCOMPARE(disconnected.count(), 1);
    QCOMPARE(disconnected.at(0).first().value<Reason>(), Reason::TokenExpired);
    QCOMPARE(ws->handshakeCount(), 0);
    QVERIFY(signIn());
    QVERIFY(waitConnected(socket.get()));
    QCOMPARE(ws->handshakeCount(), 1);
    QCOMPARE(ws->handshakes().first().status, 101);
}

void tst_WebSocket::sessionExpiryClosesTheSocket_data()
{
    QTest::addColumn<JwtSession::ExpiryPolicy>("policy");
    QTest::newRow("FailWaiting") << JwtSession::ExpiryPolicy::FailWaiting;
    QTest::newRow("HoldForSignIn") << JwtSession::ExpiryPolicy::HoldForSignIn;
}

void tst_WebSocket::sessionExpiryClosesTheSocket()
{
    // The session expires because of an HTTP request; the socket, open all along, closes.
    QFETCH(JwtSession::ExpiryPolicy, policy);
    session->setExpiryPolicy(policy);
    auto socket = makeSocket();
    socket->open();
    QVERIFY(waitConnected(socket.get()));
    QTRY_COMPARE(ws->connectionCount(), 1);
    ws->resetRecording();
    QSignalSpy disconnected(socket.get(), &JwtWebSocket::disconnected);
    server->authority()->revokeAllRefreshTokens();
    server->authority()->expireAccessTokensNow();
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/api/me")));
    QTRY_COMPARE(disconnected.count(), 1);
    QCOMPARE(disconnected.first().first().value<Reason>(), Reason::SessionExpired);
    QTRY_COMPARE(ws->connectionCount(), 0);
    QCOMPARE(ws->handshakeCount(), 0);
    if (policy == JwtSession::ExpiryPolicy::FailWaiting) {
        QCOMPARE(socket->state(), JwtWebSocket::State::Closed);
        return;
    }
    QCOMPARE(socket->state(), JwtWebSocket::State::WaitingForSignIn);
    QVERIFY(signIn());
    QVERIFY(waitConnected(socket.get()));
    QCOMPARE(ws->handshakeCount(), 1);
    QCOMPARE(ws->handshakes().first().status, 101);
    QTRY_VERIFY(reply->isFinished()); // replayed after the sign-in
}

void tst_WebSocket::backoffIsFullJitter()
{
    using H = JwtWebSocketHandshake;
    QCOMPARE(H::fullJitter(1, 100ms, 1000ms, 0.5), 50ms);
    QCOMPARE(H::fullJitter(2, 100ms, 1000ms, 0.5), 100ms);
    QCOMPARE(H::fullJitter(3, 100ms, 1000ms, 0.5), 200ms);
    QCOMPARE(H::fullJitter(10, 100ms, 1000ms, 0.5), 500ms); // capped
    QCOMPARE(H::fullJitter(1000, 100ms, 1000ms, 0.999), 999ms); // no overflow
    QCOMPARE(H::fullJitter(3, 100ms, 1000ms, 0.0), 0ms); // full jitter: down to zero
    QCOMPARE(H::fullJitter(3, 100ms, 1000ms, 7.0), 400ms); // a bad source is clamped
}

void tst_WebSocket::reconnectBacksOffAndGivesUp()
{
    auto socket = makeSocket();
    socket->setMaxReconnectAttempts(3);
    socket->open();
    QVERIFY(waitConnected(socket.get()));
    QSignalSpy reconnecting(socket.get(), &JwtWebSocket::reconnecting);
    QSignalSpy disconnected(socket.get(), &JwtWebSocket::disconnected);
    ws.reset(); // the server goes away for good
    QTRY_COMPARE(disconnected.count(), 2);
    QCOMPARE(disconnected.at(0).first().value<Reason>(), Reason::ConnectionLost);
    QCOMPARE(disconnected.at(1).first().value<Reason>(), Reason::HandshakeFailed);
    QCOMPARE(reconnecting.count(), 3);
    QCOMPARE(reconnecting.at(0).at(1).toInt(), 10); // 0.5 * 20 ms
    QCOMPARE(reconnecting.at(1).at(1).toInt(), 20);
    QCOMPARE(reconnecting.at(2).at(1).toInt(), 40);
    QCOMPARE(socket->state(), JwtWebSocket::State::Closed);
    QVERIFY(!socket->errorString().isEmpty());
    QCOMPARE(server->refreshCalls(), 0);
}

void tst_WebSocket::signOutCloses()
{
    auto socket = makeSocket();
    socket->open();
    QVERIFY(waitConnected(socket.get()));
    QSignalSpy disconnected(socket.get(), &JwtWebSocket::disconnected);
    session->signOut();
    QTRY_COMPARE(disconnected.count(), 1);
    QCOMPARE(disconnected.first().first().value<Reason>(), Reason::SignedOut);
    QCOMPARE(socket->state(), JwtWebSocket::State::Closed);
    QTRY_COMPARE(ws->connectionCount(), 0);
}

void tst_WebSocket::reauthorizeByReconnecting()
{
    auto socket = makeSocket();
    socket->setReauthorization(JwtWebSocket::Reauthorization::Reconnect);
    socket->open();
    QVERIFY(waitConnected(socket.get()));
    QSignalSpy disconnected(socket.get(), &JwtWebSocket::disconnected);
    QSignalSpy refreshed(session.get(), &JwtSession::refreshSucceeded);
    session->refresh();
    QVERIFY(refreshed.wait());
    QTRY_COMPARE(disconnected.count(), 1);
    QCOMPARE(disconnected.first().first().value<Reason>(), Reason::Reauthorizing);
    QVERIFY(waitConnected(socket.get()));
    QCOMPARE(ws->handshakeCount(), 2);
    QVERIFY(ws->handshakes().at(1).authorization != ws->handshakes().at(0).authorization);
    QCOMPARE(server->refreshCalls(), 1);
}

void tst_WebSocket::reauthorizeInBand()
{
    auto socket = makeSocket();
    socket->setReauthorization(JwtWebSocket::Reauthorization::InBand);
    connect(socket.get(), &JwtWebSocket::reauthorizationRequested, this,
            [&] { socket->sendTextMessage(QStringLiteral("reauth")); });
    socket->open();
    QVERIFY(waitConnected(socket.get()));
    QTRY_COMPARE(ws->connectionCount(), 1);
    QSignalSpy serverReceived(ws->live(), &JwtDemoLiveServer::textMessageReceived);
    QSignalSpy disconnected(socket.get(), &JwtWebSocket::disconnected);
    session->refresh();
    QVERIFY(serverReceived.wait());
    QCOMPARE(serverReceived.first().first().toString(), QStringLiteral("reauth"));
    QCOMPARE(ws->handshakeCount(), 1);
    QCOMPARE(disconnected.count(), 0);
}

void tst_WebSocket::tokenNeverSentToUnauthorizedOrigin()
{
    // localhost is not 127.0.0.1: another origin, not authorized. The handshake goes out
    // without a token, the server refuses it, and nothing is refreshed.
    auto socket = makeSocket();
    socket->setAutoReconnect(false);
    socket->setUrl(ws->urlForHost(QStringLiteral("localhost")));
    QSignalSpy disconnected(socket.get(), &JwtWebSocket::disconnected);
    socket->open();
    QVERIFY(disconnected.wait());
    QCOMPARE(disconnected.first().first().value<Reason>(), Reason::HandshakeFailed);
    QCOMPARE(ws->handshakeCount(), 1);
    QCOMPARE(ws->handshakesWithToken(), 0);
    QCOMPARE(ws->handshakes().first().host, "localhost:" + QByteArray::number(ws->url().port()));
    QCOMPARE(server->refreshCalls(), 0);
}

void tst_WebSocket::tokenNeverSentOverPlainWsToNonLoopback()
{
    // Authorized, but plain ws to a host that is not loopback: nothing is contacted at all.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("is plain http")));
    session->addAuthorizedOrigin(QUrl(QStringLiteral("http://live.example.invalid")));
    auto socket = makeSocket();
    socket->setUrl(QUrl(QStringLiteral("ws://live.example.invalid/live")));
    QSignalSpy disconnected(socket.get(), &JwtWebSocket::disconnected);
    QSignalSpy states(socket.get(), &JwtWebSocket::stateChanged);
    socket->open();
    QCOMPARE(disconnected.count(), 1);
    QCOMPARE(disconnected.first().first().value<Reason>(), Reason::InsecureOrigin);
    QVERIFY(socket->errorString().contains(QStringLiteral("live.example.invalid")));
    QCOMPARE(states.count(), 0); // it never left Closed
    QCOMPARE(server->refreshCalls(), 0);

    // The rule itself: ws is http's origin, wss https'.
    QCOMPARE(JwtWebSocketHandshake::httpUrl(QUrl(QStringLiteral("ws://h.example:81/x"))),
             QUrl(QStringLiteral("http://h.example:81/x")));
    QCOMPARE(JwtWebSocketHandshake::httpUrl(QUrl(QStringLiteral("wss://h.example/x"))),
             QUrl(QStringLiteral("https://h.example/x")));
    QVERIFY(!JwtWebSocketHandshake::httpUrl(QUrl(QStringLiteral("http://h.example/"))).isValid());
    QVERIFY(!JwtWebSocketHandshake::httpUrl(QUrl(QStringLiteral("ws:///nohost"))).isValid());
}

void tst_WebSocket::plainWsToLocalNonLoopbackAddress()
{
    // End to end with a server on this host's own non-loopback address: plain ws there gets no
    // token and no connection unless the origin was added with AllowInsecureHttp.
    QHostAddress address;
    const auto addresses = QNetworkInterface::allAddresses();
    for (const QHostAddress &candidate : addresses) {
        if (candidate.protocol() == QAbstractSocket::IPv4Protocol && !candidate.isLoopback()
            && !candidate.isLinkLocal()) {
            address = candidate;
            break;
        }
    }
    if (address.isNull())
        QSKIP("this host has no non-loopback IPv4 address to listen on");
    JwtWebSocketTestServer remote(server->authority());
    QVERIFY(remote.listen(address));
    const QUrl url = remote.urlForHost(address.toString());
    QUrl origin = url;
    origin.setScheme(QStringLiteral("http"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("is plain http")));
    session->addAuthorizedOrigin(origin);

    auto socket = makeSocket();
    socket->setUrl(url);
    QSignalSpy disconnected(socket.get(), &JwtWebSocket::disconnected);
    socket->open();
    QCOMPARE(disconnected.count(), 1);
    QCOMPARE(disconnected.first().first().value<Reason>(), Reason::InsecureOrigin);

    session->addAuthorizedOrigin(origin, JwtSession::OriginOption::AllowInsecureHttp);
    socket->open();
    QVERIFY(waitConnected(socket.get()));
    QCOMPARE(remote.handshakeCount(), 1); // only the opted-in attempt reached the server
    QVERIFY(remote.handshakes().first().carriedToken);
}

void tst_WebSocket::invalidUrlIsRefused_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::newRow("http") << QUrl(QStringLiteral("http://127.0.0.1/live"));
    QTest::newRow("relative") << QUrl(QStringLiteral("/live"));
    QTest::newRow("empty") << QUrl();
}

void tst_WebSocket::invalidUrlIsRefused()
{
    QFETCH(QUrl, url);
    auto socket = makeSocket();
    QSignalSpy disconnected(socket.get(), &JwtWebSocket::disconnected);
    socket->open(url);
    QCOMPARE(disconnected.count(), 1);
    QCOMPARE(disconnected.first().first().value<Reason>(), Reason::InvalidUrl);
    QVERIFY(socket->errorString().contains(QStringLiteral("ws://")));
    QCOMPARE(socket->state(), JwtWebSocket::State::Closed);
    QCOMPARE(ws->handshakeCount(), 0);
}

void tst_WebSocket::tokenPlacements_data()
{
    QTest::addColumn<JwtWebSocket::TokenPlacement>("placement");
    QTest::newRow("header") << JwtWebSocket::TokenPlacement::AuthorizationHeader;
    QTest::newRow("subprotocol") << JwtWebSocket::TokenPlacement::Subprotocol;
    QTest::newRow("query") << JwtWebSocket::TokenPlacement::QueryParameter;
}

void tst_WebSocket::tokenPlacements()
{
    QFETCH(JwtWebSocket::TokenPlacement, placement);
    auto socket = makeSocket();
    socket->setTokenPlacement(placement);
    socket->setSubprotocols({QStringLiteral("jwt-demo")});
    socket->open();
    QVERIFY(waitConnected(socket.get()));
    const auto handshake = ws->handshakes().first();
    QCOMPARE(handshake.status, 101);
    using P = JwtWebSocket::TokenPlacement;
    QCOMPARE(handshake.authorization.isEmpty(), placement != P::AuthorizationHeader);
    QCOMPARE(handshake.path.contains("access_token="), placement == P::QueryParameter);
    QCOMPARE(handshake.subprotocols.contains("access_token."), placement == P::Subprotocol);
    QVERIFY(handshake.subprotocols.contains("jwt-demo"));
    QCOMPARE(socket->acceptedSubprotocol(), QStringLiteral("jwt-demo"));

    // A token that is no HTTP token cannot be a subprotocol; an application's own
    // Authorization header never goes out.
    JwtWebSocketHandshake::Settings settings;
    settings.placement = P::Subprotocol;
    settings.subprotocolPrefix = QStringLiteral("access_token.");
    QNetworkRequest base(QUrl(QStringLiteral("ws://127.0.0.1:1/live")));
    base.setRawHeader("Authorization", "Bearer someone-elses");
    QVERIFY(!JwtWebSocketHandshake::build(base, "Bearer a/b=", settings).error.isEmpty());
    settings.placement = P::AuthorizationHeader;
    QVERIFY(JwtWebSocketHandshake::build(base, {}, settings)
                    .request.rawHeader("Authorization")
                    .isEmpty());
}

void tst_WebSocket::messagesQueuedOrRefusedWhileReconnecting()
{
    auto socket = makeSocket();
    socket->setMaxQueuedMessages(2);
    QVERIFY(!socket->sendTextMessage(QStringLiteral("closed"))); // not open: refused
    server->authority()->expireAccessTokensNow(); // the first handshake is refused
    server->setRefreshDelay(200ms);
    socket->open();
    QVERIFY(socket->sendTextMessage(QStringLiteral("one")));
    QVERIFY(socket->sendBinaryMessage("two"));
    QVERIFY(!socket->sendTextMessage(QStringLiteral("three"))); // the queue is full
    QCOMPARE(socket->queuedMessages(), 2);
    QSignalSpy serverReceived(ws->live(), &JwtDemoLiveServer::textMessageReceived);
    QVERIFY(waitConnected(socket.get()));
    QVERIFY(serverReceived.wait());
    QCOMPARE(serverReceived.first().first().toString(), QStringLiteral("one"));
    QCOMPARE(socket->queuedMessages(), 0);

    socket->setSendPolicy(JwtWebSocket::SendPolicy::RefuseWhileReconnecting);
    socket->close();
    socket->open();
    QVERIFY(!socket->isConnected());
    QVERIFY(!socket->sendTextMessage(QStringLiteral("refused")));
    QCOMPARE(socket->queuedMessages(), 0);
}

void tst_WebSocket::deletingInSignalsIsSafe_data()
{
    QTest::addColumn<QString>("signal");
    QTest::newRow("connected") << QStringLiteral("connected");
    QTest::newRow("stateChanged") << QStringLiteral("stateChanged");
    QTest::newRow("textMessageReceived") << QStringLiteral("textMessageReceived");
    QTest::newRow("disconnected") << QStringLiteral("disconnected");
    QTest::newRow("reconnecting") << QStringLiteral("reconnecting");
}

void tst_WebSocket::deletingInSignalsIsSafe()
{
    QFETCH(QString, signal);
    QPointer<JwtWebSocket> socket = makeSocket().release();
    const auto kill = [&] {
        delete socket.data();
    };
    if (signal == QLatin1String("connected"))
        connect(socket, &JwtWebSocket::connected, this, kill);
    else if (signal == QLatin1String("stateChanged"))
        connect(socket, &JwtWebSocket::stateChanged, this, kill);
    else if (signal == QLatin1String("textMessageReceived"))
        connect(socket, &JwtWebSocket::textMessageReceived, this, kill);
    else if (signal == QLatin1String("disconnected"))
        connect(socket, &JwtWebSocket::disconnected, this, kill);
    else
        connect(socket, &JwtWebSocket::reconnecting, this, kill);
    socket->open();
    const bool endsWhileConnecting =
            signal == QLatin1String("stateChanged") || signal == QLatin1String("connected");
    if (socket && !endsWhileConnecting) {
        QVERIFY(waitConnected(socket));
        QTRY_COMPARE(ws->connectionCount(), 1);
        if (signal == QLatin1String("textMessageReceived"))
            ws->live()->broadcast(QStringLiteral("bye"));
        else
            ws->live()->closeAll(4000);
    }
    QTRY_VERIFY(socket.isNull());
    QTRY_COMPARE(ws->connectionCount(), 0);
}

QTEST_MAIN(tst_WebSocket)
#include "tst_websocket.moc"
