// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTADMISSION_P_H
#define JWTADMISSION_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the JwtSession API. It is exported only so that the auto tests can
// check the decision table without a server, and may change or disappear without notice.
//

#include <JwtSession/jwtsession.h>

#include "jwtautotestexport_p.h"

#include <QtCore/qbytearray.h>
#include <QtCore/qmetatype.h>
#include <QtNetwork/qnetworkreply.h>

class JwtClock;

// Everything decideAdmission() reads: the session's tokens and where its refresh stands.
// JwtSessionState holds these fields (guarded by its mutex); the unit test builds them by hand.
struct JwtSessionFacts
{
    JwtSession::State state = JwtSession::State::SignedOut;
    QByteArray accessToken;
    QByteArray authorization; // "Bearer <accessToken>", built once per token, not per request
    QByteArray refreshToken;
    quint64 generation = 0; // of accessToken: +1 whenever the tokens change
    qint64 refreshAtSteady = 0; // steady msecs when to refresh ahead of expiry; 0: no schedule
    // Steady msecs from which a request no longer leaves with the current token (it is inside
    // the leeway) and waits for its successor; later than refreshAtSteady, so that in steady
    // state the refresh is done before anybody has to wait. 0 with refreshAtSteady.
    qint64 holdAtSteady = 0;
    // The refresh in flight was started ahead of expiry: until holdAtSteady, requests keep
    // leaving with the current token instead of waiting for it.
    bool backgroundRefresh = false;
    qint64 notBeforeSteady = 0; // steady msecs before which no refresh may start (backoff)
    bool retryScheduled = false; // the session's retry timer will start the next attempt
    bool tokenRefused = false; // the server refused the current generation
    bool signingIn = false; // a sign-in is in flight: requests without a usable token wait
    bool newRequestsMayRefresh = false; // the backoff binds only late 401s (one malformed answer)
    JwtSession::ExpiryPolicy expiryPolicy = JwtSession::ExpiryPolicy::FailWaiting;
};

// Where an attempt of a proxy reply stands when it asks.
enum class JwtAttemptReason {
    FirstAttempt, // about to send an attempt that did not fail authorization yet
    AuthFailed, // the attempt carrying the given generation was refused
};

// The outcome of decideAdmission(): what the attempt does, and what happens to the session.
struct JwtAdmissionDecision
{
    enum class Outcome {
        Send, // with the current token (none when there is none)
        Wait, // for the refresh in flight, or the sign-in in flight
        Hold, // the session expired: wait for the user to sign in again (HoldForSignIn)
        FailExpired, // refused, and the session has expired
        FailBackingOff, // refused while the refresh backs off after failures
        Deliver, // the refusal is the caller's answer: signed out, nothing to refresh
    };
    enum class Refresh {
        None,
        Start, // start the refresh: this attempt is the first to need it (single flight)
        StartProactive, // start it ahead of expiry; the current token still works
        JoinRetry, // the session's retry timer starts it: enter Refreshing meanwhile
    };
    Outcome outcome = Outcome::Send;
    Refresh refresh = Refresh::None;
    bool tokenRefused = false; // the server refused the current generation: remember it

    friend bool operator==(const JwtAdmissionDecision &a, const JwtAdmissionDecision &b)
    {
        return a.outcome == b.outcome && a.refresh == b.refresh && a.tokenRefused == b.tokenRefused;
    }
};

// The decision the library exists for: may an attempt to an authorized origin leave now, with
// which token, or must it wait for a refresh; and does it start that refresh (single flight).
// Pure: it reads \a facts and, at most once, \a clock; the caller applies the outcome under the
// lock that guards \a facts (JwtSessionState::admit()). The table is in jwtadmission.cpp.
JWTSESSION_AUTOTEST_EXPORT JwtAdmissionDecision decideAdmission(const JwtSessionFacts &facts,
                                                                const JwtClock &clock,
                                                                JwtAttemptReason reason,
                                                                quint64 attemptGeneration);

// Why the session wakes the replies that wait for it (JwtSessionNotifier::released()).
enum class JwtRelease {
    Refreshed, // a refresh succeeded: the server has just issued the token
    TokenKept, // no new token, but the current one is still good: waiters may ask admit() again
    SignedIn, // new tokens were set (sign-in, setTokens)
    SignInFailed, // a sign-in failed: the session is as it was; its waiters ask admit() again
    RefreshFailed, // the refresh gave up (retries exhausted): waiting replies fail, the user
                   // stays signed in
    Expired, // the refresh credential was rejected
    SignedOut, // signOut(): waiting and held replies fail
    HoldCanceled, // cancelHeldRequests(): held replies fail
    SessionDeleted, // the JwtSession object is gone
};
Q_DECLARE_METATYPE(JwtRelease)

// What a waiting reply does when the session wakes it.
struct JwtWakeUp
{
    enum class Kind {
        KeepWaiting, // the release is not for this reply
        AskAgain, // ask decideAdmission() again, for the reason it waited with
        AskAgainRefused, // ask again as a refused attempt (the session expired)
        Fail, // finish with error and the release's message
    };
    Kind kind = Kind::KeepWaiting;
    bool freshToken = false; // the server has just issued the token (see JwtAttemptQueue)
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    friend bool operator==(const JwtWakeUp &a, const JwtWakeUp &b)
    {
        return a.kind == b.kind && a.freshToken == b.freshToken && a.error == b.error;
    }
};

// The other half of the replay decision: what a reply waiting for a refresh (or, \a heldForSignIn,
// held for a sign-in after expiry) does on \a release. Held replies outlast a failed sign-in
// (the user may try again) and only they are canceled by cancelHeldRequests(); after an expiry
// the others ask again as refused attempts and fail, unless the policy holds them.
JWTSESSION_AUTOTEST_EXPORT JwtWakeUp decideWakeUp(JwtRelease release, bool heldForSignIn);

#endif // JWTADMISSION_P_H
