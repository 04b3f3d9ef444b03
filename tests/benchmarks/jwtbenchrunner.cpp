// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtbenchrunner.h"

#include <QtCore/qcryptographichash.h>
#include <QtCore/qdir.h>
#include <QtCore/qfile.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qprocess.h>

#include <algorithm>
#include <cstdio>

/*!
    \class JwtBenchRunner
    \brief The benchmark plan: scenarios, rounds, alternation, medians and targets.

    Rounds alternate the order of the variants (baseline first, then JwtSession first, ...), so
    that a drift in the machine's load or a warm-up effect does not always favour the same side.
    The overhead scenarios also run the forwarding variant (a bare proxy reply, nothing of
    JwtSession): each round then starts with the next of the three.
    In-process scenarios share one process, its keep-alive connections and its heap; CPU time
    is the process's user + system time over the scenario (both of Qt's threads included).
*/

namespace {

using Report = JwtBenchReport;

constexpr double MiB = 1024.0 * 1024.0;
constexpr int ChildTimeoutMs = 15 * 60 * 1000;

double wall(const JwtBenchSample &s)
{
    return s.wallMs;
}

double cpu(const JwtBenchSample &s)
{
    return s.cpuMs;
}

void progress(const QString &id, int round, const QString &variant, const JwtBenchSample &s)
{
    std::fprintf(stderr, "  %-14s round %d %-10s wall %9.1f ms  cpu %9.1f ms%s%s\n", qPrintable(id),
                 round + 1, qPrintable(variant), s.wallMs, s.cpuMs,
                 s.ok() ? "" : "  FAILED: ", qPrintable(s.error));
}

// Wall and CPU rows, and the per-request cost, for the in-process scenarios.
void timeRows(Report::Scenario *s, int requests)
{
    const double wb = Report::median(s->baseline, wall), ws = Report::median(s->session, wall);
    const double cb = Report::median(s->baseline, cpu), cs = Report::median(s->session, cpu);
    const double pw = Report::pairedRatio(s->baseline, s->session, wall);
    const double pc = Report::pairedRatio(s->baseline, s->session, cpu);
    s->rows.append({QStringLiteral("wall ms"), wb, ws, 1, pw});
    s->rows.append({QStringLiteral("client CPU ms"), cb, cs, 1, pc});
    s->rows.append({QStringLiteral("wall per request us"), wb * 1000 / requests,
                    ws * 1000 / requests, 1, pw});
    s->rows.append({QStringLiteral("CPU per request us"), cb * 1000 / requests,
                    cs * 1000 / requests, 1, pc});
}

// The forwarding variant against the same baseline samples: the floor under the JwtSession rows.
void floorRows(Report::Scenario *s)
{
    const auto row = [s](const QString &label, const Report::Metric &metric) {
        s->rows.append({label, Report::median(s->baseline, metric),
                        Report::median(s->forwarding, metric), 1,
                        Report::pairedRatio(s->baseline, s->forwarding, metric)});
    };
    row(QStringLiteral("floor: forwarding reply, wall ms"), wall);
    row(QStringLiteral("floor: forwarding reply, CPU ms"), cpu);
    s->note = QStringLiteral("the \"floor\" rows are a bare forwarding QNetworkReply in front of "
                             "each plain reply, nothing of JwtSession, in the JwtSession column: "
                             "the least any proxy reply costs");
}

void rssRows(Report::Scenario *s)
{
    const auto peak = [](const JwtBenchSample &x) {
        return double(x.peakRssKiB) / 1024;
    };
    const auto start = [](const JwtBenchSample &x) {
        return double(x.startRssKiB) / 1024;
    };
    s->rows.append({QStringLiteral("client RSS before scenario MiB"),
                    Report::median(s->baseline, start), Report::median(s->session, start), 1});
    s->rows.append({QStringLiteral("client peak RSS MiB"), Report::median(s->baseline, peak),
                    Report::median(s->session, peak), 1});
}

// Ratio targets are judged on the paired ratio (see JwtBenchReport::pairedRatio()).
Report::Target ratioTarget(const QString &what, double pairedRatio, double limit)
{
    return {QStringLiteral("%1 JwtSession/baseline (median of per-round ratios) <= %2")
                    .arg(what)
                    .arg(limit),
            pairedRatio, limit, true};
}

Report::Target rssTarget(const Report::Scenario &s)
{
    const auto peak = [](const JwtBenchSample &x) {
        return double(x.peakRssKiB) / 1024;
    };
    return {QStringLiteral("peak RSS JwtSession - baseline <= 8 MiB"),
            Report::median(s.session, peak) - Report::median(s.baseline, peak), 8, true};
}

// The upload body: the same byte pattern as the downloads, so the file compresses nowhere.
bool writeUploadFile(const QString &path, qint64 size, QByteArray *sha256Hex)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    for (qsizetype i = 0; i < chunk.size(); ++i)
        chunk[i] = char((i * 7 + 3) % 256);
    QCryptographicHash sha(QCryptographicHash::Sha256);
    for (qint64 written = 0; written < size;) {
        const qint64 n = qMin<qint64>(chunk.size(), size - written);
        if (file.write(chunk.constData(), n) != n)
            return false;
        sha.addData(QByteArrayView(chunk.constData(), n));
        written += n;
    }
    *sha256Hex = sha.result().toHex();
    return true;
}

} // namespace

