// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTBENCHRUNNER_H
#define JWTBENCHRUNNER_H

#include "jwtbenchclient.h"
#include "jwtbenchreport.h"

#include <QtCore/qstringlist.h>
#include <QtCore/qurl.h>

#include <functional>
#include <optional>

// Runs every scenario of issue 7, both variants alternately for several rounds, and turns the
// samples into a JwtBenchReport with medians, ratios and targets. Scenarios that need a fresh
// process (peak RSS) run in a child: this program re-executed with --child.
class JwtBenchRunner
{
public:
    struct Config
    {
        QString mode; // "full" or "quick"
        int rounds = 5;
        QUrl server;
        QString self; // this program, for the child processes
        QStringList only; // scenario ids to run; empty: all
        int overheadRequests = 10000;
        QList<int> inFlight {1, 16};
        qint64 downloadBytes = qint64(256) << 20;
        qint64 uploadBytes = qint64(64) << 20;
        int stormRequests = 1000;
        QList<int> scaleSizes {100, 1000, 10000};
        // A storm of 100 requests takes about 10 ms, less than a shared machine's scheduling
        // noise: a scale sample is the mean of as many storms as make this many requests.
        int scaleRequestsPerSample = 1000;
        QString workDir; // where the upload file is written
    };

    JwtBenchRunner(const Config &config, JwtBenchClient *client);
    void run(JwtBenchReport *report);

    //! The name of \a variant on the command line (--variant) and in the progress lines.
    static QString variantName(JwtBenchClient::Variant variant);
    static std::optional<JwtBenchClient::Variant> variantNamed(const QString &name);

private:
    using Variant = JwtBenchClient::Variant;
    using Scenario = JwtBenchReport::Scenario;

    bool wanted(const QString &id) const;
    void alternate(Scenario *scenario, const std::function<JwtBenchSample(Variant)> &run,
                   const QList<Variant> &variants = {Variant::Baseline, Variant::Session});
    static QList<JwtBenchSample> *samplesOf(Scenario *scenario, Variant variant);
    JwtBenchSample child(const QStringList &arguments);

    Scenario overhead(int inFlight);
    Scenario download();
    Scenario upload();
    Scenario storm();
    Scenario proactive();
    Scenario scale();
    int stormsPerSample(int requests) const;
    JwtBenchSample storms(Variant variant, int requests, int count);

    Config m_config;
    JwtBenchClient *m_client;
};

#endif // JWTBENCHRUNNER_H
