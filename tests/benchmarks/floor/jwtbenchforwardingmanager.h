// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTBENCHFORWARDINGMANAGER_H
#define JWTBENCHFORWARDINGMANAGER_H

#include <QtNetwork/qnetworkaccessmanager.h>

// A QNetworkAccessManager that hands the caller a JwtBenchForwardingReply in front of every
// reply: the benchmarks' "forwarding" variant, the floor of any design that gives the caller a
// reply of its own (as JwtAccessManager must, to hide a 401 and replay), with nothing else.
class JwtBenchForwardingManager : public QNetworkAccessManager
{
    Q_OBJECT

public:
    explicit JwtBenchForwardingManager(QObject *parent = nullptr);
    ~JwtBenchForwardingManager() override;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;
};

#endif // JWTBENCHFORWARDINGMANAGER_H
