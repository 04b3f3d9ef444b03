// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// JwtSessionPrivate: the refresh machinery behind JwtSession (single flight, backoff, proactive
// schedule, expiry, publishing changes). Kept apart from jwtsession.cpp, which holds the public
// class and its documentation.

#include "jwtbearer_p.h"
#include "jwtlogging_p.h"
#include "jwtsession_p.h"
#include "jwtsharedsession_p.h"

#include <QtCore/qdatetime.h>
#include <QtCore/qmetaobject.h>
#include <QtCore/qrandom.h>
#include <QtCore/qscopeguard.h>

#include <algorithm>

namespace {

// Backoff of failed refreshes: 0.5 s, 1 s, 2 s … capped, each ±20 % so that many clients
// recovering from the same outage do not come back in lockstep.
constexpr std::chrono::milliseconds InitialBackoff {500};
constexpr std::chrono::milliseconds MaximumBackoff {30000};
constexpr double BackoffJitter = 0.2;
// A server's Retry-After is honoured up to this; waiting replies have their own bound.
constexpr std::chrono::seconds MaximumRetryAfter {60};
// Wall and steady time drifting apart by more than this is a clock change or a sleep, not NTP
// slewing (at most 0.5 ms/s).
constexpr qint64 ClockJumpThresholdMSecs = 2000;
// How much earlier than the leeway a proactive refresh starts, at most: room for a slow
// refresh round trip, without refreshing a long-lived token much earlier than asked.
constexpr std::chrono::milliseconds MaximumRefreshLead {10000};
// The server's Date is believed for skew corrections up to a day.
constexpr qint64 MaximumSkewMSecs = 24 * 3600 * 1000;
// An overdue refresh call is waited for until it has run this many refresh timeouts; then it
// is abandoned and the next call may start. A server that accepted the request and has not
// answered after that long is broken, not slow.
constexpr int OverdueCallLimit = 4;

JwtSession::FailureKind failureKindOf(JwtRefreshJob::Result result)
{
    switch (result) {
    case JwtRefreshJob::Result::Rejected:
        return JwtSession::FailureKind::Rejected;
    case JwtRefreshJob::Result::Malformed:
    case JwtRefreshJob::Result::Succeeded: // with a token that cannot be used
        return JwtSession::FailureKind::Malformed;
    case JwtRefreshJob::Result::Canceled:
        return JwtSession::FailureKind::Canceled;
    case JwtRefreshJob::Result::Pending:
    case JwtRefreshJob::Result::Transient:
        break;
    }
    return JwtSession::FailureKind::Transient;
}

} // namespace

JwtSessionPrivate::JwtSessionPrivate(JwtSession *q) : q(q)
{
    refreshDeadline.setSingleShot(true);
    retryTimer.setSingleShot(true);
    // Retry-After is a promise to the server: never come back early (coarse timers may).
    retryTimer.setTimerType(Qt::PreciseTimer);
    scheduleTimer.setSingleShot(true);
}

void JwtSessionPrivate::startRefresh(bool proactive)
{
    if (refreshJob && !resumeOverdueCall())
        return; // already running: this request joins it
    if (proactive && !canRefresh()) {
        // Nobody can refresh (the refresher went away): let the waiters go with the token
        // they have; the server's 401 will decide.
        {
            QMutexLocker lock(&state->mutex);
            if (state->state != JwtSession::State::Refreshing)
                return;
            state->endRefreshingLocked();
            state->clearScheduleLocked();
        }
        publishChanges();
        release(JwtRelease::TokenKept);
        return;
    }
    QByteArray refreshToken;
    {
        QMutexLocker lock(&state->mutex);
        // Posted by a manager's thread; new tokens may have arrived since (setTokens, sign-in).
        if (state->state != JwtSession::State::Refreshing)
            return;
        refreshToken = state->refreshToken;
        refreshStartGeneration = state->generation;
    }
    refreshIsProactive = proactive;
    retryTimer.stop();
    refreshJob = new JwtRefreshJob(JwtRefreshJob::Kind::Refresh, q);
    refreshJob->setRefreshToken(refreshToken);
    JwtRefreshJob *job = refreshJob;
    QObject::connect(
            job, &JwtRefreshJob::finished, q, [this, job] { onRefreshFinished(job); },
            Qt::QueuedConnection);
    qCDebug(lcJwtSession, "%s refresh started (generation %llu, attempt %d)",
            proactive ? "proactive" : "on-demand", refreshStartGeneration, attemptsInRound + 1);
    publishChanges();
    Q_EMIT q->refreshStarted();
    // A remembered credential other processes share is refreshed under their common lock,
    // which may take a while to get: the deadline starts with the call (sendRefresh()).
    if (shared->coordinates())
        shared->run(job);
    else
        sendRefresh(job);
}

