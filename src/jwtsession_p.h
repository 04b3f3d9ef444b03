// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTSESSION_P_H
#define JWTSESSION_P_H

#include <JwtSession/jwtrefresher.h>
#include <JwtSession/jwtrefreshjob.h>
#include <JwtSession/jwtsession.h>

#include "jwtautotestexport_p.h"
#include "jwtclock_p.h"
#include "jwtsessionstate_p.h"

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qpointer.h>
#include <QtCore/qtimer.h>

#include <atomic>
#include <memory>

class JwtSessionPersistence;
class JwtSharedSession;

class JwtSessionPrivate
{
public:
    explicit JwtSessionPrivate(JwtSession *q);

    static JwtSessionPrivate *get(JwtSession *session) { return session->d.get(); }
    static std::shared_ptr<JwtSessionState> stateOf(JwtSession *session)
    {
        return session->d->state;
    }

    // Test hooks (exported for the auto tests only): the clock the session schedules with, and
    // how often it compares wall and steady time to notice clock changes and sleep.
    JWTSESSION_AUTOTEST_EXPORT static void setClock(JwtSession *session,
                                                    std::shared_ptr<const JwtClock> clock);
    JWTSESSION_AUTOTEST_EXPORT static void setClockCheckInterval(
            JwtSession *session, std::chrono::milliseconds interval);

    void startRefresh(bool proactive = false);
    void sendRefresh(JwtRefreshJob *job);
    void signOutElsewhere();
    void onRefreshFinished(JwtRefreshJob *job);
    void onSignInFinished(JwtRefreshJob *job);
    bool cancelSignIn();
    void onRefreshDeadline();
    bool resumeOverdueCall();
    void onRetryTimer();
    void onScheduleTimer();

    struct NewTokens
    {
        QByteArray accessToken;
        QByteArray refreshToken; // empty: keep the current one
        qint64 expiresInSeconds = -1;
        QString userName;
        QDateTime serverDate; // the token response's Date header, for clock skew
    };
    void applyTokens(const NewTokens &tokens);
    bool acceptsRefreshCredential(const QByteArray &credential, const char *caller) const;
    qint64 lifetimeMSecs(const NewTokens &tokens, const JwtToken &decoded, qint64 wallNow) const;
    QByteArray clearTokens(JwtSession::State into);
    void expire(const QString &message);
    void failTransiently(JwtSession::FailureKind kind, const QString &message,
                         std::chrono::seconds retryAfter = std::chrono::seconds(0));
    std::chrono::milliseconds backoffDelay(int failures, std::chrono::seconds retryAfter) const;
    void resetBackoff();
    void setSigningIn(bool signingIn);
    bool canRefresh() const;
    void updateRefreshAtLocked();
    void checkClock();
    void reschedule();
    void cancelRefreshJob();
    const JwtClock &clock() const { return *state->clock; }
    // Sets a setting that replies read under the state's lock; returns whether it changed.
    template<typename T>
    bool changeSetting(T JwtSessionState::*setting, const T &value)
    {
        QMutexLocker lock(&state->mutex);
        if (state.get()->*setting == value)
            return false;
        state.get()->*setting = value;
        return true;
    }
    void release(JwtRelease release, const QString &message = {});
    void publishChanges();

    JwtSession *const q;
    const std::shared_ptr<JwtSessionState> state = std::make_shared<JwtSessionState>();
    QPointer<JwtRefresher> refresher;
    // The refresh call in flight. It stays here past its deadline ("overdue") until it ends:
    // its answer may rotate the refresh credential, so no other call may use the credential
    // meanwhile (a server with reuse detection would revoke the session).
    JwtRefreshJob *refreshJob = nullptr;
    bool refreshOverdue = false;
    QElapsedTimer refreshCallAge;
    quint64 refreshStartGeneration = 0;
    JwtRefreshJob *signInJob = nullptr;
    QTimer refreshDeadline;
    std::chrono::milliseconds refreshTimeout {30000};

    // Transient failures: capped exponential backoff with jitter, a bounded number of attempts.
    QTimer retryTimer;
    int maxRefreshAttempts = 3;
    int attemptsInRound = 0; // failed attempts of the current round
    int consecutiveFailures = 0; // since the last success, across rounds: the backoff step
    bool refreshIsProactive = false;
    bool proactivePaused = false; // a round gave up: only a request restarts the refresh

    // Proactive refresh, scheduled on the steady clock (all in the clock's milliseconds).
    QTimer scheduleTimer;
    std::chrono::milliseconds leeway {30000};
    std::chrono::milliseconds clockCheckInterval {10000};
    qint64 lifetime = 0; // of the current access token; 0: unknown
    qint64 expiresAtSteady = 0; // 0: unknown
    qint64 clockOffset = 0; // wall - steady when the schedule was last based
    bool expiryReported = false;
    JwtSessionPersistence *persistence = nullptr; // a child of the session: "remember me"
    JwtSharedSession *shared = nullptr; // a child of the session: other instances
    QString userName;

    // What observers were last told; publishChanges() emits the differences.
    // Written on the session's thread only; read by state() from any thread.
    std::atomic<JwtSession::State> publishedState {JwtSession::State::SignedOut};
    bool publishedSignedIn = false;
    QDateTime publishedExpiresAt;
    quint64 publishedGeneration = 0;
    JwtToken decodedToken;
    QString publishedUserName;
};

#endif // JWTSESSION_P_H
