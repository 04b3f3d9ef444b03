// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtrefreshcall_p.h"

#include "jwtlogging_p.h"
#include "jwtorigin_p.h"

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtrefreshjob.h>

#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>

#include <memory>

/*!
    \class JwtRefreshCall
    \internal
    \brief The network side of JwtCookieRefresher and JwtOAuth2Refresher.

    request() builds a call that JwtAccessManager never intercepts and that follows no redirect;
    collect() reads its answer, bounded to JwtRefreshResponse::MaximumBodySize (in the process's
    memory too: Qt's read buffer is bounded), into a JwtRefreshResponse::Input for the parsers;
    postAndForget() sends the logout and revocation calls nobody waits for. refusesDestination()
    keeps credentials off plain http, and manager() and setManager() hold the refresher's own or
    shared QNetworkAccessManager.
*/

namespace {

using Input = JwtRefreshResponse::Input;
constexpr qsizetype MaximumBodySize = JwtRefreshResponse::MaximumBodySize;
// How much of an answer Qt may hold before it is read.
constexpr qint64 ReadBufferSize = MaximumBodySize;

struct CollectState
{
    QByteArray body;
    bool bodyTooLarge = false;
    bool settled = false;
    QList<QMetaObject::Connection> connections;
};

// Without a bound, Qt's HTTP thread reads a whole answer into memory ahead of readyRead(),
// however soon collect() aborts it: 100 MB of a chunked answer (whose size is known only while
// reading) took 100 MB. With one, the HTTP thread stops reading the socket while that much
// waits to be read here, and the server is held back by the socket buffers. Qt 6.4 passes the
// size to its HTTP thread with a signal that it connects when the request starts, which post()
// queues: a size set before that stays with the reply, so it is set again once it started.
void boundReadBuffer(QNetworkReply *reply)
{
    reply->setReadBufferSize(ReadBufferSize); // a reply that started at once (no upload)
    QMetaObject::invokeMethod(
            reply, [reply] { reply->setReadBufferSize(ReadBufferSize); }, Qt::QueuedConnection);
}

JwtRefreshResponse::Input inputFrom(QNetworkReply *reply, CollectState *state)
{
    JwtRefreshResponse::Input input;
    input.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    input.networkError = reply->error();
    input.contentType = reply->rawHeader("Content-Type");
    input.retryAfter = reply->rawHeader("Retry-After");
    input.date = reply->rawHeader("Date");
    input.bodyTooLarge = state->bodyTooLarge;
    if (!state->bodyTooLarge)
        input.body = state->body;
    return input;
}

} // namespace

/*!
    Returns a high-priority POST request for \a url that the interceptor skips and that follows
    no redirect.
*/
QNetworkRequest JwtRefreshCall::request(const QUrl &url, const QByteArray &contentType)
{
    QNetworkRequest request(url);
    request.setAttribute(JwtAccessManager::SkipAuthorizationAttribute, true);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    request.setRawHeader("Accept", "application/json");
    // Every waiting request depends on this call: on a manager shared with the application it
    // goes ahead of requests queued for the same host.
    request.setPriority(QNetworkRequest::HighPriority);
    return request;
}

