// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifdef JWTSESSION_HAS_BROWSER_SIGNIN
#include <JwtSession/jwtbrowsersignin.h>
#endif
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtqmlnetworkaccessmanagerfactory.h>
#include <JwtSession/jwtqmlsession.h>
#include <JwtSession/jwtrefresher.h>
#include <JwtSession/jwttranslations.h>

#include <QtCore/qlist.h>
#include <QtCore/qpointer.h>
#include <QtQml/qqmlengine.h>
#include <QtQml/qqmlinfo.h>

#include <optional>

/*!
    \class JwtQmlSession
    \brief The JwtSession of a QML application, as the QML type \c Session of
    \c{import JwtSession}.

    A \c Session either creates its own JwtSession or wraps one that C++ hands to QML.

    \b{Created in QML.} Without a \c session assignment the element owns a JwtSession and
    configures it from its properties; \c loginUrl and \c refreshUrl (resolved against
    \c baseUrl) give it a JwtCookieRefresher for the HttpOnly-cookie flow:

    \code
    import JwtSession
    Session {
        id: session
        baseUrl: "https://api.example.com"   // the authorized origin
        loginUrl: "/auth/login"
        refreshUrl: "/auth/refresh"
        expiryPolicy: Session.HoldForSignIn
        onSessionExpired: loginPage.open()
    }
    \endcode

    \b{Handed over from C++.} Assign the application's JwtSession to \c session, for example
    from a context property or a required property set with
    QQmlApplicationEngine::setInitialProperties():

    \code
    engine.setInitialProperties({{"appSession", QVariant::fromValue(&session)}});
    // Main.qml: required property QtObject appSession ... Session { session: appSession }
    \endcode

    The wrapped session is not owned, and only what QML sets explicitly (baseUrl, URLs, a
    refresher, expiryPolicy, holdTimeout) is applied to it, so a session configured in C++ stays
    as configured. Assigning null goes back to an own session. This is an element rather than a
    QML_SINGLETON because Qt 6.4 has no way to hand a C++ instance to a singleton created
    through QML_SINGLETON before the engine creates it (QQmlEngine::setExternalSingletonInstance
    arrived later), and the core JwtSession cannot be registered with QML_FOREIGN without
    linking its metatypes into the QML module; the enums State and ExpiryPolicy mirror
    JwtSession's for the same reason.

    \b{Networking.} When the engine uses a JwtQmlNetworkAccessManagerFactory that has no
    session yet, the first \c Session created binds it to its JwtSession (and rebinds it when
    \c session changes), so XMLHttpRequest and Image requests to the authorized origin carry the
    token and survive its expiry.
*/

/*! \property JwtQmlSession::session
    \brief The JwtSession in use: the element's own unless one was assigned. Never null. */
/*! \property JwtQmlSession::state
    \brief Session.SignedOut, Session.Active, Session.Refreshing or Session.Expired. */
/*! \property JwtQmlSession::signedIn
    \brief True while the session holds an access token or a refresh credential. */
/*! \property JwtQmlSession::refreshing
    \brief True while a refresh is in flight. */
/*! \property JwtQmlSession::userName
    \brief The signed-in user's name; empty when signed out. */
/*! \property JwtQmlSession::claims
    \brief The access token's claims, decoded without verification: for display only. */
/*! \property JwtQmlSession::accessTokenExpiresAt
    \brief When the access token expires (a JavaScript Date in QML); invalid if unknown. */
/*! \property JwtQmlSession::baseUrl
    \brief The origin requests get the token for; relative URLs are resolved against it. */
/*! \property JwtQmlSession::loginUrl
    \brief Sign-in endpoint of the cookie flow; with refreshUrl it creates a JwtCookieRefresher. */
/*! \property JwtQmlSession::refreshUrl
    \brief Refresh endpoint of the cookie flow (the refresh credential is an HttpOnly cookie). */
/*! \property JwtQmlSession::logoutUrl
    \brief Optional sign-out endpoint of the cookie flow. */
/*! \property JwtQmlSession::refresher
    \brief A refresher set from C++ (e.g. a JwtOAuth2Refresher); takes precedence over the URLs. */
/*! \property JwtQmlSession::expiryPolicy
    \brief Session.FailWaiting or Session.HoldForSignIn: what waiting requests do on expiry. */
/*! \property JwtQmlSession::holdTimeout
    \brief How long, in milliseconds, a held request waits for a new sign-in. */

/*! \fn void JwtQmlSession::signInSucceeded()
    Emitted once per successful signIn(). */
