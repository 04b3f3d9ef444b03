// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// The admission decision, row by row of the table in src/jwtadmission.cpp: each row is checked
// where it applies and just outside it, on facts built by hand and a clock the test sets.

#include "jwtadmission_p.h"
#include "jwtclock_p.h"

#include <QtTest/qtest.h>

using State = JwtSession::State;
using Outcome = JwtAdmissionDecision::Outcome;
using Refresh = JwtAdmissionDecision::Refresh;
using Reason = JwtAttemptReason;

Q_DECLARE_METATYPE(JwtSessionFacts)
Q_DECLARE_METATYPE(JwtAdmissionDecision)

namespace {

// Steady time stands still at whatever the test says; wall time is never read by the decision.
class FakeClock : public JwtClock
{
public:
    qint64 wallMSecs() const override { return 0; }
    qint64 steadyMSecs() const override
    {
        ++reads;
        return now;
    }
    qint64 now = 100000;
    mutable int reads = 0;
};

constexpr quint64 Current = 7; // the generation of the facts' token
constexpr quint64 Older = 6;

// An active session with a token and a refresh credential, no schedule, nothing in flight.
JwtSessionFacts active()
{
    JwtSessionFacts facts;
    facts.state = State::Active;
    facts.accessToken = "header.payload.signature";
    facts.authorization = "Bearer header.payload.signature";
    facts.refreshToken = "refresh";
    facts.generation = Current;
    return facts;
}

JwtSessionFacts inState(State state)
{
    JwtSessionFacts facts = active();
    facts.state = state;
    if (state == State::Expired || state == State::SignedOut) {
        facts.accessToken.clear();
        facts.authorization.clear();
        facts.refreshToken.clear();
    }
    return facts;
}

JwtAdmissionDecision decision(Outcome outcome, Refresh refresh = Refresh::None,
                              bool tokenRefused = false)
{
    JwtAdmissionDecision d;
    d.outcome = outcome;
    d.refresh = refresh;
    d.tokenRefused = tokenRefused;
    return d;
}

const char *name(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Send:
        return "Send";
    case Outcome::Wait:
        return "Wait";
    case Outcome::Hold:
        return "Hold";
    case Outcome::FailExpired:
        return "FailExpired";
    case Outcome::FailBackingOff:
        return "FailBackingOff";
    case Outcome::Deliver:
        return "Deliver";
    }
    return "?";
}

const char *name(Refresh refresh)
{
    switch (refresh) {
    case Refresh::None:
        return "None";
    case Refresh::Start:
        return "Start";
    case Refresh::StartProactive:
        return "StartProactive";
    case Refresh::JoinRetry:
        return "JoinRetry";
    }
    return "?";
}

} // namespace

namespace QTest {
template<>
char *toString(const JwtAdmissionDecision &d)
{
    return qstrdup(QByteArray(name(d.outcome)) + '/' + name(d.refresh)
                   + (d.tokenRefused ? "/tokenRefused" : ""));
}
} // namespace QTest

class tst_Admission : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void table_data();
    void table();
    void clockIsReadOnlyWhenNeeded();
    void wakeUp_data();
    void wakeUp();
};

