// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// jwt-bench-floor: the cost of putting any proxy reply in front of a reply, with nothing of
// JwtSession in it. Each request is a JwtBenchFinishedReply (in memory, the bench server's
// answer) read by a caller, either directly ("plain") or through a JwtBenchForwardingReply
// ("forwarded"). Run under valgrind --tool=callgrind at N and 2N requests (scripts/bench.sh
// --callgrind-floor): the difference is what N requests cost, on the thread that owns the
// replies, which is the thread a QNetworkAccessManager's caller runs on.
//
//   jwt-bench-floor plain|forwarded REQUESTS

#include "jwtbenchfinishedreply.h"
#include "jwtbenchforwardingreply.h"

#include <QtCore/qcoreapplication.h>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const bool forwarded = args.value(1) == QStringLiteral("forwarded");
    const int requests = args.value(2).toInt();
    if ((!forwarded && args.value(1) != QStringLiteral("plain")) || requests <= 0) {
        std::fprintf(stderr, "usage: jwt-bench-floor plain|forwarded REQUESTS\n");
        return 2;
    }
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:8080/bench/small")));
    request.setRawHeader("Authorization", "Bearer header.payload.signature");
    qint64 bytesRead = 0;
    for (int i = 0; i < requests; ++i) {
        auto *inner = new JwtBenchFinishedReply;
        QNetworkReply *reply = inner;
        if (forwarded)
            reply = new JwtBenchForwardingReply(request, inner);
        // What the benchmark's caller does: read the body when it is finished.
        QObject::connect(reply, &QNetworkReply::finished, reply,
                         [&bytesRead, reply] { bytesRead += reply->readAll().size(); });
        inner->answer();
        delete reply;
    }
    const qint64 expected = qint64(requests) * JwtBenchFinishedReply::body().size();
    if (bytesRead != expected) {
        std::fprintf(stderr, "jwt-bench-floor: read %lld bytes, expected %lld\n",
                     static_cast<long long>(bytesRead), static_cast<long long>(expected));
        return 1;
    }
    return 0;
}
