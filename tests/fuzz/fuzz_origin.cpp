// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// libFuzzer target: the two checks that decide where a token may go and what may go into the
// Authorization header: JwtOrigin::fromUrl() on arbitrary URLs, JwtBearer::isValidToken().

#include "jwtbearer_p.h"
#include "jwtorigin_p.h"

#include <QtCore/qurl.h>

#include <QtCore/qlogging.h>

#include <cstdlib>

namespace {

void checkOrigin(const QUrl &url)
{
    const JwtOrigin origin = JwtOrigin::fromUrl(url);
    if (!origin.isValid()) {
        if (!origin.scheme().isEmpty() || !origin.host().isEmpty())
            std::abort();
        return;
    }
    if (origin.scheme() != QLatin1String("http") && origin.scheme() != QLatin1String("https"))
        std::abort(); // tokens never go to another scheme
    if (origin.host().isEmpty() || origin.port() <= 0 || origin.port() > 65535)
        std::abort();
    if (origin.host() != origin.host().toLower())
        std::abort();
    // Idempotent: the origin of the origin's own URL is the same origin.
    const QUrl again(origin.toString());
    if (JwtOrigin::fromUrl(again) != origin || qHash(JwtOrigin::fromUrl(again)) != qHash(origin))
        std::abort();
    (void)origin.isSecure();
    (void)origin.isLoopback();
}

void checkBearer(const QByteArray &token)
{
    if (!JwtBearer::isValidToken(token))
        return;
    if (token.size() > JwtBearer::MaximumTokenSize)
        std::abort();
    const QByteArray header = JwtBearer::headerValue(token);
    for (const char c : header) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f)
            std::abort(); // header injection
    }
    if (header.indexOf(' ') != header.lastIndexOf(' '))
        std::abort(); // "Bearer <token>": exactly one space
}

} // namespace

// Diagnostics about odd input (qCWarning) would cost most of the fuzzing time; qFatal still aborts.
extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    checkOrigin(QUrl::fromEncoded(bytes));
    checkOrigin(QUrl(QString::fromUtf8(bytes), QUrl::TolerantMode));
    checkBearer(bytes);
    return 0;
}
