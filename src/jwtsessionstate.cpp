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
    using Outcome = JwtAdmissionDecision::Outcome;
    using Refresh = JwtAdmissionDecision::Refresh;
    QMutexLocker lock(&mutex);
    JwtAdmission admission;
    if (!session)
        return admission; // the session is gone: nothing to attach, nothing to wait for

    const JwtAdmissionDecision decision = decideAdmission(*this, *clock, reason, attemptGeneration);
    if (decision.tokenRefused)
        tokenRefused = true;
    switch (decision.refresh) {
    case Refresh::None:
        break;
    case Refresh::Start:
    case Refresh::StartProactive:
        beginRefreshingLocked(decision.refresh == Refresh::StartProactive);
        // The refresh itself always runs on the session's thread; managers may live elsewhere.
        notifier->requestRefresh(decision.refresh == Refresh::StartProactive);
        break;
    case Refresh::JoinRetry:
        // The session's retry timer starts the next call: everyone arriving meanwhile waits.
        beginRefreshingLocked(false);
        break;
    }
    switch (decision.outcome) {
    case Outcome::Send:
        admission.authorization = authorization;
        admission.generation = generation;
        break;
    case Outcome::Wait:
    case Outcome::Hold:
        admission.action = JwtAdmission::Action::Wait;
        admission.held = decision.outcome == Outcome::Hold;
        subscribe(notifier);
        break;
    case Outcome::FailExpired:
        admission.action = JwtAdmission::Action::FailExpired;
        break;
    case Outcome::FailBackingOff:
        admission.action = JwtAdmission::Action::FailTransient;
        admission.message = lastFailure;
        break;
    case Outcome::Deliver:
        admission.action = JwtAdmission::Action::Deliver;
        break;
    }
    return admission;
}

void JwtSessionState::beginRefreshingLocked(bool background)
{
    state = JwtSession::State::Refreshing;
    backgroundRefresh = background;
}

void JwtSessionState::endRefreshingLocked()
{
    const bool hasCredentials = !accessToken.isEmpty() || !refreshToken.isEmpty();
    state = hasCredentials ? JwtSession::State::Active : JwtSession::State::SignedOut;
}

void JwtSessionState::applyTokensLocked(const QByteArray &newAccessToken,
                                        const QByteArray &newRefreshToken, qint64 newExpiresAtMSecs)
{
    setAccessTokenLocked(newAccessToken);
    if (!newRefreshToken.isEmpty())
        refreshToken = newRefreshToken;
    expiresAtMSecs = newExpiresAtMSecs;
    ++generation;
    state = JwtSession::State::Active;
    tokenRefused = false;
}

QByteArray JwtSessionState::clearTokensLocked(JwtSession::State into)
{
    QByteArray forgotten = std::exchange(refreshToken, {});
    setAccessTokenLocked(QByteArray());
    expiresAtMSecs = 0;
    clearScheduleLocked();
    tokenRefused = false;
    ++generation;
    state = into;
    return forgotten;
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
