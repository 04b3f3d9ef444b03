// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTSESSIONPERSISTENCE_P_H
#define JWTSESSIONPERSISTENCE_P_H

#include <JwtSession/jwttokenstore.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qobject.h>
#include <QtCore/qpointer.h>
#include <QtCore/qqueue.h>

#include <functional>

class JwtSession;

// "Remember me": keeps a JwtSession's refresh credential in its JwtTokenStore. A child of the
// session, which it follows through tokensChanged(). Lives and works in the session's thread.
class JwtSessionPersistence : public QObject
{
public:
    explicit JwtSessionPersistence(JwtSession *session);
    ~JwtSessionPersistence() override;

    static JwtSessionPersistence *of(JwtSession *session);
    static const JwtSessionPersistence *of(const JwtSession *session);

    JwtTokenStore *store() const { return m_store; }
    void setStore(JwtTokenStore *store);
    bool rememberMe() const { return m_rememberMe; }
    void setRememberMe(bool rememberMe);
    void restore();

    // For JwtSharedSession, which coordinates with other processes sharing the store.
    using Reread = std::function<void(bool ok, const QByteArray &credential)>;
    // Reads the store again; \a done gets what it holds now (ok false: the store failed or
    // went away), always later. Reads run after the writes asked for before.
    void reread(Reread done);
    // Runs \a done once every save and remove asked for so far has ended (at once when none).
    void whenWritten(std::function<void()> done);
    // Whether this session wrote (or restored) what the store held last, so that a different
    // value there now was written by someone else.
    bool holdsEntry() const { return m_entry == Entry::Stored; }
    bool isOwnEntry(const QByteArray &credential) const;
    // The store holds \a credential, written by another process: nothing to save again.
    void adopt(const QByteArray &credential);

private:
    enum class Entry {
        Unknown, // a previous run may have stored something
        Stored, // holds the credential whose hash is m_storedHash
        Removed,
    };

    void onTokensChanged();
    void onLoaded(const QByteArray &credential);
    void onError(JwtTokenStore::Error error);
    void onWritten();
    bool takeReread(Reread *done);
    void save(const QByteArray &credential);
    void forget();
    void finishRestore(bool success);

    JwtSession *const m_session;
    QPointer<JwtTokenStore> m_store;
    QList<QMetaObject::Connection> m_storeConnections;
    bool m_rememberMe = false;
    int m_pendingRestores = 0;
    Entry m_entry = Entry::Unknown;
    QByteArray m_storedHash; // SHA-256: no second copy of the secret just to compare
    // The loads this object asked for, in order: a restore (no function) or a reread.
    QQueue<Reread> m_loads;
    int m_pendingWrites = 0;
    QList<std::function<void()>> m_whenWritten;
    Q_DISABLE_COPY_MOVE(JwtSessionPersistence)
};

#endif // JWTSESSIONPERSISTENCE_P_H
