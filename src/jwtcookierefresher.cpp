// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtrefreshjob.h>

#include "jwtbearer_p.h"
#include "jwtcookierules_p.h"
#include "jwtendpoint_p.h"
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
#include <functional>
#include <memory>
#include <optional>

/*!
    \class JwtCookieRefresher
    \brief Renews tokens at an endpoint that keeps the refresh credential in an HttpOnly cookie.

    signIn() posts JSON \c{{"username","password"}} to loginUrl(); the server answers with the
    access token and its lifetime in JSON and sets the refresh cookie. refresh() posts an empty
    body to refreshUrl() with the refresh cookie; the server answers with a new access token and
    usually rotates the cookie. signOut() posts to logoutUrl() with the cookie, forgets it, and
    removes the cookies of the refresh URL's origin from the cookie jar.

    The refresh cookie never enters a cookie jar. The refresher keeps it itself and sends it to
    refreshUrl() and logoutUrl() only, whatever manager (and so jar) its calls go through: a jar
    would send it wherever the cookie's attributes allow, and those ignore ports (a cookie with
    \c{Path=/auth} goes to \c{/auth/…} on every port of the host, \c{Path=/} with every
    request), reach redirect targets, and let a cookie without \c Secure set over https go over
    plain http. So the refresher's calls neither load nor save cookies through the manager
    (QNetworkRequest::CookieLoadControlAttribute and CookieSaveControlAttribute are Manual): it
    reads the \c Set-Cookie headers of the login, refresh and logout answers itself, keeps the
    cookie named cookieName() when a user agent would send it to the refresh URL (domain, path
    and \c Secure, as RFC 6265 says; ignored in a logout answer), and gives every other cookie
    (a CSRF cookie the API needs, say) to the jar of networkAccessManager() as Qt would have
    done. The Cookie header of its calls is the jar's cookies for the URL plus the refresh
    cookie. An empty or expired refresh cookie in an answer removes it.

    The cookie value is still reported to the session (JwtRefreshJob::rotatedRefreshToken())
    after a sign-in and whenever it changes, so that "remember me" can keep it in the OS
    keychain. When a restored session refreshes with a refresher that holds no cookie, the job's
    refresh credential is sent, and the refresher holds it from then on. When it holds a
    cookie, that one wins over the job's credential: the server rotates it there, even in an
    answer nobody waited for any more, so it is never older than what the session stored.

    \par What is detected

    Nothing but the URLs needs setting for the usual servers. With no accessTokenField, the
    access token is the first of \c access_token, \c accessToken, \c token, \c access and
    \c jwt in the answer, or one level down in its \c data object (\c id_token never is);
    with no expiresInField, the lifetime is \c expires_in or \c expiresIn (seconds), or
    \c expires_at or \c expiresAt (a date). A configured name is used alone. When no token is
    found, the message names what was looked for and the fields the answer had, never a value.

    With no cookieName, the refresh cookie is the cookie of the login answer that a browser
    would send to refreshUrl() (its Domain and Path match, RFC 6265), HttpOnly or not. When
    several would, the HttpOnly ones are preferred, then those whose name contains "refresh";
    if that still leaves several, the sign-in fails with a message that names them. The name
    found is kept for the refresh answers; the credential the session stores is then
    \c{name=value} (just the value for the name \c refresh_token, as earlier versions stored
    it), so that a restored session sends the same cookie. A stored credential is read as
    \c{name=value} when the part before the first \c = is a plain name (letters, digits,
    \c _, \c -, \c .) and the rest is not only \c = padding; otherwise it is the value of a
    cookie named \c refresh_token. Set cookieName when your cookie values look like
    \c{name=value} themselves.

    A 401 or 403 from the refresh or login endpoint is Rejected; everything else follows
    JwtRefreshResponse. Cookie values are never logged.

    Credentials travel over https only, or to loopback for development: a login, refresh or
    logout URL on plain http elsewhere is refused before anything is sent (the job fails as
    Transient with a clear message, the logout call is skipped) unless allowInsecureHttp is set.
*/

/*! \property JwtCookieRefresher::loginUrl
    \brief the endpoint signIn() posts the user credentials to */
/*! \property JwtCookieRefresher::refreshUrl
    \brief the endpoint refresh() posts to; the refresh cookie is taken from answers when it is
    for this URL, and sent here and to logoutUrl only */
/*! \property JwtCookieRefresher::logoutUrl
    \brief the endpoint signOut() posts to with the refresh cookie; empty: the cookie is only
    forgotten locally */
