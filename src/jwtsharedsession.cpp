// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// JwtSharedSession: refreshes of a remembered session coordinated with the other processes
// that share its token store. The protocol is described in jwtsharedsession_p.h.

#include "jwtlogging_p.h"
#include "jwtsession_p.h"
#include "jwtsessionpersistence_p.h"
#include "jwtsharedsession_p.h"

#include <JwtSession/jwttokenstore.h>

#include <QtCore/qdatetime.h>
#include <QtCore/qfile.h>
#include <QtCore/qfilesystemwatcher.h>

//! \cond
JwtSharedSession::JwtSharedSession(JwtSession *session) : QObject(session), m_session(session)
{
    connect(session, &JwtSession::tokensChanged, this, &JwtSharedSession::update);
    connect(session, &JwtSession::rememberMeChanged, this, &JwtSharedSession::update);
    connect(session, &JwtSession::tokenStoreChanged, this, &JwtSharedSession::update);
}

JwtSharedSession::~JwtSharedSession() = default;

void JwtSharedSession::setEnabled(bool enabled)
{
    if (m_enabled == enabled)
        return;
    m_enabled = enabled;
    update();
    Q_EMIT m_session->crossProcessLockChanged(enabled);
}

void JwtSharedSession::setLockTimeout(std::chrono::milliseconds timeout)
{
    timeout = std::clamp(timeout, std::chrono::milliseconds(0), MaximumLockTimeout);
    if (m_lockTimeout == timeout)
        return;
    m_lockTimeout = timeout;
    Q_EMIT m_session->crossProcessLockTimeoutChanged(timeout);
}

bool JwtSharedSession::coordinates() const
{
    const JwtTokenStore *store = m_session->tokenStore();
    return m_enabled && store && m_session->rememberMe() && !store->identity().isEmpty();
}

bool JwtSharedSession::isSignedIn() const
{
    const std::shared_ptr<JwtSessionState> state = JwtSessionPrivate::stateOf(m_session);
    QMutexLocker locker(&state->mutex);
    return !state->refreshToken.isEmpty();
}

// The lock file of the store's entry, looked up once per identity (QStandardPaths checks the
// runtime directory, and warns when there is none, on every call).
QString JwtSharedSession::lockPath()
{
    const QString identity = m_session->tokenStore()->identity();
    if (identity != m_pathIdentity || m_lockPath.isEmpty()) {
        m_pathIdentity = identity;
        m_lockPath = JwtRefreshLock::filePathFor(identity);
    }
    return m_lockPath;
}

JwtRefreshLock *JwtSharedSession::lock()
{
    const QString path = lockPath();
    if (m_lock && m_lock->filePath() == path)
        return m_lock;
    delete m_lock; // another entry: its lock, if held, is released
    m_lock = new JwtRefreshLock(path, this);
    connect(m_lock, &JwtRefreshLock::finished, this, &JwtSharedSession::onLocked);
    return m_lock;
}

QString JwtSharedSession::markerPath()
{
    QString path = lockPath();
    path.chop(int(qstrlen(".lock")));
    return path + QStringLiteral(".signout");
}

void JwtSharedSession::run(JwtRefreshJob *job)
{
    if (m_outer || m_inner)
        abortRun(); // the session runs one refresh at a time; an older run is over
    const quint64 run = ++m_run;
    m_outer = job;
    m_adopted = false;
    m_reread = false;
    m_sent = job->refreshToken();
    connect(job, &JwtRefreshJob::canceled, this, [this, run] {
        if (run == m_run)
            abortRun();
    });
    JwtRefreshLock *refreshLock = lock();
    if (refreshLock->isHeld()) {
        // Still held until the store has written the outcome of the previous refresh: the
        // read below runs after that write.
        readStore(false);
        return;
    }
    qCDebug(lcJwtSession, "waiting for the refresh lock %s", qPrintable(refreshLock->filePath()));
    refreshLock->acquire(m_lockTimeout);
}

