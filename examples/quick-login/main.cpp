// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// quick-login: a Qt Quick Controls app whose XMLHttpRequest and Image traffic goes through a
// JwtSession. By default it starts the demo server in-process on a random loopback port with a
// 10 s access-token lifetime; --server URL uses a running server instead.

#include "jwtdemoauthority.h"
#include "jwtdemoserver.h"
#include "jwtquickloginbackend.h"

#ifdef JWTSESSION_HAS_BROWSER_SIGNIN
#include <JwtSession/jwtbrowsersignin.h>
#endif
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtqmlnetworkaccessmanagerfactory.h>
#include <JwtSession/jwttranslations.h>

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qlibraryinfo.h>
#include <QtCore/qtranslator.h>
#include <QtGui/qguiapplication.h>
#include <QtQml/qqmlapplicationengine.h>
#include <QtQuickControls2/qquickstyle.h>

#include <memory>

namespace {

// --lang before the parser's texts are shown, so that --help is translated too.
QString languageArgument(const QStringList &arguments)
{
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        if (arguments.at(i) == QStringLiteral("--lang") && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (arguments.at(i).startsWith(QStringLiteral("--lang=")))
            return arguments.at(i).mid(7);
    }
    return {};
}

// The app's strings (QML and C++), the library's messages and Qt Quick Controls' own, all in
// the chosen language.
void installTranslations(const QLocale &locale)
{
    JwtTranslations::install(locale);
    JwtTranslations::install(locale, QStringLiteral("jwtsession_quick"));
    auto *qt = new QTranslator(QCoreApplication::instance()); // not qApp: a QGuiApplication cast
    if (qt->load(locale, QStringLiteral("qt"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
}

struct Settings
{
    QString server;
    int lifetime = 10;
    bool browser = false;
};

// The command line, read before QGuiApplication exists: --help and a wrong option work
// without a display.
Settings parseCommandLine(int &argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("quick-login"));
    const QString lang = languageArgument(QCoreApplication::arguments());
    if (!lang.isEmpty())
        QLocale::setDefault(QLocale(lang));
    installTranslations(QLocale());

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
            "main", "JwtSession in Qt Quick: sign in, use the API, survive token expiry."));
    parser.addHelpOption();
    const QCommandLineOption serverOption(
            QStringLiteral("server"),
            QCoreApplication::translate("main",
                                        "Use the demo server at <url> instead of "
                                        "starting one in-process."),
            QStringLiteral("url"));
    const QCommandLineOption lifetimeOption(
            QStringLiteral("access-lifetime"),
            QCoreApplication::translate("main",
                                        "Access-token lifetime of the in-process server, "
                                        "in seconds."),
            QStringLiteral("seconds"), QStringLiteral("10"));
    const QCommandLineOption langOption(
            QStringLiteral("lang"),
            QCoreApplication::translate("main", "User interface language: de, fr or en."),
            QStringLiteral("language"));
    const QCommandLineOption browserOption(
            QStringLiteral("browser"),
            QCoreApplication::translate("main",
                                        "Sign in through the web browser (OAuth 2 "
                                        "authorization code with PKCE)."));
    parser.addOptions({serverOption, lifetimeOption, langOption, browserOption});
    parser.process(app); // --help, or an error: prints and exits here

    Settings settings;
    settings.server = parser.value(serverOption);
    settings.lifetime = qMax(1, parser.value(lifetimeOption).toInt());
    settings.browser = parser.isSet(browserOption);
    return settings;
}

} // namespace

int main(int argc, char *argv[])
{
    const Settings settings = parseCommandLine(argc, argv);

    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("quick-login"));
    installTranslations(QLocale());

    std::unique_ptr<JwtDemoServer> server;
    QUrl serverUrl;
    int lifetime = 0;
    if (!settings.server.isEmpty()) {
        serverUrl = QUrl::fromUserInput(settings.server);
    } else {
        lifetime = settings.lifetime;
        server = std::make_unique<JwtDemoServer>();
        server->authority()->setAccessTokenLifetime(std::chrono::seconds(lifetime));
        if (!server->listen(QHostAddress::LocalHost, 0))
            qFatal("quick-login: cannot start the demo server on loopback");
        serverUrl = server->baseUrl();
    }
    if (!serverUrl.isValid() || serverUrl.host().isEmpty())
        qFatal("quick-login: invalid --server URL");

    if (QQuickStyle::name().isEmpty())
        QQuickStyle::setStyle(QStringLiteral("Basic"));

    // Must outlive the engine; the Session element in Main.qml binds it to its JwtSession.
    JwtQmlNetworkAccessManagerFactory factory;
    JwtQuickLoginBackend backend(serverUrl, server != nullptr, lifetime);
    // --browser: the OAuth 2 endpoints of the demo server, and the browser sign-in; the login
    // page then offers "Sign in with your browser" (Session.browserSignInAvailable).
    JwtOAuth2Refresher refresher;
#ifdef JWTSESSION_HAS_BROWSER_SIGNIN
    if (settings.browser) {
        refresher.setTokenEndpoint(serverUrl.resolved(QUrl(QStringLiteral("/oauth/token"))));
        refresher.setRevocationEndpoint(serverUrl.resolved(QUrl(QStringLiteral("/oauth/revoke"))));
        refresher.setAuthorizationEndpoint(
                serverUrl.resolved(QUrl(QStringLiteral("/oauth/authorize"))));
        refresher.setClientId(QStringLiteral("jwtsession-quick-login"));
        new JwtBrowserSignIn(&refresher);
        backend.setRefresher(&refresher);
    }
#else
    if (settings.browser)
        qWarning("quick-login: built without Qt NetworkAuth: --browser is not available");
#endif

    QQmlApplicationEngine engine;
    engine.setNetworkAccessManagerFactory(&factory);
    // Qt 6.4 does not search qrc:/qt/qml by default (6.5 does); the modules' qmldirs are there.
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    backend.setNetworkAccessManager(engine.networkAccessManager());
    engine.setInitialProperties({{QStringLiteral("backend"), QVariant::fromValue(&backend)}});
    QObject::connect(
            &engine, &QQmlApplicationEngine::objectCreationFailed, &app,
            [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/QuickLogin/Main.qml")));
    return app.exec();
}
