// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtrefreshjob.h>
#ifdef JWTSESSION_HAS_BROWSER_SIGNIN
#include <JwtSession/jwtbrowsersignin.h>
#endif

#include "jwtendpoint_p.h"
#include "jwtlogging_p.h"
#include "jwtoidcdiscovery_p.h"
#include "jwtrefreshcall_p.h"
#include "jwtrefreshresponse_p.h"

#include <QtCore/qpointer.h>
#include <QtCore/qurl.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>

/*!
    \class JwtOAuth2Refresher
    \brief Renews tokens at an OAuth 2 token endpoint: RFC 6749 §6 refresh, §4.1 authorization
    code with PKCE through the browser, §4.3 password grant, RFC 7009 revocation; OpenID Connect
    discovery.

    refresh() posts \c{grant_type=refresh_token} with the job's refresh token, and reports the
    rotated refresh token when the server issues one.

    signIn() signs in through the system browser (authorization code grant with PKCE, RFC 8252)
    when a JwtBrowserSignIn is attached to the refresher and the job carries no user name and no
    password, as JwtSession::signIn(QString(), QString()) sends it. Otherwise it uses the resource
    owner password credentials grant: a legacy grant for servers that offer nothing else. The
    OAuth 2 Security Best Current Practice (RFC 9700 §2.4) says it must not be used, because the
    application sees the user's password and the grant cannot do multi-factor or single sign-on;
    Keycloak, Auth0, Okta, Microsoft Entra and Google expect the browser sign-in.

    discover() reads the endpoints from an OpenID Connect issuer's provider configuration. scope,
    audience and resource (RFC 8707) select what the access token is for; add
    \c offline_access to the scope where the provider issues refresh tokens only then (Keycloak,
    Okta, Entra). The client authenticates with HTTP Basic (RFC 6749 §2.3.1) when a client
    secret is set, and with \c client_id in the body otherwise.

    A 400 or 401 with one of rejectingErrors() ends the session (Rejected); every other failure
    is Transient or Malformed, as JwtRefreshResponse classifies it. Token requests never follow
    redirects, never go through a JwtAccessManager's interception, and their answers are read up
    to 64 KiB.

    The refresher uses its own QNetworkAccessManager unless setNetworkAccessManager() shares one.

    Credentials travel over https only, or to loopback for development: a token or revocation
    endpoint on plain http elsewhere is refused before anything is sent (the job fails as
    Transient with a clear message, revocation is skipped) unless allowInsecureHttp is set.
*/

/*! \property JwtOAuth2Refresher::tokenEndpoint
    \brief the RFC 6749 token endpoint refresh and sign-in calls go to */
/*! \property JwtOAuth2Refresher::revocationEndpoint
    \brief the RFC 7009 revocation endpoint signOut() posts to; empty: no revocation */
/*! \property JwtOAuth2Refresher::authorizationEndpoint
    \brief the RFC 6749 §3.1 authorization endpoint a browser sign-in opens */
/*! \property JwtOAuth2Refresher::issuer
    \brief the OpenID Connect issuer the endpoints were last discovered from */
/*! \property JwtOAuth2Refresher::audience
    \brief the \c audience parameter of the authorization request; empty: not sent */
/*! \property JwtOAuth2Refresher::resource
    \brief the RFC 8707 resource indicator of the authorization and code requests; empty: none */
/*! \property JwtOAuth2Refresher::clientId
    \brief the OAuth 2 client identifier */
/*! \property JwtOAuth2Refresher::scope
    \brief the scope sent with every token request; empty: none */
/*! \property JwtOAuth2Refresher::rejectingErrors
    \brief the RFC 6749 §5.2 error codes that end the session */
/*! \property JwtOAuth2Refresher::allowInsecureHttp
    \brief whether tokens, passwords and the client secret may go over plain http to a host
    that is not loopback; false by default. Anyone on the network path can read them: for test
    rigs and closed networks only */

struct JwtOAuth2Refresher::Private
{
    ~Private() { clientSecret.fill(QLatin1Char('\0')); }

    QByteArray clientAuthorization() const;
    QByteArray form(QList<QPair<QByteArray, QByteArray>> fields) const;
    QNetworkRequest request(const QUrl &url) const;

    JwtEndpoint tokenEndpoint;
    JwtEndpoint revocationEndpoint;
    JwtEndpoint authorizationEndpoint;
    QUrl issuer;
    QString clientId;
    QString clientSecret;
    QString scope;
    QString audience;
    QUrl resource;
#ifdef JWTSESSION_HAS_BROWSER_SIGNIN
    QPointer<JwtBrowserSignIn> browser;
#endif
    int discoveries = 0; // the number of the latest discover(): older answers are ignored
    QStringList rejectingErrors = JwtRefreshResponse::defaultRejectingErrors();
    QPointer<QNetworkAccessManager> manager;
    bool allowInsecureHttp = false;

