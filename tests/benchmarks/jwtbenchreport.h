// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTBENCHREPORT_H
#define JWTBENCHREPORT_H

#include "jwtbenchsample.h"

#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qlist.h>
#include <QtCore/qstring.h>

#include <functional>

// The results of a run: per scenario the samples of both variants, the medians shown in the
// table, and the targets of issue 7 with whether they were met. Prints the table and the JSON.
class JwtBenchReport
{
public:
    struct Row
    {
        QString label;
        double baseline = -1; // -1: not measured
        double session = -1;
        int decimals = 1;
        double paired = -1; // median of the per-round ratios JwtSession/baseline; -1: none
    };

    struct Target
    {
        QString name; // e.g. "wall ratio <= 1.05"
        double value = 0;
        double limit = 0;
        bool atMost = true; // value <= limit, else value >= limit
        bool met() const { return atMost ? value <= limit : value >= limit; }
    };

    struct Scenario
    {
        QString id;
        QString title;
        QJsonObject params;
        QList<JwtBenchSample> baseline;
        QList<JwtBenchSample> session;
        QList<JwtBenchSample> forwarding; // the floor variant, where a scenario runs it
        QList<Row> rows;
        QList<Target> targets;
        QString note; // why a scenario could not be measured, or what to know about it
        bool measured = true;
        bool correct() const;
    };

    using Metric = std::function<double(const JwtBenchSample &)>;
    static double median(const QList<JwtBenchSample> &samples, const Metric &metric);
    static double median(QList<double> values);
    //! The median of session/baseline over the rounds, each round's two samples taken back to
    //! back: robust when the machine's load changes during the run, unlike a ratio of medians.
    static double pairedRatio(const QList<JwtBenchSample> &baseline,
                              const QList<JwtBenchSample> &session, const Metric &metric);

    void setHeader(const QJsonObject &machine, const QString &command, const QString &mode,
                   int rounds);
    void add(const Scenario &scenario);
    bool allCorrect() const;
    QString table() const;
    QJsonDocument json() const;

private:
    QJsonObject m_machine;
    QString m_command;
    QString m_mode;
    int m_rounds = 0;
    QList<Scenario> m_scenarios;
};

#endif // JWTBENCHREPORT_H
