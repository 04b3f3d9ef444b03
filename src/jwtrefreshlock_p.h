// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTREFRESHLOCK_P_H
#define JWTREFRESHLOCK_P_H

#include "jwtautotestexport_p.h"

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qlockfile.h>
#include <QtCore/qobject.h>
#include <QtCore/qstring.h>
#include <QtCore/qtimer.h>

#include <chrono>

// The lock that serializes refreshes of one remembered session across the processes of a user
// (JwtSharedSession uses it): a QLockFile, taken without ever blocking the caller's thread.
//
// acquire() tries at once and then every PollInterval until its timeout, each try a single
// non-blocking QLockFile::tryLock(0); the outcome comes later, once, through finished(). While
// the lock is held the file's modification time is renewed every StaleLockTime / 3, so that no
// other process takes the lock of a live holder for stale, however long its refresh call runs.
// A holder that died (crash, SIGKILL) is detected by QLockFile on the next try: same host and
// its pid no longer runs that program; or, from another host or after a reboot, when the file
// has not been renewed for StaleLockTime.
class JWTSESSION_AUTOTEST_EXPORT JwtRefreshLock : public QObject
{
    Q_OBJECT
public:
    enum class Outcome {
        Acquired, //!< the lock is held until release() or destruction
        TimedOut, //!< another live process held it for the whole timeout
        Unavailable, //!< the lock file cannot be created (permissions, no such directory)
    };
    Q_ENUM(Outcome)

    static constexpr std::chrono::milliseconds PollInterval {20};
    static constexpr std::chrono::milliseconds StaleLockTime {60000};

    explicit JwtRefreshLock(const QString &filePath, QObject *parent = nullptr);
    ~JwtRefreshLock() override;

    // The lock file for the token store named \a storeIdentity (JwtTokenStore::identity()): in
    // the user's runtime directory (the temporary directory when there is none), named from a
    // hash of the identity and the user, never from the identity itself.
    static QString filePathFor(const QString &storeIdentity);

    QString filePath() const;
    bool isHeld() const { return m_held; }
    bool isWaiting() const { return m_poll.isActive(); }
    // Who holds the lock, for diagnostics: "process 1234 (app) on host", or empty.
    QString holder() const;

    // Starts taking the lock; finished() follows once, always later (also when it is free).
    // Waits at most \a timeout. Calling it while held or waiting does nothing.
    void acquire(std::chrono::milliseconds timeout);
    // Releases the lock, or stops waiting for it (no finished() then).
    void release();

Q_SIGNALS:
    void finished(JwtRefreshLock::Outcome outcome);

private:
    void attempt();
    void finish(Outcome outcome);
    void renew();

    QLockFile m_file;
    QTimer m_poll;
    QTimer m_renew;
    QElapsedTimer m_waited;
    std::chrono::milliseconds m_timeout {0};
    bool m_held = false;
    Q_DISABLE_COPY_MOVE(JwtRefreshLock)
};

#endif // JWTREFRESHLOCK_P_H