void JwtSharedSession::onLocked(JwtRefreshLock::Outcome outcome)
{
    if (!m_outer) {
        m_lock->release();
        return;
    }
    switch (outcome) {
    case JwtRefreshLock::Outcome::Acquired:
        readStore(false);
        return;
    case JwtRefreshLock::Outcome::Unavailable:
        // Nothing can be coordinated; the session is not held hostage to a lock file.
        qCWarning(lcJwtSession, "refreshing without the refresh lock");
        readStore(false);
        return;
    case JwtRefreshLock::Outcome::TimedOut:
        break;
    }
    JwtRefreshJob *job = std::exchange(m_outer, nullptr);
    job->fail(JwtRefreshJob::Result::Transient,
              JwtSession::tr("Another instance of the application is renewing the session and "
                             "did not finish within %n second(s).",
                             nullptr, int((m_lockTimeout.count() + 999) / 1000)));
}

void JwtSharedSession::readStore(bool afterRejection)
{
    const quint64 run = m_run;
    const QPointer<JwtSharedSession> self(this);
    JwtSessionPersistence::of(m_session)->reread(
            [self, run, afterRejection](bool ok, const QByteArray &stored) {
                if (self && self->m_run == run && self->m_outer)
                    self->onStoreRead(ok, stored, afterRejection);
            });
}

void JwtSharedSession::onStoreRead(bool ok, const QByteArray &stored, bool afterRejection)
{
    JwtSessionPersistence *persistence = JwtSessionPersistence::of(m_session);
    // Only a store that holds what this session wrote last tells anything: after a failed
    // write (persistence does not know what it holds) a different value may be an older one.
    const bool informative = ok && persistence->holdsEntry();
    if (informative && stored.isEmpty()) {
        qCInfo(lcJwtSession, "another instance signed out: signing out here too");
        JwtSessionPrivate::get(m_session)->signOutElsewhere(); // cancels the run
        return;
    }
    const bool newer = informative && stored != m_sent && !persistence->isOwnEntry(stored)
            && JwtSessionPrivate::get(m_session)->acceptsRefreshCredential(stored, "refresh");
    if (newer) {
        qCInfo(lcJwtSession, "another instance renewed the session; continuing with its %s",
               afterRejection ? "credential after a refused call" : "credential");
        adopt(stored);
        call(stored);
        return;
    }
    if (!afterRejection) {
        call(m_sent);
        return;
    }
    JwtRefreshJob *job = std::exchange(m_outer, nullptr);
    job->fail(JwtRefreshJob::Result::Rejected, m_rejection);
}

void JwtSharedSession::adopt(const QByteArray &credential)
{
    JwtSessionPrivate *d = JwtSessionPrivate::get(m_session);
    {
        QMutexLocker locker(&d->state->mutex);
        d->state->adoptRefreshTokenLocked(credential);
    }
    JwtSessionPersistence::of(m_session)->adopt(credential);
    if (d->refresher)
        d->refresher->adoptRefreshCredential(credential);
    m_adopted = true;
}

void JwtSharedSession::call(const QByteArray &credential)
{
    const quint64 run = m_run;
    m_sent = credential;
    auto *inner = new JwtRefreshJob(JwtRefreshJob::Kind::Refresh, this);
    inner->setRefreshToken(credential);
    m_inner = inner;
    connect(
            inner, &JwtRefreshJob::finished, this,
            [this, job = QPointer<JwtRefreshJob>(inner), run] {
                if (!job)
                    return;
                job->deleteLater();
                if (run == m_run && job == m_inner)
                    onCallFinished(job);
            },
            Qt::QueuedConnection);
    JwtSessionPrivate::get(m_session)->sendRefresh(inner);
}

void JwtSharedSession::onCallFinished(JwtRefreshJob *inner)
{
    m_inner = nullptr;
    if (!m_outer)
        return;
    if (inner->result() == JwtRefreshJob::Result::Rejected && !m_reread) {
        // Before giving the session up: did another instance store a newer credential while
        // this call was out (an instance without the lock, or one that took a stale lock)?
        m_reread = true;
        m_rejection = inner->errorString();
        readStore(true);
        return;
    }
    forward(inner);
}

