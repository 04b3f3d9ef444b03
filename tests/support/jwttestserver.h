// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTTESTSERVER_H
#define JWTTESTSERVER_H

#include "jwtdemoapi.h"
#include "jwtrecordedrequest.h"

#include <QtCore/qobject.h>
#include <QtCore/qurl.h>
#include <QtNetwork/qhostaddress.h>

#include <chrono>
#include <functional>
#include <memory>

class JwtDemoAuthority;

// A scriptable loopback HTTP/1.1 server for the JwtSession tests. It speaks the demo server's
// protocol (JwtDemoApi), adds test routes, can be told to misbehave, and records what it saw.
class JwtTestServer : public QObject
{
    Q_OBJECT
public:
    using RouteHandler = std::function<JwtDemoResponse(const JwtDemoRequest &)>;

    explicit JwtTestServer(JwtDemoAuthority *sharedAuthority = nullptr, QObject *parent = nullptr);
    ~JwtTestServer() override;

    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    quint16 port() const;
    QUrl url(const QString &pathAndQuery = {}) const;
    QUrl urlForHost(const QString &host, const QString &pathAndQuery = {}) const;

    JwtDemoAuthority *authority() const;
    JwtDemoApi *api() const;

    // Scripting.
    void scriptRefreshResponses(const QList<JwtDemoResponse> &responses);
    int scriptedRefreshResponsesLeft() const;
    void setRefreshDelay(std::chrono::milliseconds delay);
    void setRouteHandler(const QString &path, const RouteHandler &handler);
    // A handler that checks authorization itself (no Bearer check by the server).
    void setPublicRouteHandler(const QString &path, const RouteHandler &handler);
    void setRawResponse(const QString &path, const QByteArray &bytes);
    void setStall(const QString &path, bool stall);

    // Recording.
    QList<JwtRecordedRequest> requests() const;
    int refreshCalls() const;
    int count(const QString &path) const;
    int countWithAuthorization() const;
    int authorizationsSeenByHost(const QByteArray &hostHeader) const;
    int unauthorizedAnswers() const;
    int requestsWithGeneration(quint64 generation) const;
    int connectionsAccepted() const;
    qint64 maxQueuedBytes() const;
    void resetRecording();

    static char bytesPatternAt(qint64 index);

Q_SIGNALS:
    void requestReceived(const JwtRecordedRequest &request);
    void refreshCallReceived();

private:
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtTestServer)
};

#endif // JWTTESTSERVER_H
