// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifdef JWTSESSION_HAS_BROWSER_SIGNIN
#include <JwtSession/jwtbrowsersignin.h>
#endif
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtqmlnetworkaccessmanagerfactory.h>
#include <JwtSession/jwtqmlsession.h>
#include <JwtSession/jwttranslations.h>

#include <QtQml/qqmlengine.h>
#include <QtQml/qqmlinfo.h>

#include <algorithm>
#include <climits>

/*!
    \class JwtQmlSession
    \brief JwtSession for QML: the type \c Session of \c{import JwtSession}.

    A \c Session \e is a JwtSession: every property, enum, signal and slot of JwtSession is
    there in QML as it is in C++ (but for the std::chrono durations, which QML has no type for)
   (\c{session.state === Session.Active}, \c{onSignInFailed: (kind, message) => ...}). This class
   adds only what QML needs on top:

    \list
    \li \c baseUrl, the authorized origin, and \c loginUrl, \c refreshUrl and \c logoutUrl, a
        shorthand for the HttpOnly-cookie flow: with \c loginUrl or \c refreshUrl set, the
        session uses a JwtCookieRefresher of its own, which resolves the relative URLs against
        \c baseUrl, unless another refresher is set (when the component completes, or when a
        URL is set later; a \c refresher assigned afterwards, null included, is used as it is);
    \li the durations in milliseconds (\c holdTimeout, \c maxWaitTime, \c refreshTimeout,
        \c refreshLeeway): QML has no type for std::chrono::milliseconds;
    \li browser sign-in in one call (\c signInWithBrowser());
    \li the engine's network traffic: when the engine uses a JwtQmlNetworkAccessManagerFactory
        that has no session yet, the first \c Session created binds it to itself, so
        XMLHttpRequest and Image requests to the authorized origin carry the token and survive
        its expiry.
    \endlist

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

    Any other server takes a refresher declared in QML (\c CookieRefresher, \c JsonRefresher,
    \c OAuth2Refresher are JwtCookieRefresher, JwtJsonRefresher and JwtOAuth2Refresher) or set
    from C++:

    \code
    Session {
        id: session
        baseUrl: "https://api.example.com"
        refresher: JsonRefresher {
            baseUrl: session.baseUrl
            loginUrl: "/api/token/"
            refreshUrl: "/api/token/refresh/"
        }
    }
    \endcode

    A JwtSession created in C++ needs no element: hand it to QML (a required property set with
    QQmlApplicationEngine::setInitialProperties(), or a context property) and use it directly;
    its enums are the same as \c{Session}'s. Bind the engine's factory to it in C++.
*/

/*! \property JwtQmlSession::baseUrl
    \brief The origin requests get the token for, and the base of the cookie flow's relative
    URLs. Setting it replaces the origin this element authorized before. */
/*! \property JwtQmlSession::loginUrl
    \brief Sign-in endpoint of the cookie flow, as the refresher uses it (resolved). */
/*! \property JwtQmlSession::refreshUrl
    \brief Refresh endpoint of the cookie flow (the refresh credential is an HttpOnly cookie). */
/*! \property JwtQmlSession::logoutUrl
    \brief Optional sign-out endpoint of the cookie flow. */
/*! \property JwtQmlSession::holdTimeout
    \brief JwtSession::holdTimeout() in milliseconds. */
/*! \property JwtQmlSession::maxWaitTime
    \brief JwtSession::maxWaitTime() in milliseconds. */
/*! \property JwtQmlSession::refreshTimeout
    \brief JwtSession::refreshTimeout() in milliseconds. */
/*! \property JwtQmlSession::refreshLeeway
    \brief JwtSession::refreshLeeway() in milliseconds. */
/*! \property JwtQmlSession::browserSignInAvailable
    \brief Whether signInWithBrowser() can work with the current refresher. */
/*! \fn void JwtQmlSession::baseUrlChanged(const QUrl &url)
    Emitted when baseUrl changed to \a url. */
/*! \fn void JwtQmlSession::loginUrlChanged(const QUrl &url)
    Emitted when the cookie flow's login URL in use changed to \a url. */
/*! \fn void JwtQmlSession::refreshUrlChanged(const QUrl &url)
    Emitted when the cookie flow's refresh URL in use changed to \a url. */
/*! \fn void JwtQmlSession::logoutUrlChanged(const QUrl &url)
    Emitted when the cookie flow's logout URL in use changed to \a url. */
