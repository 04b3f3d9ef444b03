// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtclock_p.h"

#include <QtCore/qdatetime.h>

#include <chrono>
#include <ctime>

JwtClock::~JwtClock() = default;

qint64 JwtClock::wallMSecs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

qint64 JwtClock::steadyMSecs() const
{
#if defined(CLOCK_BOOTTIME)
    // Linux: unlike CLOCK_MONOTONIC (std::chrono::steady_clock), it keeps counting while the
    // machine sleeps, so a token's lifetime measured on it survives a suspend.
    timespec ts;
    if (clock_gettime(CLOCK_BOOTTIME, &ts) == 0)
        return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
#endif
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}