    // Fails \a job (or, without one, just warns) when \a url cannot take a credential: it is
    // relative, or it would carry the credential in clear text.
    bool refusesDestination(const QUrl &url, JwtRefreshJob *job) const
    {
        return JwtRefreshCall::refusesDestination(url, allowInsecureHttp, "JwtOAuth2Refresher",
                                                  job);
    }

    // Fails \a job, for the call \a what, when the token endpoint is not set or cannot take
    // the credential (refusesDestination()).
    bool refusesTokenEndpoint(JwtRefreshJob *job, const char *what) const
    {
        if (!tokenEndpoint.url().isValid() || tokenEndpoint.url().isEmpty()) {
            qCWarning(lcJwtRefresh, "JwtOAuth2Refresher::%s: no token endpoint is set", what);
            job->fail(JwtRefreshJob::Result::Transient,
                      JwtOAuth2Refresher::tr("No token endpoint is configured."));
            return true;
        }
        return refusesDestination(tokenEndpoint.url(), job);
    }
};

// RFC 6749 §2.3.1: client_id and secret are form-encoded before they are joined and encoded.
QByteArray JwtOAuth2Refresher::Private::clientAuthorization() const
{
    if (clientSecret.isEmpty())
        return {};
    const QByteArray pair =
            clientId.toUtf8().toPercentEncoding() + ':' + clientSecret.toUtf8().toPercentEncoding();
    return QByteArrayLiteral("Basic ") + pair.toBase64();
}

// Adds scope, and client_id when the client does not authenticate with a secret.
QByteArray JwtOAuth2Refresher::Private::form(QList<QPair<QByteArray, QByteArray>> fields) const
{
    if (!scope.isEmpty())
        fields.append({"scope", scope.toUtf8()});
    if (clientSecret.isEmpty() && !clientId.isEmpty())
        fields.append({"client_id", clientId.toUtf8()});
    QByteArray body;
    for (const auto &field : fields) {
        if (!body.isEmpty())
            body += '&';
        // Every reserved character escaped: '+' included, which QUrlQuery leaves alone and a
        // form decoder would turn into a space.
        body += field.first + '=' + field.second.toPercentEncoding();
    }
    return body;
}

QNetworkRequest JwtOAuth2Refresher::Private::request(const QUrl &url) const
{
    QNetworkRequest request =
            JwtRefreshCall::request(url, QByteArrayLiteral("application/x-www-form-urlencoded"));
    const QByteArray authorization = clientAuthorization();
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    return request;
}

/*! Creates a refresher with no endpoint set. */
JwtOAuth2Refresher::JwtOAuth2Refresher(QObject *parent)
    : JwtRefresher(parent), d(std::make_unique<Private>())
{
    JwtEndpoint::followBaseUrl<JwtOAuth2Refresher>(
            this,
            {{&d->tokenEndpoint, &JwtOAuth2Refresher::tokenEndpointChanged},
             {&d->revocationEndpoint, &JwtOAuth2Refresher::revocationEndpointChanged},
             {&d->authorizationEndpoint, &JwtOAuth2Refresher::authorizationEndpointChanged}});
}

/*! Destroys the refresher; calls in flight are aborted with its own network access manager. */
JwtOAuth2Refresher::~JwtOAuth2Refresher() = default;

/*! Returns the token endpoint. */
QUrl JwtOAuth2Refresher::tokenEndpoint() const
{
    return d->tokenEndpoint.url();
}

/*! Sets the token endpoint to \a url. */
void JwtOAuth2Refresher::setTokenEndpoint(const QUrl &url)
{
    if (d->tokenEndpoint.set(url, baseUrl()))
        Q_EMIT tokenEndpointChanged(d->tokenEndpoint.url());
}

/*! Returns the revocation endpoint. */
QUrl JwtOAuth2Refresher::revocationEndpoint() const
{
    return d->revocationEndpoint.url();
}

/*! Sets the revocation endpoint to \a url. */
void JwtOAuth2Refresher::setRevocationEndpoint(const QUrl &url)
{
    if (d->revocationEndpoint.set(url, baseUrl()))
        Q_EMIT revocationEndpointChanged(d->revocationEndpoint.url());
}

/*! Returns the authorization endpoint. */
QUrl JwtOAuth2Refresher::authorizationEndpoint() const
{
    return d->authorizationEndpoint.url();
}

