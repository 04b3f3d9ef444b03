// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// Runs the tst_*.qml files of this directory with Qt Quick Test against a JwtTestServer. Every
// engine gets a JwtQmlNetworkAccessManagerFactory (bound by the Session element of the test)
// and the context property "testServer" (JwtQmlTestServer).

#include <JwtSession/jwtqmlnetworkaccessmanagerfactory.h>

#include "jwtqmltestserver.h"
#include "jwttestserver.h"

#include <QtQml/qqmlcontext.h>
#include <QtQml/qqmlengine.h>
#include <QtQuickTest/quicktest.h>

#include <memory>
#include <vector>

class Setup : public QObject
{
    Q_OBJECT
public:
    Setup() = default;

public Q_SLOTS:
    void applicationAvailable()
    {
        m_server = std::make_unique<JwtTestServer>();
        if (!m_server->listen())
            qFatal("tst_qml: the test server cannot listen on loopback");
        m_qmlServer = std::make_unique<JwtQmlTestServer>(m_server.get());
    }

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral(JWTSESSION_QML_IMPORT_DIR));
        // The engine does not own its factory; one per engine, alive until the run ends.
        m_factories.push_back(std::make_unique<JwtQmlNetworkAccessManagerFactory>());
        engine->setNetworkAccessManagerFactory(m_factories.back().get());
        engine->rootContext()->setContextProperty(QStringLiteral("testServer"), m_qmlServer.get());
    }

private:
    // Declared first, destroyed last: the engines' managers are gone by the time it goes.
    std::vector<std::unique_ptr<JwtQmlNetworkAccessManagerFactory>> m_factories;
    std::unique_ptr<JwtTestServer> m_server;
    std::unique_ptr<JwtQmlTestServer> m_qmlServer;
};

QUICK_TEST_MAIN_WITH_SETUP(tst_qml, Setup)

#include "tst_qml.moc"
