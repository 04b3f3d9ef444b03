// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtbenchforwardingreply.h"

JwtBenchForwardingReply::JwtBenchForwardingReply(const QNetworkRequest &request,
                                                 QNetworkReply *inner, QObject *parent)
    : QNetworkReply(parent), m_inner(inner)
{
    setRequest(request);
    setUrl(request.url());
    setOperation(inner->operation());
    open(ReadOnly | Unbuffered);
    // Four connections, as few as forwarding status, data, errors and the end allows.
    connect(inner, &QNetworkReply::metaDataChanged, this, &JwtBenchForwardingReply::copyMetaData);
    connect(inner, &QNetworkReply::readyRead, this, &QNetworkReply::readyRead);
    connect(inner, &QNetworkReply::errorOccurred, this, &JwtBenchForwardingReply::forwardError);
    connect(inner, &QNetworkReply::finished, this, &JwtBenchForwardingReply::finishFromInner);
}

JwtBenchForwardingReply::~JwtBenchForwardingReply()
{
    delete m_inner;
}

void JwtBenchForwardingReply::copyMetaData()
{
    for (const RawHeaderPair &header : m_inner->rawHeaderPairs())
        setRawHeader(header.first, header.second);
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute,
                 m_inner->attribute(QNetworkRequest::HttpStatusCodeAttribute));
    setAttribute(QNetworkRequest::HttpReasonPhraseAttribute,
                 m_inner->attribute(QNetworkRequest::HttpReasonPhraseAttribute));
    Q_EMIT metaDataChanged();
}

void JwtBenchForwardingReply::forwardError(NetworkError error)
{
    setError(error, m_inner->errorString());
    Q_EMIT errorOccurred(error);
}

void JwtBenchForwardingReply::finishFromInner()
{
    setFinished(true);
    Q_EMIT finished();
}

void JwtBenchForwardingReply::abort()
{
    m_inner->abort();
}

qint64 JwtBenchForwardingReply::bytesAvailable() const
{
    return m_inner->bytesAvailable() + QNetworkReply::bytesAvailable();
}

qint64 JwtBenchForwardingReply::readData(char *data, qint64 maxSize)
{
    return m_inner->read(data, maxSize);
}
