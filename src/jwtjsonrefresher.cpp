// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwtjsonrefresher.h>
#include <JwtSession/jwtrefreshjob.h>

#include "jwtcookierules_p.h"
#include "jwtendpoint_p.h"
#include "jwtlogging_p.h"
#include "jwtrefreshcall_p.h"
#include "jwtrefreshresponse_p.h"

#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qpointer.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>

/*!
    \class JwtJsonRefresher
    \brief Renews tokens at an endpoint that takes the refresh token in a JSON body: Django REST
    framework SimpleJWT, ASP.NET Core Identity (\c MapIdentityApi), and the many servers built
    the same way.

    signIn() posts the user name and password as JSON to loginUrl() (under usernameField() and
    passwordField(): ASP.NET Core Identity calls the user name \c email); the server answers
    with an access token and a refresh token. refresh() posts the refresh token as JSON to
    refreshUrl(), under refreshTokenRequestField(); the server answers with a new access token
    and usually a rotated refresh token. signOut() posts the refresh token the same way to
    logoutUrl() when one is set (SimpleJWT's blacklist endpoint), best effort.

    The fields of the answers are detected unless set: the access token among
    \c access_token, \c accessToken, \c token, \c access, \c jwt (never \c id_token); the
    lifetime among \c expires_in, \c expiresIn, \c expires_at, \c expiresAt; the refresh token
    among \c refresh_token, \c refreshToken, \c refresh; each also one level down in a \c data
    object. A configured name is used alone. When no access token is found, the message names
    what was looked for and the fields the answer had, never a value.

    The access token may be opaque (ASP.NET Core Identity's are not JWTs): the session
    schedules the refresh from the answer's lifetime and never needs to decode it.

    A rotated refresh token is reported with the new access token
    (JwtRefreshJob::rotatedRefreshToken()): the session replaces the old one at once, before any
    waiting request is replayed, and a token store keeps it when the user asked to be
    remembered. The old one is never sent again: these servers blacklist it, and presenting it
    once more may revoke the whole session. The session sends one refresh at a time.

    A 401 or 403, or a 400 with a JSON error body (\c{{"refresh":["This field is required."]}}),
    is Rejected: the session ends. 5xx, 429, other 4xx and network errors are Transient; a 2xx
    without a usable access token is Malformed. Token values never appear in a message or log.

    Credentials travel over https only, or to loopback for development, unless
    allowInsecureHttp is set.

    \par Setups

    The field names are detected, so the URLs are enough (plus the user name field where the
    server does not call it \c username):

    \code
    // Django REST framework SimpleJWT
    refresher->setLoginUrl(QUrl("https://api.example.com/api/token/"));
    refresher->setRefreshUrl(QUrl("https://api.example.com/api/token/refresh/"));

    // ASP.NET Core Identity, app.MapIdentityApi<IdentityUser>()
    refresher->setLoginUrl(QUrl("https://api.example.com/login"));
    refresher->setRefreshUrl(QUrl("https://api.example.com/refresh"));
    refresher->setUsernameField("email");
    \endcode

    Setting refreshTokenRequestField (\c refresh, \c refreshToken) fixes the name the refresh
    token is sent under instead; the stored credential is then the bare token.
*/

/*! \property JwtJsonRefresher::loginUrl
    \brief the endpoint signIn() posts the JSON credentials to */
/*! \property JwtJsonRefresher::refreshUrl
    \brief the endpoint refresh() posts the refresh token to; the refresh token is sent there
    and to logoutUrl only */
/*! \property JwtJsonRefresher::logoutUrl
    \brief the endpoint signOut() posts the refresh token to; empty (the default): none */
/*! \property JwtJsonRefresher::usernameField
    \brief the JSON field of the user name in the login request; "username" by default */
/*! \property JwtJsonRefresher::passwordField
    \brief the JSON field of the password in the login request; "password" by default */
/*! \property JwtJsonRefresher::accessTokenField
    \brief the JSON field of the access token in the answers; empty (the default): detected */