// Hands \a job to the refresher, or to the application, and starts the call's deadline. The
// job is the session's own, or the one JwtSharedSession makes for a call under the lock.
void JwtSessionPrivate::sendRefresh(JwtRefreshJob *job)
{
    refreshDeadline.start(refreshTimeout);
    refreshCallAge.start();
    if (refresher)
        refresher->refresh(job);
    else if (q->isSignalConnected(QMetaMethod::fromSignal(&JwtSession::refreshRequested)))
        Q_EMIT q->refreshRequested(job);
    else
        job->fail(JwtRefreshJob::Result::Rejected,
                  JwtSession::tr("No refresher is configured; sign in again."));
}

// Another instance sharing the token store signed out (JwtSharedSession found the store
// empty): this one signs out too, as signOut() does, without a logout call (the other instance
// made it) and without sessionExpired(): the user asked for it.
void JwtSessionPrivate::signOutElsewhere()
{
    cancelRefreshJob();
    userName.clear();
    expiryReported = false;
    clearTokens(JwtSession::State::SignedOut).fill('\0');
    if (refresher)
        refresher->adoptRefreshCredential({});
    Q_EMIT q->signedOut();
    release(JwtRelease::SignedOut,
            JwtSession::tr("You signed out in another instance of the application."));
}

// The deadline runs from the start of the call, whatever arrives meanwhile: a server that
// trickles one byte a second hits it like one that never answers. The call is not canceled:
// the server may have rotated the credential already, and a new call with the old one would
// be reuse. The round counts it as failed (waiting replies keep waiting for a retry, or fail),
// and its answer is still taken when it comes.
void JwtSessionPrivate::onRefreshDeadline()
{
    if (!refreshJob || refreshOverdue)
        return;
    qCWarning(lcJwtSession,
              "the refresh call has not answered after %lld ms; no other call starts until it "
              "ends",
              static_cast<long long>(refreshTimeout.count()));
    refreshOverdue = true;
    failTransiently(JwtSession::FailureKind::Transient,
                    JwtSession::tr("The server did not answer in time."));
}

// A refresh is due while an overdue call is still running: wait for that call again, with a
// new deadline, rather than send the same credential twice. Returns true when the call has run
// so long that it is abandoned, and a new one may start.
bool JwtSessionPrivate::resumeOverdueCall()
{
    if (!refreshOverdue)
        return false;
    if (refreshCallAge.elapsed() < OverdueCallLimit * refreshTimeout.count()) {
        refreshOverdue = false;
        refreshDeadline.start(refreshTimeout);
        qCDebug(lcJwtSession, "waiting again for the overdue refresh call");
        publishChanges();
        return false;
    }
    qCWarning(lcJwtSession, "abandoning a refresh call that has not answered in %lld ms",
              static_cast<long long>(refreshCallAge.elapsed()));
    cancelRefreshJob();
    return true;
}

void JwtSessionPrivate::cancelRefreshJob()
{
    refreshDeadline.stop();
    refreshOverdue = false;
    if (JwtRefreshJob *job = std::exchange(refreshJob, nullptr)) {
        job->cancel();
        job->deleteLater();
    }
}

