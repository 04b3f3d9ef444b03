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
    component.setData(QByteArrayLiteral("import JwtSession " JWTSESSION_QML_VERSION "\n"
                                        "\n"
                                        "Session {}\n"),
                      QUrl(QStringLiteral("qmlconsumer.qml")));
    std::unique_ptr<QObject> object(component.create());
    if (!object) {
        qCritical().noquote() << "qml consumer: import JwtSession failed:"
                              << component.errorString();
        return 1;
    }
    // The element is the library's JwtQmlSession, and it starts signed out.
    const bool ok = QByteArray(object->metaObject()->className()) == "JwtQmlSession"
            && object->property("signedIn") == QVariant(false);
    if (!ok) {
        qCritical("qml consumer: Session {} is not a signed-out JwtQmlSession");
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
