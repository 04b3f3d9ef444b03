// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// JwtRefreshLock: a QLockFile taken in steps driven by a timer, so that a refresh waiting for
// another process never freezes the event loop of the thread it runs in.

#include "jwtlogging_p.h"
#include "jwtrefreshlock_p.h"

#include <QtCore/qcryptographichash.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qdir.h>
#include <QtCore/qfile.h>
#include <QtCore/qstandardpaths.h>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

//! \cond
JwtRefreshLock::JwtRefreshLock(const QString &filePath, QObject *parent)
    : QObject(parent), m_file(filePath)
{
    // Children too, so that they follow the lock into another thread.
    m_poll.setParent(this);
    m_renew.setParent(this);
    // Age only decides for a holder QLockFile cannot check (another host, another boot): a live
    // holder renews the file long before.
    m_file.setStaleLockTime(StaleLockTime);
    m_poll.setInterval(PollInterval);
    connect(&m_poll, &QTimer::timeout, this, &JwtRefreshLock::attempt);
    m_renew.setInterval(StaleLockTime / 3);
    connect(&m_renew, &QTimer::timeout, this, &JwtRefreshLock::renew);
}

JwtRefreshLock::~JwtRefreshLock()
{
    release();
}

QString JwtRefreshLock::filePathFor(const QString &storeIdentity)
{
    QString directory = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (directory.isEmpty())
        directory = QStandardPaths::writableLocation(QStandardPaths::TempLocation);
    QByteArray key = storeIdentity.toUtf8();
#ifdef Q_OS_UNIX
    // The temporary directory is shared by all users: one user's lock never blocks another's.
    key += '\n' + QByteArray::number(qulonglong(::getuid()));
#endif
    const QByteArray hash =
            QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(32);
    return QDir(directory).filePath(
            QStringLiteral("jwtsession-%1.lock").arg(QString::fromLatin1(hash)));
}

QString JwtRefreshLock::filePath() const
{
    return m_file.fileName();
}

QString JwtRefreshLock::holder() const
{
    qint64 pid = 0;
    QString host;
    QString application;
    if (!m_file.getLockInfo(&pid, &host, &application))
        return {};
    return QStringLiteral("process %1 (%2) on %3").arg(pid).arg(application, host);
}

void JwtRefreshLock::acquire(std::chrono::milliseconds timeout)
{
    if (m_held || m_poll.isActive())
        return;
    m_timeout = std::max(timeout, std::chrono::milliseconds(0));
    m_waited.start();
    // The first try too runs from the event loop: finished() never comes from inside acquire().
    m_poll.start(0);
}

void JwtRefreshLock::release()
{
    m_poll.stop();
    m_renew.stop();
    if (std::exchange(m_held, false))
        m_file.unlock();
}

void JwtRefreshLock::attempt()
{
    m_poll.setInterval(PollInterval);
    // One try, no waiting: QLockFile removes a stale file (dead holder) and tries again itself.
    if (m_file.tryLock(0)) {
        m_held = true;
        m_renew.start();
        finish(Outcome::Acquired);
        return;
    }
    if (m_file.error() != QLockFile::LockFailedError) {
        qCWarning(lcJwtSession, "cannot create the refresh lock file %s (error %d)",
                  qPrintable(QDir::toNativeSeparators(m_file.fileName())), int(m_file.error()));
        finish(Outcome::Unavailable);
        return;
    }
    if (m_waited.elapsed() >= m_timeout.count()) {
        qCWarning(lcJwtSession, "the refresh lock is still held by %s after %lld ms",
                  qPrintable(holder()), static_cast<long long>(m_waited.elapsed()));
        finish(Outcome::TimedOut);
    }
}

void JwtRefreshLock::finish(Outcome outcome)
{
    m_poll.stop();
    Q_EMIT finished(outcome);
}

// A holder renews the file's time so that an age-based stale check never takes a live lock.
void JwtRefreshLock::renew()
{
    QFile file(m_file.fileName());
    if (file.open(QIODevice::ReadOnly))
        file.setFileTime(QDateTime::currentDateTimeUtc(), QFileDevice::FileModificationTime);
}
//! \endcond
