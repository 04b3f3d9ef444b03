// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTEVENTLOG_H
#define JWTEVENTLOG_H

#include <QtWidgets/qwidget.h>

class QTime;
class QTreeWidget;

// The demo's event log pane: one timestamped line per thing the interceptor, the session or the
// embedded server did, coloured by kind, newest at the bottom.
class JwtEventLog : public QWidget
{
    Q_OBJECT
public:
    enum class Kind {
        Request,
        Response,
        Refused,
        Waiting,
        Refresh,
        Replay,
        Success,
        Failure,
        Server,
        Demo
    };
    Q_ENUM(Kind)

    explicit JwtEventLog(QWidget *parent = nullptr);

    void add(Kind kind, const QString &text);
    int count() const;
    //! The text of line \a row, oldest first.
    QString text(int row) const;
    void clear();

    //! A time as the log shows it: 24 hours, with the locale's digits, e.g. 14:03:27.
    static QString formatTime(const QTime &time, bool withMilliseconds = false);

private:
    QTreeWidget *m_view = nullptr;
};

#endif // JWTEVENTLOG_H