/*! Sets the authorization endpoint to \a url. */
void JwtOAuth2Refresher::setAuthorizationEndpoint(const QUrl &url)
{
    if (d->authorizationEndpoint.set(url, baseUrl()))
        Q_EMIT authorizationEndpointChanged(d->authorizationEndpoint.url());
}

/*! Returns the issuer the endpoints were discovered from. */
QUrl JwtOAuth2Refresher::issuer() const
{
    return d->issuer;
}

/*!
    Fetches \a issuer's provider configuration (OpenID Connect Discovery 1.0,
    \a issuer followed by \c{/.well-known/openid-configuration}) and sets the authorization, token
    and revocation endpoints from it, then emits discovered(). A document without a revocation
    endpoint clears it, so that signOut() never posts a token to another provider's endpoint;
    an application that knows one sets it after discovered(). Emits discoveryFailed() with what
    was expected instead, and changes nothing, when the document cannot be read, lacks an
    endpoint, lists PKCE methods without S256, or names another issuer: §4.3 requires the
    \c issuer field to be identical, character for character, to \a issuer. A later call
    supersedes one still in flight. Over plain http, only a loopback issuer is read unless
    allowInsecureHttp is set.
*/
void JwtOAuth2Refresher::discover(const QUrl &issuer)
{
    const int discovery = ++d->discoveries;
    const QString scheme = issuer.scheme();
    if (!issuer.isValid() || issuer.host().isEmpty()
        || (scheme != QLatin1String("https") && scheme != QLatin1String("http"))) {
        Q_EMIT discoveryFailed(tr("The issuer must be an absolute https URL."));
        return;
    }
    if (d->refusesDestination(issuer, nullptr)) {
        Q_EMIT discoveryFailed(tr("The issuer must be an https URL."));
        return;
    }
    JwtOidcDiscovery::fetch(networkAccessManager(), issuer, this,
                            [this, discovery, issuer](const JwtOidcDiscovery::Result &result) {
                                if (discovery != d->discoveries)
                                    return; // superseded
                                if (!result.ok) {
                                    qCWarning(lcJwtRefresh, "JwtOAuth2Refresher::discover: %s",
                                              qPrintable(result.errorString));
                                    Q_EMIT discoveryFailed(result.errorString);
                                    return;
                                }
                                setAuthorizationEndpoint(result.authorizationEndpoint);
                                setTokenEndpoint(result.tokenEndpoint);
                                setRevocationEndpoint(result.revocationEndpoint);
                                if (d->issuer != issuer) {
                                    d->issuer = issuer;
                                    Q_EMIT issuerChanged(issuer);
                                }
                                Q_EMIT discovered();
                            });
}

/*! Returns the client identifier. */
QString JwtOAuth2Refresher::clientId() const
{
    return d->clientId;
}

/*! Sets the client identifier to \a clientId. */
void JwtOAuth2Refresher::setClientId(const QString &clientId)
{
    if (d->clientId == clientId)
        return;
    d->clientId = clientId;
    Q_EMIT clientIdChanged(clientId);
}

/*! Sets the client secret to \a secret; an empty secret sends client_id in the body instead. */
void JwtOAuth2Refresher::setClientSecret(const QString &secret)
{
    d->clientSecret.fill(QLatin1Char('\0'));
    d->clientSecret = secret;
}

/*! Returns the scope. */
QString JwtOAuth2Refresher::scope() const
{
    return d->scope;
}

/*! Sets the scope to \a scope. */
void JwtOAuth2Refresher::setScope(const QString &scope)
{
    if (d->scope == scope)
        return;
    d->scope = scope;
    Q_EMIT scopeChanged(scope);
}

/*! Returns the audience parameter. */
QString JwtOAuth2Refresher::audience() const
{
    return d->audience;
}

/*! Sets the audience parameter of the authorization request to \a audience. */
void JwtOAuth2Refresher::setAudience(const QString &audience)
{
    if (d->audience == audience)
        return;
    d->audience = audience;
    Q_EMIT audienceChanged(audience);
}

/*! Returns the RFC 8707 resource indicator. */
QUrl JwtOAuth2Refresher::resource() const
{
    return d->resource;
}

/*! Sets the RFC 8707 resource indicator to \a resource: an absolute URI without a fragment. */
void JwtOAuth2Refresher::setResource(const QUrl &resource)
{
    if (d->resource == resource)
        return;
    d->resource = resource;
    Q_EMIT resourceChanged(resource);
}

/*! Returns the error codes that end the session. */
QStringList JwtOAuth2Refresher::rejectingErrors() const
{
    return d->rejectingErrors;
}