/*! \property JwtJsonRefresher::expiresInField
    \brief the JSON field of the access token's lifetime in the answers; empty (the default):
    detected */
/*! \property JwtJsonRefresher::refreshTokenField
    \brief the JSON field of the refresh token in the answers; empty (the default): detected */
/*! \property JwtJsonRefresher::refreshTokenRequestField
    \brief the JSON field of the refresh token in the refresh and logout requests; empty (the
    default): the name the answer that issued the token used for it, else refreshTokenField,
    else \c refresh_token. Unless it is set, a refresh token the server named otherwise than
    \c refresh_token is reported (and stored) as \c{name=token}, for example
    \c{refresh=eyJ...}, so that a session restored from a token store, or taken over by
    another instance, sends it under the same name */
/*! \property JwtJsonRefresher::allowInsecureHttp
    \brief whether the password and the refresh token may go over plain http to a host that is
    not loopback; false by default. For test rigs and closed networks only */

struct JwtJsonRefresher::Private
{
    JwtEndpoint login;
    JwtEndpoint refresh;
    JwtEndpoint logout;
    QString usernameField = QStringLiteral("username");
    QString passwordField = QStringLiteral("password");
    QString accessTokenField;
    QString expiresInField;
    QString refreshTokenField;
    QString refreshTokenRequestField;
    QString learnedRequestField; // the name the last answer gave the refresh token
    QPointer<QNetworkAccessManager> manager;
    bool allowInsecureHttp = false;

    JwtJsonFieldNames fields() const
    {
        JwtJsonFieldNames names;
        names.accessToken = accessTokenField;
        names.expiresIn = expiresInField;
        names.refreshToken = refreshTokenField;
        return names;
    }

    QString requestField() const
    {
        if (!refreshTokenRequestField.isEmpty())
            return refreshTokenRequestField;
        if (!learnedRequestField.isEmpty())
            return learnedRequestField;
        if (!refreshTokenField.isEmpty())
            return refreshTokenField;
        qCWarning(lcJwtRefresh,
                  "JwtJsonRefresher: no answer named the refresh token's field yet and "
                  "refreshTokenRequestField is not set; sending it as \"refresh_token\"");
        return QStringLiteral("refresh_token");
    }

    // The body that presents \a credential: a token, or name=token (see credentialFor()).
    QByteArray refreshBody(const QByteArray &credential)
    {
        // Split whatever the field setting: one may be set after a run that stored the name.
        QByteArray field;
        const QByteArray token = JwtCookieRules::splitCredential(credential, &field);
        if (refreshTokenRequestField.isEmpty()
            && (field != JwtCookieRules::defaultName() || learnedRequestField.isEmpty()))
            learnedRequestField = QString::fromLatin1(field);
        return QJsonDocument(QJsonObject {{requestField(), QString::fromUtf8(token)}})
                .toJson(QJsonDocument::Compact);
    }

    // What the session keeps for the refresh token \a token: the token, or, while no request
    // field is set, name=token with the name the server gave it (a name=value credential
    // like the cookie refresher's, read back by refreshBody()).
    QByteArray credentialFor(const QByteArray &token) const
    {
        if (token.isEmpty() || !refreshTokenRequestField.isEmpty())
            return token;
        return JwtCookieRules::joinCredential(learnedRequestField.toLatin1(), token);
    }

    bool refuses(const QUrl &url, const char *what, JwtRefreshJob *job) const;
    // Reads an answer, and learns the refresh token's field name from it.
    JwtRefreshResponse read(const JwtRefreshResponse::Input &in,
                            const QPointer<JwtJsonRefresher> &self) const;
};

