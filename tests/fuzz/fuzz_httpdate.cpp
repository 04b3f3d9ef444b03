// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// libFuzzer target: HTTP-date and Retry-After parsing (server headers that decide how long the
// session backs off). Never a crash, never a negative or uncapped delay.

#include "jwtrefreshresponse_p.h"

#include <QtCore/qlogging.h>

#include <cstdlib>

// Diagnostics about odd input (qCWarning) would cost most of the fuzzing time; qFatal still aborts.
extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray value(reinterpret_cast<const char *>(data), qsizetype(size));
    const QDateTime date = JwtRefreshResponse::parseHttpDate(value);
    if (date.isValid() && date.timeSpec() != Qt::UTC)
        std::abort();

    static const QDateTime now = QDateTime::fromSecsSinceEpoch(1767225600, Qt::UTC);
    for (const QDateTime &reference : {now, QDateTime()}) {
        const std::chrono::seconds delay = JwtRefreshResponse::parseRetryAfter(value, reference);
        if (delay.count() < 0 || delay > JwtRefreshResponse::MaximumRetryAfter)
            std::abort();
    }
    return 0;
}