void JwtSessionPrivate::onRefreshFinished(JwtRefreshJob *job)
{
    job->deleteLater();
    // Whatever becomes of the answer, the lock other processes wait for goes once the store
    // has the outcome (a rotated credential, or none). Runs last, past the signals below.
    const auto settle = qScopeGuard([shared = QPointer<JwtSharedSession>(shared), job] {
        if (shared)
            shared->settle(job);
    });
    if (job != refreshJob)
        return; // canceled or superseded: its answer no longer matters
    refreshJob = nullptr;
    refreshDeadline.stop();
    const bool overdue = std::exchange(refreshOverdue, false);

    const JwtRefreshJob::Result result = job->result();
    // An overdue call's failure was counted at its deadline; the retry (if any) is scheduled.
    // Only its success or a rejection still changes the session.
    if (overdue && result != JwtRefreshJob::Result::Succeeded
        && result != JwtRefreshJob::Result::Rejected)
        return;
    if (result == JwtRefreshJob::Result::Succeeded
        && !JwtBearer::isValidToken(job->accessToken())) {
        // A hostile or broken server must not get CR/LF into our request headers.
        failTransiently(JwtSession::FailureKind::Malformed,
                        JwtSession::tr("The server sent an access token that cannot be used."));
        return;
    }
    switch (result) {
    case JwtRefreshJob::Result::Succeeded:
        resetBackoff();
        applyTokens({job->accessToken(), job->rotatedRefreshToken(), job->expiresInSeconds(),
                     job->userName(), job->serverDate()});
        qCDebug(lcJwtSession, "refresh succeeded");
        Q_EMIT q->refreshSucceeded();
        release(JwtRelease::Refreshed);
        return;
    case JwtRefreshJob::Result::Rejected:
        expire(job->errorString());
        return;
    case JwtRefreshJob::Result::Malformed:
        failTransiently(JwtSession::FailureKind::Malformed, job->errorString(), job->retryAfter());
        return;
    case JwtRefreshJob::Result::Pending:
    case JwtRefreshJob::Result::Transient:
    case JwtRefreshJob::Result::Canceled:
        failTransiently(JwtSession::FailureKind::Transient, job->errorString(), job->retryAfter());
        return;
    }
}

void JwtSessionPrivate::onSignInFinished(JwtRefreshJob *job)
{
    job->deleteLater();
    if (job != signInJob)
        return;
    signInJob = nullptr;
    const bool succeeded = job->result() == JwtRefreshJob::Result::Succeeded;
    if (!succeeded || !JwtBearer::isValidToken(job->accessToken())) {
        setSigningIn(false);
        Q_EMIT q->signInFailed(
                failureKindOf(job->result()),
                succeeded ? JwtSession::tr("The server sent an access token that cannot be used.")
                          : job->errorString());
        release(JwtRelease::SignInFailed); // its waiters go on as they would have without it
        return;
    }
    cancelRefreshJob(); // superseded by the new sign-in
    resetBackoff();
    applyTokens({job->accessToken(), job->rotatedRefreshToken(), job->expiresInSeconds(),
                 job->userName(), job->serverDate()});
    setSigningIn(false); // after the token is in place: nobody admitted meanwhile lacks one
    Q_EMIT q->signInSucceeded();
    release(JwtRelease::SignedIn);
}

// Ends a sign-in in flight without its answer (signOut()): the user's last word wins. Its
// waiters are not released here; the caller decides what becomes of them. Returns whether
// there was one.
bool JwtSessionPrivate::cancelSignIn()
{
    JwtRefreshJob *job = std::exchange(signInJob, nullptr);
    if (!job)
        return false;
    job->cancel();
    job->deleteLater();
    setSigningIn(false);
    qCInfo(lcJwtSession, "sign-in canceled by sign-out");
    Q_EMIT q->signInFailed(JwtSession::FailureKind::Canceled,
                           JwtSession::tr("The sign-in was canceled: you signed out."));
    return true;
}

