// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTSESSIONPERSISTENCE_P_H
#define JWTSESSIONPERSISTENCE_P_H

#include <JwtSession/jwttokenstore.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qobject.h>
#include <QtCore/qpointer.h>

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

private:
    enum class Entry {
        Unknown, // a previous run may have stored something
        Stored, // holds the credential whose hash is m_storedHash
        Removed,
    };

    void onTokensChanged();
    void onLoaded(const QByteArray &credential);
    void onError(JwtTokenStore::Error error);
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
    Q_DISABLE_COPY_MOVE(JwtSessionPersistence)
};

#endif // JWTSESSIONPERSISTENCE_P_H