/*! \property JwtCookieRefresher::accessTokenField
    \brief the JSON field of the access token in login and refresh answers; empty (the
    default): detected among \c access_token, \c accessToken, \c token, \c access, \c jwt,
    also inside a \c data object */
/*! \property JwtCookieRefresher::expiresInField
    \brief the JSON field of the access token's lifetime in seconds; empty (the default):
    detected among \c expires_in, \c expiresIn, and the absolute \c expires_at, \c expiresAt */
/*! \property JwtCookieRefresher::cookieName
    \brief the name of the refresh cookie; empty (the default): the cookie of the login answer
    that the refresh URL would carry, detected */
/*! \property JwtCookieRefresher::allowInsecureHttp
    \brief whether the password and the refresh cookie may go over plain http to a host that is
    not loopback; false by default. Anyone on the network path can read them: for test rigs
    and closed networks only */

namespace {

// What became of the refresh cookie in one answer.
enum class RefreshCookie {
    Absent, //!< the answer set none (for the refresh URL)
    Set, //!< the answer set a new value
    Removed, //!< the answer deleted it (empty value, or expired)
    Refused, //!< the answer set a value that cannot be sent back: the answer is unusable
    Ambiguous, //!< no name is set, and several cookies could be the refresh cookie
};

// A successful answer whose refresh cookie cannot be sent back is no usable answer: nothing of
// it is kept, and the cookie the refresher held stays.
void refuseAnswer(JwtRefreshResponse *response)
{
    if (!response->isSuccess())
        return;
    response->result = JwtRefreshJob::Result::Malformed;
    response->message = QCoreApplication::translate(
            "JwtCookieRefresher",
            "The authentication server sent a refresh cookie that cannot be used.");
    response->accessToken.clear();
    response->refreshToken.clear();
    response->expiresIn = -1;
    response->userName.clear();
}

} // namespace

struct JwtCookieRefresher::Private
{
    JwtEndpoint login;
    JwtEndpoint refresh;
    JwtEndpoint logout;
    QString accessTokenField; // empty: detected (JwtJsonFields)
    QString expiresInField;
    QByteArray cookieName; // empty: detected (JwtCookieRules)
    // The name of the refresh cookie when cookieName is empty: found in the login answer, or
    // in the credential of a restored session.
    QByteArray detectedName;
    // The names of the cookies the last answer set, for a message that names them.
    QByteArrayList lastCookies;
    QString ambiguity;
    QPointer<QNetworkAccessManager> manager;
    bool allowInsecureHttp = false;
    // The refresh cookie's value. It is kept here, never in a cookie jar: a jar sends a cookie
    // wherever its attributes allow, to every port of the host, through redirects, and over
    // plain http without Secure, and the application's requests share the jar of a shared
    // manager. Only the refresh and logout calls carry it.
    QByteArray refreshCookie;

    // Fails \a job (or, without one, just warns) when \a url cannot take a credential: it is
    // relative, or it would carry the credential in clear text.
    bool refusesDestination(const QUrl &url, JwtRefreshJob *job) const
    {
        return JwtRefreshCall::refusesDestination(url, allowInsecureHttp, "JwtCookieRefresher",
                                                  job);
    }

    // The URL the refresh cookie is for: the refresh URL, or the login URL without one.
    QUrl cookieScope() const { return refresh.url().isEmpty() ? login.url() : refresh.url(); }

    // The refresh cookie's name: configured, or detected.
    QByteArray name() const { return cookieName.isEmpty() ? detectedName : cookieName; }
    // The credential the session keeps (JwtCookieRules::joinCredential()).
    QByteArray credential() const;
    QByteArray adoptCredential(const QByteArray &credential);

    QNetworkRequest request(const QUrl &url, const QByteArray &contentType,
                            const QByteArray &credential = {}) const;
    RefreshCookie takeCookies(QNetworkReply *reply, bool takeRefreshCookie);
    RefreshCookie takeRefreshCookie(const QNetworkCookie &cookie);
    void warnNoCookie() const;
    std::function<RefreshCookie()> watchCookies(QObject *owner, QNetworkReply *reply,
                                                bool takeRefreshCookie);
};