// A refresh credential goes into a header (a cookie), a form or a store: it must not carry
// control characters, whatever the refresher, and must be one the refresher can send. Warns
// with what was expected, never the value.
bool JwtSessionPrivate::acceptsRefreshCredential(const QByteArray &credential,
                                                 const char *caller) const
{
    if (!JwtBearer::isValidRefreshCredential(credential)) {
        qCWarning(lcJwtSession, "%s: refused a refresh credential with control characters", caller);
        return false;
    }
    if (refresher && !refresher->acceptsRefreshCredential(credential)) {
        qCWarning(lcJwtSession,
                  "%s: refused a refresh credential %s cannot send (a cookie takes RFC 6265 "
                  "cookie-octets only)",
                  caller, refresher->metaObject()->className());
        return false;
    }
    return true;
}

void JwtSessionPrivate::setSigningIn(bool signingIn)
{
    QMutexLocker lock(&state->mutex);
    state->signingIn = signingIn;
}

void JwtSessionPrivate::applyTokens(const NewTokens &tokens)
{
    const JwtToken decoded = JwtToken::decode(tokens.accessToken);
    const qint64 wallNow = clock().wallMSecs();
    const qint64 steadyNow = clock().steadyMSecs();
    lifetime = tokens.accessToken.isEmpty() ? 0 : lifetimeMSecs(tokens, decoded, wallNow);
    expiresAtSteady = lifetime > 0 ? steadyNow + lifetime : 0;
    clockOffset = wallNow - steadyNow;
    {
        QMutexLocker lock(&state->mutex);
        state->applyTokensLocked(tokens.accessToken, tokens.refreshToken,
                                 lifetime > 0 ? wallNow + lifetime : 0);
        updateRefreshAtLocked();
    }
    if (!tokens.userName.isEmpty())
        userName = tokens.userName;
    expiryReported = false;
    reschedule();
    // Persistence first: a rotated refresh credential reaches the store before any replay.
    Q_EMIT q->tokensChanged();
    publishChanges();
}

// The access token's lifetime in milliseconds from now, 0 when unknown. expires_in is the
// authority (RFC 6749 §5.1), measured from when the answer arrived; the unverified exp claim is
// only a hint, read on the server's clock when its Date header is known (RFC 9068 §6).
qint64 JwtSessionPrivate::lifetimeMSecs(const NewTokens &tokens, const JwtToken &decoded,
                                        qint64 wallNow) const
{
    if (tokens.expiresInSeconds > 0)
        return tokens.expiresInSeconds * 1000;
    if (!decoded.hasExpiry())
        return 0;
    const qint64 exp = decoded.expiresAt().toMSecsSinceEpoch();
    qint64 life = 0;
    if (tokens.serverDate.isValid()) {
        const qint64 skew = std::clamp(tokens.serverDate.toMSecsSinceEpoch() - wallNow,
                                       -MaximumSkewMSecs, MaximumSkewMSecs);
        life = exp - (wallNow + skew);
    } else {
        life = exp - wallNow;
        // Without the server's clock, iat says how long the server meant the token to live:
        // never schedule later than that (a slow local clock), nor give up on a fast one.
        const QDateTime issued = decoded.issuedAt();
        if (issued.isValid() && exp > issued.toMSecsSinceEpoch()) {
            const qint64 intended = exp - issued.toMSecsSinceEpoch();
            life = life > 0 ? std::min(life, intended) : intended;
        }
    }
    if (life <= 0) {
        qCWarning(lcJwtSession,
                  "the access token's exp lies in the past (clock skew?); it is "
                  "refreshed when the server refuses it");
        return 0;
    }
    return life;
}

// The one token-clearing path (expiry, sign-out): the tokens, the schedule and the backoff go,
// the state becomes \a into, and observers are told at once (tokensChanged() first, so that a
// store forgets the credential before anything else happens). Returns the refresh credential
// it forgot.
QByteArray JwtSessionPrivate::clearTokens(JwtSession::State into)
{
    resetBackoff();
    lifetime = 0;
    expiresAtSteady = 0;
    QByteArray forgotten;
    {
        QMutexLocker lock(&state->mutex);
        forgotten = state->clearTokensLocked(into);
    }
    reschedule();
    Q_EMIT q->tokensChanged();
    publishChanges();
    return forgotten;
}