/*! \fn void JwtQmlSession::durationsChanged()
    Emitted when one of the durations in milliseconds changed. */
/*! \fn void JwtQmlSession::browserSignInAvailableChanged()
    Emitted when the refresher changed: browserSignInAvailable may have changed with it. */

struct JwtQmlSession::Private
{
    // The cookie flow's refresher, made for loginUrl/refreshUrl/logoutUrl. It holds the URLs,
    // so it exists from the start; the session uses it only while it has a URL to go to. A
    // child of the session, so that it outlives the JwtSession part's destructor.
    JwtCookieRefresher *cookieRefresher = nullptr;
    QUrl baseUrl; // also the authorized origin it added, when valid
    JwtQmlNetworkAccessManagerFactory *boundFactory = nullptr;

    // The session uses the cookie flow's refresher when it has a URL and no other refresher is
    // set, and stops using it when its URLs are cleared. Applied when a URL changes and when
    // the component is complete: a refresher assigned from QML wins whatever the order of the
    // assignments, and a binding that gives null (an optional refresher) leaves the cookie flow.
    void applyCookieFlow(JwtSession *session) const
    {
        const bool configured =
                !cookieRefresher->loginUrl().isEmpty() || !cookieRefresher->refreshUrl().isEmpty();
        if (configured && !session->refresher())
            session->setRefresher(cookieRefresher);
        else if (!configured && session->refresher() == cookieRefresher)
            session->setRefresher(nullptr);
    }
};

namespace {

int toMSecs(std::chrono::milliseconds duration)
{
    return int(std::clamp<qint64>(duration.count(), 0, INT_MAX));
}

bool isOrigin(const QUrl &url)
{
    return url.isValid() && !url.isEmpty();
}

} // namespace

/*! Creates a signed-out session with no origin and no refresher. */
JwtQmlSession::JwtQmlSession(QObject *parent) : JwtSession(parent), d(std::make_unique<Private>())
{
    // The session's messages (signInFailed, refreshFailed) in the user's language.
    JwtTranslations::autoInstall();
    d->cookieRefresher = new JwtCookieRefresher(this);
    connect(d->cookieRefresher, &JwtCookieRefresher::loginUrlChanged, this,
            &JwtQmlSession::loginUrlChanged);
    connect(d->cookieRefresher, &JwtCookieRefresher::refreshUrlChanged, this,
            &JwtQmlSession::refreshUrlChanged);
    connect(d->cookieRefresher, &JwtCookieRefresher::logoutUrlChanged, this,
            &JwtQmlSession::logoutUrlChanged);
    for (auto signal : {&JwtSession::holdTimeoutChanged, &JwtSession::maxWaitTimeChanged,
                        &JwtSession::refreshTimeoutChanged, &JwtSession::refreshLeewayChanged})
        connect(this, signal, this, &JwtQmlSession::durationsChanged);
    connect(this, &JwtSession::refresherChanged, this,
            &JwtQmlSession::browserSignInAvailableChanged);
}

/*! Destroys the session, after unbinding the network factory it bound. */
JwtQmlSession::~JwtQmlSession()
{
    // The engine's managers must never see a deleted session.
    if (d->boundFactory && d->boundFactory->session() == this)
        d->boundFactory->setSession(nullptr);
}

/*! The authorized origin set from QML; the base of the cookie flow's relative URLs. */
QUrl JwtQmlSession::baseUrl() const
{
    return d->baseUrl;
}

/*!
    Authorizes \a url as the origin requests get the token for, in place of the one authorized
    before through this property, and resolves the cookie flow's relative URLs against it.
*/
void JwtQmlSession::setBaseUrl(const QUrl &url)
{
    if (d->baseUrl == url)
        return;
    if (isOrigin(d->baseUrl))
        removeAuthorizedOrigin(d->baseUrl);
    d->baseUrl = url;
    if (isOrigin(url))
        addAuthorizedOrigin(url);
    d->cookieRefresher->setBaseUrl(url);
    Q_EMIT baseUrlChanged(url);
}

/*! The cookie flow's login URL in use: as set, resolved against baseUrl. */
QUrl JwtQmlSession::loginUrl() const
{
    return d->cookieRefresher->loginUrl();
}

/*! Sets the cookie flow's login URL to \a url (relative to baseUrl, or absolute). */
void JwtQmlSession::setLoginUrl(const QUrl &url)
{
    d->cookieRefresher->setLoginUrl(url);
    d->applyCookieFlow(this);
}

