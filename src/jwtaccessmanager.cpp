// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtsession.h>

#include "jwtaccessmanager_p.h"
#include "jwtproxyreply_p.h"
#include "jwtsession_p.h"

#include <QtCore/qcoreevent.h>

/*!
    \class JwtAccessManager
    \brief A QNetworkAccessManager that attaches the session's bearer token and hides expired
    tokens from the application.

    Requests to the session's authorized origins get \c{Authorization: Bearer …} and a reply that
    survives an expired token: a refused attempt triggers one refresh (shared by every request in
    the same situation), and the request is replayed with the new token, body included. The
    caller sees only the final answer. Every other request passes through to
    QNetworkAccessManager untouched, as does any request with SkipAuthorizationAttribute set.

    Replies are owned like any QNetworkReply: parented to the manager, deleted by the caller (or
    automatically with setAutoDeleteReplies()). \c finished is emitted exactly once per reply.
    A reply whose body ends before the length its \c Content-Length announced finishes with
    QNetworkReply::RemoteHostClosedError, also in the case where Qt 6.4 would report success
    (an answer that arrives while the request is still being sent, then a closed connection).

    The hook signals are emitted synchronously on the manager's thread, so a slot connected
    directly can amend the request in aboutToSend(), much like authenticationRequired(). They
    are never emitted from inside get(), post() or any other call that creates a reply: while
    a slot is connected to aboutToSend() or replyQueued(), a request's first attempt leaves
    from the event loop, right after the call returned. A slot may abort or delete the reply it
    is given, or delete the manager, like in any other signal of a QNetworkReply.

    Like any QNetworkAccessManager, the manager is the parent of the replies it returns, and
    of nothing else a caller could take for one of them:
    \c{qDeleteAll(manager->findChildren<QNetworkReply *>())} deletes exactly the replies
    callers got. Destroying the manager finishes the replies a caller moved to another parent
    at once, with QNetworkReply::OperationCanceledError, whatever they were waiting for.

    One difference remains: authenticationRequired() (HTTP authentication, 401 with a
    \c{WWW-Authenticate} challenge other than Bearer) is emitted by Qt itself with the reply it
    created for one attempt, not with the reply the caller holds, and Qt offers no way to
    change that argument. The attempt's request() is the caller's request, attributes and
    originating object included, with the URL of the current redirect hop, so a slot that
    decides by URL or by request attribute works unchanged; comparing the argument with a
    reply the caller holds does not match.

    Security rules the manager enforces for requests to authorized origins:
    \list
    \li The token goes only over https, or to loopback (127.0.0.0/8, ::1, \c localhost). A
        request to another plain-http authorized origin fails before anything is sent, after
        the caller got the reply, with QNetworkReply::ProtocolInvalidOperationError, unless the
        origin was authorized with JwtSession::OriginOption::AllowInsecureHttp.
    \li Redirects are followed by the library, honouring the request's (or the manager's)
        redirect policy and QNetworkRequest::maximumRedirectsAllowed(). A hop to an origin that
        is not authorized goes without \c Authorization and without the caller's \c Cookie
        header; https to http is refused (InsecureRedirectError) unless the policy is
        UserVerifiedRedirectPolicy; a missing or invalid \c Location, or one with a scheme other
        than http and https, ends the reply with ProtocolUnknownError. 301 and 302 turn POST,
        and 303 turns any method but HEAD, into a GET without body; 307 and 308 keep the method
        and send the body again.
    \li TLS errors are never ignored by the library. The application may call
        QNetworkReply::ignoreSslErrors() on the reply it got (in its \c sslErrors slot, or
        before); the decision is carried over to every attempt of that reply (replay, redirect
        hop) and to no other reply.
    \endlist
*/

/*!
    \variable JwtAccessManager::SkipAuthorizationAttribute
    A request attribute; when \c true, the request goes out untouched: no token, no refresh,
    no replay (like axios' \c skipAuthRefresh).
*/

/*! Creates a manager bound to no session: it behaves like a plain QNetworkAccessManager. */
JwtAccessManager::JwtAccessManager(QObject *parent)
    : QNetworkAccessManager(parent), d(std::make_unique<Private>(this))
{
    // The hook signals carry replies; make them usable across threads and in QSignalSpy.
    qRegisterMetaType<QNetworkReply *>();
    qRegisterMetaType<QNetworkRequest *>();
}

/*! Creates a manager bound to \a session. */
JwtAccessManager::JwtAccessManager(JwtSession *session, QObject *parent) : JwtAccessManager(parent)
{
    setSession(session);
}

/*! Destroys the manager and, like QNetworkAccessManager, the replies it still owns. */
JwtAccessManager::~JwtAccessManager()
{
    d->attemptParent.setParent(nullptr); // a member, never deleted as a child
    // What ~QNetworkAccessManager() does next, done first for our replies: each gives back its
    // slot in the attempt queue while the queue still hands out slots.
    qDeleteAll(findChildren<JwtProxyReply *>(Qt::FindDirectChildrenOnly));
    // Replies the application moved to another parent outlive us: those waiting for a slot
    // fail here, those with an attempt when it goes, those waiting for a refresh or a
    // sign-in when we are destroyed().
    d->attempts->cancelWaiting();
    qDeleteAll(d->attemptParent.children());
}

/*! \property JwtAccessManager::session
    \brief The session whose tokens this manager attaches; not owned. The session may live in
    another thread.
*/

/*! The session whose tokens this manager attaches, or nullptr. Not owned. */
JwtSession *JwtAccessManager::session() const
{
    return d->session;
}