// Fails \a job (or just warns) when \a url is not set or would carry a credential in clear text.
bool JwtJsonRefresher::Private::refuses(const QUrl &url, const char *what, JwtRefreshJob *job) const
{
    if (!url.isValid() || url.isEmpty()) {
        qCWarning(lcJwtRefresh, "JwtJsonRefresher: no %s URL is set", what);
        if (job) {
            const QString message = qstrcmp(what, "login") == 0
                    ? JwtJsonRefresher::tr("No login URL is configured.")
                    : JwtJsonRefresher::tr("No refresh URL is configured.");
            job->fail(JwtRefreshJob::Result::Transient, message);
        }
        return true;
    }
    return JwtRefreshCall::refusesDestination(url, allowInsecureHttp, "JwtJsonRefresher", job);
}

/*! Creates a refresher with no URL set. */
JwtJsonRefresher::JwtJsonRefresher(QObject *parent)
    : JwtRefresher(parent), d(std::make_unique<Private>())
{
    JwtEndpoint::followBaseUrl<JwtJsonRefresher>(
            this,
            {{&d->login, &JwtJsonRefresher::loginUrlChanged},
             {&d->refresh, &JwtJsonRefresher::refreshUrlChanged},
             {&d->logout, &JwtJsonRefresher::logoutUrlChanged}});
}

/*! Destroys the refresher; calls in flight are aborted with its own network access manager. */
JwtJsonRefresher::~JwtJsonRefresher() = default;

namespace {

template<typename T, typename Owner>
void assign(Owner *owner, T &member, const T &value, void (Owner::*changed)(const T &))
{
    if (member == value)
        return;
    member = value;
    Q_EMIT(owner->*changed)(value);
}

} // namespace

/*! Returns the login URL. */
QUrl JwtJsonRefresher::loginUrl() const
{
    return d->login.url();
}

/*! Sets the login URL to \a url. */
void JwtJsonRefresher::setLoginUrl(const QUrl &url)
{
    if (d->login.set(url, baseUrl()))
        Q_EMIT loginUrlChanged(d->login.url());
}

/*! Returns the refresh URL: the refresh token is sent there (and to the logout URL) only. */
QUrl JwtJsonRefresher::refreshUrl() const
{
    return d->refresh.url();
}

/*! Sets the refresh URL to \a url. */
void JwtJsonRefresher::setRefreshUrl(const QUrl &url)
{
    if (d->refresh.set(url, baseUrl()))
        Q_EMIT refreshUrlChanged(d->refresh.url());
}

/*! Returns the logout URL. */
QUrl JwtJsonRefresher::logoutUrl() const
{
    return d->logout.url();
}

/*! Sets the logout URL to \a url; empty: signOut() sends nothing. */
void JwtJsonRefresher::setLogoutUrl(const QUrl &url)
{
    if (d->logout.set(url, baseUrl()))
        Q_EMIT logoutUrlChanged(d->logout.url());
}

/*! Returns the JSON field of the user name in the login request. */
QString JwtJsonRefresher::usernameField() const
{
    return d->usernameField;
}

/*! Sets the JSON field of the user name in the login request to \a field. */
void JwtJsonRefresher::setUsernameField(const QString &field)
{
    assign(this, d->usernameField, field, &JwtJsonRefresher::usernameFieldChanged);
}

/*! Returns the JSON field of the password in the login request. */
QString JwtJsonRefresher::passwordField() const
{
    return d->passwordField;
}

/*! Sets the JSON field of the password in the login request to \a field. */
void JwtJsonRefresher::setPasswordField(const QString &field)
{
    assign(this, d->passwordField, field, &JwtJsonRefresher::passwordFieldChanged);
}

/*! Returns the JSON field of the access token; empty when it is detected. */
QString JwtJsonRefresher::accessTokenField() const
{
    return d->accessTokenField;
}

/*! Sets the JSON field of the access token to \a field, then the only one looked for. */
void JwtJsonRefresher::setAccessTokenField(const QString &field)
{
    assign(this, d->accessTokenField, field, &JwtJsonRefresher::accessTokenFieldChanged);
}

/*! Returns the JSON field of the token lifetime; empty when it is detected. */
QString JwtJsonRefresher::expiresInField() const
{
    return d->expiresInField;
}