/*! \fn void JwtQmlSession::signInFailed(const QString &message)
    Emitted once per failed signIn(), with a translated \a message for the user. */
/*! \fn void JwtQmlSession::refreshSucceeded()
    Emitted once per successful refresh: a new access token is in use (forwarded
    JwtSession::refreshSucceeded()). */
/*! \fn void JwtQmlSession::refreshFailed(const QString &message)
    Emitted when a refresh fails, whether the session expired or stays signed in. */
/*! \fn void JwtQmlSession::sessionExpired()
    Emitted once when the refresh credential is rejected: show the login page. */
/*! \fn void JwtQmlSession::signedOut()
    Emitted after signOut(). */
/*! \fn void JwtQmlSession::sessionChanged()
    Emitted when another JwtSession is wrapped; every state property may have changed too. */
/*! \fn void JwtQmlSession::stateChanged()
    Emitted when the session's state changes, once per change (forwarded
    JwtSession::stateChanged()), and when another session is wrapped. */
/*! \fn void JwtQmlSession::signedInChanged()
    Emitted when signedIn changes, once per change, and when another session is wrapped. */
/*! \fn void JwtQmlSession::refreshingChanged()
    Emitted when a refresh starts and when it ends, and when another session is wrapped. */
/*! \fn void JwtQmlSession::userNameChanged()
    Emitted when userName changes, once per change, and when another session is wrapped. */
/*! \fn void JwtQmlSession::claimsChanged()
    Emitted once per new access token (and on sign-out), and when another session is wrapped. */
/*! \fn void JwtQmlSession::accessTokenExpiresAtChanged()
    Emitted when accessTokenExpiresAt changes, once per change, and when another session is
    wrapped. */
/*! \fn void JwtQmlSession::baseUrlChanged()
    Emitted when baseUrl changes, once per change. */
/*! \fn void JwtQmlSession::loginUrlChanged()
    Emitted when loginUrl changes, once per change. */
/*! \fn void JwtQmlSession::refreshUrlChanged()
    Emitted when refreshUrl changes, once per change. */
/*! \fn void JwtQmlSession::logoutUrlChanged()
    Emitted when logoutUrl changes, once per change. */
/*! \property JwtQmlSession::browserSignInAvailable
    \brief whether signInWithBrowser() can work with the current refresher */
/*! \fn void JwtQmlSession::refresherChanged()
    Emitted when the session's refresher changes, and when another session is wrapped. */
/*! \fn void JwtQmlSession::expiryPolicyChanged()
    Emitted when the session's expiry policy changes, and when another session is wrapped. */
/*! \fn void JwtQmlSession::holdTimeoutChanged()
    Emitted when holdTimeout is set to another value, and when another session is wrapped. */

/*! \enum JwtQmlSession::State
    JwtSession::State for QML: \c Session.SignedOut, \c Session.Active, \c Session.Refreshing,
    \c Session.Expired. */
/*! \enum JwtQmlSession::ExpiryPolicy
    JwtSession::ExpiryPolicy for QML: \c Session.FailWaiting or \c Session.HoldForSignIn. */

struct JwtQmlSession::Private
{
    JwtQmlSession *q;
    QPointer<JwtSession> session;
    std::unique_ptr<JwtSession> ownSession;
    std::unique_ptr<JwtCookieRefresher> cookieRefresher;
    QPointer<JwtRefresher> refresher;
    QList<QMetaObject::Connection> connections;
    JwtQmlNetworkAccessManagerFactory *boundFactory = nullptr;
    QUrl baseUrl, loginUrl, refreshUrl, logoutUrl;
    QUrl originAdded; // what this element added to the session's authorized origins
    std::optional<ExpiryPolicy> expiryPolicy;
    std::optional<int> holdTimeout;

    void attach(JwtSession *target);
    void detach();
    void connectSignals();
    void applyOrigin();
    void applyRefresher();
    void applyPolicies();
    void bindFactory();
    QUrl resolved(const QUrl &url) const;
    void emitAllChanged() const;
};

QUrl JwtQmlSession::Private::resolved(const QUrl &url) const
{
    return url.isRelative() && baseUrl.isValid() ? baseUrl.resolved(url) : url;
}

void JwtQmlSession::Private::attach(JwtSession *target)
{
    detach();
    if (!target) {
        ownSession = std::make_unique<JwtSession>();
        target = ownSession.get();
    }
    session = target;
    connectSignals();
    applyOrigin();
    applyRefresher();
    applyPolicies();
    if (boundFactory)
        boundFactory->setSession(session);
}

