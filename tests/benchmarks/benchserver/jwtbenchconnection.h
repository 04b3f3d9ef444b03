// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTBENCHCONNECTION_H
#define JWTBENCHCONNECTION_H

#include <QtCore/qobject.h>

#include <memory>

class JwtDemoApi;
class QTcpSocket;

// One keep-alive HTTP/1.1 connection of JwtBenchServer: parses requests, streams bodies in both
// directions with back-pressure, answers the bench routes itself and the rest through JwtDemoApi.
class JwtBenchConnection : public QObject
{
    Q_OBJECT
public:
    JwtBenchConnection(QTcpSocket *socket, JwtDemoApi *api, QObject *parent = nullptr);
    ~JwtBenchConnection() override;

private:
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtBenchConnection)
};

#endif // JWTBENCHCONNECTION_H
