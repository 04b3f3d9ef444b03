// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// jwt-bench-server: the benchmark's loopback server, in its own process so that its work never
// counts as the client's CPU time or memory. Prints "listening <port>" once it accepts
// connections; runs until killed or until its standard input closes (so that it never outlives
// the benchmark that started it).

#include "jwtbenchserver.h"

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qsocketnotifier.h>

#include <cstdio>
#include <unistd.h>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("Loopback HTTP server for the JwtSession benchmarks."));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("Port to listen on (0: any free port)."),
                                        QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption watchStdin(
            QStringLiteral("exit-on-eof"),
            QStringLiteral("Quit when standard input reaches end of file."));
    parser.addOption(portOption);
    parser.addOption(watchStdin);
    parser.process(app);

    JwtBenchServer server;
    if (!server.listen(QHostAddress::LocalHost, quint16(parser.value(portOption).toUInt()))) {
        std::fprintf(stderr, "jwt-bench-server: cannot listen\n");
        return 1;
    }
    QSocketNotifier stdinNotifier(STDIN_FILENO, QSocketNotifier::Read);
    stdinNotifier.setEnabled(parser.isSet(watchStdin));
    QObject::connect(&stdinNotifier, &QSocketNotifier::activated, &app, [&] {
        char byte;
        if (::read(STDIN_FILENO, &byte, 1) <= 0)
            app.quit();
    });
    std::printf("listening %u\n", unsigned(server.port()));
    std::fflush(stdout);
    return app.exec();
}