void JwtQmlSession::Private::detach()
{
    for (const QMetaObject::Connection &connection : std::as_const(connections))
        QObject::disconnect(connection);
    connections.clear();
    if (session && !originAdded.isEmpty() && session != ownSession.get())
        session->removeAuthorizedOrigin(originAdded);
    originAdded.clear();
    if (session && session->refresher() == cookieRefresher.get())
        session->setRefresher(nullptr);
    // Managers must never see a deleted session: unbind before the own session goes.
    if (boundFactory && boundFactory->session() == session)
        boundFactory->setSession(nullptr);
    session.clear();
    ownSession.reset();
}

void JwtQmlSession::Private::connectSignals()
{
    JwtSession *s = session;
    const auto forward = [this, s](auto signal, auto ourSignal) {
        connections.append(QObject::connect(s, signal, q, ourSignal));
    };
    forward(&JwtSession::stateChanged, &JwtQmlSession::stateChanged);
    forward(&JwtSession::signedInChanged, &JwtQmlSession::signedInChanged);
    forward(&JwtSession::refreshingChanged, &JwtQmlSession::refreshingChanged);
    forward(&JwtSession::userNameChanged, &JwtQmlSession::userNameChanged);
    forward(&JwtSession::claimsChanged, &JwtQmlSession::claimsChanged);
    forward(&JwtSession::accessTokenExpiresAtChanged, &JwtQmlSession::accessTokenExpiresAtChanged);
    forward(&JwtSession::expiryPolicyChanged, &JwtQmlSession::expiryPolicyChanged);
    forward(&JwtSession::refresherChanged, &JwtQmlSession::refresherChanged);
    forward(&JwtSession::signInSucceeded, &JwtQmlSession::signInSucceeded);
    forward(&JwtSession::refreshSucceeded, &JwtQmlSession::refreshSucceeded);
    forward(&JwtSession::sessionExpired, &JwtQmlSession::sessionExpired);
    forward(&JwtSession::signedOut, &JwtQmlSession::signedOut);
    connections.append(QObject::connect(s, &JwtSession::signInFailed, q,
                                        [this](JwtSession::FailureKind, const QString &message) {
                                            Q_EMIT q->signInFailed(message);
                                        }));
    connections.append(QObject::connect(s, &JwtSession::refreshFailed, q,
                                        [this](JwtSession::FailureKind, const QString &message) {
                                            Q_EMIT q->refreshFailed(message);
                                        }));
}

void JwtQmlSession::Private::applyOrigin()
{
    if (!originAdded.isEmpty())
        session->removeAuthorizedOrigin(originAdded);
    originAdded.clear();
    if (baseUrl.isValid() && !baseUrl.isEmpty()) {
        session->addAuthorizedOrigin(baseUrl);
        originAdded = baseUrl;
    }
}

void JwtQmlSession::Private::applyRefresher()
{
    if (refresher) {
        session->setRefresher(refresher);
        return;
    }
    if (loginUrl.isEmpty() && refreshUrl.isEmpty()) {
        if (session->refresher() && session->refresher() == cookieRefresher.get())
            session->setRefresher(nullptr);
        return;
    }
    if (!cookieRefresher)
        cookieRefresher = std::make_unique<JwtCookieRefresher>();
    cookieRefresher->setLoginUrl(resolved(loginUrl));
    cookieRefresher->setRefreshUrl(resolved(refreshUrl));
    cookieRefresher->setLogoutUrl(resolved(logoutUrl));
    session->setRefresher(cookieRefresher.get());
}

void JwtQmlSession::Private::applyPolicies()
{
    if (expiryPolicy)
        session->setExpiryPolicy(JwtSession::ExpiryPolicy(int(*expiryPolicy)));
    if (holdTimeout)
        session->setHoldTimeout(std::chrono::milliseconds(*holdTimeout));
}

void JwtQmlSession::Private::bindFactory()
{
    if (boundFactory)
        return;
    QQmlEngine *engine = qmlEngine(q);
    if (!engine)
        return;
    auto *factory = dynamic_cast<JwtQmlNetworkAccessManagerFactory *>(
            engine->networkAccessManagerFactory());
    if (!factory || factory->session())
        return; // no factory of ours, or one already bound (by C++ or another Session)
    boundFactory = factory;
    factory->setSession(session);
}

