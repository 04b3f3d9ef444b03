// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTATTEMPTQUEUE_P_H
#define JWTATTEMPTQUEUE_P_H

#include "jwtorigin_p.h"

#include <QtCore/qpointer.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkrequest.h>

#include <deque>
#include <memory>
#include <vector>

class JwtProxyReply;

// Bounds how many attempts to one origin a manager hands to Qt at a time; the others wait here
// in order of priority, and are admitted again when a slot frees (so they leave with the token
// current then, or wait for a refresh started meanwhile).
//
// Qt keeps the requests it cannot start yet in a queue per host and walks that whole queue,
// copying every entry, each time a request finishes (QHttpNetworkConnection, Qt 6.4): a burst of
// N requests costs O(N²) there, and a storm sends every request of the burst twice. Leaving this
// queue is O(1). The automatic limit starts a burst with what Qt runs at once over HTTP/1.1
// (its connections per host, 6), so that a token the server stopped accepting is refused that
// many times only, and widens while the server accepts the token and requests wait (see
// Window::earned; setAutomaticLimits() says how far); it is 128 where HTTP/2 may multiplex up to
// 100 streams over one connection.
class JwtAttemptQueue : public std::enable_shared_from_this<JwtAttemptQueue>
{
public:
    static constexpr int Automatic = -1;
    static constexpr int Unlimited = 0;
    static constexpr int Http2Limit = 128;

    struct Window; // the slots of one origin

    // \a context is the manager: the queue hands out freed slots from its event loop.
    explicit JwtAttemptQueue(QNetworkAccessManager *context) : m_context(context) { }
    ~JwtAttemptQueue();

    int limit() const { return m_limit; }
    void setLimit(int limit);

    // Takes a slot for an attempt of \a reply sending \a request to \a origin and returns its
    // window, or queues \a reply and returns nullptr; JwtProxyReply::onSlotGranted() is called
    // when its turn comes. \a freshToken: the reply was waiting for a token the server has just
    // issued (refresh, sign-in), which opens the automatic window at once.
    Window *acquire(const JwtOrigin &origin, JwtProxyReply *reply, const QNetworkRequest &request,
                    bool freshToken = false);
    void release(Window *window);
    // The server accepted the token of an attempt holding a slot of \a window: the automatic
    // limit widens by one if replies are waiting.
    void accepted(Window *window);
    // The manager is being destroyed: every reply still waiting for a slot fails.
    void cancelWaiting();

private:
    Window *windowFor(const JwtOrigin &origin);
    bool hasRoom(const Window *window) const;
    static bool hasWaiting(const Window *window);
    void setAutomaticLimits(Window *window, const JwtOrigin &origin,
                            const QNetworkRequest &request) const;
    void schedulePump(Window *window);
    void pump(Window *window);
    JwtProxyReply *takeNext(Window *window);

    const QPointer<QNetworkAccessManager> m_context; // null once the manager is gone
    int m_limit = Automatic;
    // Few origins per manager: a vector searched linearly beats hashing the origin.
    std::vector<std::unique_ptr<Window>> m_windows;
};

struct JwtAttemptQueue::Window
{
    JwtOrigin origin;
    int active = 0; // attempts handed to Qt and not finished yet
    int automaticLimit = 0; // where a burst starts, for the last request that asked
    int widest = 0; // how far it may widen
    // Slots earned beyond automaticLimit: one per answer accepted while replies waited, so
    // that a steady stream of more requests than the start allows does not wait in the
    // manager. Back to 0 whenever nothing is in flight (refused attempts wait for the refresh
    // outside the window): the next burst starts small again, and a token the server stopped
    // accepting meanwhile is refused only that many times.
    int earned = 0;
    bool pumpScheduled = false;
    // Replies deleted or finished while queued stay until their turn and are skipped then.
    std::deque<QPointer<JwtProxyReply>> high;
    std::deque<QPointer<JwtProxyReply>> normal; // Normal and Low, as Qt's own queue does
};

#endif // JWTATTEMPTQUEUE_P_H
