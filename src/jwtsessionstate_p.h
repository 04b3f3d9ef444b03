// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTSESSIONSTATE_P_H
#define JWTSESSIONSTATE_P_H

#include <JwtSession/jwtsession.h>

#include "jwtorigin_p.h"

#include <QtCore/qmutex.h>
#include <QtCore/qobject.h>
#include <QtCore/qpointer.h>
#include <QtCore/qset.h>

#include <functional>
#include <memory>

// Why a waiting reply is woken up. Carried by JwtSessionNotifier::released().
enum class JwtRelease : int {
    Refreshed, // a refresh succeeded: newer token available
    SignedIn, // new tokens were set (sign-in, setTokens)
    RefreshFailed, // transient or malformed failure: waiting replies fail, the user stays signed in
    Expired, // the refresh credential was rejected
    SignedOut, // signOut(): waiting and held replies fail
    HoldCanceled, // cancelHeldRequests(): held replies fail
    SessionDeleted, // the JwtSession object is gone
};

// The wake-up channel for waiting proxy replies. It lives in the session's thread; replies in
// any thread connect to released() (queued across threads) while holding the state's mutex, so
// no release can slip between their decision to wait and their connection.
class JwtSessionNotifier : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
Q_SIGNALS:
    void released(int release, const QString &message);
};

// What a proxy reply is told to do next.
struct JwtAdmission
{
    enum class Action { Send, Wait, FailExpired };
    Action action = Action::Send;
    QByteArray token; // empty: send without Authorization
    quint64 generation = 0;
    bool held = false; // waiting for a sign-in rather than for a refresh
};

// The part of a JwtSession that proxy replies in any thread read and act on. Shared through a
// std::shared_ptr so that a reply never dereferences a deleted session: after the session is
// destroyed the state says so (session == nullptr) and the reply stops asking.
class JwtSessionState
{
public:
    enum class Reason {
        FirstAttempt, // about to send an attempt that did not fail authorization yet
        AuthFailed, // the attempt carrying the given generation was refused
    };

    using Subscribe = std::function<void(JwtSessionNotifier *)>;

    // Decides, atomically with respect to refreshes, whether an attempt may leave now. When the
    // answer is Wait, \a subscribe is called under the lock with the notifier to connect to; a
    // refresh is started when one is needed and none is running.
    JwtAdmission admit(Reason reason, quint64 attemptGeneration, const Subscribe &subscribe);

    bool isAuthorized(const QUrl &url) const;
    JwtOrigin authorizedOriginFor(const QUrl &url) const;
    bool isAuthFailureStatus(int status) const;
    JwtSession::AuthFailurePredicate authFailurePredicate() const;
    qint64 maxReplayBufferSize() const;
    std::chrono::milliseconds maxWaitTime() const;
    std::chrono::milliseconds holdTimeout() const;
    bool isAlive() const;

    mutable QMutex mutex;
    // Everything below is guarded by mutex.
    JwtSession *session = nullptr; // null once the session is destroyed
    JwtSessionNotifier *notifier = nullptr;
    JwtSession::State state = JwtSession::State::SignedOut;
    QByteArray accessToken;
    QByteArray refreshToken;
    quint64 generation = 0;
    qint64 expiresAtMSecs = 0; // wall-clock msecs since epoch, 0: unknown
    QSet<JwtOrigin> origins;
    QList<int> authFailureCodes {401};
    JwtSession::AuthFailurePredicate predicate;
    qint64 replayBufferSize = 4 * 1024 * 1024;
    std::chrono::milliseconds waitTime {60000};
    std::chrono::milliseconds holdTime {300000};
    JwtSession::ExpiryPolicy expiryPolicy = JwtSession::ExpiryPolicy::FailWaiting;

private:
    void requestRefreshLocked();
};

#endif // JWTSESSIONSTATE_P_H
