// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtsessionstate_p.h"

#include "jwtbearer_p.h"
#include "jwtlogging_p.h"
#include "jwtsession_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qcoreevent.h>
#include <QtCore/qurl.h>

JwtAdmission JwtSessionState::admit(Reason reason, quint64 attemptGeneration,
                                    const Subscribe &subscribe)
{
    QMutexLocker lock(&mutex);
    JwtAdmission admission;
    if (!session)
        return admission; // the session is gone: nothing to attach, nothing to wait for

    const auto wait = [&](bool held) {
        admission.action = JwtAdmission::Action::Wait;
        admission.held = held;
        subscribe(notifier);
        return admission;
    };

    switch (state) {
    case JwtSession::State::Refreshing:
        // The server refused a token that was still going out: no more requests leave with it.
        if (reason == Reason::AuthFailed && attemptGeneration == generation)
            tokenRefused = true;
        // A proactive refresh runs in the background while the token still has more than the
        // leeway left: new requests go out with it rather than wait for a successor they do
        // not need.
        if (backgroundRefresh && reason == Reason::FirstAttempt && !tokenRefused
            && !accessToken.isEmpty() && clock->steadyMSecs() < holdAtSteady) {
            admission.authorization = authorization;
            admission.generation = generation;
            return admission;
        }
        // Otherwise never send a token that is being replaced: wait for the refresh in flight.
        return wait(false);
    case JwtSession::State::Expired:
        if (expiryPolicy == JwtSession::ExpiryPolicy::HoldForSignIn)
            return wait(true);
        if (signingIn)
            return wait(false); // the sign-in in flight brings a token
        if (reason == Reason::AuthFailed) {
            admission.action = JwtAdmission::Action::FailExpired;
            return admission;
        }
        return admission; // public routes of an authorized origin still work without a token
    case JwtSession::State::SignedOut:
        // Signed out, a 401 is just the caller's answer: nothing to refresh, nothing to expire.
        if (reason == Reason::AuthFailed && !signingIn) {
            admission.action = JwtAdmission::Action::Deliver;
            return admission;
        }
        break;
    case JwtSession::State::Active:
        break;
    }

    const bool refusedCurrentToken =
            reason == Reason::AuthFailed && attemptGeneration == generation;
    // A restored session has a refresh credential but no access token yet: get one first,
    // rather than sending a request that can only collect a 401.
    const bool needsFirstToken =
            reason == Reason::FirstAttempt && accessToken.isEmpty() && !refreshToken.isEmpty();
    if (refusedCurrentToken)
        tokenRefused = true;
    // After a failed round the token is known to be refused: a new request asks for a refresh
    // (or fails during the backoff) instead of collecting another 401.
    const bool knownRefused =
            reason == Reason::FirstAttempt && tokenRefused && !accessToken.isEmpty();
    // A sign-in in flight brings the token these requests lack: they wait for it rather than
    // go out without one (and collect a 401 that would end the session), or start a refresh
    // the sign-in supersedes.
    if (signingIn && (accessToken.isEmpty() || refusedCurrentToken || knownRefused))
        return wait(false);
    if (refusedCurrentToken || needsFirstToken || knownRefused) {
        if (retryScheduled) {
            // The session's retry timer starts the next attempt: wait for it, like everyone
            // arriving after us (Refreshing makes them wait too).
            beginRefreshingLocked(false);
            return wait(false);
        }
        // Late 401s of requests sent before the round failed never start another one early;
        // after a single odd answer, a new request may.
        const bool exempt = reason == Reason::FirstAttempt && newRequestsMayRefresh;
        if (notBeforeSteady != 0 && !exempt && clock->steadyMSecs() < notBeforeSteady) {
            // Backing off after failed refreshes: no new call yet, however many 401s arrive.
            admission.action = JwtAdmission::Action::FailTransient;
            admission.message = lastFailure;
            return admission;
        }
        requestRefreshLocked(false);
        return wait(false);
    }

    // Proactive: the first request after the refresh time starts the refresh (if the timer did
    // not yet). Before the hold time it still leaves with the current token; after it, the
    // token would only collect a 401: it waits for its successor. While backing off it still
    // goes out: it may well be valid, and the server decides.
    if (reason == Reason::FirstAttempt && refreshAtSteady != 0 && !retryScheduled
        && !accessToken.isEmpty()) {
        const qint64 now = clock->steadyMSecs();
        if (now >= refreshAtSteady && now >= notBeforeSteady) {
            requestRefreshLocked(true);
            if (now >= holdAtSteady)
                return wait(false);
        }
    }

    // A refusal of an older generation is replayed at once with the current token.
    admission.authorization = authorization;
    admission.generation = generation;
    return admission;
}

void JwtSessionState::beginRefreshingLocked(bool background)
{
    state = JwtSession::State::Refreshing;
    backgroundRefresh = background;
}

void JwtSessionState::requestRefreshLocked(bool proactive)
{
    beginRefreshingLocked(proactive);
    // The refresh itself always runs on the session's thread; managers may live elsewhere.
    notifier->requestRefresh(proactive);
}

namespace {

class JwtStartRefreshEvent : public QEvent
{
public:
    explicit JwtStartRefreshEvent(bool proactive) : QEvent(eventType()), proactive(proactive) { }

    static QEvent::Type eventType()
    {
        static const auto type = QEvent::Type(QEvent::registerEventType());
        return type;
    }

    const bool proactive;
};

} // namespace

void JwtSessionNotifier::requestRefresh(bool proactive)
{
    QCoreApplication::postEvent(this, new JwtStartRefreshEvent(proactive), Qt::HighEventPriority);
}

bool JwtSessionNotifier::event(QEvent *event)
{
    if (event->type() != JwtStartRefreshEvent::eventType())
        return QObject::event(event);
    JwtSessionPrivate::get(m_session)->startRefresh(
            static_cast<JwtStartRefreshEvent *>(event)->proactive);
    return true;
}

JwtRoute JwtSessionState::route(const QUrl &url) const
{
    JwtRoute route;
    route.origin = JwtOrigin::fromUrl(url); // parsed outside the lock: other threads wait less
    if (!route.origin.isValid())
        return route;
    QMutexLocker lock(&mutex);
    const auto it = origins.constFind(route.origin);
    route.authorized = session && it != origins.constEnd();
    route.mayReceiveTokens = route.authorized && it.value();
    return route;
}

void JwtSessionState::setAccessTokenLocked(const QByteArray &token)
{
    accessToken = token;
    authorization = JwtBearer::headerValue(token);
}

bool JwtSessionState::isAuthFailureStatus(int status) const
{
    QMutexLocker lock(&mutex);
    return authFailureCodes.contains(status);
}

JwtSession::AuthFailurePredicate JwtSessionState::authFailurePredicate() const
{
    QMutexLocker lock(&mutex);
    return predicate;
}

qint64 JwtSessionState::maxReplayBufferSize() const
{
    QMutexLocker lock(&mutex);
    return replayBufferSize;
}

std::chrono::milliseconds JwtSessionState::maxWaitTime() const
{
    QMutexLocker lock(&mutex);
    return waitTime;
}

std::chrono::milliseconds JwtSessionState::holdTimeout() const
{
    QMutexLocker lock(&mutex);
    return holdTime;
}