/*!
    Binds the manager to \a session (not owned; nullptr: plain QNetworkAccessManager). Requests
    created afterwards use it; replies already created keep the session they started with. When
    the session is deleted, the manager passes requests through untouched. Emits
    sessionChanged() when it changes. Call it on the manager's thread.
*/
void JwtAccessManager::setSession(JwtSession *session)
{
    if (d->session == session)
        return;
    d->session = session;
    d->state = session ? JwtSessionPrivate::stateOf(session) : nullptr;
    Q_EMIT sessionChanged(session);
}

/*! \reimp */
QNetworkReply *JwtAccessManager::createRequest(Operation op, const QNetworkRequest &request,
                                               QIODevice *outgoingData)
{
    const std::shared_ptr<JwtSessionState> &state = d->state;
    if (!state || request.attribute(SkipAuthorizationAttribute).toBool())
        return QNetworkAccessManager::createRequest(op, request, outgoingData);
    // Looked up once here; the reply uses it for its first attempt.
    const JwtRoute route = state->route(request.url());
    if (!route.authorized)
        return QNetworkAccessManager::createRequest(op, request, outgoingData);
    auto *reply = new JwtProxyReply(this, state, route, op, request, outgoingData);
    reply->start();
    return reply;
}

// One attempt of a proxy reply: a plain request, never intercepted again, and not one of the
// manager's children (see Private::attemptParent).
QNetworkReply *JwtAccessManager::createAttempt(Operation op, const QNetworkRequest &request,
                                               QIODevice *outgoingData)
{
    if (Q_UNLIKELY(d->attemptParent.parent()))
        d->attemptParent.setParent(nullptr); // moved to this thread with the manager
    QNetworkReply *attempt = QNetworkAccessManager::createRequest(op, request, outgoingData);
    attempt->setParent(&d->attemptParent);
    return attempt;
}

/*! \reimp */
bool JwtAccessManager::event(QEvent *event)
{
    // moveToThread() moves an object with its children, and sends this event before: the
    // attempts' parent (not a child, see Private::attemptParent) goes along for the move.
    if (event->type() == QEvent::ThreadChange)
        d->attemptParent.setParent(this);
    return QNetworkAccessManager::event(event);
}

/*!
    \property JwtAccessManager::maxActiveRequestsPerOrigin
    \brief How many requests to one authorized origin the manager hands to Qt at a time.

    The others wait in the manager, high-priority requests first (QNetworkRequest::priority()),
    and leave as earlier ones finish, with the token that is current then: after a refresh they
    never collect a 401 for the old token, and in a burst of requests with an expired token
    only those handed to Qt are refused before the refresh.

    Qt queues what it cannot start at once (per host: 6 HTTP/1.1 connections, or up to 100
    HTTP/2 streams), and its queue costs time that grows with its length on every finished
    request. The default, -1, is automatic: a burst starts with as many requests as Qt has
    HTTP/1.1 connections per host (6), and each answer the server accepts while requests wait
    widens the window by one, up to 128, so that a steady stream of more requests than that
    does not wait in the manager; once nothing is in flight it starts at 6 again. With a
    transfer timeout set (on the manager or the request) it widens only to twice the
    connections: Qt runs that timeout while a request waits in its own queue. Where HTTP/2 may
    be used (https with QNetworkRequest::Http2AllowedAttribute, or Http2DirectAttribute) it is
    128. 0 hands every request to Qt at once. Requests to origins that are not authorized are
    never held.
*/
/*! The limit of requests per authorized origin in Qt's hands; -1: automatic, 0: none. */
int JwtAccessManager::maxActiveRequestsPerOrigin() const
{
    return d->attempts->limit();
}

/*!
    Sets the limit of requests per authorized origin in Qt's hands to \a limit (-1: automatic,
    0: none). Requests already waiting are handed over at once if the new limit allows.
*/
void JwtAccessManager::setMaxActiveRequestsPerOrigin(int limit)
{
    limit = qMax(JwtAttemptQueue::Automatic, limit);
    if (d->attempts->limit() == limit)
        return;
    d->attempts->setLimit(limit);
    Q_EMIT maxActiveRequestsPerOriginChanged(limit);
}

/*!
    \fn void JwtAccessManager::sessionChanged(JwtSession *session)
    Emitted when setSession() binds the manager to another \a session, once per change.
*/
/*!
    \fn void JwtAccessManager::maxActiveRequestsPerOriginChanged(int limit)
    Emitted when setMaxActiveRequestsPerOrigin() changes the limit to \a limit (a value below
    -1 counts as -1), once per change.
*/
/*!
    \fn void JwtAccessManager::aboutToSend(QNetworkReply *reply, QNetworkRequest *request)
    Emitted synchronously on the manager's thread before every attempt of \a reply (the first, a
    replay, each redirect hop), once per attempt, with the \a request about to leave; a directly
    connected slot may add headers to it. Aborting \a reply here cancels it. \a reply is the
    caller's reply, owned by the caller; \a request is valid only during the emission.
*/
/*!
    \fn void JwtAccessManager::authorizationFailed(QNetworkReply *reply, int httpStatus)
    Emitted on the manager's thread once per attempt of \a reply that is answered with an
    authorization failure (\a httpStatus). The answer is hidden from the caller unless it is
    final.
*/
/*!
    \fn void JwtAccessManager::replyQueued(QNetworkReply *reply)
    Emitted at most once per reply, the first time \a reply waits for a refresh or a sign-in.
*/
/*!
    \fn void JwtAccessManager::replyReplayed(QNetworkReply *reply)
    Emitted at most once per reply, when \a reply is sent again after an authorization failure.
*/