void JwtSessionPrivate::expire(const QString &message)
{
    qCInfo(lcJwtSession, "the refresh credential was rejected: session expired");
    clearTokens(JwtSession::State::Expired).fill('\0');
    Q_EMIT q->refreshFailed(JwtSession::FailureKind::Rejected, message);
    if (!expiryReported) {
        expiryReported = true;
        Q_EMIT q->sessionExpired();
    }
    release(JwtRelease::Expired, JwtSession::tr("Your session has expired. Please sign in again."));
}

// A transient or malformed failure never signs the user out. A transient one is retried after a
// backoff, up to maxRefreshAttempts calls per round, while the replies that need the new token
// keep waiting; a malformed one ends the round at once (the server did answer: asking again
// right away rarely helps). When the round ends, the waiting replies fail, and until the backoff
// has passed a refused request fails at once instead of calling the server again.
void JwtSessionPrivate::failTransiently(JwtSession::FailureKind kind, const QString &message,
                                        std::chrono::seconds retryAfter)
{
    ++consecutiveFailures;
    ++attemptsInRound;
    const bool retry =
            kind == JwtSession::FailureKind::Transient && attemptsInRound < maxRefreshAttempts;
    const std::chrono::milliseconds delay = backoffDelay(consecutiveFailures, retryAfter);
    const QString forReplies = JwtSession::tr("The session could not be renewed: %1").arg(message);
    bool tokenUsable = false;
    {
        QMutexLocker lock(&state->mutex);
        const qint64 now = clock().steadyMSecs();
        // A proactive refresh failed while the token still works: requests keep using it.
        tokenUsable = !state->accessToken.isEmpty() && !state->tokenRefused
                && (expiresAtSteady == 0 || now < expiresAtSteady);
        state->notBeforeSteady = delay.count() > 0 ? now + delay.count() : 0;
        state->retryScheduled = retry;
        state->lastFailure = forReplies;
        // One odd answer (a proxy's page during a deploy) does not lock new requests out; a
        // server that keeps answering garbage gets one call per backoff step.
        state->newRequestsMayRefresh =
                kind == JwtSession::FailureKind::Malformed && consecutiveFailures == 1;
        if (retry && !tokenUsable)
            state->beginRefreshingLocked(false); // waiting replies keep waiting
        else
            state->endRefreshingLocked();
    }
    if (retry) {
        retryTimer.start(delay);
        qCInfo(lcJwtSession, "refresh attempt %d failed transiently; retrying in %lld ms",
               attemptsInRound, static_cast<long long>(delay.count()));
    } else {
        attemptsInRound = 0;
        proactivePaused = true;
        qCInfo(lcJwtSession,
               "refresh failed (%s); the session stays signed in, next try in %lld ms at the "
               "earliest",
               kind == JwtSession::FailureKind::Malformed ? "malformed answer" : "transient",
               static_cast<long long>(delay.count()));
    }
    publishChanges();
    Q_EMIT q->refreshFailed(kind, message);
    if (retry)
        Q_EMIT q->refreshRetryScheduled(delay);
    if (tokenUsable) {
        // Replies that waited only because the token was about to expire go out with it;
        // those whose token was refused ask again and wait for the retry, or fail at once.
        release(JwtRelease::TokenKept);
    } else if (!retry) {
        release(JwtRelease::RefreshFailed, forReplies);
    }
    reschedule();
}

std::chrono::milliseconds JwtSessionPrivate::backoffDelay(int failures,
                                                          std::chrono::seconds retryAfter) const
{
    std::chrono::milliseconds delay {0};
    if (failures > 0) {
        const qint64 base = std::min<qint64>(InitialBackoff.count() << std::min(failures - 1, 16),
                                             MaximumBackoff.count());
        const double jitter =
                1.0 + BackoffJitter * (2.0 * QRandomGenerator::global()->generateDouble() - 1.0);
        delay = std::chrono::milliseconds(qint64(double(base) * jitter));
    }
    return std::max<std::chrono::milliseconds>(delay, std::min(retryAfter, MaximumRetryAfter));
}