// A call that neither sends nor stores cookies on its own: the Cookie header is the jar's
// cookies for \a url without any refresh cookie, plus \a credential as the refresh cookie.
QNetworkRequest JwtCookieRefresher::Private::request(const QUrl &url, const QByteArray &contentType,
                                                     const QByteArray &credential) const
{
    QNetworkRequest request = JwtRefreshCall::request(url, contentType);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    QList<QNetworkCookie> cookies;
    if (manager && manager->cookieJar()) {
        const QList<QNetworkCookie> jar = manager->cookieJar()->cookiesForUrl(url);
        for (const QNetworkCookie &cookie : jar) {
            // A value with control characters would break the header; the refresh cookie of
            // an earlier version of this library, or of the application, is not ours to send.
            if (cookie.name() != name() && !JwtBearer::hasControlCharacters(cookie.name())
                && !JwtBearer::hasControlCharacters(cookie.value()))
                cookies.append(cookie);
        }
    }
    if (!credential.isEmpty())
        cookies.append(QNetworkCookie(name(), credential));
    if (!cookies.isEmpty())
        request.setHeader(QNetworkRequest::CookieHeader, QVariant::fromValue(cookies));
    return request;
}

// Sorts the cookies \a reply set: the refresh cookie stays here when \a takeRefreshCookie (and
// is ignored otherwise), every other cookie goes to the manager's jar, as Qt would have done.
// Without a name, the refresh cookie is the one JwtCookieRules chooses, and its name is kept.
RefreshCookie JwtCookieRefresher::Private::takeCookies(QNetworkReply *reply, bool takeRefreshCookie)
{
    const QList<QNetworkCookie> cookies =
            reply->header(QNetworkRequest::SetCookieHeader).value<QList<QNetworkCookie>>();
    const JwtCookieRules::Choice choice =
            JwtCookieRules::choose(cookies, reply->url(), cookieScope(), name());
    lastCookies.clear();
    for (const QNetworkCookie &cookie : cookies)
        lastCookies.append(JwtBearer::hasControlCharacters(cookie.name()) ? "?" : cookie.name());
    RefreshCookie outcome = RefreshCookie::Absent;
    if (!choice.message.isEmpty() && takeRefreshCookie) {
        ambiguity = choice.message;
        outcome = RefreshCookie::Ambiguous;
    }
    // Known or chosen, the refresh cookie's name never reaches the jar; undecided, none of
    // the cookies that could be it does.
    const QByteArray refreshName = choice.found ? choice.cookie.name() : name();
    QList<QNetworkCookie> others;
    for (const QNetworkCookie &cookie : cookies) {
        if (cookie.name() != refreshName
            && (refreshName.isEmpty() ? !choice.candidates.contains(cookie.name()) : true))
            others.append(cookie);
    }
    if (choice.found && takeRefreshCookie)
        outcome = this->takeRefreshCookie(choice.cookie);
    else if (!name().isEmpty() && takeRefreshCookie
             && std::any_of(cookies.cbegin(), cookies.cend(),
                            [&](const QNetworkCookie &c) { return c.name() == name(); }))
        qCDebug(lcJwtRefresh, "Ignoring a refresh cookie that is not for the refresh URL");
    if (!others.isEmpty() && manager && manager->cookieJar())
        manager->cookieJar()->setCookiesFromUrl(others, reply->url());
    return outcome;
}

// Takes the cookies of \a reply as soon as its headers arrive, as a jar would, also when nobody
// waits for the answer any more (the server rotated the cookie all the same), unless \a owner
// is gone. The function returned takes them now unless that happened already, and tells what
// became of the refresh cookie.
std::function<RefreshCookie()> JwtCookieRefresher::Private::watchCookies(QObject *owner,
                                                                         QNetworkReply *reply,
                                                                         bool takeRefreshCookie)
{
    auto outcome = std::make_shared<std::optional<RefreshCookie>>();
    const QPointer<QObject> guard(owner);
    auto take = [this, guard, reply, outcome, takeRefreshCookie] {
        if (!*outcome)
            *outcome = guard ? takeCookies(reply, takeRefreshCookie) : RefreshCookie::Absent;
        return **outcome;
    };
    QObject::connect(reply, &QNetworkReply::metaDataChanged, owner, take);
    return take;
}

