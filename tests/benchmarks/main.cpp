// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// jwt-bench: what JwtSession costs next to a plain QNetworkAccessManager, measured in the same
// run (issue 7). Starts jwt-bench-server on loopback, runs every scenario with both variants
// alternately, prints a table and writes JSON. Exits non-zero only when a correctness check
// failed (a reply lost, a refresh too many): targets are reported, never asserted.
//
//   jwt-bench [--quick] [--rounds N] [--json FILE] [--only id,id]   the whole plan
//   jwt-bench --server URL --child SCENARIO --variant baseline|session|forwarding [...]
//       one sample, in this process

#include "jwtbenchclient.h"
#include "jwtbenchprocess.h"
#include "jwtbenchreport.h"
#include "jwtbenchrunner.h"

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qdir.h>
#include <QtCore/qfile.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qprocess.h>
#include <QtCore/qtemporarydir.h>

#include <cstdio>
#include <optional>

namespace {

struct Options
{
    QCommandLineOption quick {QStringLiteral("quick"),
                              QStringLiteral("Small sizes, one round (CI): checks, no targets.")};
    QCommandLineOption rounds {QStringLiteral("rounds"), QStringLiteral("Rounds per scenario."),
                               QStringLiteral("n")};
    QCommandLineOption json {QStringLiteral("json"), QStringLiteral("Write the results here."),
                             QStringLiteral("file")};
    QCommandLineOption only {QStringLiteral("only"),
                             QStringLiteral("Comma-separated scenario ids (overhead-1, "
                                            "overhead-16, download, upload, storm, proactive, "
                                            "scale)."),
                             QStringLiteral("ids")};
    QCommandLineOption serverBinary {QStringLiteral("server-binary"),
                                     QStringLiteral("The jwt-bench-server to start."),
                                     QStringLiteral("path"), QStringLiteral(JWT_BENCH_SERVER_PATH)};
    QCommandLineOption server {QStringLiteral("server"),
                               QStringLiteral("Use a running jwt-bench-server at this URL."),
                               QStringLiteral("url")};
    QCommandLineOption child {QStringLiteral("child"),
                              QStringLiteral("Run one sample of one scenario (overhead, storm, "
                                             "download, upload) and print it as JSON."),
                              QStringLiteral("scenario")};
    QCommandLineOption variant {QStringLiteral("variant"),
                                QStringLiteral("baseline, session or forwarding (a bare proxy "
                                               "reply, --child overhead only)"),
                                QStringLiteral("variant"), QStringLiteral("session")};
    QCommandLineOption requests {QStringLiteral("requests"),
                                 QStringLiteral("Requests (--child overhead, storm, proactive)."),
                                 QStringLiteral("n"), QStringLiteral("10000")};
    QCommandLineOption inFlight {QStringLiteral("in-flight"),
                                 QStringLiteral("Requests in flight (--child overhead)."),
                                 QStringLiteral("n"), QStringLiteral("1")};
    QCommandLineOption bytes {QStringLiteral("bytes"),
                              QStringLiteral("Body size (--child download)."), QStringLiteral("n"),
                              QString::number(qint64(256) << 20)};
    QCommandLineOption file {QStringLiteral("file"), QStringLiteral("File (--child upload)."),
                             QStringLiteral("path")};
    QCommandLineOption sha256 {QStringLiteral("sha256"),
                               QStringLiteral("Expected SHA-256 of --file (hex)."),
                               QStringLiteral("hex")};

    void addTo(QCommandLineParser *parser) const
    {
        parser->addOptions({quick, rounds, json, only, serverBinary, server, child, variant,
                            requests, inFlight, bytes, file, sha256});
    }
};

// One sample in this process, printed as one JSON line: the child side of JwtBenchRunner, and
// the entry point for profiling a single variant (valgrind --tool=callgrind jwt-bench --child …).
int runChild(const QCommandLineParser &parser, const Options &o, const QUrl &server)
{
    JwtBenchClient client(server);
    QString error;
    if (!client.setUp(&error)) {
        std::fprintf(stderr, "jwt-bench: %s\n", qPrintable(error));
        return 1;
    }
    const std::optional<JwtBenchClient::Variant> named =
            JwtBenchRunner::variantNamed(parser.value(o.variant));
    if (!named) {
        std::fprintf(stderr, "jwt-bench: unknown variant %s\n",
                     qPrintable(parser.value(o.variant)));
        return 2;
    }
    const JwtBenchClient::Variant variant = *named;
    const QString scenario = parser.value(o.child);
    const qint64 startRss = JwtBenchProcess::currentRssKiB();
    JwtBenchSample sample;
    if (scenario == QStringLiteral("overhead"))
        sample = client.overhead(variant, parser.value(o.requests).toInt(),
                                 parser.value(o.inFlight).toInt());
    else if (scenario == QStringLiteral("storm"))
        sample = client.storm(variant, parser.value(o.requests).toInt());
    else if (scenario == QStringLiteral("proactive"))
        // Timed as in the full plan: the refresh falls due halfway through a baseline batch.
        sample = client.proactive(variant, parser.value(o.requests).toInt(),
                                  client.proactive(JwtBenchClient::Variant::Baseline,
                                                   parser.value(o.requests).toInt(), 0)
                                          .wallMs);
    else if (scenario == QStringLiteral("download"))
        sample = client.download(variant, parser.value(o.bytes).toLongLong());
    else if (scenario == QStringLiteral("upload"))
        sample = client.upload(variant, parser.value(o.file), parser.value(o.sha256).toLatin1());
    else
        sample.error = QStringLiteral("unknown scenario %1").arg(scenario);
    sample.startRssKiB = startRss;
    sample.peakRssKiB = JwtBenchProcess::peakRssKiB();
    std::printf("%s\n", QJsonDocument(sample.toJson()).toJson(QJsonDocument::Compact).constData());
    return sample.ok() ? 0 : 1;
}

// Starts jwt-bench-server; it quits by itself when this process goes away (stdin closes).
std::optional<QUrl> startServer(QProcess *process, const QString &binary)
{
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process->start(binary, {QStringLiteral("--exit-on-eof")});
    if (!process->waitForStarted() || !process->waitForReadyRead(10000))
        return std::nullopt;
    const QByteArray line = process->readLine().trimmed();
    if (!line.startsWith("listening "))
        return std::nullopt;
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(QString::fromLatin1(line.mid(10))));
}