/*! The cookie flow's refresh URL in use: as set, resolved against baseUrl. */
QUrl JwtQmlSession::refreshUrl() const
{
    return d->cookieRefresher->refreshUrl();
}

/*! Sets the cookie flow's refresh URL to \a url (relative to baseUrl, or absolute). */
void JwtQmlSession::setRefreshUrl(const QUrl &url)
{
    d->cookieRefresher->setRefreshUrl(url);
    d->applyCookieFlow(this);
}

/*! The cookie flow's logout URL in use: as set, resolved against baseUrl. */
QUrl JwtQmlSession::logoutUrl() const
{
    return d->cookieRefresher->logoutUrl();
}

/*! Sets the cookie flow's logout URL to \a url (relative to baseUrl, or absolute). */
void JwtQmlSession::setLogoutUrl(const QUrl &url)
{
    d->cookieRefresher->setLogoutUrl(url);
}

/*! JwtSession::holdTimeout() in milliseconds. */
int JwtQmlSession::holdTimeoutMSecs() const
{
    return toMSecs(holdTimeout());
}

/*! Sets JwtSession::holdTimeout() to \a milliseconds. */
void JwtQmlSession::setHoldTimeoutMSecs(int milliseconds)
{
    setHoldTimeout(std::chrono::milliseconds(milliseconds));
}

/*! JwtSession::maxWaitTime() in milliseconds. */
int JwtQmlSession::maxWaitTimeMSecs() const
{
    return toMSecs(maxWaitTime());
}

/*! Sets JwtSession::maxWaitTime() to \a milliseconds. */
void JwtQmlSession::setMaxWaitTimeMSecs(int milliseconds)
{
    setMaxWaitTime(std::chrono::milliseconds(milliseconds));
}

/*! JwtSession::refreshTimeout() in milliseconds. */
int JwtQmlSession::refreshTimeoutMSecs() const
{
    return toMSecs(refreshTimeout());
}

/*! Sets JwtSession::refreshTimeout() to \a milliseconds. */
void JwtQmlSession::setRefreshTimeoutMSecs(int milliseconds)
{
    setRefreshTimeout(std::chrono::milliseconds(milliseconds));
}

/*! JwtSession::refreshLeeway() in milliseconds. */
int JwtQmlSession::refreshLeewayMSecs() const
{
    return toMSecs(refreshLeeway());
}

/*! Sets JwtSession::refreshLeeway() to \a milliseconds. */
void JwtQmlSession::setRefreshLeewayMSecs(int milliseconds)
{
    setRefreshLeeway(std::chrono::milliseconds(milliseconds));
}

/*!
    Returns whether signInWithBrowser() can work: the refresher is a JwtOAuth2Refresher with a
    JwtBrowserSignIn attached.
*/
bool JwtQmlSession::isBrowserSignInAvailable() const
{
#ifdef JWTSESSION_HAS_BROWSER_SIGNIN
    const auto *oauth2 = qobject_cast<JwtOAuth2Refresher *>(refresher());
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
        Q_EMIT signInFailed(FailureKind::Rejected,
                            tr("Signing in with the browser is not configured."));
        return;
    }
    signIn(QString(), QString());
}

/*! Cancels a browser sign-in in progress: signInFailed() follows. */
void JwtQmlSession::cancelBrowserSignIn()
{
#ifdef JWTSESSION_HAS_BROWSER_SIGNIN
    if (auto *oauth2 = qobject_cast<JwtOAuth2Refresher *>(refresher())) {
        if (JwtBrowserSignIn *browser = oauth2->browserSignIn())
            browser->cancel();
    }
#endif
}

/*! \reimp Binds the engine's JwtQmlNetworkAccessManagerFactory before any request starts. */
void JwtQmlSession::classBegin()
{
    if (d->boundFactory)
        return;
    QQmlEngine *engine = qmlEngine(this);
    if (!engine)
        return;
    auto *factory = dynamic_cast<JwtQmlNetworkAccessManagerFactory *>(
            engine->networkAccessManagerFactory());
    if (!factory || factory->session())
        return; // no factory of ours, or one already bound (by C++ or another Session)
    d->boundFactory = factory;
    factory->setSession(this);
}

/*! \reimp */
void JwtQmlSession::componentComplete()
{
    classBegin();
    d->applyCookieFlow(this);
}
