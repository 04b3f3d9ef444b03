// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwtrefresher.h>
#include <JwtSession/jwtrefreshjob.h>

#include "jwtbearer_p.h"

#include <QtCore/qcoreapplication.h>

/*!
    \class JwtRefresher
    \brief How a JwtSession renews its access token: the strategy behind single-flight refresh.

    The session calls refresh() on its own thread, at most once at a time, with a job that the
    refresher completes with JwtRefreshJob::succeed() or JwtRefreshJob::fail(), synchronously or
    later. Refreshers send their calls on a plain QNetworkAccessManager (or with
    JwtAccessManager::SkipAuthorizationAttribute), so a refresh is never intercepted itself.

    JwtCookieRefresher, JwtJsonRefresher and JwtOAuth2Refresher cover the common servers; for
    anything else, either subclass JwtRefresher or set no refresher and connect to
    JwtSession::refreshRequested().
*/

struct JwtRefresher::Private
{
    QUrl baseUrl;
};

/*!
    Creates a refresher with \a parent. It must live in the thread of the JwtSession that uses
    it; the session does not own it.
*/
JwtRefresher::JwtRefresher(QObject *parent) : QObject(parent), d(std::make_unique<Private>()) { }

/*! Destroys the refresher. A session using it notices and asks refreshRequested() instead. */
JwtRefresher::~JwtRefresher() = default;

/*!
    \fn void JwtRefresher::refresh(JwtRefreshJob *job)
    Renews the access token for \a job, which carries the current refresh credential.
*/

/*!
    Exchanges the user name and password of \a job for tokens. This default implementation fails
    the job: the refresher has no sign-in call.
*/
void JwtRefresher::signIn(JwtRefreshJob *job)
{
    job->fail(JwtRefreshJob::Result::Rejected,
              QCoreApplication::translate("JwtRefresher",
                                          "Signing in is not supported by this refresher."));
}

/*!
    Forgets \a refreshToken where the server or the refresher keeps it (cookies, RFC 7009
    revocation). Best effort: it never blocks or fails the sign-out. The default does nothing.
*/
void JwtRefresher::signOut(const QByteArray &refreshToken)
{
    Q_UNUSED(refreshToken)
}

/*!
    Tells the refresher that the session replaced its refresh credential with \a credential,
    which another process of the application stored after rotating it (see
    JwtSession::crossProcessLock); an empty \a credential means the session was signed out
    there. The next refresh job carries it. A refresher that keeps its own copy of the
    credential between calls (JwtCookieRefresher) must replace that copy, or forget it, without
    calling the server: the copy it held was rotated away, and presenting it again would be
    reuse. The default does nothing.
*/
void JwtRefresher::adoptRefreshCredential(const QByteArray &credential)
{
    Q_UNUSED(credential)
}

/*!
    \property JwtRefresher::baseUrl
    \brief What relative endpoint URLs are resolved against; empty by default.

    With a base URL, a refresher's endpoints can be written relative to the API's origin, as
    QML does (\c{refreshUrl: "/auth/refresh"}). The endpoint getters and their change signals
    give the URL in use, resolved (QUrl::resolved()); they change when the base does. An
    endpoint set as an absolute URL is used as it is. Without a base URL, a relative endpoint
    stays relative, and no call is made to it.
*/

/*! Returns the URL relative endpoint URLs are resolved against. */
QUrl JwtRefresher::baseUrl() const
{
    return d->baseUrl;
}

/*! Sets the URL relative endpoint URLs are resolved against to \a url. */
void JwtRefresher::setBaseUrl(const QUrl &url)
{
    if (d->baseUrl == url)
        return;
    d->baseUrl = url;
    Q_EMIT baseUrlChanged(url);
}

/*!
    \fn void JwtRefresher::baseUrlChanged(const QUrl &url)
    Emitted when the base URL changed to \a url; the endpoints it resolves follow.
*/

/*!
    \fn QUrl JwtRefresher::refreshUrl() const
    The URL refresh calls go to. The refresh credential is sent to this URL only.
*/

/*!
    Returns whether \a credential can be sent safely as the refresh credential, in the form this
    refresher sends it. The session asks before it takes a credential from setTokens() or a
    token store (JwtSession::restore()): one this returns false for is refused, and never sent.
    The default accepts any credential without control characters (CR and LF would end a
    header line); JwtCookieRefresher takes RFC 6265 cookie-octets only. Control characters are
    refused whatever an override returns.
*/
bool JwtRefresher::acceptsRefreshCredential(const QByteArray &credential) const
{
    return JwtBearer::isValidRefreshCredential(credential);
}