void stopServer(QProcess *process)
{
    process->closeWriteChannel();
    if (!process->waitForFinished(5000)) {
        process->kill();
        process->waitForFinished();
    }
}

JwtBenchRunner::Config configFor(const QCommandLineParser &parser, const Options &o)
{
    JwtBenchRunner::Config config;
    config.mode = parser.isSet(o.quick) ? QStringLiteral("quick") : QStringLiteral("full");
    if (parser.isSet(o.quick)) {
        config.rounds = 1;
        config.overheadRequests = 300;
        config.downloadBytes = qint64(8) << 20;
        config.uploadBytes = qint64(4) << 20;
        config.stormRequests = 100;
        config.scaleSizes = {20, 50, 100};
        config.scaleRequestsPerSample = 100;
    }
    if (parser.isSet(o.rounds))
        config.rounds = qMax(1, parser.value(o.rounds).toInt());
    if (parser.isSet(o.only))
        config.only = parser.value(o.only).split(QLatin1Char(','), Qt::SkipEmptyParts);
    config.self = QCoreApplication::applicationFilePath();
    return config;
}

int runPlan(const QCommandLineParser &parser, const Options &o)
{
    QProcess serverProcess;
    QUrl server(parser.value(o.server));
    if (!parser.isSet(o.server)) {
        const std::optional<QUrl> started =
                startServer(&serverProcess, parser.value(o.serverBinary));
        if (!started) {
            std::fprintf(stderr, "jwt-bench: cannot start %s\n",
                         qPrintable(parser.value(o.serverBinary)));
            return 2;
        }
        server = *started;
    }
    JwtBenchRunner::Config config = configFor(parser, o);
    config.server = server;
    QTemporaryDir workDir;
    config.workDir = workDir.path();

    JwtBenchReport report;
    const QString command = qEnvironmentVariable(
            "JWT_BENCH_COMMAND", QCoreApplication::arguments().join(QLatin1Char(' ')));
    QJsonObject machine = JwtBenchProcess::machine();
    machine.insert(QStringLiteral("source"),
                   qEnvironmentVariable("JWT_BENCH_SOURCE", QStringLiteral("unknown")));
    report.setHeader(machine, command, config.mode, config.rounds);
    {
        JwtBenchClient client(server);
        QString error;
        if (!client.setUp(&error)) {
            std::fprintf(stderr, "jwt-bench: %s\n", qPrintable(error));
            return 2;
        }
        JwtBenchRunner(config, &client).run(&report);
    }
    if (serverProcess.state() != QProcess::NotRunning)
        stopServer(&serverProcess);

    std::printf("\n%s", qPrintable(report.table()));
    std::fprintf(stdout, "load average at the end: %s\n",
                 qPrintable(JwtBenchProcess::loadAverage()));
    if (parser.isSet(o.json)) {
        QFile out(parser.value(o.json));
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || out.write(report.json().toJson()) < 0) {
            std::fprintf(stderr, "jwt-bench: cannot write %s\n", qPrintable(out.fileName()));
            return 2;
        }
        std::printf("results: %s\n", qPrintable(QDir(out.fileName()).absolutePath()));
    }
    return report.allCorrect() ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("JwtSession against a plain QNetworkAccessManager, same run."));
    parser.addHelpOption();
    const Options options;
    options.addTo(&parser);
    parser.process(app);
    if (parser.isSet(options.child)) {
        if (!parser.isSet(options.server)) {
            std::fprintf(stderr, "jwt-bench: --child needs --server\n");
            return 2;
        }
        return runChild(parser, options, QUrl(parser.value(options.server)));
    }
    return runPlan(parser, options);
}