/*! Sets the error codes that end the session to \a errors; every other code is transient. */
void JwtOAuth2Refresher::setRejectingErrors(const QStringList &errors)
{
    if (d->rejectingErrors == errors)
        return;
    d->rejectingErrors = errors;
    Q_EMIT rejectingErrorsChanged(errors);
}

/*! Returns whether credentials may go over plain http to a host that is not loopback. */
bool JwtOAuth2Refresher::allowInsecureHttp() const
{
    return d->allowInsecureHttp;
}

/*!
    Sets whether tokens, passwords and the client secret may go over plain http to a host that is
    not loopback to \a allow. For test rigs and closed networks only.
*/
void JwtOAuth2Refresher::setAllowInsecureHttp(bool allow)
{
    if (d->allowInsecureHttp == allow)
        return;
    d->allowInsecureHttp = allow;
    Q_EMIT allowInsecureHttpChanged(allow);
}

/*! Returns the manager token calls use; the refresher creates its own the first time. */
QNetworkAccessManager *JwtOAuth2Refresher::networkAccessManager() const
{
    return JwtRefreshCall::manager(d->manager, const_cast<JwtOAuth2Refresher *>(this));
}

/*! Shares \a manager (not owned) for token calls; nullptr goes back to an own manager. */
void JwtOAuth2Refresher::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    JwtRefreshCall::setManager(d->manager, manager, this);
}

/*! Returns the JwtBrowserSignIn constructed for this refresher, or nullptr. */
JwtBrowserSignIn *JwtOAuth2Refresher::browserSignIn() const
{
#ifdef JWTSESSION_HAS_BROWSER_SIGNIN
    return d->browser;
#else
    return nullptr; // built without Qt NetworkAuth: the class does not exist
#endif
}

void JwtOAuth2Refresher::setBrowserSignIn(JwtBrowserSignIn *browser)
{
#ifdef JWTSESSION_HAS_BROWSER_SIGNIN
    d->browser = browser;
#else
    Q_UNUSED(browser);
#endif
}

/*! Returns the token endpoint: the refresh token is sent there only. */
QUrl JwtOAuth2Refresher::refreshUrl() const
{
    return d->tokenEndpoint.url();
}

/*! Renews the access token of \a job with its refresh token (RFC 6749 §6). */
void JwtOAuth2Refresher::refresh(JwtRefreshJob *job)
{
    if (job->refreshToken().isEmpty()) {
        job->fail(JwtRefreshJob::Result::Rejected,
                  tr("There is no refresh token: please sign in again."));
        return;
    }
    if (d->refusesTokenEndpoint(job, "refresh"))
        return;
    const QByteArray body =
            d->form({{"grant_type", "refresh_token"}, {"refresh_token", job->refreshToken()}});
    QNetworkReply *reply = networkAccessManager()->post(d->request(d->tokenEndpoint.url()), body);
    const QStringList rejecting = d->rejectingErrors;
    JwtRefreshCall::collect(reply, job,
                            [rejecting](JwtRefreshJob *job, const JwtRefreshResponse::Input &in) {
                                JwtRefreshResponse::parseOAuth2(in, rejecting).complete(job);
                            });
}

/*!
    Signs \a job in. Without a user name and a password, and with a JwtBrowserSignIn attached,
    through the system browser (RFC 6749 §4.1 with PKCE, see JwtBrowserSignIn). Otherwise
    exchanges the user name and password for tokens with the password grant (RFC 6749 §4.3):
    legacy, see the class description.
*/
void JwtOAuth2Refresher::signIn(JwtRefreshJob *job)
{
#ifdef JWTSESSION_HAS_BROWSER_SIGNIN
    if (d->browser && job->userName().isEmpty() && job->password().isEmpty()) {
        d->browser->start(job);
        return;
    }
#endif
    if (d->refusesTokenEndpoint(job, "signIn"))
        return;
    const QByteArray body = d->form({{"grant_type", "password"},
                                     {"username", job->userName().toUtf8()},
                                     {"password", job->password().toUtf8()}});
    QNetworkReply *reply = networkAccessManager()->post(d->request(d->tokenEndpoint.url()), body);
    const QStringList rejecting = d->rejectingErrors;
    JwtRefreshCall::collect(
            reply, job, [rejecting](JwtRefreshJob *job, const JwtRefreshResponse::Input &in) {
                JwtRefreshResponse response = JwtRefreshResponse::parseOAuth2(in, rejecting);
                // For the password grant, invalid_grant means the credentials (RFC 6749 §5.2).
                if (response.result == JwtRefreshJob::Result::Rejected
                    && response.errorCode == QLatin1String("invalid_grant")) {
                    response.message = tr("The user name or password is incorrect.");
                }
                response.complete(job);
            });
}

