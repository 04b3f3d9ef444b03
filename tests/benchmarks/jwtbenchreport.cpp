// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtbenchreport.h"

#include <QtCore/qjsonarray.h>

#include <algorithm>

namespace {

QString number(double value, int decimals)
{
    return value < 0 ? QStringLiteral("-") : QString::number(value, 'f', decimals);
}

QJsonArray samplesJson(const QList<JwtBenchSample> &samples)
{
    QJsonArray array;
    for (const JwtBenchSample &sample : samples)
        array.append(sample.toJson());
    return array;
}

QString firstError(const QList<JwtBenchSample> &samples)
{
    for (const JwtBenchSample &sample : samples) {
        if (!sample.ok())
            return sample.error;
    }
    return {};
}

} // namespace

bool JwtBenchReport::Scenario::correct() const
{
    return firstError(baseline).isEmpty() && firstError(session).isEmpty()
            && firstError(forwarding).isEmpty();
}

double JwtBenchReport::median(QList<double> values)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    const qsizetype mid = values.size() / 2;
    return values.size() % 2 ? values.at(mid) : (values.at(mid - 1) + values.at(mid)) / 2;
}

double JwtBenchReport::median(const QList<JwtBenchSample> &samples, const Metric &metric)
{
    QList<double> values;
    for (const JwtBenchSample &sample : samples) {
        if (sample.ok())
            values.append(metric(sample));
    }
    return median(values);
}

double JwtBenchReport::pairedRatio(const QList<JwtBenchSample> &baseline,
                                   const QList<JwtBenchSample> &session, const Metric &metric)
{
    QList<double> ratios;
    for (qsizetype i = 0; i < qMin(baseline.size(), session.size()); ++i) {
        const double b = metric(baseline.at(i));
        if (baseline.at(i).ok() && session.at(i).ok() && b > 0)
            ratios.append(metric(session.at(i)) / b);
    }
    return median(ratios);
}

void JwtBenchReport::setHeader(const QJsonObject &machine, const QString &command,
                               const QString &mode, int rounds)
{
    m_machine = machine;
    m_command = command;
    m_mode = mode;
    m_rounds = rounds;
}

void JwtBenchReport::add(const Scenario &scenario)
{
    m_scenarios.append(scenario);
}

bool JwtBenchReport::allCorrect() const
{
    return std::all_of(m_scenarios.cbegin(), m_scenarios.cend(),
                       [](const Scenario &s) { return s.correct(); });
}

QString JwtBenchReport::table() const
{
    QString out;
    out += QStringLiteral("JwtSession benchmarks (%1 mode, %2 rounds, medians)\n")
                   .arg(m_mode)
                   .arg(m_rounds);
    out += QStringLiteral("machine: %1 x %2, Qt %3, load %4\n")
                   .arg(m_machine.value(QStringLiteral("nproc")).toInt())
                   .arg(m_machine.value(QStringLiteral("cpu")).toString(),
                        m_machine.value(QStringLiteral("qt")).toString(),
                        m_machine.value(QStringLiteral("loadAverage")).toString());
    out += QStringLiteral("library: %1\n")
                   .arg(m_machine.value(QStringLiteral("source")).toString());
    out += QStringLiteral("command: %1\n").arg(m_command);
    for (const Scenario &s : m_scenarios) {
        out += QStringLiteral("\n[%1] %2\n").arg(s.id, s.title);
        if (!s.measured) {
            out += QStringLiteral("  not measurable: %1\n").arg(s.note);
            continue;
        }
        out += QStringLiteral("  %1 %2 %3 %4 %5\n")
                       .arg(QString(), -34)
                       .arg(QStringLiteral("baseline"), 12)
                       .arg(QStringLiteral("JwtSession"), 12)
                       .arg(QStringLiteral("ratio"), 8)
                       .arg(QStringLiteral("paired"), 8);
        for (const Row &row : s.rows) {
            const bool both = row.baseline > 0 && row.session >= 0;
            out += QStringLiteral("  %1 %2 %3 %4 %5\n")
                           .arg(row.label, -34)
                           .arg(number(row.baseline, row.decimals), 12)
                           .arg(number(row.session, row.decimals), 12)
                           .arg(both ? QString::number(row.session / row.baseline, 'f', 3)
                                     : QStringLiteral("-"),
                                8)
                           .arg(number(row.paired, 3), 8);
        }
        for (const Target &t : s.targets) {
            out += QStringLiteral("  target %1: %2 (limit %3) -> %4\n")
                           .arg(t.name, QString::number(t.value, 'f', 3),
                                QString::number(t.limit, 'f', 3),
                                t.met() ? QStringLiteral("met") : QStringLiteral("MISSED"));
        }
        QString error = firstError(s.baseline);
        for (const QList<JwtBenchSample> *samples : {&s.session, &s.forwarding}) {
            if (error.isEmpty())
                error = firstError(*samples);
        }
        out += error.isEmpty() ? QStringLiteral("  checks: passed\n")
                               : QStringLiteral("  checks: FAILED: %1\n").arg(error);
        if (!s.note.isEmpty())
            out += QStringLiteral("  note: %1\n").arg(s.note);
    }
    return out;
}

QJsonDocument JwtBenchReport::json() const
{
    QJsonArray scenarios;
    for (const Scenario &s : m_scenarios) {
        QJsonArray rows;
        for (const Row &row : s.rows) {
            rows.append(QJsonObject {{QStringLiteral("label"), row.label},
                                     {QStringLiteral("baseline"), row.baseline},
                                     {QStringLiteral("session"), row.session},
                                     {QStringLiteral("pairedRatio"), row.paired}});
        }
        QJsonArray targets;
        for (const Target &t : s.targets) {
            targets.append(QJsonObject {{QStringLiteral("name"), t.name},
                                        {QStringLiteral("value"), t.value},
                                        {QStringLiteral("limit"), t.limit},
                                        {QStringLiteral("atMost"), t.atMost},
                                        {QStringLiteral("met"), t.met()}});
        }
        QJsonObject scenario {{QStringLiteral("id"), s.id},
                              {QStringLiteral("title"), s.title},
                              {QStringLiteral("params"), s.params},
                              {QStringLiteral("measured"), s.measured},
                              {QStringLiteral("correct"), s.correct()},
                              {QStringLiteral("note"), s.note},
                              {QStringLiteral("medians"), rows},
                              {QStringLiteral("targets"), targets},
                              {QStringLiteral("baseline"), samplesJson(s.baseline)},
                              {QStringLiteral("session"), samplesJson(s.session)}};
        if (!s.forwarding.isEmpty())
            scenario.insert(QStringLiteral("forwarding"), samplesJson(s.forwarding));
        scenarios.append(scenario);
    }
    return QJsonDocument(QJsonObject {{QStringLiteral("machine"), m_machine},
                                      {QStringLiteral("command"), m_command},
                                      {QStringLiteral("mode"), m_mode},
                                      {QStringLiteral("rounds"), m_rounds},
                                      {QStringLiteral("correct"), allCorrect()},
                                      {QStringLiteral("scenarios"), scenarios}});
}