/*! Sets the JSON field of the token lifetime (seconds, or an ISO 8601 date) to \a field. */
void JwtJsonRefresher::setExpiresInField(const QString &field)
{
    assign(this, d->expiresInField, field, &JwtJsonRefresher::expiresInFieldChanged);
}

/*! Returns the JSON field of the refresh token in the answers; empty when it is detected. */
QString JwtJsonRefresher::refreshTokenField() const
{
    return d->refreshTokenField;
}

/*! Sets the JSON field of the refresh token in the answers to \a field. */
void JwtJsonRefresher::setRefreshTokenField(const QString &field)
{
    assign(this, d->refreshTokenField, field, &JwtJsonRefresher::refreshTokenFieldChanged);
}

/*! Returns the JSON field the refresh token is sent in; empty when it is taken from the
    answers. */
QString JwtJsonRefresher::refreshTokenRequestField() const
{
    return d->refreshTokenRequestField;
}

/*! Sets the JSON field the refresh token is sent in to \a field. */
void JwtJsonRefresher::setRefreshTokenRequestField(const QString &field)
{
    assign(this, d->refreshTokenRequestField, field,
           &JwtJsonRefresher::refreshTokenRequestFieldChanged);
}

/*! Returns whether credentials may go over plain http to a host that is not loopback. */
bool JwtJsonRefresher::allowInsecureHttp() const
{
    return d->allowInsecureHttp;
}

/*! Sets whether the password and the refresh token may go over plain http to a host that is
    not loopback to \a allow. For test rigs and closed networks only. */
void JwtJsonRefresher::setAllowInsecureHttp(bool allow)
{
    if (d->allowInsecureHttp == allow)
        return;
    d->allowInsecureHttp = allow;
    Q_EMIT allowInsecureHttpChanged(allow);
}

/*! Returns the manager the calls go through; the refresher creates its own the first time. */
QNetworkAccessManager *JwtJsonRefresher::networkAccessManager() const
{
    return JwtRefreshCall::manager(d->manager, const_cast<JwtJsonRefresher *>(this));
}

/*! Shares \a manager (not owned) for the calls; nullptr goes back to an own manager. */
void JwtJsonRefresher::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    JwtRefreshCall::setManager(d->manager, manager, this);
}

JwtRefreshResponse JwtJsonRefresher::Private::read(const JwtRefreshResponse::Input &in,
                                                   const QPointer<JwtJsonRefresher> &self) const
{
    JwtRefreshResponse response = JwtRefreshResponse::parseJsonEndpoint(in, fields());
    if (response.isSuccess() && !response.refreshTokenField.isEmpty() && self) {
        self->d->learnedRequestField = response.refreshTokenField.section(QLatin1Char('.'), -1);
        response.refreshToken = self->d->credentialFor(response.refreshToken);
    }
    return response;
}

/*! Renews the access token of \a job by posting its refresh token; a rotated refresh token is
    reported with the new access token. */
void JwtJsonRefresher::refresh(JwtRefreshJob *job)
{
    if (job->refreshToken().isEmpty()) {
        job->fail(JwtRefreshJob::Result::Rejected,
                  tr("There is no refresh token: please sign in again."));
        return;
    }
    if (d->refuses(d->refresh.url(), "refresh", job))
        return;
    QNetworkReply *reply = networkAccessManager()->post(
            JwtRefreshCall::request(d->refresh.url(), "application/json"),
            d->refreshBody(job->refreshToken()));
    const QPointer<JwtJsonRefresher> self(this);
    const Private *p = d.get();
    JwtRefreshCall::collect(
            reply, job, [=](JwtRefreshJob *job, const JwtRefreshResponse::Input &in) {
                JwtRefreshResponse response =
                        self ? p->read(in, self) : JwtRefreshResponse::parseJsonEndpoint(in);
                // A refresh does not change who is signed in.
                response.userName.clear();
                response.complete(job);
            });
}

