// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// Builds against an installed JwtSession and uses each of its libraries once: the core session
// and access manager, the widgets login dialog, and the QML module, with the includes and the
// version macros the README shows. Run under a German locale (LANG=de_DE.UTF-8): the dialog must
// speak German without the application installing anything. Exits 0 when all of them work.

#include <JwtSession/JwtSession>
#include <JwtSession/JwtSessionQml>
#include <JwtSessionWidgets/JwtLoginDialog>

#include <QtCore/qdebug.h>
#include <QtCore/qtranslator.h>
#include <QtQml/qqmlcomponent.h>
#include <QtQml/qqmlengine.h>
#include <QtWidgets/qapplication.h>
#include <QtWidgets/qlabel.h>

#include <memory>

static_assert(JWTSESSION_VERSION >= JWTSESSION_VERSION_CHECK(0, 1, 0), "JwtSession 0.1 or later");
static_assert(JWTSESSION_VERSION_MAJOR == 0, "the consumer is written for JwtSession 0.x");

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

static bool checkVersion()
{
    return check(QLatin1String(JWTSESSION_VERSION_STRING)
                         == QLatin1String(CONSUMER_PACKAGE_VERSION),
                 "JWTSESSION_VERSION_STRING is not the version find_package() reported");
}

static bool checkWidgets(JwtSession *session)
{
    JwtLoginDialog dialog(session);
    dialog.show();
    auto *label = dialog.findChild<QLabel *>(QStringLiteral("userNameLabel"));
    if (label && label->text() != QStringLiteral("&Benutzername:"))
        qCritical().noquote() << "consumer: the dialog is not German:" << label->text();
    return check(dialog.session() == session, "JwtLoginDialog lost its session")
            && check(dialog.isVisible(), "JwtLoginDialog not shown")
            && check(QLocale().language() == QLocale::German, "the test runs without LANG=de_DE")
            && check(label && label->text() == QStringLiteral("&Benutzername:"),
                     "JwtLoginDialog does not speak German under a German locale");
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
    const bool ok =
            checkVersion() && checkCore(&session) && checkWidgets(&session) && checkQml(&session);
    if (ok)
        qInfo("consumer: core, widgets and QML module work");
    return ok ? 0 : 1;
}
