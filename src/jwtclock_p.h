// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTCLOCK_P_H
#define JWTCLOCK_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the JwtSession API. It is exported only so that the auto tests can
// replace the session's clock, and may change or disappear without notice.
//

#include "jwtautotestexport_p.h"

#include <QtCore/qglobal.h>

// The two clocks a session schedules with. Wall time is what tokens and servers speak
// (expiry instants, Date headers) and it jumps when the user or NTP sets it; steady time never
// jumps and is what timers are measured on. Comparing the two reveals clock changes and, where
// the steady clock stops during sleep, a suspend. Tests inject a fake one.
class JWTSESSION_AUTOTEST_EXPORT JwtClock
{
public:
    JwtClock() = default;
    virtual ~JwtClock();

    //! Milliseconds since the epoch, as the system clock says.
    virtual qint64 wallMSecs() const;
    //! Monotonic milliseconds from an arbitrary origin; counts time asleep where the OS can.
    virtual qint64 steadyMSecs() const;

private:
    Q_DISABLE_COPY_MOVE(JwtClock)
};

#endif // JWTCLOCK_P_H