void JwtSessionPrivate::resetBackoff()
{
    retryTimer.stop();
    attemptsInRound = 0;
    consecutiveFailures = 0;
    proactivePaused = false;
    QMutexLocker lock(&state->mutex);
    state->notBeforeSteady = 0;
    state->retryScheduled = false;
    state->newRequestsMayRefresh = false;
    state->lastFailure.clear();
}

void JwtSessionPrivate::onRetryTimer()
{
    {
        QMutexLocker lock(&state->mutex);
        if (!state->retryScheduled || state->state == JwtSession::State::Expired)
            return;
        state->retryScheduled = false;
        state->beginRefreshingLocked(refreshIsProactive);
    }
    startRefresh(refreshIsProactive);
}

// True when a refresh can be made at all: proactive refresh is pointless (and would expire the
// session) without one.
bool JwtSessionPrivate::canRefresh() const
{
    return refresher
            || q->isSignalConnected(QMetaMethod::fromSignal(&JwtSession::refreshRequested));
}

// Two times: from holdAt on, a request no longer leaves with the token (it is inside the
// leeway); the refresh starts earlier, by half the leeway (at most MaximumRefreshLead), so that
// it normally lands while requests still go out with the current token and nobody waits.
// Neither comes before half the lifetime: a token is refreshed at most twice per lifetime.
void JwtSessionPrivate::updateRefreshAtLocked()
{
    if (expiresAtSteady == 0 || leeway.count() <= 0 || state->accessToken.isEmpty()
        || !canRefresh()) {
        state->clearScheduleLocked();
        return;
    }
    // A 2 s token with a 30 s leeway is refreshed and held back after 1 s, not on every
    // request; with a 0.5 s leeway it is refreshed after 1.25 s and held back after 1.5 s.
    const qint64 holdAhead = std::min<qint64>(leeway.count(), lifetime / 2);
    const qint64 lead = std::min<qint64>(holdAhead / 2, MaximumRefreshLead.count());
    const qint64 refreshAhead = std::min<qint64>(holdAhead + lead, lifetime / 2);
    state->holdAtSteady = std::max<qint64>(expiresAtSteady - holdAhead, 1);
    state->refreshAtSteady = std::max<qint64>(expiresAtSteady - refreshAhead, 1);
}

// Wall time moving differently from steady time means the system clock was set, or the machine
// slept while a steady clock that stops in sleep did not count it. Either way the token may be
// nearer its end than the schedule says: assume the worst, which costs at most one early
// refresh. A clock set back changes nothing the schedule depends on.
void JwtSessionPrivate::checkClock()
{
    const qint64 wall = clock().wallMSecs();
    const qint64 steady = clock().steadyMSecs();
    const qint64 drift = (wall - steady) - clockOffset;
    if (std::abs(drift) <= ClockJumpThresholdMSecs)
        return;
    clockOffset = wall - steady;
    qCInfo(lcJwtSession, "the wall clock jumped by %lld ms against the steady clock",
           static_cast<long long>(drift));
    if (expiresAtSteady == 0)
        return;
    if (drift > 0)
        expiresAtSteady -= drift;
    {
        QMutexLocker lock(&state->mutex);
        updateRefreshAtLocked();
        state->expiresAtMSecs = wall + (expiresAtSteady - steady);
    }
    publishChanges();
}

void JwtSessionPrivate::onScheduleTimer()
{
    checkClock();
    bool start = false;
    {
        QMutexLocker lock(&state->mutex);
        if (state->state == JwtSession::State::Active && state->refreshAtSteady != 0
            && !state->retryScheduled && !proactivePaused) {
            const qint64 now = clock().steadyMSecs();
            start = now >= state->refreshAtSteady && now >= state->notBeforeSteady;
            if (start)
                state->beginRefreshingLocked(true);
        }
    }
    if (start)
        startRefresh(true);
    reschedule();
}