void tst_Admission::table_data()
{
    QTest::addColumn<JwtSessionFacts>("facts");
    QTest::addColumn<int>("reason");
    QTest::addColumn<quint64>("generation");
    QTest::addColumn<JwtAdmissionDecision>("expected");
    const int first = int(Reason::FirstAttempt);
    const int refused = int(Reason::AuthFailed);
    const qint64 now = FakeClock().now;

    // 1, 2: a refresh is in flight.
    JwtSessionFacts background = inState(State::Refreshing);
    background.backgroundRefresh = true;
    background.refreshAtSteady = now - 10;
    background.holdAtSteady = now + 10;
    QTest::newRow("1 background refresh, before the hold time")
            << background << first << quint64(0) << decision(Outcome::Send);
    JwtSessionFacts held = background;
    held.holdAtSteady = now;
    QTest::newRow("2 background refresh, hold time reached")
            << held << first << quint64(0) << decision(Outcome::Wait);
    JwtSessionFacts refusedDuring = background;
    refusedDuring.tokenRefused = true;
    QTest::newRow("2 background refresh, token already refused")
            << refusedDuring << first << quint64(0) << decision(Outcome::Wait);
    QTest::newRow("2 background refresh, refused now")
            << background << refused << Current << decision(Outcome::Wait, Refresh::None, true);
    QTest::newRow("2 on-demand refresh, first attempt")
            << inState(State::Refreshing) << first << quint64(0) << decision(Outcome::Wait);
    QTest::newRow("2 on-demand refresh, refused older generation")
            << inState(State::Refreshing) << refused << Older << decision(Outcome::Wait);

    // 3 to 6: the session expired.
    JwtSessionFacts holding = inState(State::Expired);
    holding.expiryPolicy = JwtSession::ExpiryPolicy::HoldForSignIn;
    QTest::newRow("3 expired, hold for sign-in, first attempt")
            << holding << first << quint64(0) << decision(Outcome::Hold);
    QTest::newRow("3 expired, hold for sign-in, refused")
            << holding << refused << Current << decision(Outcome::Hold);
    JwtSessionFacts expiredSigningIn = inState(State::Expired);
    expiredSigningIn.signingIn = true;
    QTest::newRow("4 expired, signing in")
            << expiredSigningIn << refused << Current << decision(Outcome::Wait);
    QTest::newRow("5 expired, refused")
            << inState(State::Expired) << refused << Current << decision(Outcome::FailExpired);
    QTest::newRow("6 expired, first attempt")
            << inState(State::Expired) << first << quint64(0) << decision(Outcome::Send);

    // 7: signed out.
    QTest::newRow("7 signed out, refused")
            << inState(State::SignedOut) << refused << Current << decision(Outcome::Deliver);
    QTest::newRow("14 signed out, first attempt")
            << inState(State::SignedOut) << first << quint64(0) << decision(Outcome::Send);

    // 8: a sign-in in flight brings the token.
    JwtSessionFacts signingIn = inState(State::SignedOut);
    signingIn.signingIn = true;
    QTest::newRow("8 signing in, no token")
            << signingIn << first << quint64(0) << decision(Outcome::Wait);
    QTest::newRow("8 signing in while signed out, refused")
            << signingIn << refused << Current << decision(Outcome::Wait, Refresh::None, true);
    JwtSessionFacts activeSigningIn = active();
    activeSigningIn.signingIn = true;
    QTest::newRow("8 signing in, current token refused")
            << activeSigningIn << refused << Current
            << decision(Outcome::Wait, Refresh::None, true);
    JwtSessionFacts knownRefusedSigningIn = activeSigningIn;
    knownRefusedSigningIn.tokenRefused = true;
    QTest::newRow("8 signing in, token known refused")
            << knownRefusedSigningIn << first << quint64(0) << decision(Outcome::Wait);
    QTest::newRow("14 signing in, token still good")
            << activeSigningIn << first << quint64(0) << decision(Outcome::Send);

    // 9 to 11: the token was refused, or the session has none yet.
    JwtSessionFacts retrying = active();
    retrying.retryScheduled = true;
    QTest::newRow("9 refused, retry timer set")
            << retrying << refused << Current << decision(Outcome::Wait, Refresh::JoinRetry, true);
    JwtSessionFacts backingOff = active();
    backingOff.notBeforeSteady = now + 1;
    backingOff.tokenRefused = true;
    QTest::newRow("10 refused, backing off")
            << backingOff << refused << Current
            << decision(Outcome::FailBackingOff, Refresh::None, true);
    QTest::newRow("10 token known refused, backing off")
            << backingOff << first << quint64(0) << decision(Outcome::FailBackingOff);
    JwtSessionFacts exempt = backingOff;
    exempt.newRequestsMayRefresh = true;
    QTest::newRow("11 token known refused, backing off after one malformed answer")
            << exempt << first << quint64(0) << decision(Outcome::Wait, Refresh::Start);
    QTest::newRow("10 refused, backing off after one malformed answer")
            << exempt << refused << Current
            << decision(Outcome::FailBackingOff, Refresh::None, true);
    JwtSessionFacts backoffOver = backingOff;
    backoffOver.notBeforeSteady = now;
    QTest::newRow("11 refused, backoff over")
            << backoffOver << refused << Current << decision(Outcome::Wait, Refresh::Start, true);
    QTest::newRow("11 refused") << active() << refused << Current
                                << decision(Outcome::Wait, Refresh::Start, true);
    JwtSessionFacts restored = inState(State::SignedOut);
    restored.state = State::Active;
    restored.refreshToken = "refresh";
    QTest::newRow("11 restored session, no access token yet")
            << restored << first << quint64(0) << decision(Outcome::Wait, Refresh::Start);

    // 12, 13: the proactive refresh is due.
    JwtSessionFacts due = active();
    due.refreshAtSteady = now;
    due.holdAtSteady = now + 10;
    QTest::newRow("13 refresh time reached, before the hold time")
            << due << first << quint64(0) << decision(Outcome::Send, Refresh::StartProactive);
    JwtSessionFacts hold = due;
    hold.holdAtSteady = now;
    QTest::newRow("12 hold time reached")
            << hold << first << quint64(0) << decision(Outcome::Wait, Refresh::StartProactive);
    JwtSessionFacts notYet = due;
    notYet.refreshAtSteady = now + 1;
    QTest::newRow("14 refresh time not reached")
            << notYet << first << quint64(0) << decision(Outcome::Send);
    JwtSessionFacts dueButBackingOff = due;
    dueButBackingOff.notBeforeSteady = now + 1;
    QTest::newRow("14 refresh time reached, backing off")
            << dueButBackingOff << first << quint64(0) << decision(Outcome::Send);
    JwtSessionFacts dueButRetrying = due;
    dueButRetrying.retryScheduled = true;
    QTest::newRow("14 refresh time reached, retry timer set")
            << dueButRetrying << first << quint64(0) << decision(Outcome::Send);
    QTest::newRow("14 replay of a refused older generation")
            << due << refused << Older << decision(Outcome::Send);

    // 14: nothing stands in the way.
    QTest::newRow("14 active, first attempt")
            << active() << first << quint64(0) << decision(Outcome::Send);
    QTest::newRow("14 active, refused older generation")
            << active() << refused << Older << decision(Outcome::Send);
}

