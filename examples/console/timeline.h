// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef TIMELINE_H
#define TIMELINE_H

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qobject.h>
#include <QtCore/qstring.h>

class JwtAccessManager;
class JwtDemoApi;
class JwtSession;

// Prints what the interceptor, the session and the server do, one line per event, with the
// milliseconds since the walkthrough started. Never prints a token.
class Timeline : public QObject
{
    Q_OBJECT
public:
    explicit Timeline(QObject *parent = nullptr);

    void watch(JwtAccessManager *manager);
    void watch(JwtSession *session);
    void watch(JwtDemoApi *api);
    void heading(const QString &text);
    void print(const QString &who, const QString &what);

private:
    QElapsedTimer m_clock;
};

#endif // TIMELINE_H
