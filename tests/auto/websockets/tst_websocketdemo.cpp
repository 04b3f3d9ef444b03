// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// The demo server's live channel, end to end: a handshake without a valid token is refused with
// 401 before any upgrade (seen by a plain QWebSocket as Qt reports it), and a JwtWebSocket of a
// signed-in session is told when a note changes through the HTTP API.

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtsession.h>
#include <JwtSession/jwtwebsocket.h>

#include "jwtdemoserver.h"
#include "jwtwebsockethandshake_p.h"

#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>
#include <QtWebSockets/qwebsocket.h>

#include <memory>

class tst_WebSocketDemo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void handshakeWithoutTokenIsRefusedWith401();
    void noteChangesArePushed();

private:
    std::unique_ptr<JwtDemoServer> server;
    std::unique_ptr<JwtSession> session;
    std::unique_ptr<JwtCookieRefresher> refresher;
    std::unique_ptr<JwtAccessManager> manager;
};

void tst_WebSocketDemo::init()
{
    server = std::make_unique<JwtDemoServer>();
    QVERIFY(server->listen());
    QVERIFY(server->liveUrl().isValid());
    QCOMPARE(server->liveUrl().scheme(), QStringLiteral("ws"));
    session = std::make_unique<JwtSession>();
    refresher = std::make_unique<JwtCookieRefresher>();
    const QUrl base = server->baseUrl();
    refresher->setLoginUrl(base.resolved(QUrl(QStringLiteral("/auth/login"))));
    refresher->setRefreshUrl(base.resolved(QUrl(QStringLiteral("/auth/refresh"))));
    session->setRefresher(refresher.get());
    session->addAuthorizedOrigin(base);
    session->addAuthorizedOrigin(JwtWebSocketHandshake::httpUrl(server->liveUrl()));
    manager = std::make_unique<JwtAccessManager>(session.get());
}

void tst_WebSocketDemo::cleanup()
{
    manager.reset();
    session.reset();
    refresher.reset();
    server.reset();
}

void tst_WebSocketDemo::handshakeWithoutTokenIsRefusedWith401()
{
    // What Qt WebSockets itself reports for the refusal: the socket recognises it as a 401.
    QWebSocket plain;
    QSignalSpy disconnected(&plain, &QWebSocket::disconnected);
    QString error;
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(&plain, &QWebSocket::errorOccurred, this, [&] { error = plain.errorString(); });
#else
    connect(&plain, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [&] { error = plain.errorString(); });
#endif
    plain.open(server->liveUrl());
    QTRY_VERIFY(!error.isEmpty());
    QVERIFY2(JwtWebSocketHandshake::isAuthorizationRefusal(error), qPrintable(error));
    QCOMPARE(plain.state() == QAbstractSocket::ConnectedState, false);
    QVERIFY(!JwtWebSocketHandshake::isAuthorizationRefusal(QStringLiteral(
            "QWebSocketPrivate::processHandshake: Unhandled http status code: 403 (Forbidden).")));
}

void tst_WebSocketDemo::noteChangesArePushed()
{
    QSignalSpy signedIn(session.get(), &JwtSession::signInSucceeded);
    session->signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QVERIFY(signedIn.wait());

    JwtWebSocket live(session.get());
    QSignalSpy connected(&live, &JwtWebSocket::connected);
    live.open(server->liveUrl());
    QVERIFY(connected.wait());

    QSignalSpy pushed(&live, &JwtWebSocket::textMessageReceived);
    QNetworkRequest request(server->baseUrl().resolved(QUrl(QStringLiteral("/api/notes"))));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    std::unique_ptr<QNetworkReply> reply(
            manager->post(request, QByteArray("{\"title\":\"live\",\"body\":\"hello\"}")));
    QVERIFY(pushed.wait());
    QVERIFY(pushed.first().first().toString().contains(QStringLiteral("notesChanged")));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
}

QTEST_MAIN(tst_WebSocketDemo)
#include "tst_websocketdemo.moc"
