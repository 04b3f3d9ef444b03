// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtattemptqueue_p.h"

#include "jwtproxyreply_p.h"

JwtAttemptQueue::~JwtAttemptQueue() = default;

void JwtAttemptQueue::setLimit(int limit)
{
    m_limit = qMax(Automatic, limit);
    // A higher limit (or none) may let waiting replies go now.
    for (const auto &window : m_windows)
        schedulePump(window.get());
}

JwtAttemptQueue::Window *JwtAttemptQueue::acquire(const JwtOrigin &origin, JwtProxyReply *reply,
                                                  const QNetworkRequest &request, bool freshToken)
{
    Window *window = windowFor(origin);
    if (m_limit == Automatic) {
        setAutomaticLimits(window, origin, request);
        // The replies a refresh releases carry a token the server issued a moment ago: they
        // leave together, as they would have without the window, instead of starting narrow
        // like a burst with a token that may have been refused meanwhile.
        if (freshToken)
            window->earned = qMax(window->earned, window->widest - window->automaticLimit);
    }
    const QNetworkRequest::Priority priority = request.priority();
    // Nobody overtakes a reply already waiting, except with a higher priority.
    const bool othersWaiting = !window->high.empty()
            || (priority != QNetworkRequest::HighPriority && !window->normal.empty());
    if (hasRoom(window) && !othersWaiting) {
        ++window->active;
        return window;
    }
    (priority == QNetworkRequest::HighPriority ? window->high : window->normal).emplace_back(reply);
    return nullptr;
}

void JwtAttemptQueue::release(Window *window)
{
    Q_ASSERT(window->active > 0);
    --window->active;
    if (window->active == 0 && !hasWaiting(window))
        window->earned = 0;
    schedulePump(window);
}

void JwtAttemptQueue::accepted(Window *window)
{
    if (m_limit != Automatic || !hasWaiting(window)
        || window->automaticLimit + window->earned >= window->widest)
        return;
    ++window->earned;
    schedulePump(window);
}

JwtAttemptQueue::Window *JwtAttemptQueue::windowFor(const JwtOrigin &origin)
{
    for (const auto &window : m_windows) {
        if (window->origin == origin)
            return window.get();
    }
    m_windows.push_back(std::make_unique<Window>());
    m_windows.back()->origin = origin;
    return m_windows.back().get();
}

bool JwtAttemptQueue::hasRoom(const Window *window) const
{
    switch (m_limit) {
    case Unlimited:
        return true;
    case Automatic:
        return window->active < window->automaticLimit + window->earned;
    default:
        return window->active < m_limit;
    }
}

// Replies deleted or finished while waiting may still be in the queues; they only make this
// err on the side of widening a little later.
bool JwtAttemptQueue::hasWaiting(const Window *window)
{
    return !window->high.empty() || !window->normal.empty();
}

// Where HTTP/2 may multiplex, 128 throughout. Over HTTP/1.1 a burst starts with one request
// per connection and may widen to 128; but Qt starts a request's transfer timeout when the
// request enters its queue, not when it is sent, so with a transfer timeout set the window
// widens only to two per connection: the rest wait here, where no timer runs, rather than
// time out in Qt's queue behind slow requests.
void JwtAttemptQueue::setAutomaticLimits(Window *window, const JwtOrigin &origin,
                                         const QNetworkRequest &request) const
{
    const bool http2Possible = request.attribute(QNetworkRequest::Http2DirectAttribute).toBool()
            || (origin.isSecure()
                && request.attribute(QNetworkRequest::Http2AllowedAttribute, true).toBool());
    if (http2Possible) {
        window->automaticLimit = window->widest = Http2Limit;
        return;
    }
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    const int connections = int(request.http1Configuration().numberOfConnectionsPerHost());
#else
    const int connections = 6; // fixed in Qt 6.4
#endif
    const bool timed =
            request.transferTimeout() > 0 || (m_context && m_context->transferTimeout() > 0);
    window->automaticLimit = connections;
    window->widest = timed ? 2 * connections : Http2Limit;
}

// Slots are handed out from the event loop, never inside the slot of the attempt that freed
// one: the next attempt starts on a clean stack, and a burst of releases is one pass.
void JwtAttemptQueue::schedulePump(Window *window)
{
    if (window->pumpScheduled || !m_context || !hasWaiting(window))
        return;
    window->pumpScheduled = true;
    QMetaObject::invokeMethod(
            m_context, [this, window] { pump(window); }, Qt::QueuedConnection);
}

void JwtAttemptQueue::pump(Window *window)
{
    // A granted reply may delete the manager, which owns this queue.
    const std::shared_ptr<JwtAttemptQueue> self = shared_from_this();
    window->pumpScheduled = false;
    while (hasRoom(window)) {
        const QPointer<JwtProxyReply> reply = takeNext(window);
        if (!reply) {
            if (window->active == 0)
                window->earned = 0; // only replies that had gone were left: idle
            return;
        }
        ++window->active;
        reply->onSlotGranted(window); // may release the slot at once (it waits for a refresh)
        if (!m_context)
            return; // a slot deleted the manager
    }
}

// The next reply still waiting for a slot, high priority first; nullptr if there is none.
JwtProxyReply *JwtAttemptQueue::takeNext(Window *window)
{
    for (auto *queue : {&window->high, &window->normal}) {
        while (!queue->empty()) {
            JwtProxyReply *reply = queue->front();
            queue->pop_front();
            if (reply && reply->isWaitingForSlot())
                return reply;
        }
    }
    return nullptr;
}

void JwtAttemptQueue::cancelWaiting()
{
    for (const auto &window : m_windows) {
        while (JwtProxyReply *reply = takeNext(window.get()))
            reply->onManagerDestroyed();
    }
}
