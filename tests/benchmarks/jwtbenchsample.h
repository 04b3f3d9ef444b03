// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTBENCHSAMPLE_H
#define JWTBENCHSAMPLE_H

#include <QtCore/qjsonobject.h>
#include <QtCore/qstring.h>

// One measurement of one variant of one scenario: what the client spent, and what the server
// saw meanwhile (so that correctness is judged on the server's counters, not on the client's).
struct JwtBenchSample
{
    double wallMs = 0;
    double cpuMs = 0; // user + system time of the whole client process (all its threads)
    qint64 peakRssKiB = -1; // VmHWM of a fresh child process; -1 when measured in-process
    qint64 startRssKiB = -1; // VmRSS of that child right before the scenario started
    double heapPerReplyBytes = -1; // malloc'd bytes per reply not answered yet; -1: not measured
    qint64 bytes = 0; // body bytes moved (download or upload)
    int requests = 0;
    int succeeded = 0;
    int refreshCalls = 0; // refresh calls the server received during the scenario
    int unauthorized = 0; // requests the server refused (401) during the scenario
    double refreshStartMs = -1; // proactive: when the refresh started, from the batch's start
    QString error; // empty when every correctness check passed

    bool ok() const { return error.isEmpty(); }

    QJsonObject toJson() const
    {
        QJsonObject o {{QStringLiteral("wallMs"), wallMs},
                       {QStringLiteral("cpuMs"), cpuMs},
                       {QStringLiteral("bytes"), bytes},
                       {QStringLiteral("requests"), requests},
                       {QStringLiteral("succeeded"), succeeded},
                       {QStringLiteral("refreshCalls"), refreshCalls},
                       {QStringLiteral("unauthorized"), unauthorized}};
        if (peakRssKiB >= 0)
            o.insert(QStringLiteral("peakRssKiB"), peakRssKiB);
        if (startRssKiB >= 0)
            o.insert(QStringLiteral("startRssKiB"), startRssKiB);
        if (heapPerReplyBytes >= 0)
            o.insert(QStringLiteral("heapPerReplyBytes"), heapPerReplyBytes);
        if (refreshStartMs >= 0)
            o.insert(QStringLiteral("refreshStartMs"), refreshStartMs);
        if (!error.isEmpty())
            o.insert(QStringLiteral("error"), error);
        return o;
    }

    static JwtBenchSample fromJson(const QJsonObject &o)
    {
        JwtBenchSample s;
        s.wallMs = o.value(QStringLiteral("wallMs")).toDouble();
        s.cpuMs = o.value(QStringLiteral("cpuMs")).toDouble();
        s.peakRssKiB = qint64(o.value(QStringLiteral("peakRssKiB")).toDouble(-1));
        s.startRssKiB = qint64(o.value(QStringLiteral("startRssKiB")).toDouble(-1));
        s.heapPerReplyBytes = o.value(QStringLiteral("heapPerReplyBytes")).toDouble(-1);
        s.bytes = qint64(o.value(QStringLiteral("bytes")).toDouble());
        s.requests = o.value(QStringLiteral("requests")).toInt();
        s.succeeded = o.value(QStringLiteral("succeeded")).toInt();
        s.refreshCalls = o.value(QStringLiteral("refreshCalls")).toInt();
        s.unauthorized = o.value(QStringLiteral("unauthorized")).toInt();
        s.refreshStartMs = o.value(QStringLiteral("refreshStartMs")).toDouble(-1);
        s.error = o.value(QStringLiteral("error")).toString();
        return s;
    }
};

#endif // JWTBENCHSAMPLE_H
