// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTBENCHSERVER_H
#define JWTBENCHSERVER_H

#include <QtCore/qobject.h>
#include <QtNetwork/qhostaddress.h>

#include <memory>

class JwtDemoApi;
class JwtDemoAuthority;

// The benchmark's loopback HTTP/1.1 server: the demo server's auth routes (JwtDemoApi) plus
// bench routes that never hold a whole body in memory. See the \class comment in the .cpp.
class JwtBenchServer : public QObject
{
    Q_OBJECT
public:
    explicit JwtBenchServer(QObject *parent = nullptr);
    ~JwtBenchServer() override;

    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    quint16 port() const;

    JwtDemoAuthority *authority() const;
    JwtDemoApi *api() const;

private:
    void onNewConnection();

    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtBenchServer)
};

#endif // JWTBENCHSERVER_H
