// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// `WebSocket` from `import JwtSession`: the same socket as JwtWebSocket, opened by `active`,
// against the WebSocket test server.

#include <JwtSession/jwtqmlwebsocket.h>

#include "jwtdemoauthority.h"
#include "jwtsessionfixture.h"
#include "jwtwebsockettestserver.h"

#include <QtQml/qqmlcomponent.h>
#include <QtQml/qqmlcontext.h>
#include <QtQml/qqmlengine.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

class tst_WebSocketQml : public QObject, private JwtSessionFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY2(setUp(), qPrintable(errorString()));
        ws = std::make_unique<JwtWebSocketTestServer>(server->authority());
        QVERIFY(ws->listen());
        QUrl origin = ws->url();
        origin.setScheme(QStringLiteral("http"));
        session->addAuthorizedOrigin(origin);
    }
    void cleanup()
    {
        ws.reset();
        tearDown();
    }

    void webSocketFromImportJwtSession();

private:
    std::unique_ptr<JwtWebSocketTestServer> ws;
};

void tst_WebSocketQml::webSocketFromImportJwtSession()
{
    QQmlEngine engine;
    engine.addImportPath(QStringLiteral(JWTSESSION_QML_IMPORT_DIR));
    engine.rootContext()->setContextProperty(QStringLiteral("testSession"), session.get());
    engine.rootContext()->setContextProperty(QStringLiteral("liveUrl"), ws->url());
    QQmlComponent component(&engine);
    component.setData(R"(
        import JwtSession
        WebSocket {
            property string last
            property int lastReason: -1
            // The enums of JwtWebSocket, by name from QML.
            readonly property bool connectedByName: state === WebSocket.Connected
            readonly property bool closedByApplication:
                lastReason === WebSocket.ClosedByApplication
            session: testSession
            url: liveUrl
            reconnectBaseDelay: 20
            active: true
            onTextMessageReceived: (message) => last = message
            onDisconnected: (reason) => lastReason = reason
        }
    )",
                      QUrl());
    std::unique_ptr<QObject> object(component.create());
    QVERIFY2(object, qPrintable(component.errorString()));
    auto *socket = qobject_cast<JwtQmlWebSocket *>(object.get());
    QVERIFY(socket);
    QCOMPARE(socket->reconnectBaseDelay(), std::chrono::milliseconds(20));
    QTRY_VERIFY(socket->isConnected());
    QVERIFY(socket->property("connectedByName").toBool());
    QCOMPARE(ws->handshakesWithToken(), 1);
    QTRY_COMPARE(ws->connectionCount(), 1);

    ws->live()->broadcast(QStringLiteral("note 1 changed"));
    QTRY_COMPARE(socket->property("last").toString(), QStringLiteral("note 1 changed"));

    object->setProperty("active", false);
    QCOMPARE(socket->state(), JwtWebSocket::State::Closed);
    QCOMPARE(socket->property("lastReason").toInt(),
             int(JwtWebSocket::DisconnectReason::ClosedByApplication));
    QVERIFY(socket->property("closedByApplication").toBool());
    QVERIFY(!socket->property("connectedByName").toBool());
    QTRY_COMPARE(ws->connectionCount(), 0);
}

QTEST_MAIN(tst_WebSocketQml)
#include "tst_websocketqml.moc"
