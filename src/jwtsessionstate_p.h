// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTSESSIONSTATE_P_H
#define JWTSESSIONSTATE_P_H

#include <JwtSession/jwtsession.h>

#include "jwtadmission_p.h"
#include "jwtclock_p.h"
#include "jwtorigin_p.h"

#include <QtCore/qmutex.h>
#include <QtCore/qobject.h>
#include <QtCore/qpointer.h>
#include <QtCore/qhash.h>

#include <functional>
#include <memory>

// The wake-up channel for waiting proxy replies. It lives in the session's thread; replies in
// any thread connect to released() (queued across threads) while holding the state's mutex, so
// no release can slip between their decision to wait and their connection.
//
// It belongs to the JwtSessionState: a reply in another thread may still disconnect from it
// after the session was deleted (it learns of that from a queued release), so it lives as long
// as anything that could hold a connection to it, and dies with the state. It is the session's
// child only while the session lives, so that it moves to another thread with it. From the
// session's destruction on it receives no events, so any thread may delete it.
class JwtSessionNotifier : public QObject
{
    Q_OBJECT
public:
    explicit JwtSessionNotifier(JwtSession *session) : QObject(session), m_session(session)
    {
        qRegisterMetaType<JwtRelease>(); // released() is queued to replies in other threads
    }

    // Asks for JwtSessionPrivate::startRefresh() on the session's thread, from any thread and
    // under the state's mutex. Posted ahead of other events: every waiting request depends on
    // it, and a burst of requests may have queued many events already.
    void requestRefresh(bool proactive);

Q_SIGNALS:
    void released(JwtRelease release, const QString &message);

protected:
    bool event(QEvent *event) override;

private:
    JwtSession *const m_session;
};

// What a proxy reply is told to do next.
struct JwtAdmission
{
    enum class Action {
        Send,
        Wait,
        FailExpired,
        FailTransient, // the token was refused, but the refresh is backing off: fail with message
        Deliver, // the refusal is the caller's answer: signed out, there is nothing to refresh
    };
    Action action = Action::Send;
    QByteArray authorization; // "Bearer <token>"; empty: send without Authorization
    QString message; // FailTransient: why, translated
    quint64 generation = 0;
    bool held = false; // waiting for a sign-in rather than for a refresh
};

// What the session says about the destination of a request: looked up once when the request is
// created, and again for each replay and redirect hop (the authorized set may change meanwhile).
struct JwtRoute
{
    JwtOrigin origin; // the URL's origin; invalid unless it is an absolute http(s) URL
    bool authorized = false; // the origin is authorized and the session still exists
    bool mayReceiveTokens = false; // authorized, and https, loopback or explicitly allowed
};

// The part of a JwtSession that proxy replies in any thread read and act on. Shared through a
// std::shared_ptr so that a reply never dereferences a deleted session: after the session is
// destroyed the state says so (session == nullptr) and the reply stops asking.
//
// The facts the admission decision reads are its base (JwtSessionFacts); like everything here
// they are guarded by mutex. Only the session's transitions (JwtSessionPrivate) and admit()
// write them.
class JwtSessionState : public JwtSessionFacts
{
public:
    using Reason = JwtAttemptReason;
    using Subscribe = std::function<void(JwtSessionNotifier *)>;

    // Asks decideAdmission() whether an attempt may leave now, and applies its outcome
    // atomically with respect to refreshes: when the answer is Wait, \a subscribe is called
    // under the lock with the notifier to connect to; a refresh the decision starts is posted
    // to the session's thread. Runs in any thread under the mutex: no allocation, one steady
    // clock read at most.
    JwtAdmission admit(Reason reason, quint64 attemptGeneration, const Subscribe &subscribe);

    // The transitions of the session's state. They are the only writers of `state`, the
    // tokens and the generation; call them with the mutex held. Observers learn of a change
    // when the session's thread publishes it (JwtSessionPrivate::publishChanges()), which every
    // caller on that thread does right after; a refresh begun by admit() in a manager's thread
    // is published when the session's thread starts it (JwtSessionPrivate::startRefresh()).
    // JwtSession::state() reports what was published, so it never runs ahead of stateChanged().
    //
    // Enters Refreshing; \a background: a proactive refresh of a token that still works.
    void beginRefreshingLocked(bool background);
    // Leaves Refreshing without new tokens: Active with credentials, SignedOut without.
    void endRefreshingLocked();
    // New tokens (sign-in, refresh, setTokens): Active, a new generation. An empty
    // \a newRefreshToken keeps the current one.
    void applyTokensLocked(const QByteArray &newAccessToken, const QByteArray &newRefreshToken,
                           qint64 newExpiresAtMSecs);
    // Another process rotated the refresh credential (JwtSharedSession): the session continues
    // with \a adopted; the access token, the state and the generation stay.
    void adoptRefreshTokenLocked(const QByteArray &adopted) { refreshToken = adopted; }
    // The one path that forgets the tokens (expiry, sign-out): enters \a into, a new
    // generation, no schedule. Returns the refresh credential it forgot.
    QByteArray clearTokensLocked(JwtSession::State into);
    // No proactive refresh, no hold: the lifetime is unknown or there is no token.
    void clearScheduleLocked() { refreshAtSteady = holdAtSteady = 0; }

    JwtRoute route(const QUrl &url) const;
    bool isAuthorized(const QUrl &url) const { return route(url).authorized; }
    bool isAuthFailureStatus(int status) const;
    JwtSession::AuthFailurePredicate authFailurePredicate() const;
    qint64 maxReplayBufferSize() const;
    std::chrono::milliseconds maxWaitTime() const;
    std::chrono::milliseconds holdTimeout() const;

    mutable QMutex mutex;
    // Everything below, and the facts, is guarded by mutex.
    JwtSession *session = nullptr; // null once the session is destroyed
    JwtSessionNotifier *notifier = nullptr; // null once the session is destroyed
    std::unique_ptr<JwtSessionNotifier> notifierOwner; // see JwtSessionNotifier
    qint64 expiresAtMSecs = 0; // wall-clock msecs since epoch, 0: unknown
    std::shared_ptr<const JwtClock> clock = std::make_shared<JwtClock>();
    QString lastFailure; // translated, for replies failed during the backoff
    // The authorized origins, each with whether a token may go there: https and loopback always,
    // other plain-http origins only with OriginOption::AllowInsecureHttp. Decided when the
    // origin is added, so that no request pays for the loopback check.
    QHash<JwtOrigin, bool> origins;
    QList<int> authFailureCodes {401};
    JwtSession::AuthFailurePredicate predicate;
    qint64 replayBufferSize = 4 * 1024 * 1024;
    std::chrono::milliseconds waitTime {60000};
    std::chrono::milliseconds holdTime {300000};

private:
    // Replaces the access token and the Authorization value built from it; \a token is valid
    // (JwtBearer::isValidToken()) or empty.
    void setAccessTokenLocked(const QByteArray &token);
};

#endif // JWTSESSIONSTATE_P_H
