// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// JwtSession's "remember me" API and the private class behind it. They live apart from
// jwtsession.cpp because persistence only observes the session: it follows tokensChanged(),
// which the session emits before any waiting reply is replayed, and restores through setTokens().

#include <JwtSession/jwtsession.h>

#include "jwtlogging_p.h"
#include "jwtsession_p.h"
#include "jwtsessionpersistence_p.h"

#include <QtCore/qcryptographichash.h>

// The API reference skips the private class: its declaration (a _p.h header) is not part of it.
//! \cond
namespace {

QByteArray hashOf(const QByteArray &credential)
{
    return QCryptographicHash::hash(credential, QCryptographicHash::Sha256);
}

} // namespace

JwtSessionPersistence::JwtSessionPersistence(JwtSession *session)
    : QObject(session), m_session(session)
{
    connect(session, &JwtSession::tokensChanged, this, &JwtSessionPersistence::onTokensChanged);
}

JwtSessionPersistence::~JwtSessionPersistence() = default;

JwtSessionPersistence *JwtSessionPersistence::of(JwtSession *session)
{
    return JwtSessionPrivate::get(session)->persistence;
}

// For the getters: the persistence of a const session is read, never changed.
const JwtSessionPersistence *JwtSessionPersistence::of(const JwtSession *session)
{
    return of(const_cast<JwtSession *>(session));
}

void JwtSessionPersistence::setStore(JwtTokenStore *store)
{
    if (m_store == store)
        return;
    for (const QMetaObject::Connection &connection : std::as_const(m_storeConnections))
        disconnect(connection);
    m_storeConnections.clear();
    m_store = store;
    m_entry = Entry::Unknown;
    m_storedHash.clear();
    if (m_pendingRestores > 0)
        qCWarning(lcJwtStore, "setTokenStore: a restore() in progress was abandoned");
    for (; m_pendingRestores > 0; --m_pendingRestores)
        finishRestore(false);
    const QQueue<Reread> abandoned = std::exchange(m_loads, {});
    for (const Reread &done : abandoned) {
        if (done)
            done(false, {});
    }
    m_pendingWrites = 0;
    onWritten();
    if (store) {
        m_storeConnections = {
                connect(store, &JwtTokenStore::loaded, this, &JwtSessionPersistence::onLoaded),
                connect(store, &JwtTokenStore::errorOccurred, this,
                        [this](JwtTokenStore::Error error) { onError(error); }),
                connect(store, &JwtTokenStore::saved, this, &JwtSessionPersistence::onWritten),
                connect(store, &JwtTokenStore::removed, this, &JwtSessionPersistence::onWritten),
                // Deleted with writes pending: nothing will be written any more.
                connect(store, &QObject::destroyed, this,
                        [this] {
                            m_pendingWrites = 0;
                            onWritten();
                        }),
        };
    }
    Q_EMIT m_session->tokenStoreChanged(store);
}

void JwtSessionPersistence::setRememberMe(bool rememberMe)
{
    if (m_rememberMe == rememberMe)
        return;
    m_rememberMe = rememberMe;
    if (m_store) {
        const QByteArray credential = m_session->refreshToken();
        if (!rememberMe)
            forget();
        else if (!credential.isEmpty())
            save(credential);
    }
    Q_EMIT m_session->rememberMeChanged(rememberMe);
}

void JwtSessionPersistence::restore()
{
    if (!m_store) {
        qCWarning(lcJwtStore, "restore: no token store is set");
        // Asynchronous like every other outcome, so callers connect after calling if they like.
        QMetaObject::invokeMethod(
                this, [this] { Q_EMIT m_session->restored(false); }, Qt::QueuedConnection);
        return;
    }
    ++m_pendingRestores;
    m_loads.enqueue(Reread());
    m_store->load();
}

void JwtSessionPersistence::reread(Reread done)
{
    if (!m_store) {
        QMetaObject::invokeMethod(
                this, [done = std::move(done)] { done(false, {}); }, Qt::QueuedConnection);
        return;
    }
    m_loads.append(std::move(done));
    m_store->load();
}

void JwtSessionPersistence::whenWritten(std::function<void()> done)
{
    if (m_pendingWrites == 0 || !m_store) {
        done();
        return;
    }
    m_whenWritten.append(std::move(done));
}

bool JwtSessionPersistence::isOwnEntry(const QByteArray &credential) const
{
    return m_entry == Entry::Stored && m_storedHash == hashOf(credential);
}

void JwtSessionPersistence::adopt(const QByteArray &credential)
{
    m_entry = credential.isEmpty() ? Entry::Removed : Entry::Stored;
    m_storedHash = credential.isEmpty() ? QByteArray() : hashOf(credential);
}

// One of the saves or removes this object asked for ended (a store runs them in order; one
// asked for by someone else may be counted instead, which only moves the moment earlier).
void JwtSessionPersistence::onWritten()
{
    m_pendingWrites = std::max(m_pendingWrites - 1, 0);
    if (m_pendingWrites > 0)
        return;
    const QList<std::function<void()>> waiting = std::exchange(m_whenWritten, {});
    for (const std::function<void()> &done : waiting)
        done();
}

// Takes the oldest load this object asked for: false when it asked for none (someone else's
// load). \a done is empty for a restore.
bool JwtSessionPersistence::takeReread(Reread *done)
{
    if (m_loads.isEmpty())
        return false;
    *done = m_loads.dequeue();
    return true;
}