void JwtQmlSession::Private::emitAllChanged() const
{
    Q_EMIT q->sessionChanged();
    Q_EMIT q->stateChanged();
    Q_EMIT q->signedInChanged();
    Q_EMIT q->refreshingChanged();
    Q_EMIT q->userNameChanged();
    Q_EMIT q->claimsChanged();
    Q_EMIT q->accessTokenExpiresAtChanged();
    Q_EMIT q->expiryPolicyChanged();
    Q_EMIT q->holdTimeoutChanged();
    Q_EMIT q->refresherChanged();
}

/*! Creates a \c Session with its own, signed-out JwtSession. */
JwtQmlSession::JwtQmlSession(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->q = this;
    // The session's messages (signInFailed, refreshFailed) in the user's language.
    JwtTranslations::autoInstall();
    d->attach(nullptr);
}

/*! Destroys the element, its own session if it has one, and unbinds the factory it bound. */
JwtQmlSession::~JwtQmlSession()
{
    d->detach();
}

/*! The JwtSession in use; never null. Owned by the element only when ownsSession(). */
JwtSession *JwtQmlSession::session() const
{
    return d->session;
}

/*!
    Wraps \a session (not owned; it must live in the element's thread) and applies to it only
    what QML set explicitly; nullptr goes back to an own session. Emits sessionChanged() and
    every property's change signal.
*/
void JwtQmlSession::setSession(JwtSession *session)
{
    if (session == d->session || (!session && ownsSession()))
        return;
    d->attach(session);
    d->emitAllChanged();
}

/*! True when the session in use was created by this element. */
bool JwtQmlSession::ownsSession() const
{
    return d->ownSession && d->session == d->ownSession.get();
}

/*! The session's state. \sa JwtSession::state() */
JwtQmlSession::State JwtQmlSession::state() const
{
    return State(int(d->session->state()));
}

/*! True while the session holds an access token or a refresh credential. */
bool JwtQmlSession::isSignedIn() const
{
    return d->session->isSignedIn();
}

/*! True while a refresh is in flight. */
bool JwtQmlSession::isRefreshing() const
{
    return d->session->isRefreshing();
}

/*! The signed-in user's name; empty when signed out. */
QString JwtQmlSession::userName() const
{
    return d->session->userName();
}

/*! The access token's claims, decoded without verification: for display only. */
QJsonObject JwtQmlSession::claims() const
{
    return d->session->claims();
}

/*! When the access token expires; invalid if unknown. */
QDateTime JwtQmlSession::accessTokenExpiresAt() const
{
    return d->session->accessTokenExpiresAt();
}

/*! The authorized origin; relative endpoint URLs are resolved against it. */
QUrl JwtQmlSession::baseUrl() const
{
    return d->baseUrl;
}

/*!
    Sets the authorized origin to \a url, replacing the one this element authorized before, and
    re-resolves relative endpoint URLs. Emits baseUrlChanged() when it changes.
*/
void JwtQmlSession::setBaseUrl(const QUrl &url)
{
    if (d->baseUrl == url)
        return;
    d->baseUrl = url;
    d->applyOrigin();
    d->applyRefresher(); // relative endpoint URLs follow the base
    Q_EMIT baseUrlChanged();
}

/*! The sign-in endpoint of the cookie flow, as set (maybe relative). */
QUrl JwtQmlSession::loginUrl() const
{
    return d->loginUrl;
}

/*! Sets the sign-in endpoint to \a url. Emits loginUrlChanged() when it changes. */
void JwtQmlSession::setLoginUrl(const QUrl &url)
{
    if (d->loginUrl == url)
        return;
    d->loginUrl = url;
    d->applyRefresher();
    Q_EMIT loginUrlChanged();
}

/*! The refresh endpoint of the cookie flow, as set (maybe relative). */
QUrl JwtQmlSession::refreshUrl() const
{
    return d->refreshUrl;
}

/*! Sets the refresh endpoint to \a url. Emits refreshUrlChanged() when it changes. */
void JwtQmlSession::setRefreshUrl(const QUrl &url)
{
    if (d->refreshUrl == url)
        return;
    d->refreshUrl = url;
    d->applyRefresher();
    Q_EMIT refreshUrlChanged();
}

/*! The sign-out endpoint of the cookie flow, as set (maybe relative). */
QUrl JwtQmlSession::logoutUrl() const
{
    return d->logoutUrl;
}