// Keeps the refresh cookie an answer set (normalized, and for the refresh URL: the same rules
// as a jar), but the value never enters one.
RefreshCookie JwtCookieRefresher::Private::takeRefreshCookie(const QNetworkCookie &cookie)
{
    const QDateTime expires = cookie.expirationDate();
    if (cookie.value().isEmpty()
        || (expires.isValid() && expires <= QDateTime::currentDateTimeUtc())) {
        refreshCookie.clear();
        return RefreshCookie::Removed;
    }
    // Qt's cookie parser keeps whatever a Set-Cookie said, a lone CR included (Qt 6.4), and the
    // value goes back as is in the Cookie header.
    if (!JwtBearer::isValidCookieValue(cookie.value())
        || JwtBearer::hasControlCharacters(cookie.name())) {
        qCWarning(lcJwtRefresh,
                  "The answer set a refresh cookie whose value is not RFC 6265 cookie-octets; "
                  "the answer is refused");
        return RefreshCookie::Refused;
    }
    if (cookieName.isEmpty())
        detectedName = cookie.name();
    refreshCookie = cookie.value();
    return RefreshCookie::Set;
}

// Names what was looked for and what the login answer set, never a value.
void JwtCookieRefresher::Private::warnNoCookie() const
{
    qCWarning(lcJwtRefresh,
              "The login answer set no refresh cookie for the refresh URL %s: looked for %s; "
              "the answer set cookies: %s. Set cookieName, or a refreshUrl the cookie's Domain "
              "and Path cover.",
              qUtf8Printable(cookieScope().toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo)),
              name().isEmpty() ? "any cookie" : name().constData(),
              lastCookies.isEmpty() ? "none" : lastCookies.join(", ").constData());
}

QByteArray JwtCookieRefresher::Private::credential() const
{
    return cookieName.isEmpty() ? JwtCookieRules::joinCredential(detectedName, refreshCookie)
                                : refreshCookie;
}

// Takes the name of a stored credential when none is set, and returns its value.
QByteArray JwtCookieRefresher::Private::adoptCredential(const QByteArray &credential)
{
    if (!cookieName.isEmpty())
        return credential;
    return JwtCookieRules::splitCredential(credential, &detectedName);
}

/*! Creates a refresher with no URL set. */
JwtCookieRefresher::JwtCookieRefresher(QObject *parent)
    : JwtRefresher(parent), d(std::make_unique<Private>())
{
    JwtEndpoint::followBaseUrl<JwtCookieRefresher>(
            this,
            {{&d->login, &JwtCookieRefresher::loginUrlChanged},
             {&d->refresh, &JwtCookieRefresher::refreshUrlChanged},
             {&d->logout, &JwtCookieRefresher::logoutUrlChanged}});
}

/*! Destroys the refresher; calls in flight are aborted with its own network access manager. */
JwtCookieRefresher::~JwtCookieRefresher() = default;

/*! Returns the login URL. */
QUrl JwtCookieRefresher::loginUrl() const
{
    return d->login.url();
}

/*! Sets the login URL to \a url. */
void JwtCookieRefresher::setLoginUrl(const QUrl &url)
{
    if (d->login.set(url, baseUrl()))
        Q_EMIT loginUrlChanged(d->login.url());
}

/*! Returns the refresh URL. */
QUrl JwtCookieRefresher::refreshUrl() const
{
    return d->refresh.url();
}

/*! Sets the refresh URL to \a url. */
void JwtCookieRefresher::setRefreshUrl(const QUrl &url)
{
    if (d->refresh.set(url, baseUrl()))
        Q_EMIT refreshUrlChanged(d->refresh.url());
}

/*! Returns the logout URL. */
QUrl JwtCookieRefresher::logoutUrl() const
{
    return d->logout.url();
}

/*! Sets the logout URL to \a url. */
void JwtCookieRefresher::setLogoutUrl(const QUrl &url)
{
    if (d->logout.set(url, baseUrl()))
        Q_EMIT logoutUrlChanged(d->logout.url());
}

/*! Returns the JSON field of the access token; empty (the default) when it is detected. */
QString JwtCookieRefresher::accessTokenField() const
{
    return d->accessTokenField;
}

/*! Sets the JSON field of the access token to \a field; it is then the only one looked for.
    An empty \a field detects it. */
void JwtCookieRefresher::setAccessTokenField(const QString &field)
{
    if (d->accessTokenField == field)
        return;
    d->accessTokenField = field;
    Q_EMIT accessTokenFieldChanged(field);
}

/*! Returns the JSON field of the token lifetime; empty (the default) when it is detected. */
QString JwtCookieRefresher::expiresInField() const
{
    return d->expiresInField;
}

/*! Sets the JSON field of the token lifetime to \a field (seconds, or an ISO 8601 date); it is
    then the only one looked for. An empty \a field detects it. */