void JwtSharedSession::forward(JwtRefreshJob *inner)
{
    JwtRefreshJob *job = m_outer;
    if (inner->result() != JwtRefreshJob::Result::Succeeded) {
        m_outer = nullptr;
        job->fail(inner->result(), inner->errorString(), inner->retryAfter());
        return;
    }
    job->setServerDate(inner->serverDate());
    if (!inner->userName().isEmpty())
        job->setUserName(inner->userName());
    QByteArray rotated = inner->rotatedRefreshToken();
    if (rotated.isEmpty() && m_adopted)
        rotated = m_sent; // not rotated: the adopted credential stays the session's
    // m_outer stays set: settle() releases the lock once the rotated credential is stored.
    job->succeed(inner->accessToken(), inner->expiresInSeconds(), rotated);
}

void JwtSharedSession::settle(JwtRefreshJob *job)
{
    if (job && job == m_outer)
        m_outer = nullptr;
    else if (m_outer || m_inner)
        return; // a run this job is no part of
    if (!m_lock || !m_lock->isHeld())
        return;
    // The lock goes once the store holds the outcome (a rotated credential, or none after an
    // expiry), so that the next process reads that, and not what this one just spent.
    const quint64 run = m_run;
    const QPointer<JwtSharedSession> self(this);
    JwtSessionPersistence::of(m_session)->whenWritten([self, run] {
        // A run started meanwhile holds the lock on.
        if (self && self->m_run == run && !self->m_outer && self->m_lock)
            self->m_lock->release();
    });
}

void JwtSharedSession::abortRun()
{
    ++m_run;
    m_outer = nullptr;
    if (JwtRefreshJob *inner = m_inner.data()) {
        m_inner = nullptr;
        inner->cancel();
        inner->deleteLater();
    }
    if (m_lock)
        m_lock->release();
}

void JwtSharedSession::announceSignOut()
{
    const QString path = markerPath();
    JwtSessionPersistence::of(m_session)->whenWritten([path] {
        // Rewritten in place (a watcher follows the file, not its name); no secret in it.
        QFile marker(path);
        if (marker.open(QIODevice::WriteOnly | QIODevice::Truncate))
            marker.write(QByteArray::number(QDateTime::currentMSecsSinceEpoch()) + '\n');
        else
            qCWarning(lcJwtSession, "cannot write the sign-out marker %s",
                      qPrintable(marker.fileName()));
    });
}

void JwtSharedSession::update()
{
    const bool watch = coordinates() && isSignedIn();
    const QString path = watch ? markerPath() : QString();
    if (m_watcher && m_watcher->files() == QStringList {path})
        return;
    delete std::exchange(m_watcher, nullptr);
    if (!watch)
        return;
    QFile marker(path);
    if (!marker.exists() && !marker.open(QIODevice::WriteOnly)) {
        qCWarning(lcJwtSession, "cannot create the sign-out marker %s",
                  qPrintable(marker.fileName()));
        return;
    }
    m_watcher = new QFileSystemWatcher(QStringList {path}, this);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &JwtSharedSession::onMarkerChanged);
}

// Another instance signed out, or the file was touched some other way: the store decides.
void JwtSharedSession::onMarkerChanged()
{
    if (m_watcher && m_watcher->files().isEmpty()) {
        const QString path = markerPath(); // replaced or deleted: follow the name again
        if (QFile::exists(path))
            m_watcher->addPath(path);
    }
    if (m_markerReadPending || !coordinates() || !isSignedIn())
        return;
    m_markerReadPending = true;
    const QPointer<JwtSharedSession> self(this);
    JwtSessionPersistence::of(m_session)->reread([self](bool ok, const QByteArray &stored) {
        if (!self)
            return;
        self->m_markerReadPending = false;
        if (ok && stored.isEmpty() && self->coordinates() && self->isSignedIn()
            && JwtSessionPersistence::of(self->m_session)->holdsEntry()) {
            qCInfo(lcJwtSession, "another instance signed out: signing out here too");
            JwtSessionPrivate::get(self->m_session)->signOutElsewhere();
        }
    });
}
//! \endcond