JwtBenchRunner::JwtBenchRunner(const Config &config, JwtBenchClient *client)
    : m_config(config), m_client(client)
{ }

bool JwtBenchRunner::wanted(const QString &id) const
{
    return m_config.only.isEmpty() || m_config.only.contains(id);
}

QString JwtBenchRunner::variantName(Variant variant)
{
    switch (variant) {
    case Variant::Baseline:
        return QStringLiteral("baseline");
    case Variant::Forwarding:
        return QStringLiteral("forwarding");
    case Variant::Session:
        break;
    }
    return QStringLiteral("session");
}

std::optional<JwtBenchRunner::Variant> JwtBenchRunner::variantNamed(const QString &name)
{
    for (Variant variant : JwtBenchClient::AllVariants) {
        if (name == variantName(variant))
            return variant;
    }
    return std::nullopt;
}

QList<JwtBenchSample> *JwtBenchRunner::samplesOf(Scenario *scenario, Variant variant)
{
    switch (variant) {
    case Variant::Baseline:
        return &scenario->baseline;
    case Variant::Forwarding:
        return &scenario->forwarding;
    case Variant::Session:
        break;
    }
    return &scenario->session;
}

// Round r runs the variants in their order starting at the r-th: with two, baseline first in
// even rounds and JwtSession first in odd ones.
void JwtBenchRunner::alternate(Scenario *scenario,
                               const std::function<JwtBenchSample(Variant)> &run,
                               const QList<Variant> &variants)
{
    for (int round = 0; round < m_config.rounds; ++round) {
        for (qsizetype k = 0; k < variants.size(); ++k) {
            const Variant variant = variants.at((round + k) % variants.size());
            const JwtBenchSample sample = run(variant);
            progress(scenario->id, round, variantName(variant), sample);
            samplesOf(scenario, variant)->append(sample);
        }
    }
}