void JwtCookieRefresher::setExpiresInField(const QString &field)
{
    if (d->expiresInField == field)
        return;
    d->expiresInField = field;
    Q_EMIT expiresInFieldChanged(field);
}

/*! Returns the name of the refresh cookie; empty (the default) when it is detected. */
QByteArray JwtCookieRefresher::cookieName() const
{
    return d->cookieName;
}

/*! Sets the name of the refresh cookie to \a name; only that cookie is then the refresh
    cookie. An empty \a name detects it. */
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

/*! Returns the manager that login, refresh and logout calls go through; created the first
    time. */
QNetworkAccessManager *JwtCookieRefresher::networkAccessManager() const
{
    return JwtRefreshCall::manager(d->manager, const_cast<JwtCookieRefresher *>(this));
}

/*!
    Sends the calls through \a manager (not owned), with its proxy, connections and cookie jar:
    the answers' cookies go to its jar and its cookies go along, all but the refresh cookie,
    which never enters the jar. nullptr goes back to an own manager.
*/
void JwtCookieRefresher::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    JwtRefreshCall::setManager(d->manager, manager, this);
}

/*! Renews the access token of \a job with the refresh cookie the refresher holds, or with the
    job's refresh credential when it holds none (a restored session). */
void JwtCookieRefresher::refresh(JwtRefreshJob *job)
{
    if (!d->refresh.url().isValid() || d->refresh.url().isEmpty()) {
        qCWarning(lcJwtRefresh, "JwtCookieRefresher::refresh: no refresh URL is set");
        job->fail(JwtRefreshJob::Result::Transient, tr("No refresh URL is configured."));
        return;
    }
    if (d->refusesDestination(d->refresh.url(), job))
        return;
    QByteArray sent = d->refreshCookie;
    if (sent.isEmpty()) {
        sent = job->refreshToken();
        if (sent.isEmpty()) {
            job->fail(JwtRefreshJob::Result::Rejected,
                      tr("There is no refresh credential: please sign in again."));
            return;
        }
        // The session checks what it is given, but it may have been given it before this
        // refresher was set.
        if (!acceptsRefreshCredential(sent)) {
            qCWarning(lcJwtRefresh,
                      "JwtCookieRefresher::refresh: the refresh credential is not RFC 6265 "
                      "cookie-octets; not sent");
            job->fail(JwtRefreshJob::Result::Rejected,
                      tr("The refresh credential cannot be used: please sign in again."));
            return;
        }
        // Restored: the server rotates it from here on.
        d->refreshCookie = d->adoptCredential(sent);
        sent = d->refreshCookie;
        if (sent.isEmpty()) {
            job->fail(JwtRefreshJob::Result::Rejected,
                      tr("There is no refresh credential: please sign in again."));
            return;
        }
    }
    QNetworkAccessManager *manager = networkAccessManager();
    // An empty form rather than an empty "JSON" body, which would not be valid JSON.
    QNetworkReply *reply = manager->post(
            d->request(d->refresh.url(), "application/x-www-form-urlencoded", sent), QByteArray());
    const auto takeCookies = d->watchCookies(this, reply, true);
    const QPointer<JwtCookieRefresher> self(this);
    const QString tokenField = d->accessTokenField;
    const QString lifetimeField = d->expiresInField;
    JwtRefreshCall::collect(
            reply, job, [=](JwtRefreshJob *job, const JwtRefreshResponse::Input &in) {
                const RefreshCookie cookie = takeCookies();
                JwtRefreshResponse response =
                        JwtRefreshResponse::parseCookieEndpoint(in, tokenField, lifetimeField);
                response.userName.clear(); // a refresh does not change who is signed in
                if (cookie == RefreshCookie::Refused)
                    refuseAnswer(&response);
                const QByteArray current = self ? self->d->refreshCookie : QByteArray();
                if (response.isSuccess() && current != sent)
                    response.refreshToken = self->d->credential();
                // A refused credential is worthless; the next refresh fails at once without a call.
                if (response.result == JwtRefreshJob::Result::Rejected && self && current == sent)
                    self->d->refreshCookie.clear();
                response.complete(job);
            });
}

/*! Posts the user name and password of \a job to the login URL and reports the refresh cookie
    the server set. */
