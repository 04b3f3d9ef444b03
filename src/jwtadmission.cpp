// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtadmission_p.h"

#include "jwtclock_p.h"

// The decision table. An attempt asks before it leaves (FirstAttempt) and when the server refused
// it (AuthFailed, with the generation of the token it carried). The first matching row decides.
// "Refused current": AuthFailed with the current generation; "known refused": FirstAttempt while
// the current token is known to be refused (a failed round); "needs first token": FirstAttempt
// with a refresh credential but no access token yet (a restored session). The tests in
// tests/auto/admission have one row per line.
//
//  #  state       condition                                           outcome        refresh
//  1  Refreshing  background refresh, FirstAttempt, token not         Send           -
//                 refused, before holdAt
//  2  Refreshing  otherwise (single flight: join the refresh)         Wait           -
//  3  Expired     expiry policy HoldForSignIn                         Hold           -
//  4  Expired     a sign-in is in flight                              Wait           -
//  5  Expired     AuthFailed                                          FailExpired    -
//  6  Expired     FirstAttempt (public routes work without a token)   Send (none)    -
//  7  SignedOut   AuthFailed, no sign-in in flight                    Deliver        -
//  8  any other   sign-in in flight, and no token, refused current    Wait           -
//                 or known refused (the sign-in brings the token)
//  9  any other   refused current, needs first token or known         Wait           JoinRetry
//                 refused; the retry timer is set
// 10  any other   as 9, backing off (before notBefore), unless a      FailBackingOff -
//                 FirstAttempt after a single malformed answer
// 11  any other   as 9, otherwise                                     Wait           Start
// 12  any other   FirstAttempt, refresh time passed (and backoff),    Wait           StartProactive
//                 no retry set, hold time passed
// 13  any other   as 12, before the hold time                         Send           StartProactive
// 14  any other   otherwise (a refusal of an older generation is      Send           -
//                 replayed at once with the current token)
//
// In rows 1-2 and 8-14, an attempt refused with the current generation also marks that token as
// refused (tokenRefused): no more requests leave with it. An expired or signed-out session has
// no token to mark.
JwtAdmissionDecision decideAdmission(const JwtSessionFacts &facts, const JwtClock &clock,
                                     JwtAttemptReason reason, quint64 attemptGeneration)
{
    using Outcome = JwtAdmissionDecision::Outcome;
    using Refresh = JwtAdmissionDecision::Refresh;
    const bool first = reason == JwtAttemptReason::FirstAttempt;
    const bool refusedCurrent = !first && attemptGeneration == facts.generation;
    const bool hasToken = !facts.accessToken.isEmpty();
    // The steady clock is read only by the rows that need it: most requests never do.
    qint64 now = -1;
    const auto steadyNow = [&] {
        return now >= 0 ? now : (now = clock.steadyMSecs());
    };
    JwtAdmissionDecision decision;
    const auto decide = [&](Outcome outcome, Refresh refresh = Refresh::None) {
        decision.outcome = outcome;
        decision.refresh = refresh;
        return decision;
    };

    switch (facts.state) {
    case JwtSession::State::Refreshing:
        decision.tokenRefused = refusedCurrent;
        if (facts.backgroundRefresh && first && !facts.tokenRefused && hasToken
            && steadyNow() < facts.holdAtSteady)
            return decide(Outcome::Send); // 1
        return decide(Outcome::Wait); // 2
    case JwtSession::State::Expired:
        if (facts.expiryPolicy == JwtSession::ExpiryPolicy::HoldForSignIn)
            return decide(Outcome::Hold); // 3
        if (facts.signingIn)
            return decide(Outcome::Wait); // 4
        return decide(first ? Outcome::Send : Outcome::FailExpired); // 6, 5
    case JwtSession::State::SignedOut:
        if (!first && !facts.signingIn)
            return decide(Outcome::Deliver); // 7
        break;
    case JwtSession::State::Active:
        break;
    }

    decision.tokenRefused = refusedCurrent;
    const bool knownRefused = first && facts.tokenRefused && hasToken;
    const bool needsFirstToken = first && !hasToken && !facts.refreshToken.isEmpty();
    if (facts.signingIn && (!hasToken || refusedCurrent || knownRefused))
        return decide(Outcome::Wait); // 8
    if (refusedCurrent || needsFirstToken || knownRefused) {
        if (facts.retryScheduled)
            return decide(Outcome::Wait, Refresh::JoinRetry); // 9
        const bool exempt = first && facts.newRequestsMayRefresh;
        if (facts.notBeforeSteady != 0 && !exempt && steadyNow() < facts.notBeforeSteady)
            return decide(Outcome::FailBackingOff); // 10
        return decide(Outcome::Wait, Refresh::Start); // 11
    }
    if (first && facts.refreshAtSteady != 0 && !facts.retryScheduled && hasToken
        && steadyNow() >= facts.refreshAtSteady && steadyNow() >= facts.notBeforeSteady) {
        return decide(steadyNow() >= facts.holdAtSteady ? Outcome::Wait : Outcome::Send,
                      Refresh::StartProactive); // 12, 13
    }
    return decide(Outcome::Send); // 14
}

JwtWakeUp decideWakeUp(JwtRelease release, bool heldForSignIn)
{
    JwtWakeUp wakeUp;
    const auto decide = [&](JwtWakeUp::Kind kind, bool freshToken = false,
                            QNetworkReply::NetworkError error = QNetworkReply::NoError) {
        wakeUp.kind = kind;
        wakeUp.freshToken = freshToken;
        wakeUp.error = error;
        return wakeUp;
    };
    switch (release) {
    case JwtRelease::Refreshed:
    case JwtRelease::SignedIn:
        return decide(JwtWakeUp::Kind::AskAgain, true);
    case JwtRelease::TokenKept:
        return decide(JwtWakeUp::Kind::AskAgain);
    case JwtRelease::SignInFailed:
        return decide(heldForSignIn ? JwtWakeUp::Kind::KeepWaiting : JwtWakeUp::Kind::AskAgain);
    case JwtRelease::Expired:
        return decide(JwtWakeUp::Kind::AskAgainRefused);
    case JwtRelease::RefreshFailed:
        return decide(JwtWakeUp::Kind::Fail, false, QNetworkReply::TemporaryNetworkFailureError);
    case JwtRelease::HoldCanceled:
        if (!heldForSignIn)
            return decide(JwtWakeUp::Kind::KeepWaiting);
        return decide(JwtWakeUp::Kind::Fail, false, QNetworkReply::AuthenticationRequiredError);
    case JwtRelease::SignedOut:
    case JwtRelease::SessionDeleted:
        return decide(JwtWakeUp::Kind::Fail, false, QNetworkReply::AuthenticationRequiredError);
    }
    return wakeUp;
}