// Runs this program again with --child and the given arguments; its last output line is the
// sample. A fresh process is the only way to see one variant's own peak RSS.
JwtBenchSample JwtBenchRunner::child(const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(m_config.self,
                  QStringList {QStringLiteral("--server"), m_config.server.toString()} + arguments);
    JwtBenchSample sample;
    if (!process.waitForFinished(ChildTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        sample.error = QStringLiteral("child process timed out");
        return sample;
    }
    // The child expired the server's tokens (upload): ours are stale too.
    if (!m_client->resync())
        sample.error = QStringLiteral("could not renew the tokens after a child process");
    const QList<QByteArray> lines = process.readAllStandardOutput().trimmed().split('\n');
    const QJsonDocument document = QJsonDocument::fromJson(lines.last());
    if (!document.isObject()) {
        sample.error =
                QStringLiteral("child process failed (exit code %1)").arg(process.exitCode());
        return sample;
    }
    const QString resyncError = sample.error;
    sample = JwtBenchSample::fromJson(document.object());
    if (sample.ok() && !resyncError.isEmpty())
        sample.error = resyncError;
    return sample;
}

void JwtBenchRunner::run(JwtBenchReport *report)
{
    for (int inFlight : std::as_const(m_config.inFlight)) {
        if (wanted(QStringLiteral("overhead-%1").arg(inFlight)))
            report->add(overhead(inFlight));
    }
    if (wanted(QStringLiteral("download")))
        report->add(download());
    if (wanted(QStringLiteral("upload")))
        report->add(upload());
    if (wanted(QStringLiteral("storm")))
        report->add(storm());
    if (wanted(QStringLiteral("proactive")))
        report->add(proactive());
    if (wanted(QStringLiteral("scale")))
        report->add(scale());
}

JwtBenchReport::Scenario JwtBenchRunner::overhead(int inFlight)
{
    const int requests = m_config.overheadRequests;
    Scenario s;
    s.id = QStringLiteral("overhead-%1").arg(inFlight);
    s.title = QStringLiteral("%1 small GETs with a valid token, %2 in flight")
                      .arg(requests)
                      .arg(inFlight);
    s.params = {{QStringLiteral("requests"), requests}, {QStringLiteral("inFlight"), inFlight}};
    alternate(&s, [&](Variant v) { return m_client->overhead(v, requests, inFlight); },
              {Variant::Baseline, Variant::Session, Variant::Forwarding});
    timeRows(&s, requests);
    floorRows(&s);
    s.targets.append(ratioTarget(QStringLiteral("wall"), s.rows.at(0).paired, 1.05));
    s.targets.append(ratioTarget(QStringLiteral("client CPU"), s.rows.at(1).paired, 1.10));
    return s;
}

JwtBenchReport::Scenario JwtBenchRunner::download()
{
    const qint64 bytes = m_config.downloadBytes;
    Scenario s;
    s.id = QStringLiteral("download");
    s.title = QStringLiteral("streaming download of one %1 MiB body (a fresh child per sample, "
                             "each the mean of %2 downloads)")
                      .arg(double(bytes) / MiB)
                      .arg(JwtBenchClient::DownloadsPerSample);
    s.params = {{QStringLiteral("bytes"), bytes}};
    alternate(&s, [&](Variant v) {
        return child({QStringLiteral("--child"), QStringLiteral("download"),
                      QStringLiteral("--variant"), variantName(v), QStringLiteral("--bytes"),
                      QString::number(bytes)});
    });
    const double wb = Report::median(s.baseline, wall), ws = Report::median(s.session, wall);
    s.rows.append({QStringLiteral("wall ms"), wb, ws, 1,
                   Report::pairedRatio(s.baseline, s.session, wall)});
    s.rows.append({QStringLiteral("client CPU ms"), Report::median(s.baseline, cpu),
                   Report::median(s.session, cpu), 1});
    const double tb = wb > 0 ? double(bytes) / MiB / (wb / 1000) : -1;
    const double ts = ws > 0 ? double(bytes) / MiB / (ws / 1000) : -1;
    s.rows.append({QStringLiteral("throughput MiB/s"), tb, ts, 1});
    rssRows(&s);
    const double pairedWall = s.rows.at(0).paired;
    s.targets.append({QStringLiteral("throughput JwtSession/baseline (median of per-round "
                                     "ratios) >= 0.95"),
                      pairedWall > 0 ? 1 / pairedWall : -1, 0.95, false});
    s.targets.append(rssTarget(s));
    return s;
}

JwtBenchReport::Scenario JwtBenchRunner::upload()
{
    const qint64 bytes = m_config.uploadBytes;
    Scenario s;
    s.id = QStringLiteral("upload");
    s.title = QStringLiteral("PUT of a %1 MiB QFile; JwtSession's token expired (401, refresh, "
                             "replay) vs one baseline upload (fresh child each)")
                      .arg(double(bytes) / MiB);
    s.params = {{QStringLiteral("bytes"), bytes}};
    const QString path = QDir(m_config.workDir).filePath(QStringLiteral("upload.bin"));
    QByteArray sha;
    if (!writeUploadFile(path, bytes, &sha)) {
        JwtBenchSample failed;
        failed.error = QStringLiteral("cannot write %1").arg(path);
        s.session.append(failed);
        return s;
    }
    alternate(&s, [&](Variant v) {
        return child({QStringLiteral("--child"), QStringLiteral("upload"),
                      QStringLiteral("--variant"), variantName(v), QStringLiteral("--file"), path,
                      QStringLiteral("--sha256"), QString::fromLatin1(sha)});
    });
    QFile::remove(path);
    const double wb = Report::median(s.baseline, wall), ws = Report::median(s.session, wall);
    s.rows.append({QStringLiteral("wall ms"), wb, ws, 1,
                   Report::pairedRatio(s.baseline, s.session, wall)});
    s.rows.append({QStringLiteral("client CPU ms"), Report::median(s.baseline, cpu),
                   Report::median(s.session, cpu), 1});
    rssRows(&s);
    s.targets.append(rssTarget(s));
    s.targets.append(ratioTarget(QStringLiteral("wall"), s.rows.at(0).paired, 2.1));
    return s;
}

JwtBenchReport::Scenario JwtBenchRunner::storm()
{
    const int requests = m_config.stormRequests;
    Scenario s;
    s.id = QStringLiteral("storm");
    s.title = QStringLiteral("%1 concurrent GETs; JwtSession's token expired (exactly one "
                             "refresh, all replayed) vs a baseline batch with a valid token")
                      .arg(requests);
    s.params = {{QStringLiteral("requests"), requests}};
    alternate(&s, [&](Variant v) { return m_client->storm(v, requests); });
    timeRows(&s, requests);
    const auto refusals = [](const JwtBenchSample &x) {
        return double(x.unauthorized);
    };
    s.rows.append({QStringLiteral("401 answers"), Report::median(s.baseline, refusals),
                   Report::median(s.session, refusals), 0});
    s.targets.append(ratioTarget(QStringLiteral("wall"), s.rows.at(0).paired, 2.2));
    return s;
}

JwtBenchReport::Scenario JwtBenchRunner::proactive()
{
    const int requests = m_config.stormRequests;
    Scenario s;
    s.id = QStringLiteral("proactive");
    s.title = QStringLiteral("%1 concurrent GETs with proactive refresh, the refresh falling "
                             "mid-run (0 answers 401)")
                      .arg(requests);
    s.params = {{QStringLiteral("requests"), requests}};
    if (!m_client->supportsProactiveRefresh()) {
        s.measured = false;
        s.note = QStringLiteral("JwtSession has no proactive refresh (leeway) property in this "
                                "build; the scenario is not measured rather than faked");
        return s;
    }
    QList<double> roundTrips;
    for (int i = 0; i < 3; ++i)
        roundTrips.append(m_client->refreshRoundTripMs());
    const double rtt = Report::median(roundTrips);
    double expectedBatchMs = 0;
    alternate(&s, [&](Variant v) {
        if (v == Variant::Session && expectedBatchMs <= 0)
            expectedBatchMs = m_client->proactive(Variant::Baseline, requests, 0).wallMs;
        JwtBenchSample sample = m_client->proactive(v, requests, expectedBatchMs);
        if (v == Variant::Baseline && sample.ok())
            expectedBatchMs = sample.wallMs;
        return sample;
    });
    timeRows(&s, requests);
    const auto refusals = [](const JwtBenchSample &x) {
        return double(x.unauthorized);
    };
    s.rows.append({QStringLiteral("401 answers"), Report::median(s.baseline, refusals),
                   Report::median(s.session, refusals), 0});
    s.rows.append({QStringLiteral("one refresh round trip ms"), -1, rtt, 2});
    QStringList starts;
    for (const JwtBenchSample &x : std::as_const(s.session))
        starts.append(x.refreshStartMs < 0 ? QStringLiteral("none")
                                           : QString::number(x.refreshStartMs, 'f', 1));
    s.note = QStringLiteral("token lifetime 2 s, leeway 0.5 s: refresh due 1.25 s after the token "
                            "arrived, requests held from 1.5 s; proactive refresh started at %1 "
                            "ms into the batch (per round)")
                     .arg(starts.join(QStringLiteral(", ")));
    const double wb = s.rows.at(0).baseline;
    s.targets.append({QStringLiteral("wall <= 1.1 x baseline + one refresh round trip (ms)"),
                      s.rows.at(0).session, 1.1 * wb + rtt, true});
    return s;
}

JwtBenchReport::Scenario JwtBenchRunner::scale()
{
    Scenario s;
    s.id = QStringLiteral("scale");
    s.title = QStringLiteral("the storm at %1 concurrent requests: per-request cost and heap "
                             "per waiting reply")
                      .arg([&] {
                          QStringList sizes;
                          for (int n : std::as_const(m_config.scaleSizes))
                              sizes.append(QString::number(n));
                          return sizes.join(QStringLiteral(", "));
                      }());
    QList<double> perRequestSession;
    QList<double> perRequestBaseline;
    for (int n : std::as_const(m_config.scaleSizes)) {
        Scenario one;
        one.id = QStringLiteral("scale-%1").arg(n);
        const int count = stormsPerSample(n);
        alternate(&one, [&](Variant v) { return storms(v, n, count); });
        // The heap of replies waiting for a refresh: measured once, it does not depend on load.
        for (Variant v : {Variant::Baseline, Variant::Session}) {
            const JwtBenchSample sample = m_client->waitingMemory(v, n);
            progress(QStringLiteral("waiting-%1").arg(n), 0, variantName(v), sample);
            (v == Variant::Baseline ? one.baseline : one.session).append(sample);
        }
        const auto isStorm = [](const JwtBenchSample &x) {
            return x.heapPerReplyBytes < 0;
        };
        QList<JwtBenchSample> stormB, stormS;
        std::copy_if(one.baseline.cbegin(), one.baseline.cend(), std::back_inserter(stormB),
                     isStorm);
        std::copy_if(one.session.cbegin(), one.session.cend(), std::back_inserter(stormS), isStorm);
        const double pb = Report::median(stormB, wall) * 1000 / n;
        const double ps = Report::median(stormS, wall) * 1000 / n;
        perRequestBaseline.append(pb);
        perRequestSession.append(ps);
        s.rows.append({QStringLiteral("N=%1 wall per request us").arg(n), pb, ps, 1});
        s.rows.append({QStringLiteral("N=%1 CPU per request us").arg(n),
                       Report::median(stormB, cpu) * 1000 / n,
                       Report::median(stormS, cpu) * 1000 / n, 1});
        QList<JwtBenchSample> waitB, waitS;
        std::remove_copy_if(one.baseline.cbegin(), one.baseline.cend(), std::back_inserter(waitB),
                            isStorm);
        std::remove_copy_if(one.session.cbegin(), one.session.cend(), std::back_inserter(waitS),
                            isStorm);
        const auto heap = [](const JwtBenchSample &x) {
            return x.heapPerReplyBytes;
        };
        s.rows.append({QStringLiteral("N=%1 heap per waiting reply B").arg(n),
                       Report::median(waitB, heap), Report::median(waitS, heap), 0});
        s.baseline += one.baseline;
        s.session += one.session;
    }
    const auto spread = [](const QList<double> &values) {
        const auto [lo, hi] = std::minmax_element(values.cbegin(), values.cend());
        return *lo > 0 ? *hi / *lo : -1;
    };
    s.targets.append({QStringLiteral("JwtSession per-request wall max/min over sizes <= 1.2"),
                      spread(perRequestSession), 1.2, true});
    QStringList counts;
    for (int n : std::as_const(m_config.scaleSizes))
        counts.append(QStringLiteral("%1 at N=%2").arg(stormsPerSample(n)).arg(n));
    s.note = QStringLiteral("baseline per-request wall max/min over sizes: %1; storms per sample "
                            "(their mean): %2; heap per waiting reply: JwtSession replies "
                            "waiting for a refresh in flight vs baseline replies created and not "
                            "yet sent")
                     .arg(spread(perRequestBaseline), 0, 'f', 3)
                     .arg(counts.join(QStringLiteral(", ")));
    return s;
}

// A storm of \a requests is this many storms per sample (Config::scaleRequestsPerSample).
int JwtBenchRunner::stormsPerSample(int requests) const
{
    return qMax(1, m_config.scaleRequestsPerSample / requests);
}

// The mean of \a count storms of \a requests each, every one measured on its own (expiring the
// token in between is not counted). The checks of every storm must pass.
JwtBenchSample JwtBenchRunner::storms(Variant variant, int requests, int count)
{
    JwtBenchSample total;
    for (int i = 0; i < count; ++i) {
        const JwtBenchSample one = m_client->storm(variant, requests);
        if (!one.ok())
            return one;
        total.wallMs += one.wallMs / count;
        total.cpuMs += one.cpuMs / count;
        total.requests += one.requests;
        total.succeeded += one.succeeded;
        total.refreshCalls += one.refreshCalls;
        total.unauthorized += one.unauthorized;
    }
    return total;
}
