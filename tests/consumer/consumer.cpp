// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// Builds against an installed JwtSession and uses each of its libraries once: the core session
// and access manager, the widgets login dialog, and the QML module. Exits 0 when all of them work.

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtqmlnetworkaccessmanagerfactory.h>
#include <JwtSession/jwtqmlsession.h>
#include <JwtSession/jwtsession.h>
#include <JwtSession/jwttranslations.h>
#include <JwtSessionWidgets/jwtlogindialog.h>

#include <QtCore/qdebug.h>
#include <QtCore/qtranslator.h>
#include <QtQml/qqmlcomponent.h>
#include <QtQml/qqmlengine.h>
#include <QtWidgets/qapplication.h>

#include <memory>

static bool check(bool condition, const char *what)
{
    if (!condition)
        qCritical("consumer: %s", what);
    return condition;
}

static bool checkCore(JwtSession *session)
{
    JwtAccessManager manager(session);
    session->addAuthorizedOrigin(QUrl(QStringLiteral("https://api.example.invalid")));
    QTranslator translator;
    return check(manager.session() == session, "JwtAccessManager lost its session")
            && check(session->state() == JwtSession::State::SignedOut, "new session not signed out")
            && check(
                    session->isAuthorizedUrl(QUrl(QStringLiteral("https://api.example.invalid/x"))),
                    "authorized origin not matched")
            && check(JwtTranslations::load(&translator, QLocale(QLocale::German)),
                     "embedded German translation missing");
}

static bool checkWidgets(JwtSession *session)
{
    JwtLoginDialog dialog(session);
    dialog.show();
    return check(dialog.session() == session, "JwtLoginDialog lost its session")
            && check(dialog.isVisible(), "JwtLoginDialog not shown");
}

static bool checkQml(JwtSession *session)
{
    QQmlEngine engine;
    JwtQmlNetworkAccessManagerFactory factory(session);
    engine.setNetworkAccessManagerFactory(&factory);
    QQmlComponent component(&engine);
    component.setData(QByteArrayLiteral("import JwtSession\n"
                                        "\n"
                                        "Session {}\n"),
                      QUrl(QStringLiteral("consumer.qml")));
    std::unique_ptr<QObject> object(component.create());
    if (!object) {
        qCritical().noquote() << "consumer: import JwtSession failed:" << component.errorString();
        return false;
    }
    auto *manager = qobject_cast<JwtAccessManager *>(engine.networkAccessManager());
    return check(qobject_cast<JwtQmlSession *>(object.get()) != nullptr,
                 "Session {} is not a JwtQmlSession")
            && check(manager && manager->session() == session,
                     "QML network access does not go through the session");
}

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    JwtSession session;
    const bool ok = checkCore(&session) && checkWidgets(&session) && checkQml(&session);
    if (ok)
        qInfo("consumer: core, widgets and QML module work");
    return ok ? 0 : 1;
}
