// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// libFuzzer target: JwtToken::decode() on arbitrary bytes. Decoding must never crash, and a
// decoded token must stay self-consistent (it is used for scheduling and display).

#include <JwtSession/jwttoken.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qjsonobject.h>

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
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const JwtToken token = JwtToken::decode(input);

    if (token.isValid() != (token.error() == JwtToken::Error::NoError))
        std::abort();
    if (!token.isValid() && (!token.claims().isEmpty() || token.hasExpiry()))
        std::abort(); // an invalid token carries nothing that could be trusted by mistake
    if (token.isValid() && input.size() > JwtToken::MaximumSize)
        std::abort();
    if (!token.isValid() && token.errorString().isEmpty())
        std::abort();
    if (token.hasExpiry() && !token.expiresAt().isValid())
        std::abort();

    // Exercise every getter, and equality with a decoded copy.
    (void)token.header();
    (void)token.algorithm();
    (void)token.subject();
    (void)token.issuer();
    (void)token.issuedAt();
    (void)token.notBefore();
    if (token != JwtToken::decode(input))
        std::abort();
    return 0;
}
