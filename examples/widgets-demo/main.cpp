// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// The JwtSession widgets demo: a notes application whose session survives expired tokens,
// revoked refresh credentials and server outages, with an event log that shows what the
// interceptor does. By default it runs against an embedded demo auth server on loopback.

#include "jwtdemoapi.h"
#include "jwtdemoauthority.h"
#include "jwtdemoserver.h"
#include "jwtdemowindow.h"
#include "jwtscreenshottour.h"

#include <JwtSession/jwttranslations.h>

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qlibraryinfo.h>
#include <QtCore/qtimer.h>
#include <QtCore/qtranslator.h>
#include <QtWidgets/qapplication.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace {

struct DemoTr
{
    Q_DECLARE_TR_FUNCTIONS(JwtWidgetsDemo)
};

// The library's messages, the demo's own strings and Qt's, all in the chosen language.
void installTranslations(const QLocale &locale)
{
    JwtTranslations::install(locale);
    JwtTranslations::install(locale, QStringLiteral("jwtsession_demo"));
    auto *qt = new QTranslator(QCoreApplication::instance()); // not qApp: a QApplication cast
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
}

// --lang is known before the parser's texts are shown, so that --help is translated too.
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

void setApplicationNames()
{
    QCoreApplication::setApplicationName(QStringLiteral("jwtsession-widgets-demo"));
    // Translated: the window title is this name, in the user's language.
    QGuiApplication::setApplicationDisplayName(DemoTr::tr("JwtSession Demo"));
}

struct DemoSettings
{
    QString server;
    bool oauth = false;
    bool json = false;
    bool browser = false;
    double accessLifetime = 30;
    QString screenshotDirectory;
};

// The command line, read before any window exists: --help and a wrong option work without a
// display, which QApplication would need.
DemoSettings parseCommandLine(int &argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("jwtsession-widgets-demo"));
    const QString lang = languageArgument(QCoreApplication::arguments());
    if (!lang.isEmpty())
        QLocale::setDefault(QLocale(lang));
    installTranslations(QLocale());

    QCommandLineParser parser;
    parser.setApplicationDescription(
            DemoTr::tr("JwtSession demo: a notes application whose session survives expired "
                       "tokens, revoked refresh credentials and server outages."));
    parser.addHelpOption();
    // The placeholders in the descriptions are the value names, translated alike.
    const QString url = DemoTr::tr("url");
    const QString directory = DemoTr::tr("directory");
    const QCommandLineOption serverOption(
            QStringLiteral("server"),
            DemoTr::tr("Use the auth server at <%1> instead of the embedded one.").arg(url), url);
    const QCommandLineOption langOption(QStringLiteral("lang"),
                                        DemoTr::tr("User interface language: de, fr or en."),
                                        DemoTr::tr("language"));
    const QCommandLineOption oauthOption(
            QStringLiteral("oauth"),
            DemoTr::tr("Refresh through the OAuth 2 token endpoint instead of the HttpOnly "
                       "cookie flow."));
    const QCommandLineOption backendOption(
            QStringLiteral("backend"),
            DemoTr::tr("How the session is renewed: cookie (HttpOnly refresh cookie, the "
                       "default), json (refresh token in a JSON body, Django SimpleJWT's "
                       "routes) or oauth (OAuth 2 token endpoint)."),
            DemoTr::tr("kind"), QStringLiteral("cookie"));
    const QCommandLineOption browserOption(
            QStringLiteral("browser"),
            DemoTr::tr("Offer signing in through the web browser (authorization code with "
                       "PKCE); implies --oauth."));
    const QCommandLineOption lifetimeOption(
            QStringLiteral("access-lifetime"),
            DemoTr::tr("Lifetime of the embedded server's access tokens, in seconds (default "
                       "30)."),
            DemoTr::tr("seconds"), QStringLiteral("30"));
    const QCommandLineOption screenshotOption(
            QStringLiteral("screenshot"),
            DemoTr::tr("Walk through the demo by itself, save PNGs into <%1> and quit.")
                    .arg(directory),
            directory);
    parser.addOptions({serverOption, langOption, backendOption, oauthOption, browserOption,
                       lifetimeOption, screenshotOption});
    parser.process(app); // --help, or an error: prints and exits here

    DemoSettings settings;
    if (parser.isSet(serverOption))
        settings.server = parser.value(serverOption);
    const QString backend = parser.value(backendOption);
    if (backend != QLatin1String("cookie") && backend != QLatin1String("json")
        && backend != QLatin1String("oauth")) {
        std::fputs(qPrintable(DemoTr::tr("Unknown backend \"%1\": use cookie, json or oauth.")
                                      .arg(backend)
                              + QLatin1Char('\n')),
                   stderr);
        std::exit(2);
    }
    settings.browser = parser.isSet(browserOption);
    settings.oauth =
            parser.isSet(oauthOption) || backend == QLatin1String("oauth") || settings.browser;
    settings.json = backend == QLatin1String("json") && !settings.oauth;
    settings.accessLifetime = qBound(2.0, parser.value(lifetimeOption).toDouble(), 3600.0);
    if (parser.isSet(screenshotOption))
        settings.screenshotDirectory = parser.value(screenshotOption);
    return settings;
}

} // namespace

int main(int argc, char *argv[])
{
    const DemoSettings settings = parseCommandLine(argc, argv);

    QApplication app(argc, argv);
    installTranslations(QLocale());
    setApplicationNames();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/jwtsession.svg")));

    JwtDemoWindow::Options options;
    options.oauth = settings.oauth;
    options.json = settings.json;
    options.browser = settings.browser;
    std::unique_ptr<JwtDemoServer> server;
    if (!settings.server.isEmpty()) {
        options.baseUrl = QUrl::fromUserInput(settings.server);
    } else {
        server = std::make_unique<JwtDemoServer>();
        if (!server->listen(QHostAddress::LocalHost, 0)) {
            qCritical("%s", qPrintable(DemoTr::tr("The embedded demo server could not start.")));
            return 1;
        }
        server->authority()->setAccessTokenLifetime(
                std::chrono::milliseconds(qint64(settings.accessLifetime * 1000)));
        options.baseUrl = server->baseUrl();
        options.embeddedApi = server->api();
        options.liveUrl = server->liveUrl();
    }

    JwtDemoWindow window(options);
    window.show();
    QTimer::singleShot(0, &window, &JwtDemoWindow::start);

    if (!settings.screenshotDirectory.isEmpty()) {
        JwtScreenshotTour tour(&window, settings.screenshotDirectory);
        int result = 1;
        QTimer::singleShot(100, &window, [&] {
            result = tour.run();
            QApplication::exit(result);
        });
        QApplication::exec();
        return result;
    }
    return QApplication::exec();
}
