// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// A QML-only application: it links no JwtSession library, so `import JwtSession` is served by
// the installed qmldir and plugin alone. Run under a German locale: the Session's messages
// (signInFailed, refreshFailed) must be German without the application installing anything.
// Exits 0 when the Session element is created and speaks German.

#include <QtCore/qcoreapplication.h>
#include <QtCore/qdebug.h>
#include <QtQml/qqmlcomponent.h>
#include <QtQml/qqmlengine.h>

#include <memory>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QQmlEngine engine;
    QQmlComponent component(&engine);
    // The module's version is the library's.
    component.setData(
            QByteArrayLiteral(
                    "import JwtSession " JWTSESSION_QML_VERSION "\n"
                    "\n"
                    "Session {\n"
                    "    readonly property bool signedOutByName: state === Session.SignedOut\n"
                    "    refresher: CookieRefresher {\n"
                    "        baseUrl: \"https://api.example.com\"\n"
                    "        refreshUrl: \"/auth/refresh\"\n"
                    "    }\n"
                    "}\n"),
            QUrl(QStringLiteral("qmlconsumer.qml")));
    std::unique_ptr<QObject> object(component.create());
    if (!object) {
        qCritical().noquote() << "qml consumer: import JwtSession failed:"
                              << component.errorString();
        return 1;
    }
    // The element is the library's JwtQmlSession, a JwtSession whose enums QML knows by name,
    // and the core's refreshers are QML types whose relative URLs they resolve themselves.
    const auto *refresher = qvariant_cast<QObject *>(object->property("refresher"));
    const char *failure = nullptr;
    if (!object->inherits("JwtQmlSession"))
        failure = "Session {} is not a JwtQmlSession";
    else if (object->property("signedIn") != QVariant(false))
        failure = "Session {} does not start signed out";
    else if (object->property("signedOutByName") != QVariant(true))
        failure = "Session.SignedOut is not the state's name";
    else if (!refresher)
        failure = "Session {} lost its CookieRefresher";
    else if (refresher->property("refreshUrl").toUrl()
             != QUrl(QStringLiteral("https://api.example.com/auth/refresh")))
        failure = "the CookieRefresher did not resolve its refreshUrl against its baseUrl";
    if (failure) {
        qCritical("qml consumer: %s", failure);
        return 1;
    }
    const QString canceled = QCoreApplication::translate("JwtSession", "Sign-in was canceled.");
    if (canceled != QStringLiteral("Die Anmeldung wurde abgebrochen.")) {
        qCritical().noquote() << "qml consumer: the Session's messages are not German:" << canceled;
        return 1;
    }
    qInfo("qml consumer: import JwtSession works from the installed module");
    return 0;
}