// RFC 6749 §4.1.3 with RFC 7636 §4.5: the code the browser brought back, the verifier whose
// challenge the authorization request carried, and the redirect URI it named, byte for byte.
void JwtOAuth2Refresher::exchangeAuthorizationCode(JwtRefreshJob *job, const QString &code,
                                                   const QByteArray &codeVerifier,
                                                   const QString &redirectUri)
{
    if (d->refusesTokenEndpoint(job, "exchangeAuthorizationCode"))
        return;
    QList<QPair<QByteArray, QByteArray>> fields {{"grant_type", "authorization_code"},
                                                 {"code", code.toUtf8()},
                                                 {"redirect_uri", redirectUri.toUtf8()},
                                                 {"code_verifier", codeVerifier}};
    if (!d->resource.isEmpty())
        fields.append({"resource", d->resource.toEncoded()});
    QNetworkReply *reply =
            networkAccessManager()->post(d->request(d->tokenEndpoint.url()), d->form(fields));
    const QStringList rejecting = d->rejectingErrors;
    JwtRefreshCall::collect(
            reply, job, [rejecting](JwtRefreshJob *job, const JwtRefreshResponse::Input &in) {
                JwtRefreshResponse response = JwtRefreshResponse::parseOAuth2(in, rejecting);
                // For this grant, invalid_grant means the code: expired, used, or not ours.
                if (response.result == JwtRefreshJob::Result::Rejected
                    && response.errorCode == QLatin1String("invalid_grant")) {
                    response.message = tr("The server refused the sign-in code (invalid_grant): "
                                          "please sign in again.");
                }
                response.complete(job);
            });
}

/*! Revokes \a refreshToken at the revocation endpoint, when one is set (RFC 7009). Fire and
    forget: the answer is only logged. */
void JwtOAuth2Refresher::signOut(const QByteArray &refreshToken)
{
    if (refreshToken.isEmpty() || !d->revocationEndpoint.url().isValid()
        || d->revocationEndpoint.url().isEmpty()
        || d->refusesDestination(d->revocationEndpoint.url(), nullptr)) {
        return;
    }
    const QByteArray body =
            d->form({{"token", refreshToken}, {"token_type_hint", "refresh_token"}});
    JwtRefreshCall::postAndForget(networkAccessManager(), d->request(d->revocationEndpoint.url()),
                                  body, "revocation");
}

/*!
    \fn void JwtOAuth2Refresher::tokenEndpointChanged(const QUrl &url)
    Emitted when the token endpoint changes to \a url, once per change.
*/
/*!
    \fn void JwtOAuth2Refresher::revocationEndpointChanged(const QUrl &url)
    Emitted when the revocation endpoint changes to \a url, once per change.
*/
/*!
    \fn void JwtOAuth2Refresher::authorizationEndpointChanged(const QUrl &url)
    Emitted when the authorization endpoint changes to \a url, once per change.
*/
/*!
    \fn void JwtOAuth2Refresher::issuerChanged(const QUrl &issuer)
    Emitted when discover() succeeded for another \a issuer than before.
*/
/*!
    \fn void JwtOAuth2Refresher::discovered()
    Emitted once per successful discover(), after the endpoints were set.
*/
/*!
    \fn void JwtOAuth2Refresher::discoveryFailed(const QString &message)
    Emitted once per failed discover(), with what was expected and what came (\a message,
    translated); the endpoints are unchanged.
*/
/*!
    \fn void JwtOAuth2Refresher::audienceChanged(const QString &audience)
    Emitted when the audience changes to \a audience, once per change.
*/
/*!
    \fn void JwtOAuth2Refresher::resourceChanged(const QUrl &resource)
    Emitted when the resource indicator changes to \a resource, once per change.
*/
/*!
    \fn void JwtOAuth2Refresher::clientIdChanged(const QString &clientId)
    Emitted when the client identifier changes to \a clientId, once per change.
*/
/*!
    \fn void JwtOAuth2Refresher::scopeChanged(const QString &scope)
    Emitted when the scope changes to \a scope, once per change.
*/
/*!
    \fn void JwtOAuth2Refresher::rejectingErrorsChanged(const QStringList &errors)
    Emitted when the error codes that end the session change to \a errors, once per change.
*/
/*!
    \fn void JwtOAuth2Refresher::allowInsecureHttpChanged(bool allow)
    Emitted when allowInsecureHttp changes to \a allow, once per change.
*/