/*!
    \property JwtSession::crossProcessLock
    \brief Whether refreshes of a remembered session are coordinated with the other processes
    that share its token store; true by default.
*/
/*!
    \property JwtSession::crossProcessLockTimeout
    \brief How long a refresh waits for another process's refresh of the shared credential
    (default 10 s, at most 2 min); crossProcessLockTimeoutChanged() when it changes.
*/

/*! Whether refreshes of a remembered session are coordinated with other processes.
    \sa setCrossProcessLock() */
bool JwtSession::crossProcessLock() const
{
    return d->shared->isEnabled();
}

/*!
    Sets whether refreshes of a remembered session are coordinated with the other processes of
    the user that share its credential to \a enabled (on by default).

    Two instances of an application (or the application and its command-line tool) that both
    restore() the same credential would otherwise refresh with it at the same time; a server
    that rotates refresh tokens with reuse detection takes the second call for a stolen token
    and revokes the session of both. Coordination applies while rememberMe() is on and
    tokenStore() names an entry other processes reach (JwtTokenStore::identity(), as
    JwtKeychainStore does); then:

    \list
    \li A refresh first takes a lock file in the user's runtime directory named from a hash of
        the store's identity, without blocking the thread (at most crossProcessLockTimeout();
        a refresh that waited longer fails as FailureKind::Transient and is retried with the
        usual backoff). A lock left by a process that died is taken over at once on the same
        host, after a minute otherwise.
    \li Holding the lock, it reads the store again. A credential this session did not store
        was rotated by another instance: the session continues with it (the refresher is told
        through JwtRefresher::adoptRefreshCredential()) instead of sending its own, spent one.
        Access tokens are never stored, so each instance still makes its own call, one per
        rotation, never with the same credential twice.
    \li The rotated credential is stored before the lock is released.
    \li A refresh the server rejects (\c invalid_grant) reads the store once more: a newer
        credential there means this instance lost a race, not its session; it adopts it and
        tries once more, without sessionExpired().
    \li An empty store, where this session had stored its credential, means another instance
        signed out (or expired, or stopped remembering the user): this one signs out too
        (signedOut(), no logout call, no sessionExpired()).
        That is noticed at the next refresh, and at once when the other instance used
        signOut(): it rewrites a marker file next to the lock, which the others watch.
    \endlist

    Within a process nothing changes: one refresh at a time, as always. Turned off, the
    session refreshes as if it were the only instance.
*/
void JwtSession::setCrossProcessLock(bool enabled)
{
    d->shared->setEnabled(enabled);
}

/*! How long a refresh waits for another process's refresh (default 10 s).
    \sa setCrossProcessLockTimeout() */
std::chrono::milliseconds JwtSession::crossProcessLockTimeout() const
{
    return d->shared->lockTimeout();
}

/*!
    Sets how long a refresh waits for the lock another process holds to \a timeout, between
    0 (one try) and 2 minutes. The wait never blocks the thread; when it runs out, the refresh
    fails as FailureKind::Transient and waiting replies wait for the retry, or fail.
*/
void JwtSession::setCrossProcessLockTimeout(std::chrono::milliseconds timeout)
{
    d->shared->setLockTimeout(timeout);
}

/*!
    \fn void JwtSession::crossProcessLockChanged(bool enabled)
    Emitted when crossProcessLock() changes to \a enabled.
*/
/*!
    \fn void JwtSession::crossProcessLockTimeoutChanged(std::chrono::milliseconds timeout)
    Emitted when crossProcessLockTimeout() changes to \a timeout, once per change.
*/