/*! Posts the user name and password of \a job as JSON to the login URL. */
void JwtJsonRefresher::signIn(JwtRefreshJob *job)
{
    if (d->refuses(d->login.url(), "login", job))
        return;
    const QByteArray body = QJsonDocument(QJsonObject {{d->usernameField, job->userName()},
                                                       {d->passwordField, job->password()}})
                                    .toJson(QJsonDocument::Compact);
    QNetworkReply *reply = networkAccessManager()->post(
            JwtRefreshCall::request(d->login.url(), "application/json"), body);
    const QPointer<JwtJsonRefresher> self(this);
    const Private *p = d.get();
    const QString userField = p->usernameField;
    const QString passwordField = p->passwordField;
    JwtRefreshCall::collect(
            reply, job, [=](JwtRefreshJob *job, const JwtRefreshResponse::Input &in) {
                JwtRefreshResponse response =
                        self ? p->read(in, self) : JwtRefreshResponse::parseJsonEndpoint(in);
                if (response.result == JwtRefreshJob::Result::Rejected) {
                    response.message = in.httpStatus == 400
                            ? tr("The server refused the sign-in request (HTTP status 400): "
                                 "does it expect the fields %1 and %2? Set usernameField and "
                                 "passwordField.")
                                      .arg(userField, passwordField)
                            : tr("The user name or password is incorrect.");
                }
                if (response.isSuccess() && response.refreshToken.isEmpty())
                    qCWarning(lcJwtRefresh,
                              "The login answer had no refresh token (looked for %s); the "
                              "session ends when the access token expires",
                              qUtf8Printable(response.refreshTokenField.isEmpty()
                                                     ? QStringLiteral("refresh_token, "
                                                                      "refreshToken, refresh")
                                                     : response.refreshTokenField));
                response.complete(job);
            });
}

/*! Posts \a refreshToken to the logout URL when one is set, best effort. */
void JwtJsonRefresher::signOut(const QByteArray &refreshToken)
{
    if (refreshToken.isEmpty() || d->logout.url().isEmpty())
        return;
    if (d->refuses(d->logout.url(), "logout", nullptr))
        return;
    JwtRefreshCall::postAndForget(networkAccessManager(),
                                  JwtRefreshCall::request(d->logout.url(), "application/json"),
                                  d->refreshBody(refreshToken), "logout");
}

/*!
    \fn void JwtJsonRefresher::loginUrlChanged(const QUrl &url)
    Emitted when the login URL changes to \a url, once per change.
*/
/*!
    \fn void JwtJsonRefresher::refreshUrlChanged(const QUrl &url)
    Emitted when the refresh URL changes to \a url, once per change.
*/
/*!
    \fn void JwtJsonRefresher::logoutUrlChanged(const QUrl &url)
    Emitted when the logout URL changes to \a url, once per change.
*/
/*!
    \fn void JwtJsonRefresher::usernameFieldChanged(const QString &field)
    Emitted when the user name's JSON field changes to \a field, once per change.
*/
/*!
    \fn void JwtJsonRefresher::passwordFieldChanged(const QString &field)
    Emitted when the password's JSON field changes to \a field, once per change.
*/
/*!
    \fn void JwtJsonRefresher::accessTokenFieldChanged(const QString &field)
    Emitted when the access token's JSON field changes to \a field, once per change.
*/
/*!
    \fn void JwtJsonRefresher::expiresInFieldChanged(const QString &field)
    Emitted when the lifetime's JSON field changes to \a field, once per change.
*/
/*!
    \fn void JwtJsonRefresher::refreshTokenFieldChanged(const QString &field)
    Emitted when the refresh token's JSON field in the answers changes to \a field, once per
    change.
*/
/*!
    \fn void JwtJsonRefresher::refreshTokenRequestFieldChanged(const QString &field)
    Emitted when the refresh token's JSON field in the requests changes to \a field, once per
    change.
*/
/*!
    \fn void JwtJsonRefresher::allowInsecureHttpChanged(bool allow)
    Emitted when allowInsecureHttp changes to \a allow, once per change.
*/
