// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtrefreshjob.h>

#include "jwtlogging_p.h"
#include "jwtrefreshcall_p.h"
#include "jwtrefreshresponse_p.h"

#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qpointer.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkcookie.h>
#include <QtNetwork/qnetworkcookiejar.h>
#include <QtNetwork/qnetworkreply.h>

#include <algorithm>

/*!
    \class JwtCookieRefresher
    \brief Renews tokens at an endpoint that keeps the refresh credential in an HttpOnly cookie.

    signIn() posts JSON \c{{"username","password"}} to loginUrl(); the server answers with the
    access token and its lifetime in JSON and sets the refresh cookie, which lands in the cookie
    jar of networkAccessManager(). refresh() posts an empty body to refreshUrl(), where the jar
    sends the cookie; the server answers with a new access token and usually rotates the cookie.
    signOut() posts to logoutUrl() and removes the cookies of the refresh URL's origin.

    The cookie value is still reported to the session (JwtRefreshJob::rotatedRefreshToken()) after
    a sign-in and whenever it changes, so that "remember me" can keep it in the OS keychain. When
    a restored session refreshes with a fresh jar, the refresher puts the job's refresh credential
    back into the jar first, as a host-only HttpOnly cookie named cookieName() whose path is the
    directory of the refresh URL's path (RFC 6265 §5.1.4 default-path: \c /auth for
    \c /auth/refresh), which is the cookie the server would have set without a Path attribute.
    A server that sets the cookie with another Path should serve the refresh URL under it.
    When the jar already holds a refresh cookie, it wins over the job's credential: the server
    rotates it there, so it is never older than what the session stored.

    A 401 or 403 from the refresh or login endpoint is Rejected; everything else follows
    JwtRefreshResponse. Cookie values are never logged.

    Credentials travel over https only, or to loopback for development: a login, refresh or
    logout URL on plain http elsewhere is refused before anything is sent (the job fails as
    Transient with a clear message, the logout call is skipped) unless allowInsecureHttp is set.
*/

/*! \property JwtCookieRefresher::loginUrl
    \brief the endpoint signIn() posts the user credentials to */
/*! \property JwtCookieRefresher::refreshUrl
    \brief the endpoint refresh() posts to; the refresh cookie is scoped to it */
/*! \property JwtCookieRefresher::logoutUrl
    \brief the endpoint signOut() posts to; empty: cookies are only removed locally */
/*! \property JwtCookieRefresher::accessTokenField
    \brief the JSON field of the access token in login and refresh answers */
/*! \property JwtCookieRefresher::expiresInField
    \brief the JSON field of the access token's lifetime in seconds */
/*! \property JwtCookieRefresher::cookieName
    \brief the name of the refresh cookie */
/*! \property JwtCookieRefresher::allowInsecureHttp
    \brief whether the password and the refresh cookie may go over plain http to a host that is
    not loopback; false by default. Anyone on the network path can read them: for test rigs
    and closed networks only */

struct JwtCookieRefresher::Private
{
    QUrl loginUrl;
    QUrl refreshUrl;
    QUrl logoutUrl;
    QString accessTokenField = QStringLiteral("access_token");
    QString expiresInField = QStringLiteral("expires_in");
    QByteArray cookieName = QByteArrayLiteral("refresh_token");
    QPointer<QNetworkAccessManager> manager;
    bool allowInsecureHttp = false;

    // Fails \a job (or, without one, just warns) when \a url would carry a credential in
    // clear text.
    bool refusesInsecure(const QUrl &url, JwtRefreshJob *job) const
    {
        return JwtRefreshCall::refusesInsecure(url, allowInsecureHttp, "JwtCookieRefresher", job);
    }
};

