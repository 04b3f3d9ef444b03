// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTWAIT_H
#define JWTWAIT_H

// Waiting in tests without sleeping: on a condition, or until the event queue has drained.

#include <QtCore/qcoreapplication.h>
#include <QtCore/qobject.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qtest.h>

#include <algorithm>
#include <initializer_list>
#include <iterator>

// Waits, running the event loop, until every reply in \a replies (raw or owning pointers) has
// finished; false when \a timeoutMs passed first.
template<typename Replies>
bool waitAll(const Replies &replies, int timeoutMs = 30000)
{
    return QTest::qWaitFor(
            [&] {
                return std::all_of(std::begin(replies), std::end(replies),
                                   [](const auto &reply) { return reply->isFinished(); });
            },
            timeoutMs);
}

inline bool waitAll(std::initializer_list<QNetworkReply *> replies, int timeoutMs = 30000)
{
    return waitAll<std::initializer_list<QNetworkReply *>>(replies, timeoutMs);
}

// Runs the event loop until every event posted before the call has been delivered, and what
// those events posted in turn, \a rounds deep: each round posts a marker and waits for it, and
// a thread's posted events are delivered in order. The way to prove that a queued signal (a
// second finished(), a late store result) did not come, without sleeping for a guessed time.
inline bool waitForPostedEvents(int rounds = 3)
{
    for (int round = 0; round < rounds; ++round) {
        bool reached = false;
        QObject marker;
        QMetaObject::invokeMethod(
                &marker, [&reached] { reached = true; }, Qt::QueuedConnection);
        if (!QTest::qWaitFor([&reached] { return reached; }, 5000))
            return false;
    }
    return true;
}

#endif // JWTWAIT_H
