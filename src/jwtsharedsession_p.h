// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTSHAREDSESSION_P_H
#define JWTSHAREDSESSION_P_H

#include "jwtrefreshlock_p.h"

#include <QtCore/qbytearray.h>
#include <QtCore/qobject.h>
#include <QtCore/qpointer.h>

#include <chrono>

class JwtSession;
class JwtRefreshJob;
class QFileSystemWatcher;

// Several instances, one refresh: a remembered session whose token store other processes of
// the user share (JwtTokenStore::identity()) refreshes under a lock those processes share
// (JwtRefreshLock), held across re-read → refresh call → store write:
//
//  1. take the lock, waiting without blocking (at most lockTimeout(); then the refresh fails
//     as Transient and is retried with the session's backoff);
//  2. read the store again. Empty, while this session had stored its credential there: another
//     instance signed out, and so does this one (no sessionExpired). A credential this session
//     did not write: another instance rotated it; this one adopts it and sends that instead;
//  3. the refresh call;
//  4. rejected (invalid_grant, reuse): read the store once more before giving up. A credential
//     another instance stored meanwhile means this one lost a race, not its session: adopt it
//     and call once more;
//  5. the session applies the answer and saves the rotated credential; the lock is released
//     once the store has written it (settle()).
//
// Access tokens are never stored, so an instance that adopts a credential still makes its own
// call: one call per rotation, never the same credential twice. A sign-out is announced to the
// others by rewriting a marker file next to the lock after the store forgot the credential;
// they watch it (QFileSystemWatcher), read the store, and sign out when it is empty.
//
// A child of the session; lives and works in the session's thread.
class JwtSharedSession : public QObject
{
public:
    static constexpr std::chrono::milliseconds MaximumLockTimeout {120000};

    explicit JwtSharedSession(JwtSession *session);
    ~JwtSharedSession() override;

    bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled);
    std::chrono::milliseconds lockTimeout() const { return m_lockTimeout; }
    void setLockTimeout(std::chrono::milliseconds timeout);

    // Whether refreshes are coordinated now: enabled, remember me on, and a store that names
    // an entry other processes share.
    bool coordinates() const;
    // Runs the refresh call of the session's \a job as described above; the session learns the
    // outcome from the job, as from a refresher.
    void run(JwtRefreshJob *job);
    // The session is done with \a job (its answer applied or dropped): the lock goes once the
    // store wrote what the session asked it to.
    void settle(JwtRefreshJob *job);
    // This session signed out: once the store forgot the credential, tell the others.
    void announceSignOut();
    // Starts or stops watching for other instances' sign-out, after a change of the tokens or
    // the settings.
    void update();

private:
    void onLocked(JwtRefreshLock::Outcome outcome);
    void readStore(bool afterRejection);
    void onStoreRead(bool ok, const QByteArray &stored, bool afterRejection);
    void adopt(const QByteArray &credential);
    void call(const QByteArray &credential);
    void onCallFinished(JwtRefreshJob *inner);
    void forward(JwtRefreshJob *inner);
    void abortRun();
    void onMarkerChanged();
    JwtRefreshLock *lock();
    QString lockPath();
    QString markerPath();
    bool isSignedIn() const;

    JwtSession *const m_session;
    bool m_enabled = true;
    std::chrono::milliseconds m_lockTimeout {10000};
    JwtRefreshLock *m_lock = nullptr; // a child; for the lock file of the store's entry
    QString m_pathIdentity; // the store identity m_lockPath was made for
    QString m_lockPath;
    quint64 m_run = 0; // counts runs: answers for an earlier one are dropped
    QPointer<JwtRefreshJob> m_outer; // the session's job
    QPointer<JwtRefreshJob> m_inner; // the refresher's job for the call in flight
    QByteArray m_sent; // the credential of the last call
    bool m_adopted = false; // the run continues with a credential another process stored
    bool m_reread = false; // the run read the store again after a rejection
    QString m_rejection; // the rejection's message, if the store has nothing newer
    QFileSystemWatcher *m_watcher = nullptr;
    bool m_markerReadPending = false;
    Q_DISABLE_COPY_MOVE(JwtSharedSession)
};

#endif // JWTSHAREDSESSION_P_H