namespace {

// Qt's jar keeps whatever a Set-Cookie said, control characters included, and would send them
// back raw in the Cookie header, where the server refuses them on every later refresh. Such a
// value counts as no cookie: the session's last good credential is sent (and put back) instead.
bool hasControlCharacters(const QByteArray &value)
{
    return std::any_of(value.cbegin(), value.cend(),
                       [](char c) { return uchar(c) < 0x20 || uchar(c) == 0x7f; });
}

QByteArray cookieValue(QNetworkAccessManager *manager, const QUrl &url, const QByteArray &name)
{
    if (!manager)
        return {};
    const QList<QNetworkCookie> cookies = manager->cookieJar()->cookiesForUrl(url);
    for (const QNetworkCookie &cookie : cookies) {
        if (cookie.name() != name)
            continue;
        if (hasControlCharacters(cookie.value())) {
            qCWarning(lcJwtRefresh, "Ignoring a refresh cookie whose value has control characters");
            return {};
        }
        return cookie.value();
    }
    return {};
}

// RFC 6265 §5.1.4 default-path: the path up to, not including, its last '/'; "/" at the least.
QString defaultCookiePath(const QUrl &url)
{
    const QString path = url.path();
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

void insertRefreshCookie(QNetworkAccessManager *manager, const QUrl &url, const QByteArray &name,
                         const QByteArray &value)
{
    QNetworkCookie cookie(name, value);
    cookie.setDomain(url.host()); // no leading dot: host-only, like a Set-Cookie without Domain
    cookie.setPath(defaultCookiePath(url));
    cookie.setHttpOnly(true);
    cookie.setSecure(url.scheme() == QLatin1String("https"));
    manager->cookieJar()->insertCookie(cookie);
}

// The jar of a plain QNetworkCookieJar cannot be listed, so the cookies of the origin are found
// through the URLs the refresher knows, and the origin's root.
void removeOriginCookies(QNetworkAccessManager *manager, const QList<QUrl> &urls)
{
    if (!manager || urls.isEmpty())
        return;
    QNetworkCookieJar *jar = manager->cookieJar();
    const QString host = urls.first().host();
    QList<QUrl> scopes = urls;
    QUrl root = urls.first().adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
    root.setPath(QStringLiteral("/"));
    scopes.append(root);
    int removed = 0;
    for (const QUrl &url : std::as_const(scopes)) {
        if (!url.isValid() || url.host() != host)
            continue;
        const QList<QNetworkCookie> cookies = jar->cookiesForUrl(url);
        for (const QNetworkCookie &cookie : cookies)
            removed += jar->deleteCookie(cookie) ? 1 : 0;
    }
    qCDebug(lcJwtRefresh, "Removed %d cookies of the authentication origin", removed);
}

} // namespace

/*! Creates a refresher with no URL set. */
JwtCookieRefresher::JwtCookieRefresher(QObject *parent)
    : JwtRefresher(parent), d(std::make_unique<Private>())
{ }

/*! Destroys the refresher; calls in flight are aborted with its own network access manager. */
JwtCookieRefresher::~JwtCookieRefresher() = default;

/*! Returns the login URL. */
QUrl JwtCookieRefresher::loginUrl() const
{
    return d->loginUrl;
}

/*! Sets the login URL to \a url. */
void JwtCookieRefresher::setLoginUrl(const QUrl &url)
{
    if (d->loginUrl == url)
        return;
    d->loginUrl = url;
    Q_EMIT loginUrlChanged(url);
}

/*! Returns the refresh URL. */
QUrl JwtCookieRefresher::refreshUrl() const
{
    return d->refreshUrl;
}

/*! Sets the refresh URL to \a url. */
void JwtCookieRefresher::setRefreshUrl(const QUrl &url)
{
    if (d->refreshUrl == url)
        return;
    d->refreshUrl = url;
    Q_EMIT refreshUrlChanged(url);
}

/*! Returns the logout URL. */
QUrl JwtCookieRefresher::logoutUrl() const
{
    return d->logoutUrl;
}

/*! Sets the logout URL to \a url. */
void JwtCookieRefresher::setLogoutUrl(const QUrl &url)
{
    if (d->logoutUrl == url)
        return;
    d->logoutUrl = url;
    Q_EMIT logoutUrlChanged(url);
}

/*! Returns the JSON field of the access token ("access_token" by default). */
QString JwtCookieRefresher::accessTokenField() const
{
    return d->accessTokenField;
}

/*! Sets the JSON field of the access token to \a field. */
void JwtCookieRefresher::setAccessTokenField(const QString &field)
{
    if (d->accessTokenField == field)
        return;
    d->accessTokenField = field;
    Q_EMIT accessTokenFieldChanged(field);
}

/*! Returns the JSON field of the token lifetime ("expires_in" by default). */
QString JwtCookieRefresher::expiresInField() const
{
    return d->expiresInField;
}

/*! Sets the JSON field of the token lifetime to \a field. */
void JwtCookieRefresher::setExpiresInField(const QString &field)
{
    if (d->expiresInField == field)
        return;
    d->expiresInField = field;
    Q_EMIT expiresInFieldChanged(field);
}

/*! Returns the name of the refresh cookie ("refresh_token" by default). */
QByteArray JwtCookieRefresher::cookieName() const
{
    return d->cookieName;
}

/*! Sets the name of the refresh cookie to \a name. */
void JwtCookieRefresher::setCookieName(const QByteArray &name)
{
    if (d->cookieName == name)
        return;
    d->cookieName = name;
    Q_EMIT cookieNameChanged(name);
}

/*! Returns whether credentials may go over plain http to a host that is not loopback. */
bool JwtCookieRefresher::allowInsecureHttp() const
{
    return d->allowInsecureHttp;
}

/*!
    Sets whether the password and the refresh cookie may go over plain http to a host that is not
    loopback to \a allow. For test rigs and closed networks only.
*/
void JwtCookieRefresher::setAllowInsecureHttp(bool allow)
{
    if (d->allowInsecureHttp == allow)
        return;
    d->allowInsecureHttp = allow;
    Q_EMIT allowInsecureHttpChanged(allow);
}

/*! Returns the manager whose cookie jar holds the refresh cookie; created the first time. */
QNetworkAccessManager *JwtCookieRefresher::networkAccessManager() const
{
    return JwtRefreshCall::manager(d->manager, const_cast<JwtCookieRefresher *>(this));
}

/*! Shares \a manager (not owned) and its cookie jar; nullptr goes back to an own manager. */
void JwtCookieRefresher::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    JwtRefreshCall::setManager(d->manager, manager, this);
}