// One timer serves both the proactive refresh and the periodic clock check: it wakes at the
// refresh time, or after clockCheckInterval, whichever comes first. A QTimer alone drifts and
// does not know about sleep; each wake-up re-reads the clocks.
void JwtSessionPrivate::reschedule()
{
    qint64 refreshAt = 0;
    qint64 notBefore = 0;
    bool mayStart = false;
    {
        QMutexLocker lock(&state->mutex);
        refreshAt = state->refreshAtSteady;
        notBefore = state->notBeforeSteady;
        mayStart = state->state == JwtSession::State::Active && !state->retryScheduled
                && !proactivePaused;
    }
    if (refreshAt == 0) {
        scheduleTimer.stop();
        return;
    }
    qint64 wait = clockCheckInterval.count();
    if (mayStart)
        wait = std::clamp<qint64>(std::max(refreshAt, notBefore) - clock().steadyMSecs(), 0, wait);
    scheduleTimer.setTimerType(wait < 2000 ? Qt::PreciseTimer : Qt::CoarseTimer);
    scheduleTimer.start(std::chrono::milliseconds(wait));
}

void JwtSessionPrivate::setClock(JwtSession *session, std::shared_ptr<const JwtClock> clock)
{
    JwtSessionPrivate *d = get(session);
    const qint64 remaining = d->expiresAtSteady ? d->expiresAtSteady - d->clock().steadyMSecs() : 0;
    {
        QMutexLocker lock(&d->state->mutex);
        d->state->clock = std::move(clock);
    }
    d->clockOffset = d->clock().wallMSecs() - d->clock().steadyMSecs();
    if (d->expiresAtSteady) {
        d->expiresAtSteady = d->clock().steadyMSecs() + remaining;
        QMutexLocker lock(&d->state->mutex);
        d->updateRefreshAtLocked();
    }
    d->reschedule();
}

void JwtSessionPrivate::setClockCheckInterval(JwtSession *session,
                                              std::chrono::milliseconds interval)
{
    JwtSessionPrivate *d = get(session);
    d->clockCheckInterval = std::max(interval, std::chrono::milliseconds(1));
    d->reschedule();
}

void JwtSessionPrivate::release(JwtRelease release, const QString &message)
{
    JwtSessionNotifier *notifier = nullptr;
    {
        QMutexLocker lock(&state->mutex);
        notifier = state->notifier;
    }
    if (notifier)
        Q_EMIT notifier->released(release, message);
}

void JwtSessionPrivate::publishChanges()
{
    JwtSession::State s;
    bool signedIn;
    qint64 expiresAt;
    quint64 generation;
    QByteArray token;
    {
        QMutexLocker lock(&state->mutex);
        s = state->state;
        signedIn = !state->accessToken.isEmpty() || !state->refreshToken.isEmpty();
        expiresAt = state->expiresAtMSecs;
        generation = state->generation;
        if (generation != publishedGeneration)
            token = state->accessToken;
    }
    const bool tokenChanged = generation != publishedGeneration;
    if (tokenChanged) {
        publishedGeneration = generation;
        decodedToken = JwtToken::decode(token);
    }
    const QDateTime expires =
            expiresAt > 0 ? QDateTime::fromMSecsSinceEpoch(expiresAt, Qt::UTC) : QDateTime();
    const QString name = !signedIn ? QString()
            : !userName.isEmpty()  ? userName
                                   : decodedToken.subject();

    const bool wasRefreshing = publishedState.load() == JwtSession::State::Refreshing;
    if (s != publishedState.load()) {
        publishedState.store(s);
        Q_EMIT q->stateChanged(s);
    }
    if (signedIn != publishedSignedIn) {
        publishedSignedIn = signedIn;
        Q_EMIT q->signedInChanged(signedIn);
    }
    if (wasRefreshing != (s == JwtSession::State::Refreshing))
        Q_EMIT q->refreshingChanged(s == JwtSession::State::Refreshing);
    if (expires != publishedExpiresAt) {
        publishedExpiresAt = expires;
        Q_EMIT q->accessTokenExpiresAtChanged(expires);
    }
    if (name != publishedUserName) {
        publishedUserName = name;
        Q_EMIT q->userNameChanged(name);
    }
    if (tokenChanged)
        Q_EMIT q->claimsChanged(decodedToken.claims());
}
