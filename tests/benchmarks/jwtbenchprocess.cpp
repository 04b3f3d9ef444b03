// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtbenchprocess.h"

#include <QtCore/qfile.h>
#include <QtCore/qsysinfo.h>
#include <QtCore/qthread.h>

#include <malloc.h>
#include <sys/resource.h>

namespace {

QByteArray readProcFile(const char *path)
{
    QFile file(QString::fromLatin1(path));
    // /proc files report size 0: read until the end instead of trusting size().
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

qint64 statusField(const QByteArray &field)
{
    const QByteArray status = readProcFile("/proc/self/status");
    const qsizetype at = status.indexOf('\n' + field + ':');
    if (at < 0)
        return -1;
    const qsizetype end = status.indexOf('\n', at + 1);
    const QByteArray line = status.mid(at + field.size() + 2, end - at - field.size() - 2);
    return line.trimmed().split(' ').first().toLongLong(); // "  1234 kB"
}

} // namespace

qint64 JwtBenchProcess::cpuTimeNs()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    const auto ns = [](const timeval &t) {
        return qint64(t.tv_sec) * 1000000000 + t.tv_usec * 1000;
    };
    return ns(usage.ru_utime) + ns(usage.ru_stime);
}

qint64 JwtBenchProcess::peakRssKiB()
{
    return statusField("VmHWM");
}

qint64 JwtBenchProcess::currentRssKiB()
{
    return statusField("VmRSS");
}

qint64 JwtBenchProcess::heapInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks) + qint64(info.hblkhd);
}

QString JwtBenchProcess::loadAverage()
{
    return QString::fromLatin1(readProcFile("/proc/loadavg").split(' ').mid(0, 3).join(' '));
}

QJsonObject JwtBenchProcess::machine()
{
    const QByteArray cpuinfo = readProcFile("/proc/cpuinfo");
    QString model;
    const qsizetype at = cpuinfo.indexOf("model name");
    if (at >= 0) {
        const qsizetype colon = cpuinfo.indexOf(':', at);
        model = QString::fromLatin1(
                cpuinfo.mid(colon + 1, cpuinfo.indexOf('\n', at) - colon - 1).trimmed());
    }
    return {{QStringLiteral("nproc"), QThread::idealThreadCount()},
            {QStringLiteral("cpu"), model},
            {QStringLiteral("kernel"), QSysInfo::kernelVersion()},
            {QStringLiteral("os"), QSysInfo::prettyProductName()},
            {QStringLiteral("qt"), QString::fromLatin1(qVersion())},
            {QStringLiteral("loadAverage"), loadAverage()}};
}
