// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwtkeychainstore.h>

#include "jwtlogging_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qmetaobject.h>

#include <qt6keychain/keychain.h>

/*!
    \class JwtKeychainStore
    \brief A token store in the operating system's keychain, through QtKeychain.

    The refresh credential is kept as one entry of the platform's credential storage: the Secret
    Service (GNOME Keyring, KWallet) on Linux, the Keychain on macOS, the Credential Manager on
    Windows. The entry is named by serviceName() and key(). QtKeychain's insecure fallback to
    QSettings is never used: when the keychain cannot be used, operations fail with
    errorOccurred() and nothing is written anywhere else.

    QtKeychain 0.13 cannot tell beforehand whether a keychain service is running; without one,
    every operation fails with JwtTokenStore::Error::Unavailable and a message that says so.

    Built only when JwtSession is configured with \c JWTSESSION_WITH_KEYCHAIN (the default);
    \c JWTSESSION_HAS_KEYCHAIN is then defined for code linking JwtSession in the same build.
*/

/*! \property JwtKeychainStore::serviceName
    \brief the keychain service the entry belongs to; the application name by default */
/*! \property JwtKeychainStore::key
    \brief the entry's key (account) within the service, for example the user; "default" by
    default */

struct JwtKeychainStore::Private
{
    QString serviceName; // empty: the application name, read when an operation starts
    QString key = QStringLiteral("default");
};

namespace {

JwtTokenStore::Error toStoreError(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return JwtTokenStore::Error::AccessDenied;
    // QtKeychain 0.13 reports a missing Secret Service daemon as OtherError.
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        return JwtTokenStore::Error::Unavailable;
    case QKeychain::NoError:
    case QKeychain::EntryNotFound:
    case QKeychain::CouldNotDeleteEntry:
        break;
    }
    return JwtTokenStore::Error::Failed;
}

QString reasonFor(JwtTokenStore::Error error)
{
    switch (error) {
    case JwtTokenStore::Error::Unavailable:
        return JwtKeychainStore::tr("The system keychain is not available. On Linux, a Secret "
                                    "Service such as GNOME Keyring or KWallet must be running and "
                                    "unlocked.");
    case JwtTokenStore::Error::AccessDenied:
        return JwtKeychainStore::tr("Access to the system keychain was denied.");
    case JwtTokenStore::Error::NoError:
    case JwtTokenStore::Error::Failed:
        break;
    }
    return JwtKeychainStore::tr("The system keychain reported an error.");
}

QString actionFor(JwtTokenStore::Operation operation)
{
    switch (operation) {
    case JwtTokenStore::Operation::Load:
        return JwtKeychainStore::tr("The saved sign-in could not be read.");
    case JwtTokenStore::Operation::Save:
        return JwtKeychainStore::tr("The sign-in could not be saved.");
    case JwtTokenStore::Operation::Remove:
        return JwtKeychainStore::tr("The saved sign-in could not be removed.");
    case JwtTokenStore::Operation::None:
        break;
    }
    return {};
}

// The job has no parent and deletes itself once finished: QtKeychain's backends call back into
// jobs they started, so a job must never be deleted while it runs. The connections made with the
// store as context drop its result when the store is gone first.
template<typename Job>
Job *newJob(const QString &service, const QString &key)
{
    auto *job = new Job(service);
    job->setKey(key);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never the plain-text QSettings fallback
    return job;
}

// A translated message for the user, without the credential (QtKeychain's own error strings
// describe the backend's failure, never the secret).
QString errorMessage(JwtTokenStore::Operation operation, const QKeychain::Job *job)
{
    const JwtTokenStore::Error error = toStoreError(job->error());
    qCWarning(lcJwtStore, "JwtKeychainStore: %s failed with QtKeychain error %d: %s",
              QMetaEnum::fromType<JwtTokenStore::Operation>().valueToKey(int(operation)),
              int(job->error()), qUtf8Printable(job->errorString()));
    QString message = actionFor(operation) + QLatin1Char(' ') + reasonFor(error);
    if (!job->errorString().isEmpty())
        message += QLatin1Char(' ') + JwtKeychainStore::tr("Details: %1").arg(job->errorString());
    return message;
}

} // namespace

/*! Creates a store for the entry "default" of the application's service. */
JwtKeychainStore::JwtKeychainStore(QObject *parent)
    : JwtTokenStore(parent), d(std::make_unique<Private>())
{ }

/*! Destroys the store; results of jobs still running are dropped. The entry stays. */
JwtKeychainStore::~JwtKeychainStore() = default;

/*! Returns the service name: the one set, else QCoreApplication::applicationName(). */
QString JwtKeychainStore::serviceName() const
{
    return d->serviceName.isEmpty() ? QCoreApplication::applicationName() : d->serviceName;
}

/*! Sets the service name to \a serviceName; empty goes back to the application name. */
void JwtKeychainStore::setServiceName(const QString &serviceName)
{
    if (d->serviceName == serviceName)
        return;
    d->serviceName = serviceName;
    Q_EMIT serviceNameChanged(this->serviceName());
}

/*! Returns the entry's key. */
QString JwtKeychainStore::key() const
{
    return d->key;
}

/*!
    \reimp
    The service name and the key: every process of the user that uses the same entry of the
    keychain shares the remembered credential with this one.
*/
QString JwtKeychainStore::identity() const
{
    return QStringLiteral("keychain\n%1\n%2").arg(serviceName(), d->key);
}

/*! Sets the entry's key to \a key, for example the user name to remember several users. */
void JwtKeychainStore::setKey(const QString &key)
{
    if (d->key == key)
        return;
    d->key = key;
    Q_EMIT keyChanged(key);
}

/*! \reimp */
void JwtKeychainStore::loadCredential()
{
    auto *job = newJob<QKeychain::ReadPasswordJob>(serviceName(), d->key);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() == QKeychain::NoError)
            completeLoad(job->binaryData());
        else if (job->error() == QKeychain::EntryNotFound)
            completeLoad({}); // nothing remembered: not an error
        else
            completeWithError(toStoreError(job->error()), errorMessage(operation(), job));
    });
    job->start();
}

/*! \reimp */
void JwtKeychainStore::saveCredential(const QByteArray &credential)
{
    auto *job = newJob<QKeychain::WritePasswordJob>(serviceName(), d->key);
    job->setBinaryData(credential);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() == QKeychain::NoError)
            completeSave();
        else
            completeWithError(toStoreError(job->error()), errorMessage(operation(), job));
    });
    job->start();
}

/*! \reimp */
void JwtKeychainStore::removeCredential()
{
    auto *job = newJob<QKeychain::DeletePasswordJob>(serviceName(), d->key);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound)
            completeRemove(); // nothing to remove is what remove() wants
        else
            completeWithError(toStoreError(job->error()), errorMessage(operation(), job));
    });
    job->start();
}

/*!
    \fn void JwtKeychainStore::serviceNameChanged(const QString &serviceName)
    Emitted when serviceName() changes.
*/
/*!
    \fn void JwtKeychainStore::keyChanged(const QString &key)
    Emitted when key() changes.
*/
