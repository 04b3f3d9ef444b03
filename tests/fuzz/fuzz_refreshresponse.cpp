// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// libFuzzer target: the refresh and token endpoint answers (JwtRefreshResponse::parseOAuth2 and
// parseCookieEndpoint), the bytes a hostile or broken server controls: status, content type,
// Retry-After, Date and body. The parser must never crash and must never hand over a token
// that cannot go into a header.

#include "jwtbearer_p.h"
#include "jwtrefreshresponse_p.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <QtCore/qlogging.h>

#include <cstdlib>

namespace {

QByteArray takeBytes(FuzzedDataProvider &provider, size_t maxLength)
{
    const std::string bytes = provider.ConsumeRandomLengthString(maxLength);
    return QByteArray(bytes.data(), qsizetype(bytes.size()));
}

void check(const JwtRefreshResponse &response)
{
    using Result = JwtRefreshJob::Result;
    if (response.result == Result::Pending || response.result == Result::Canceled)
        std::abort(); // a parsed answer is always a decision
    if (response.isSuccess() && !JwtBearer::isValidToken(response.accessToken))
        std::abort(); // header injection (DESIGN.md, security rules)
    if (!response.isSuccess()
        && (!response.accessToken.isEmpty() || !response.refreshToken.isEmpty()))
        std::abort();
    if (!response.isSuccess() && response.message.isEmpty())
        std::abort(); // every failure says why
    if (response.expiresIn != -1
        && (response.expiresIn < 1 || response.expiresIn > JwtRefreshResponse::MaximumExpiresIn))
        std::abort();
    if (response.retryAfter.count() < 0
        || response.retryAfter > JwtRefreshResponse::MaximumRetryAfter)
        std::abort();
    for (const char c : response.refreshToken) {
        if (c < 0x21 || c > 0x7e)
            std::abort();
    }
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
    FuzzedDataProvider provider(data, size);
    JwtRefreshResponse::Input input;
    const bool oauth2 = provider.ConsumeBool();
    // Mostly plausible statuses, sometimes anything.
    input.httpStatus = provider.ConsumeBool()
            ? provider.PickValueInArray({200, 201, 204, 302, 400, 401, 403, 429, 500, 503})
            : provider.ConsumeIntegral<int>();
    if (provider.ConsumeProbability<float>() < 0.05f)
        input.networkError = QNetworkReply::NetworkError(provider.ConsumeIntegralInRange(0, 500));
    input.contentType = takeBytes(provider, 64);
    input.retryAfter = takeBytes(provider, 64);
    input.date = takeBytes(provider, 64);
    input.bodyTooLarge = provider.ConsumeProbability<float>() < 0.02f;
    input.now = QDateTime::fromSecsSinceEpoch(1767225600, Qt::UTC); // deterministic reference
    const std::string body = provider.ConsumeRemainingBytesAsString();
    input.body = QByteArray(body.data(), qsizetype(body.size()));

    check(oauth2 ? JwtRefreshResponse::parseOAuth2(input)
                 : JwtRefreshResponse::parseCookieEndpoint(input));
    return 0;
}