/*!
    Reads \a reply into an Input, with the body bounded to MaximumBodySize, and calls \a done
    once, unless \a job is canceled or deleted first.
*/
void JwtRefreshCall::collect(QNetworkReply *reply, JwtRefreshJob *job, const Done &done)
{
    boundReadBuffer(reply);
    auto state = std::make_shared<CollectState>();
    QPointer<JwtRefreshJob> guard(job);

    // Disconnect before abort(): Qt 6.4 emits finished() from inside abort().
    // Only our own connections: the manager's (QNetworkAccessManager::finished) stay.
    auto settle = [reply, state] {
        state->settled = true;
        for (const QMetaObject::Connection &connection : std::as_const(state->connections))
            QObject::disconnect(connection);
        reply->deleteLater();
    };
    auto deliver = [guard, done](const Input &input) {
        if (!guard || guard->isFinished())
            return;
        guard->setServerDate(JwtRefreshResponse::parseHttpDate(input.date));
        done(guard.data(), input);
    };
    auto finish = [reply, state, settle, deliver] {
        const Input input = inputFrom(reply, state.get());
        settle();
        deliver(input);
    };
    auto tooLarge = [reply, state, settle, deliver] {
        qCWarning(lcJwtRefresh, "The authentication server's answer exceeds %lld bytes; aborted",
                  qlonglong(MaximumBodySize));
        state->bodyTooLarge = true;
        state->body.clear();
        const Input input = inputFrom(reply, state.get()); // status and headers, before abort()
        settle();
        reply->abort();
        deliver(input);
    };
    auto abandon = [reply, state, settle] {
        if (state->settled)
            return;
        settle();
        reply->abort();
    };

    auto readSome = [reply, state] {
        state->body += reply->read(MaximumBodySize + 1 - state->body.size());
        return state->body.size() <= MaximumBodySize;
    };
    auto onMetaData = [reply, tooLarge] {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > MaximumBodySize)
            tooLarge();
    };
    auto onReadyRead = [readSome, tooLarge] {
        if (!readSome())
            tooLarge();
    };
    auto onFinished = [readSome, tooLarge, finish] {
        if (readSome())
            finish();
        else
            tooLarge();
    };

    state->connections = {
            QObject::connect(job, &JwtRefreshJob::canceled, reply, abandon),
            QObject::connect(job, &QObject::destroyed, reply, abandon),
            QObject::connect(reply, &QNetworkReply::metaDataChanged, reply, onMetaData),
            QObject::connect(reply, &QNetworkReply::readyRead, reply, onReadyRead),
            QObject::connect(reply, &QNetworkReply::finished, reply, onFinished),
    };
}

/*! Posts \a body to \a request with \a manager and logs the status of the answer, which
    nobody waits for. Returns the reply; it deletes itself once finished. */
QNetworkReply *JwtRefreshCall::postAndForget(QNetworkAccessManager *manager,
                                             const QNetworkRequest &request, const QByteArray &body,
                                             const char *what)
{
    QNetworkReply *reply = manager->post(request, body);
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, what] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        qCDebug(lcJwtRefresh, "The %s call answered with HTTP status %d", what, status);
        reply->deleteLater();
    });
    return reply;
}

/*! Returns true, warns and fails \a job (when given) when \a url cannot take a credential:
    it is relative (no base URL resolved it), or it would carry the credential in clear text
    and \a allowInsecureHttp is off. \a refresher names the class in the warning. */
bool JwtRefreshCall::refusesDestination(const QUrl &url, bool allowInsecureHttp,
                                        const char *refresher, JwtRefreshJob *job)
{
    if (url.isRelative()) {
        // Without the query and the user info: neither belongs in a log or in front of a user.
        const QString shown = url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
        qCWarning(lcJwtRefresh, "%s: the endpoint %s is relative and no baseUrl is set", refresher,
                  qUtf8Printable(shown));
        if (job) {
            job->fail(JwtRefreshJob::Result::Transient,
                      tr("The address %1 is relative and no base URL is set.").arg(shown));
        }
        return true;
    }
    if (allowInsecureHttp || !JwtOrigin::isInsecureHttp(url))
        return false;
    const QString origin = JwtOrigin::fromUrl(url).toString();
    qCWarning(lcJwtRefresh,
              "%s: refused to send a credential to %s over plain http; set allowInsecureHttp to "
              "allow it",
              refresher, qUtf8Printable(origin));
    if (job) {
        job->fail(JwtRefreshJob::Result::Transient,
                  tr("Refused to send credentials to %1 over unencrypted http.").arg(origin));
    }
    return true;
}

/*! Returns the manager in \a manager, creating one owned by \a owner the first time. */
QNetworkAccessManager *JwtRefreshCall::manager(QPointer<QNetworkAccessManager> &manager,
                                               QObject *owner)
{
    if (!manager)
        manager = new QNetworkAccessManager(owner);
    return manager;
}

/*! Replaces \a current with \a manager, deleting the previous one if \a owner created it. */
void JwtRefreshCall::setManager(QPointer<QNetworkAccessManager> &current,
                                QNetworkAccessManager *manager, QObject *owner)
{
    if (current && current->parent() == owner && current != manager)
        current->deleteLater();
    current = manager;
}
