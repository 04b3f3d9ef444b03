// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTBENCHPROCESS_H
#define JWTBENCHPROCESS_H

#include <QtCore/qglobal.h>
#include <QtCore/qjsonobject.h>

// What the client process spends, read from the kernel and from malloc.
class JwtBenchProcess
{
public:
    //! User + system CPU time of the whole process (every thread), in nanoseconds.
    static qint64 cpuTimeNs();
    //! Peak resident set size (VmHWM); it never goes down, hence one child per measurement.
    static qint64 peakRssKiB();
    static qint64 currentRssKiB();
    //! Bytes handed out by malloc and not freed yet, over all arenas (mallinfo2).
    static qint64 heapInUse();
    //! nproc, CPU model, kernel, load average: where the numbers were taken.
    static QJsonObject machine();
    static QString loadAverage();
};

#endif // JWTBENCHPROCESS_H