/*! Sets the sign-out endpoint to \a url. Emits logoutUrlChanged() when it changes. */
void JwtQmlSession::setLogoutUrl(const QUrl &url)
{
    if (d->logoutUrl == url)
        return;
    d->logoutUrl = url;
    d->applyRefresher();
    Q_EMIT logoutUrlChanged();
}

/*! The session's refresher, or nullptr. Not owned by the caller. */
JwtRefresher *JwtQmlSession::refresher() const
{
    return d->session->refresher();
}

/*!
    Uses \a refresher (not owned) instead of the cookie flow's URLs; nullptr goes back to them.
    refresherChanged() follows when the session's refresher changes.
*/
void JwtQmlSession::setRefresher(JwtRefresher *refresher)
{
    if (d->refresher == refresher)
        return;
    d->refresher = refresher;
    d->applyRefresher(); // the session's refresherChanged() is forwarded
}

/*! What waiting requests do when the session expires. */
JwtQmlSession::ExpiryPolicy JwtQmlSession::expiryPolicy() const
{
    return ExpiryPolicy(int(d->session->expiryPolicy()));
}

/*! Sets the session's expiry policy to \a policy. \sa JwtSession::setExpiryPolicy() */
void JwtQmlSession::setExpiryPolicy(ExpiryPolicy policy)
{
    d->expiryPolicy = policy;
    d->applyPolicies(); // the session emits expiryPolicyChanged(), which is forwarded
}

/*! How long, in milliseconds, a held request waits for a new sign-in. */
int JwtQmlSession::holdTimeout() const
{
    return int(qMin<qint64>(d->session->holdTimeout().count(), INT_MAX));
}

/*!
    Sets the hold timeout to \a milliseconds (negative counts as 0). Emits holdTimeoutChanged()
    when it changes.
*/
void JwtQmlSession::setHoldTimeout(int milliseconds)
{
    if (d->holdTimeout == milliseconds)
        return;
    d->holdTimeout = qMax(0, milliseconds);
    d->applyPolicies();
    Q_EMIT holdTimeoutChanged();
}

/*!
    Signs in with \a userName and \a password through the refresher's login call. Emits
    signInSucceeded() or signInFailed() once, later; requests held for a sign-in then resume.
*/
void JwtQmlSession::signIn(const QString &userName, const QString &password)
{
    d->session->signIn(userName, password);
}

/*! Signs out: forgets the tokens and the refresh cookie, and fails waiting requests. */
void JwtQmlSession::signOut()
{
    d->session->signOut();
}

/*! Refreshes the access token now, unless a refresh is already in flight. */
void JwtQmlSession::refresh()
{
    d->session->refresh();
}

/*! Fails the requests held for a sign-in (the user dismissed the login page). */
void JwtQmlSession::cancelHeldRequests()
{
    d->session->cancelHeldRequests();
}

/*!
    Returns whether signInWithBrowser() can work: the session's refresher is a
    JwtOAuth2Refresher with a JwtBrowserSignIn attached. Re-read on refresherChanged().
*/
bool JwtQmlSession::isBrowserSignInAvailable() const
{
#ifdef JWTSESSION_HAS_BROWSER_SIGNIN
    const auto *oauth2 = qobject_cast<JwtOAuth2Refresher *>(d->session->refresher());
    return oauth2 && oauth2->browserSignIn();
#else
    return false;
#endif
}

/*!
    Signs in through the system browser (JwtBrowserSignIn): signIn() without a user name and a
    password. signInSucceeded() or signInFailed() follows, as for signIn().
*/
void JwtQmlSession::signInWithBrowser()
{
    if (!isBrowserSignInAvailable()) {
        qmlWarning(this) << "signInWithBrowser: the refresher has no browser sign-in";
        Q_EMIT signInFailed(tr("Signing in with the browser is not configured."));
        return;
    }
    d->session->signIn(QString(), QString());
}

/*! Cancels a browser sign-in in progress: signInFailed() follows. */
void JwtQmlSession::cancelBrowserSignIn()
{
#ifdef JWTSESSION_HAS_BROWSER_SIGNIN
    if (auto *oauth2 = qobject_cast<JwtOAuth2Refresher *>(d->session->refresher())) {
        if (JwtBrowserSignIn *browser = oauth2->browserSignIn())
            browser->cancel();
    }
#endif
}

/*! \reimp Binds the engine's JwtQmlNetworkAccessManagerFactory before any request starts. */
void JwtQmlSession::classBegin()
{
    d->bindFactory();
}

/*! \reimp */
void JwtQmlSession::componentComplete()
{
    d->bindFactory();
}
