// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTBENCHFINISHEDREPLY_H
#define JWTBENCHFINISHEDREPLY_H

#include <QtNetwork/qnetworkreply.h>

// A reply that answers at once, in memory, what jwt-bench-server answers for /bench/small:
// status 200, the same three headers, the same body. It stands for the reply a plain
// QNetworkAccessManager hands out, minus the network.
class JwtBenchFinishedReply : public QNetworkReply
{
    Q_OBJECT

public:
    explicit JwtBenchFinishedReply(QObject *parent = nullptr);

    static QByteArray body();

    // Emits metaDataChanged(), readyRead() and finished(), as Qt's HTTP reply does.
    void answer();

    void abort() override;
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    QByteArray m_body;
    qint64 m_offset = 0;
};

#endif // JWTBENCHFINISHEDREPLY_H
