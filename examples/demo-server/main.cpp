// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// jwt-demo-server: the demo auth server on loopback, for the examples and for curl.

#include "jwtdemoapi.h"
#include "jwtdemoauthority.h"
#include "jwtdemoserver.h"

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qtextstream.h>

#include <chrono>
#include <cmath>

namespace {

// Seconds as typed on the command line ("0.3" is fine); false when not a positive number.
bool parseSeconds(const QString &text, std::chrono::milliseconds *lifetime)
{
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (!ok || !(seconds > 0) || seconds > 1e9)
        return false;
    *lifetime = std::chrono::milliseconds(qint64(std::llround(seconds * 1000)));
    return lifetime->count() > 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("jwt-demo-server"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("Demo auth server for JwtSession: HS256 access tokens, rotated "
                           "refresh credentials (HttpOnly cookie or OAuth 2), on 127.0.0.1 only."));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("Port to listen on; 0 picks a free one."),
                                        QStringLiteral("port"), QStringLiteral("8080"));
    const QCommandLineOption accessOption(QStringLiteral("access-lifetime"),
                                          QStringLiteral("Access token lifetime in seconds "
                                                         "(fractions allowed)."),
                                          QStringLiteral("seconds"), QStringLiteral("60"));
    const QCommandLineOption refreshOption(QStringLiteral("refresh-lifetime"),
                                           QStringLiteral("Refresh credential lifetime in seconds "
                                                          "(fractions allowed)."),
                                           QStringLiteral("seconds"), QStringLiteral("86400"));
    parser.addOptions({portOption, accessOption, refreshOption});
    parser.process(app);

    QTextStream err(stderr);
    bool portOk = false;
    const uint port = parser.value(portOption).toUInt(&portOk);
    std::chrono::milliseconds accessLifetime {}, refreshLifetime {};
    if (!portOk || port > 65535) {
        err << "invalid --port: " << parser.value(portOption) << Qt::endl;
        return 2;
    }
    if (!parseSeconds(parser.value(accessOption), &accessLifetime)
        || !parseSeconds(parser.value(refreshOption), &refreshLifetime)) {
        err << "lifetimes must be positive numbers of seconds" << Qt::endl;
        return 2;
    }

    JwtDemoServer server;
    server.authority()->setAccessTokenLifetime(accessLifetime);
    server.authority()->setRefreshTokenLifetime(refreshLifetime);
    if (!server.listen(QHostAddress::LocalHost, quint16(port))) {
        err << "cannot listen on 127.0.0.1:" << port << Qt::endl;
        return 1;
    }

    QTextStream out(stdout);
    QObject::connect(server.api(), &JwtDemoApi::requestHandled,
                     [&out](const QByteArray &method, const QString &path, int status) {
                         out << method << ' ' << path << " -> " << status << Qt::endl;
                     });
    const QString url = server.baseUrl().toString();
    out << "jwt-demo-server listening on " << url << Qt::endl
        << "users: alice/wonderland, bob/builder" << Qt::endl;
    if (server.liveUrl().isValid())
        out << "live channel (note changes, Bearer token in the handshake): "
            << server.liveUrl().toString() << Qt::endl;
    out << "access tokens live " << accessLifetime.count() << " ms, refresh credentials "
        << refreshLifetime.count() / 1000 << " s" << Qt::endl
        << "try: curl -c jar -H 'Content-Type: application/json' "
           "-d '{\"username\":\"alice\",\"password\":\"wonderland\"}' "
        << url << "/auth/login" << Qt::endl;
    return app.exec();
}