/*! Renews the access token of \a job with the refresh cookie, restoring it into the jar from
    the job's refresh credential when the jar has none. */
void JwtCookieRefresher::refresh(JwtRefreshJob *job)
{
    if (!d->refreshUrl.isValid() || d->refreshUrl.isEmpty()) {
        qCWarning(lcJwtRefresh, "JwtCookieRefresher::refresh: no refresh URL is set");
        job->fail(JwtRefreshJob::Result::Transient, tr("No refresh URL is configured."));
        return;
    }
    if (d->refusesInsecure(d->refreshUrl, job))
        return;
    QNetworkAccessManager *manager = networkAccessManager();
    QByteArray sent = cookieValue(manager, d->refreshUrl, d->cookieName);
    if (sent.isEmpty()) {
        sent = job->refreshToken();
        if (sent.isEmpty()) {
            job->fail(JwtRefreshJob::Result::Rejected,
                      tr("There is no refresh credential: please sign in again."));
            return;
        }
        insertRefreshCookie(manager, d->refreshUrl, d->cookieName, sent);
    }
    // An empty form rather than an empty "JSON" body, which would not be valid JSON.
    QNetworkReply *reply = manager->post(
            JwtRefreshCall::request(d->refreshUrl, "application/x-www-form-urlencoded"),
            QByteArray());
    const QPointer<QNetworkAccessManager> guard(manager);
    const QUrl url = d->refreshUrl;
    const QByteArray name = d->cookieName;
    const QString tokenField = d->accessTokenField;
    const QString lifetimeField = d->expiresInField;
    JwtRefreshCall::collect(
            reply, job, [=](JwtRefreshJob *job, const JwtRefreshResponse::Input &in) {
                JwtRefreshResponse response =
                        JwtRefreshResponse::parseCookieEndpoint(in, tokenField, lifetimeField);
                response.userName.clear(); // a refresh does not change who is signed in
                const QByteArray current = cookieValue(guard, url, name);
                if (response.isSuccess() && current != sent)
                    response.refreshToken = current;
                // A refused credential is worthless; the next refresh fails at once without a call.
                if (response.result == JwtRefreshJob::Result::Rejected && guard && current == sent)
                    removeOriginCookies(guard, {url});
                response.complete(job);
            });
}

/*! Posts the user name and password of \a job to the login URL and reports the refresh cookie
    the server set. */