void JwtSessionPersistence::onTokensChanged()
{
    if (!m_store)
        return;
    const QByteArray credential = m_session->refreshToken();
    if (credential.isEmpty()) {
        forget(); // signed out or expired: a stored credential is worthless or unwanted
        return;
    }
    if (!m_rememberMe) {
        if (m_entry != Entry::Removed)
            forget(); // an entry of an earlier run the user no longer wants remembered
        return;
    }
    if (m_entry != Entry::Stored || m_storedHash != hashOf(credential))
        save(credential); // a sign-in or a rotation
}

void JwtSessionPersistence::onLoaded(const QByteArray &credential)
{
    Reread reread;
    if (!takeReread(&reread))
        return; // someone else's load()
    if (reread) {
        reread(true, credential);
        return;
    }
    if (m_pendingRestores == 0)
        return;
    --m_pendingRestores;
    if (credential.isEmpty()) {
        m_entry = Entry::Removed;
        finishRestore(false);
        return;
    }
    if (m_session->isSignedIn()) {
        // Signed in meanwhile: the live session wins over what an earlier run stored.
        finishRestore(m_session->refreshToken() == credential);
        return;
    }
    // Checked before anything changes: a credential that cannot be sent leaves the session,
    // "remember me" and the entry as they were.
    if (!JwtSessionPrivate::get(m_session)->acceptsRefreshCredential(credential, "restore")) {
        finishRestore(false);
        return;
    }
    m_entry = Entry::Stored;
    m_storedHash = hashOf(credential);
    setRememberMe(true); // it was stored because the user asked to be remembered
    // No access token yet: the first request refreshes with the restored credential.
    finishRestore(m_session->setTokens({}, credential));
}

void JwtSessionPersistence::onError(JwtTokenStore::Error error)
{
    qCWarning(lcJwtStore, "the token store failed (error %d)", int(error));
    const JwtTokenStore::Operation operation =
            m_store ? m_store->operation() : JwtTokenStore::Operation::None;
    const bool loadFailed = operation == JwtTokenStore::Operation::Load;
    Reread reread;
    const bool ours = loadFailed && takeReread(&reread);
    if (reread) {
        reread(false, {}); // a failed read changes nothing of what was written
        return;
    }
    // What the store holds is unknown now; the next change writes or removes again.
    m_entry = Entry::Unknown;
    m_storedHash.clear();
    if (operation == JwtTokenStore::Operation::Save
        || operation == JwtTokenStore::Operation::Remove)
        onWritten();
    if (ours && m_pendingRestores > 0) {
        --m_pendingRestores;
        finishRestore(false);
    }
}

void JwtSessionPersistence::save(const QByteArray &credential)
{
    m_entry = Entry::Stored;
    m_storedHash = hashOf(credential);
    ++m_pendingWrites;
    m_store->save(credential);
}

void JwtSessionPersistence::forget()
{
    m_entry = Entry::Removed;
    m_storedHash.clear();
    ++m_pendingWrites;
    m_store->remove();
}

void JwtSessionPersistence::finishRestore(bool success)
{
    Q_EMIT m_session->restored(success);
}
//! \endcond

/*!
    \property JwtSession::tokenStore
    \brief Where the refresh credential is kept between runs; not owned. None by default.
*/
/*!
    \property JwtSession::rememberMe
    \brief Whether the refresh credential is kept in tokenStore(); false by default. Turning it
    off removes the stored entry.
*/

/*! Where the refresh credential is kept between runs, or nullptr. Not owned. */
JwtTokenStore *JwtSession::tokenStore() const
{
    return JwtSessionPersistence::of(this)->store();
}

/*!
    Keeps the refresh credential in \a store (not owned; nullptr: nowhere). Setting a store
    neither reads nor writes it: call restore() to read it; it is written on the next token change
    while rememberMe() is on.
*/
void JwtSession::setTokenStore(JwtTokenStore *store)
{
    JwtSessionPersistence::of(this)->setStore(store);
}

/*! Whether the refresh credential is kept in tokenStore(). \sa setRememberMe() */
bool JwtSession::rememberMe() const
{
    return JwtSessionPersistence::of(this)->rememberMe();
}

/*!
    Sets whether the user is remembered to \a rememberMe. While on, every tokensChanged() with a
    refresh credential saves it to tokenStore() (a sign-in, a rotation), before waiting replies
    are replayed. While off, nothing is saved and the entry is removed: when the option is turned
    off, and at the first token change. Sign-out and expiry always remove the entry. Access
    tokens are never stored.
*/
void JwtSession::setRememberMe(bool rememberMe)
{
    JwtSessionPersistence::of(this)->setRememberMe(rememberMe);
}

/*!
    Reads the refresh credential from tokenStore() and, when there is one and nobody signed in
    meanwhile, signs in with it and turns rememberMe() on. No request is made now: the first
    request to an authorized origin refreshes the access token with it. Emits restored() once
    per call, always later.
*/
void JwtSession::restore()
{
    JwtSessionPersistence::of(this)->restore();
}

/*!
    \fn void JwtSession::restored(bool success)
    Emitted once per restore() call: \a success is true when the session was signed in with a
    stored credential, false when nothing was stored, the stored credential cannot be sent
    safely (as for setTokens()), the store failed (see JwtTokenStore::errorOccurred()) or there
    is no store.
*/
/*!
    \fn void JwtSession::rememberMeChanged(bool rememberMe)
    Emitted when rememberMe() changes, also when restore() turns it on.
*/
/*!
    \fn void JwtSession::tokenStoreChanged(JwtTokenStore *store)
    Emitted when tokenStore() changes.
*/
