// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTQMLTESTSERVER_H
#define JWTQMLTESTSERVER_H

#include <QtCore/qobject.h>
#include <QtCore/qurl.h>

class JwtTestServer;

// What the QML tests may ask of the test server: its URL, what it saw, and the admin switches.
// Exposed to QML as the context property "testServer".
class JwtQmlTestServer : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QUrl url READ url CONSTANT)
public:
    explicit JwtQmlTestServer(JwtTestServer *server, QObject *parent = nullptr);

    QUrl url() const;

    Q_INVOKABLE QUrl urlFor(const QString &pathAndQuery) const;
    Q_INVOKABLE int count(const QString &path) const;
    Q_INVOKABLE int countWithAuthorization() const;
    Q_INVOKABLE int refreshCalls() const;
    Q_INVOKABLE int unauthorizedAnswers() const;
    Q_INVOKABLE void resetRecording();
    Q_INVOKABLE void expireAccessTokens();
    Q_INVOKABLE void revokeRefreshTokens();

private:
    JwtTestServer *m_server;
};

#endif // JWTQMLTESTSERVER_H
