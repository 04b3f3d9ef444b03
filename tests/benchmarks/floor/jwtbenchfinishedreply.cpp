// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtbenchfinishedreply.h"

#include <cstring>

QByteArray JwtBenchFinishedReply::body()
{
    return QByteArrayLiteral("{\"ok\":true,\"payload\":\"0123456789abcdef0123456789abcdef\"}");
}

JwtBenchFinishedReply::JwtBenchFinishedReply(QObject *parent)
    : QNetworkReply(parent), m_body(body())
{
    open(ReadOnly | Unbuffered);
}

void JwtBenchFinishedReply::answer()
{
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, 200);
    setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, QByteArrayLiteral("OK"));
    setRawHeader("Content-Type", "application/json");
    setRawHeader("Content-Length", QByteArray::number(m_body.size()));
    setRawHeader("Connection", "keep-alive");
    Q_EMIT metaDataChanged();
    Q_EMIT readyRead();
    setFinished(true);
    Q_EMIT finished();
}

void JwtBenchFinishedReply::abort() { }

qint64 JwtBenchFinishedReply::bytesAvailable() const
{
    return m_body.size() - m_offset + QNetworkReply::bytesAvailable();
}

qint64 JwtBenchFinishedReply::readData(char *data, qint64 maxSize)
{
    const qint64 n = qMin(maxSize, m_body.size() - m_offset);
    if (n <= 0)
        return isFinished() ? -1 : 0;
    std::memcpy(data, m_body.constData() + m_offset, size_t(n));
    m_offset += n;
    return n;
}