void JwtCookieRefresher::signIn(JwtRefreshJob *job)
{
    if (!d->login.url().isValid() || d->login.url().isEmpty()) {
        qCWarning(lcJwtRefresh, "JwtCookieRefresher::signIn: no login URL is set");
        job->fail(JwtRefreshJob::Result::Transient, tr("No login URL is configured."));
        return;
    }
    if (d->refusesDestination(d->login.url(), job))
        return;
    const QByteArray body = QJsonDocument(QJsonObject {
                                                  {QStringLiteral("username"), job->userName()},
                                                  {QStringLiteral("password"), job->password()},
                                          })
                                    .toJson(QJsonDocument::Compact);
    if (d->cookieName.isEmpty() && d->refreshCookie.isEmpty())
        d->detectedName.clear(); // found again in this answer
    QNetworkAccessManager *manager = networkAccessManager();
    QNetworkReply *reply = manager->post(d->request(d->login.url(), "application/json"), body);
    const auto takeCookies = d->watchCookies(this, reply, true);
    const QPointer<JwtCookieRefresher> self(this);
    const QString tokenField = d->accessTokenField;
    const QString lifetimeField = d->expiresInField;
    JwtRefreshCall::collect(
            reply, job, [=](JwtRefreshJob *job, const JwtRefreshResponse::Input &in) {
                const RefreshCookie cookie = takeCookies();
                JwtRefreshResponse response =
                        JwtRefreshResponse::parseCookieEndpoint(in, tokenField, lifetimeField);
                if (response.result == JwtRefreshJob::Result::Rejected)
                    response.message = tr("The user name or password is incorrect.");
                if (cookie == RefreshCookie::Refused)
                    refuseAnswer(&response);
                if (cookie == RefreshCookie::Ambiguous && response.isSuccess() && self) {
                    refuseAnswer(&response);
                    response.message = self->d->ambiguity;
                }
                if (response.isSuccess()) {
                    if (cookie == RefreshCookie::Set && self)
                        response.refreshToken = self->d->credential();
                    else if (self)
                        self->d->warnNoCookie();
                }
                response.complete(job);
            });
}

/*!
    \reimp
    Holds \a credential as the refresh cookie from now on, in place of the one it held, or
    holds none when \a credential is empty. Nothing is sent: another process rotated the
    cookie this refresher held, or signed out. A stored credential carries the cookie's name
    when no cookieName is set and the name was detected (see cookieName); one that is not
    RFC 6265 cookie-octets is not held.
*/
void JwtCookieRefresher::adoptRefreshCredential(const QByteArray &credential)
{
    d->refreshCookie = !credential.isEmpty() && acceptsRefreshCredential(credential)
            ? d->adoptCredential(credential)
            : QByteArray();
}

/*! Tells the logout URL (when set) to revoke the refresh cookie, forgets it, and removes the
    cookies of the refresh URL's origin from the jar. \a refreshToken is sent when the refresher
    holds no cookie. */
void JwtCookieRefresher::signOut(const QByteArray &refreshToken)
{
    QNetworkAccessManager *manager = networkAccessManager();
    QByteArray credential = d->refreshCookie;
    if (credential.isEmpty() && !refreshToken.isEmpty()) {
        credential = acceptsRefreshCredential(refreshToken) ? d->adoptCredential(refreshToken)
                                                            : QByteArray(); // never sent
    }
    d->refreshCookie.clear();
    const QList<QUrl> urls = {d->refresh.url(), d->login.url(), d->logout.url()};
    if (d->logout.url().isValid() && !d->logout.url().isEmpty()
        && !d->refusesDestination(d->logout.url(), nullptr)) {
        QNetworkReply *reply = JwtRefreshCall::postAndForget(
                manager,
                d->request(d->logout.url(), "application/x-www-form-urlencoded", credential),
                QByteArray(), "logout");
        // A refresh cookie in the answer is ignored: the user may have signed in again meanwhile.
        d->watchCookies(this, reply, false);
    }
    if (d->cookieName.isEmpty())
        d->detectedName.clear();
    JwtCookieRules::removeOriginCookies(manager ? manager->cookieJar() : nullptr,
                                        d->refresh.url().isEmpty() ? QList<QUrl> {d->login.url()}
                                                                   : urls);
}

/*!
    Returns whether \a credential can be sent as the refresh cookie: it must be RFC 6265
    cookie-octets (\c{%x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E}), so no control
    character, whitespace, double quote, comma, semicolon or backslash. A rotated cookie that is
    not makes the login or refresh answer Malformed.
*/
bool JwtCookieRefresher::acceptsRefreshCredential(const QByteArray &credential) const
{
    return JwtBearer::isValidCookieValue(credential);
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
