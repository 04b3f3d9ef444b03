// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// The Quick demo (examples/quick-login) driven as a user would, against its embedded demo
// server: its QML loads without a warning, a wrong password shows the server's words (not the
// failure kind), and a sign-in loads the notes through the engine's network factory.

#include "jwtdemoapi.h"
#include "jwtdemoserver.h"
#include "jwtquickloginbackend.h"

#include <JwtSession/jwtqmlnetworkaccessmanagerfactory.h>
#include <JwtSession/jwtqmlsession.h>

#include <QtQml/qqmlapplicationengine.h>
#include <QtQuick/qquickitem.h>
#include <QtQuick/qquickwindow.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

namespace {

// The QML engine's warnings (binding errors, type errors, a handler given the wrong
// arguments) go here: the test fails on any.
QStringList qmlWarnings;
QtMessageHandler previousHandler = nullptr;

void collectQmlWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type >= QtWarningMsg
        && (message.contains(QLatin1String(".qml")) || qstrcmp(context.category, "qml") == 0)) {
        qmlWarnings.append(message);
    }
    previousHandler(type, context, message);
}

// The item of \a root's tree whose \a property is \a value, of class \a className if given.
QQuickItem *findItem(QQuickItem *root, const char *property, const QVariant &value,
                     const char *className = nullptr)
{
    if (root->property(property) == value && (!className || root->inherits(className)))
        return root;
    const QList<QQuickItem *> children = root->childItems();
    for (QQuickItem *child : children) {
        if (QQuickItem *found = findItem(child, property, value, className))
            return found;
    }
    return nullptr;
}

} // namespace

class tst_QuickDemo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void signInAndNotes();

private:
    int handled(const QByteArray &method, const QString &path) const;

    QList<std::pair<QByteArray, QString>> m_requests;
};

void tst_QuickDemo::initTestCase()
{
    previousHandler = qInstallMessageHandler(collectQmlWarnings);
}

void tst_QuickDemo::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
}

int tst_QuickDemo::handled(const QByteArray &method, const QString &path) const
{
    return int(m_requests.count({method, path}));
}

void tst_QuickDemo::signInAndNotes()
{
    JwtDemoServer server;
    QVERIFY(server.listen());
    connect(server.api(), &JwtDemoApi::requestHandled, this,
            [this](const QByteArray &method, const QString &path, int) {
                m_requests.append({method, path});
            });

    JwtQmlNetworkAccessManagerFactory factory; // bound by the demo's Session
    JwtQuickLoginBackend backend(server.baseUrl(), true, 60);
    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral(JWTSESSION_QML_IMPORT_DIR));
    engine.setNetworkAccessManagerFactory(&factory);
    backend.setNetworkAccessManager(engine.networkAccessManager());
    // Not shown: nothing here looks at pixels, and with the window shown LeakSanitizer reports
    // the rendered avatar's texture and image as leaked at exit (Qt Quick 6.4, software scene
    // graph), whatever the test waits for.
    engine.setInitialProperties({{QStringLiteral("backend"), QVariant::fromValue(&backend)},
                                 {QStringLiteral("visible"), false}});
    engine.load(QUrl::fromLocalFile(QStringLiteral(QUICK_LOGIN_DIR "/Main.qml")));
    QCOMPARE(engine.rootObjects().size(), 1);
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    QVERIFY(window);
    auto *session = window->findChild<JwtQmlSession *>();
    QVERIFY(session);
    QCOMPARE(factory.session(), session);
    QVERIFY(session->refresher()); // the cookie flow: --browser gives none here

    QQuickItem *content = window->contentItem();
    QQuickItem *password = findItem(content, "placeholderText", QStringLiteral("Password"));
    QQuickItem *signIn =
            findItem(content, "text", QStringLiteral("Sign in"), "QQuickAbstractButton");
    QVERIFY(password && signIn);

    // A wrong password: the page shows what the session said, not the failure kind.
    QSignalSpy failed(session, &JwtSession::signInFailed);
    password->setProperty("text", QStringLiteral("not the password"));
    QVERIFY(QMetaObject::invokeMethod(signIn, "clicked"));
    QVERIFY(failed.wait(10000));
    const QString message = failed.constFirst().at(1).toString();
    QVERIFY(!message.isEmpty());
    QVERIFY2(findItem(content, "text", message), qPrintable(message));

    // The right one: signed in, the login page goes, the notes come through XMLHttpRequest.
    QSignalSpy succeeded(session, &JwtSession::signInSucceeded);
    password->setProperty("text", QStringLiteral("wonderland"));
    QTRY_VERIFY(signIn->property("enabled").toBool());
    QVERIFY(QMetaObject::invokeMethod(signIn, "clicked"));
    QVERIFY(succeeded.wait(10000));
    QCOMPARE(session->userName(), QStringLiteral("alice"));
    QTRY_COMPARE(handled("GET", QStringLiteral("/api/notes")), 1);
    QCOMPARE(handled("POST", QStringLiteral("/auth/login")), 2);
    // The avatar, a protected Image (the server refuses it without the token), loads too.
    QQuickItem *avatar = findItem(content, "cache", false, "QQuickImage");
    QVERIFY(avatar);
    QTRY_COMPARE(avatar->property("status").toInt(), 1 /* Image.Ready */);
    QVERIFY(avatar->property("source").toUrl().path().endsWith(QLatin1String("/api/avatar.png")));

    QVERIFY2(qmlWarnings.isEmpty(), qPrintable(qmlWarnings.join(QLatin1Char('\n'))));
}

QTEST_MAIN(tst_QuickDemo)
#include "tst_quickdemo.moc"