void JwtCookieRefresher::signIn(JwtRefreshJob *job)
{
    if (!d->loginUrl.isValid() || d->loginUrl.isEmpty()) {
        qCWarning(lcJwtRefresh, "JwtCookieRefresher::signIn: no login URL is set");
        job->fail(JwtRefreshJob::Result::Transient, tr("No login URL is configured."));
        return;
    }
    if (d->refusesInsecure(d->loginUrl, job))
        return;
    const QByteArray body = QJsonDocument(QJsonObject {
                                                  {QStringLiteral("username"), job->userName()},
                                                  {QStringLiteral("password"), job->password()},
                                          })
                                    .toJson(QJsonDocument::Compact);
    QNetworkAccessManager *manager = networkAccessManager();
    QNetworkReply *reply =
            manager->post(JwtRefreshCall::request(d->loginUrl, "application/json"), body);
    const QPointer<QNetworkAccessManager> guard(manager);
    const QUrl cookieUrl = d->refreshUrl.isEmpty() ? d->loginUrl : d->refreshUrl;
    const QByteArray name = d->cookieName;
    const QString tokenField = d->accessTokenField;
    const QString lifetimeField = d->expiresInField;
    JwtRefreshCall::collect(
            reply, job, [=](JwtRefreshJob *job, const JwtRefreshResponse::Input &in) {
                JwtRefreshResponse response =
                        JwtRefreshResponse::parseCookieEndpoint(in, tokenField, lifetimeField);
                if (response.result == JwtRefreshJob::Result::Rejected)
                    response.message = tr("The user name or password is incorrect.");
                if (response.isSuccess()) {
                    response.refreshToken = cookieValue(guard, cookieUrl, name);
                    if (response.refreshToken.isEmpty())
                        qCWarning(lcJwtRefresh,
                                  "The login answer set no refresh cookie for the refresh URL");
                }
                response.complete(job);
            });
}

/*! Tells the logout URL (when set) to revoke the refresh cookie, then removes the cookies of the
    refresh URL's origin from the jar. \a refreshToken is sent when the jar has no cookie. */
void JwtCookieRefresher::signOut(const QByteArray &refreshToken)
{
    QNetworkAccessManager *manager = networkAccessManager();
    const QList<QUrl> urls = {d->refreshUrl, d->loginUrl, d->logoutUrl};
    if (d->logoutUrl.isValid() && !d->logoutUrl.isEmpty()
        && !d->refusesInsecure(d->logoutUrl, nullptr)) {
        if (cookieValue(manager, d->logoutUrl, d->cookieName).isEmpty() && !refreshToken.isEmpty())
            insertRefreshCookie(manager, d->refreshUrl.isEmpty() ? d->logoutUrl : d->refreshUrl,
                                d->cookieName, refreshToken);
        // The Cookie header is taken from the jar inside post(), so removing them below is safe.
        // Cookies are not removed again when the answer arrives: the user may have signed in
        // again meanwhile.
        JwtRefreshCall::postAndForget(
                manager, JwtRefreshCall::request(d->logoutUrl, "application/x-www-form-urlencoded"),
                QByteArray(), "logout");
    }
    removeOriginCookies(manager, d->refreshUrl.isEmpty() ? QList<QUrl> {d->loginUrl} : urls);
}

/*!
    \fn void JwtCookieRefresher::loginUrlChanged(const QUrl &url)
    Emitted when the login URL changes to \a url, once per change.
*/
/*!
    \fn void JwtCookieRefresher::refreshUrlChanged(const QUrl &url)
    Emitted when the refresh URL changes to \a url, once per change.
*/
/*!
    \fn void JwtCookieRefresher::logoutUrlChanged(const QUrl &url)
    Emitted when the logout URL changes to \a url, once per change.
*/
/*!
    \fn void JwtCookieRefresher::accessTokenFieldChanged(const QString &field)
    Emitted when the access token's JSON field changes to \a field, once per change.
*/
/*!
    \fn void JwtCookieRefresher::expiresInFieldChanged(const QString &field)
    Emitted when the lifetime's JSON field changes to \a field, once per change.
*/
/*!
    \fn void JwtCookieRefresher::cookieNameChanged(const QByteArray &name)
    Emitted when the refresh cookie's name changes to \a name, once per change.
*/
/*!
    \fn void JwtCookieRefresher::allowInsecureHttpChanged(bool allow)
    Emitted when allowInsecureHttp changes to \a allow, once per change.
*/