void tst_Admission::table()
{
    QFETCH(JwtSessionFacts, facts);
    QFETCH(int, reason);
    QFETCH(quint64, generation);
    QFETCH(JwtAdmissionDecision, expected);
    FakeClock clock;
    QCOMPARE(decideAdmission(facts, clock, Reason(reason), generation), expected);
    QVERIFY2(clock.reads <= 1, "the steady clock is read once at most");
}

// The hot path: an active session without a proactive schedule decides without any clock read.
void tst_Admission::clockIsReadOnlyWhenNeeded()
{
    FakeClock clock;
    QCOMPARE(decideAdmission(active(), clock, Reason::FirstAttempt, 0), decision(Outcome::Send));
    QCOMPARE(clock.reads, 0);
}

void tst_Admission::wakeUp_data()
{
    QTest::addColumn<JwtRelease>("release");
    QTest::addColumn<bool>("heldForSignIn");
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("freshToken");
    QTest::addColumn<int>("error");
    using Kind = JwtWakeUp::Kind;
    const int none = QNetworkReply::NoError;
    const int transient = QNetworkReply::TemporaryNetworkFailureError;
    const int auth = QNetworkReply::AuthenticationRequiredError;
    const struct
    {
        const char *row;
        JwtRelease release;
        bool held;
        Kind kind;
        bool fresh;
        int error;
    } rows[] = {
            {"refreshed", JwtRelease::Refreshed, false, Kind::AskAgain, true, none},
            {"signed in, held", JwtRelease::SignedIn, true, Kind::AskAgain, true, none},
            {"token kept", JwtRelease::TokenKept, false, Kind::AskAgain, false, none},
            {"sign-in failed", JwtRelease::SignInFailed, false, Kind::AskAgain, false, none},
            {"sign-in failed, held", JwtRelease::SignInFailed, true, Kind::KeepWaiting, false,
             none},
            {"expired", JwtRelease::Expired, false, Kind::AskAgainRefused, false, none},
            {"refresh failed", JwtRelease::RefreshFailed, false, Kind::Fail, false, transient},
            {"signed out", JwtRelease::SignedOut, true, Kind::Fail, false, auth},
            {"hold canceled", JwtRelease::HoldCanceled, false, Kind::KeepWaiting, false, none},
            {"hold canceled, held", JwtRelease::HoldCanceled, true, Kind::Fail, false, auth},
            {"session deleted", JwtRelease::SessionDeleted, false, Kind::Fail, false, auth},
    };
    for (const auto &row : rows) {
        QTest::newRow(row.row) << row.release << row.held << int(row.kind) << row.fresh
                               << row.error;
    }
}

// The replies' side of the replay decision: what a waiting reply does when the session wakes it.
void tst_Admission::wakeUp()
{
    QFETCH(JwtRelease, release);
    QFETCH(bool, heldForSignIn);
    QFETCH(int, kind);
    QFETCH(bool, freshToken);
    QFETCH(int, error);
    const JwtWakeUp wakeUp = decideWakeUp(release, heldForSignIn);
    QCOMPARE(int(wakeUp.kind), kind);
    QCOMPARE(wakeUp.freshToken, freshToken);
    QCOMPARE(int(wakeUp.error), error);
}

QTEST_APPLESS_MAIN(tst_Admission)
#include "tst_admission.moc"
