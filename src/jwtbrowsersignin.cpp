// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwtbrowsersignin.h>
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtrefreshjob.h>

#include "jwtlogging_p.h"
#include "jwtloopbacklistener_p.h"
#include "jwtpkce_p.h"
#include "jwtrefreshcall_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qpointer.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qtimer.h>
#include <QtGui/qdesktopservices.h>
#include <QtNetworkAuth/qoauth2authorizationcodeflow.h>

using namespace std::chrono_literals;

/*!
    \class JwtBrowserSignIn
    \brief Signs a JwtOAuth2Refresher in through the system browser: OAuth 2 authorization code
    grant with PKCE and a loopback redirect (RFC 6749 §4.1, RFC 7636, RFC 8252).

    Construct one for the refresher; from then on JwtSession::signIn() without a user name and a
    password (or JwtQmlSession's \c signInWithBrowser()) signs in through the browser:

    \list
    \li a listener on \c 127.0.0.1 with an ephemeral port (or port) waits for the redirect; the
        redirect URI names that literal address and the bound port (RFC 8252 §7.3, §8.3);
    \li the authorization request carries a fresh \c state and an S256 code challenge, plus
        the refresher's scope, audience and resource; authorizationUrlReady() hands it out and,
        when opensBrowser is true, QDesktopServices::openUrl() opens it;
    \li the redirect's \c state must match; its code is exchanged at the token endpoint with the
        code verifier, and the answer is classified like every sign-in: the session emits
        JwtSession::signInSucceeded() or JwtSession::signInFailed(), and refresh, rotation,
        expiry and remember-me work as after any sign-in;
    \li the browser shows the application's page (pageTitle, successText or the error), or is
        sent to successUrl after a success; the listener is closed in every case.
    \endlist

    Failures and their JwtSession::FailureKind: the user declined (\c access_denied) or the
    server refused the request: Rejected; a \c state that does not match, or no code: Malformed;
    the port cannot be bound, the browser cannot be opened, timeout, \c server_error or
    \c temporarily_unavailable: Transient; cancel() or JwtSession::signOut(): Canceled.

    Register the application at the provider as a public client (no secret) with the redirect
    URI \c{http://127.0.0.1/callback}; RFC 8252 §7.3 servers accept any port for it.

    The authorization request is built by Qt NetworkAuth's QOAuth2AuthorizationCodeFlow. The
    parts Qt 6.4 lacks or gets wrong for native apps are done here: PKCE (Qt has it only from 6.8,
    and keeps the verifier private, while this class exchanges the code itself), the loopback
    listener (see the redirect URI above), and the code exchange (Qt 6.4 drops the token
    endpoint's errors instead of reporting them).
*/

/*! \property JwtBrowserSignIn::active
    \brief whether a browser sign-in is in progress */
/*! \property JwtBrowserSignIn::redirectUri
    \brief the loopback redirect URI of the sign-in in progress */
/*! \property JwtBrowserSignIn::opensBrowser
    \brief whether the authorization URL is opened with QDesktopServices; default true */
/*! \property JwtBrowserSignIn::port
    \brief the loopback port to listen on; 0, the default, picks a free one */
/*! \property JwtBrowserSignIn::redirectPath
    \brief the path of the redirect URI; default \c /callback */
/*! \property JwtBrowserSignIn::timeout
    \brief how long a sign-in may take, code exchange included; default 5 minutes */
/*! \property JwtBrowserSignIn::pageTitle
    \brief the title of the browser's last page; empty: the application's name */
/*! \property JwtBrowserSignIn::successText
    \brief the text of the browser's last page after a success; empty: a translated default */
/*! \property JwtBrowserSignIn::successUrl
    \brief where the browser is sent after a success instead of the page; empty: the page */

namespace {

// The authorization request URL of Qt's flow, without the rest of its grant(): the callback and
// the token request are handled by JwtBrowserSignIn (see the class description).
class JwtAuthorizationCodeFlow : public QOAuth2AuthorizationCodeFlow
{
public:
    using QOAuth2AuthorizationCodeFlow::QOAuth2AuthorizationCodeFlow;
    QUrl authorizationRequestUrl() { return buildAuthenticateUrl(); }
};

// RFC 6749 §4.1.2.1 error codes (and OpenID Connect's) are short ASCII words; anything else the
// redirect carries is not repeated to the user.
QString registeredErrorCode(const QString &error)
{
    static const QRegularExpression word(QStringLiteral("^[a-z_]{1,64}$"));
    return word.match(error).hasMatch() ? error : QStringLiteral("error");
}

} // namespace

struct JwtBrowserSignIn::Private
{
    explicit Private(JwtBrowserSignIn *q) : q(q) { timer.setSingleShot(true); }

    void onCallback(const QVariantMap &values);
    void onJobFinished();
    void fail(JwtRefreshJob::Result kind, const QString &message);
    void answerBrowser() const;
    void cleanUp();
    void setActive(bool value);

    JwtBrowserSignIn *const q;
    QPointer<JwtOAuth2Refresher> refresher;
    bool opensBrowser = true;
    quint16 port = 0;
    QString redirectPath = QStringLiteral("/callback");
    std::chrono::milliseconds timeout = 5min;
    QString pageTitle;
    QString successText;
    QUrl successUrl;

    // The sign-in in progress.
    bool active = false;
    QPointer<JwtRefreshJob> job;
    QPointer<JwtLoopbackListener> listener;
    QPointer<JwtAuthorizationCodeFlow> flow;
    QByteArray state;
    QByteArray codeVerifier;
    QString redirectUri;
    QTimer timer;
};

void JwtBrowserSignIn::Private::onCallback(const QVariantMap &values)
{
    if (!job || !refresher)
        return;
    const QString error = values.value(QStringLiteral("error")).toString();
    if (!error.isEmpty()) {
        const QString code = registeredErrorCode(error);
        qCWarning(lcJwtRefresh, "browser sign-in: the authorization server answered %s",
                  qPrintable(code));
        if (code == QLatin1String("access_denied")) {
            fail(JwtRefreshJob::Result::Rejected,
                 tr("The sign-in was declined in the browser (access_denied)."));
        } else if (code == QLatin1String("server_error")
                   || code == QLatin1String("temporarily_unavailable")) {
            fail(JwtRefreshJob::Result::Transient,
                 tr("The authorization server could not sign you in (%1): try again later.")
                         .arg(code));
        } else {
            fail(JwtRefreshJob::Result::Rejected,
                 tr("The authorization server refused the sign-in (%1).").arg(code));
        }
        return;
    }
    // RFC 6749 §10.12: an answer whose state is not ours was not asked for by this sign-in
    // (cross-site request forgery, or a stale tab): its code is never used.
    const QByteArray receivedState = values.value(QStringLiteral("state")).toString().toUtf8();
    if (!JwtPkce::constantTimeEquals(receivedState, state)) {
        qCWarning(lcJwtRefresh, "browser sign-in: the redirect's state does not match");
        fail(JwtRefreshJob::Result::Malformed,
             tr("The browser brought back an answer that is not for this sign-in (the state "
                "does not match)."));
        return;
    }
    const QString code = values.value(QStringLiteral("code")).toString();
    if (code.isEmpty()) {
        fail(JwtRefreshJob::Result::Malformed,
             tr("The browser brought back no authorization code."));
        return;
    }
    refresher->exchangeAuthorizationCode(job, code, codeVerifier, redirectUri);
}

void JwtBrowserSignIn::Private::fail(JwtRefreshJob::Result kind, const QString &message)
{
    if (job && !job->isFinished())
        job->fail(kind, message); // finished(): onJobFinished() answers the browser, cleans up
    else
        cleanUp();
}

void JwtBrowserSignIn::Private::onJobFinished()
{
    answerBrowser();
    cleanUp();
}

void JwtBrowserSignIn::Private::answerBrowser() const
{
    if (!listener || !listener->hasPendingAnswer())
        return;
    const QString title = pageTitle.isEmpty() ? QCoreApplication::applicationName() : pageTitle;
    if (job && job->result() == JwtRefreshJob::Result::Succeeded) {
        if (successUrl.isValid() && !successUrl.isEmpty()) {
            listener->answerRedirect(successUrl);
            return;
        }
        listener->answerPage(
                200, title,
                successText.isEmpty()
                        ? tr("You are signed in. You can close this page and return to %1.")
                                  .arg(QCoreApplication::applicationName())
                        : successText);
        return;
    }
    listener->answerPage(
            400, title,
            tr("The sign-in failed: %1").arg(job ? job->errorString() : tr("it was stopped.")));
}

// Every sign-in ends here, whatever ended it: the listener stops listening at once.
void JwtBrowserSignIn::Private::cleanUp()
{
    timer.stop();
    if (job)
        QObject::disconnect(job, nullptr, q, nullptr);
    job.clear();
    if (listener) {
        listener->close();
        listener->deleteLater();
    }
    if (flow)
        flow->deleteLater();
    state.fill('\0');
    codeVerifier.fill('\0');
    state.clear();
    codeVerifier.clear();
    setActive(false);
}

void JwtBrowserSignIn::Private::setActive(bool value)
{
    if (active == value)
        return;
    active = value;
    if (!active)
        redirectUri.clear();
    Q_EMIT q->activeChanged(active);
}

JwtBrowserSignIn::JwtBrowserSignIn(JwtOAuth2Refresher *refresher)
    : QObject(refresher), d(std::make_unique<Private>(this))
{
    Q_ASSERT(refresher);
    d->refresher = refresher;
    if (refresher)
        refresher->setBrowserSignIn(this);
    connect(&d->timer, &QTimer::timeout, this, [this] {
        qCWarning(lcJwtRefresh, "browser sign-in: timed out");
        d->fail(JwtRefreshJob::Result::Transient,
                tr("The sign-in in the browser did not finish within %n second(s).", nullptr,
                   int(std::chrono::duration_cast<std::chrono::seconds>(d->timeout).count())));
    });
}

/*! Destroys the browser sign-in; a sign-in in progress fails as Canceled first. */
JwtBrowserSignIn::~JwtBrowserSignIn()
{
    if (d->job)
        d->fail(JwtRefreshJob::Result::Canceled, tr("The browser sign-in was canceled."));
    d->cleanUp();
    if (d->refresher && d->refresher->browserSignIn() == this)
        d->refresher->setBrowserSignIn(nullptr);
}

/*! Returns the refresher this sign-in belongs to. */
JwtOAuth2Refresher *JwtBrowserSignIn::refresher() const
{
    return d->refresher;
}

/*! Returns whether a browser sign-in is in progress. */
bool JwtBrowserSignIn::isActive() const
{
    return d->active;
}

/*! Returns the redirect URI of the sign-in in progress, empty when none is. */
QUrl JwtBrowserSignIn::redirectUri() const
{
    return QUrl(d->redirectUri);
}

/*! Returns whether the browser is opened with QDesktopServices. */
bool JwtBrowserSignIn::opensBrowser() const
{
    return d->opensBrowser;
}

/*! Sets whether the browser is opened with QDesktopServices to \a opens; when false, open the
    URL of authorizationUrlReady() yourself. */
void JwtBrowserSignIn::setOpensBrowser(bool opens)
{
    if (d->opensBrowser == opens)
        return;
    d->opensBrowser = opens;
    Q_EMIT opensBrowserChanged(opens);
}

/*! Returns the loopback port; 0 picks a free one. */
quint16 JwtBrowserSignIn::port() const
{
    return d->port;
}

/*! Sets the loopback port to \a port; for providers that only accept one registered port. */
void JwtBrowserSignIn::setPort(quint16 port)
{
    if (d->port == port)
        return;
    d->port = port;
    Q_EMIT portChanged(port);
}

/*! Returns the path of the redirect URI. */
QString JwtBrowserSignIn::redirectPath() const
{
    return d->redirectPath;
}

/*! Sets the path of the redirect URI to \a path (a leading '/' is added when missing). */
void JwtBrowserSignIn::setRedirectPath(const QString &path)
{
    const QString normalized = path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path;
    if (d->redirectPath == normalized)
        return;
    d->redirectPath = normalized;
    Q_EMIT redirectPathChanged(normalized);
}

/*! Returns how long a sign-in may take. */
std::chrono::milliseconds JwtBrowserSignIn::timeout() const
{
    return d->timeout;
}

/*! Sets how long a sign-in may take, code exchange included, to \a timeout. */
void JwtBrowserSignIn::setTimeout(std::chrono::milliseconds timeout)
{
    timeout = std::max(timeout, std::chrono::milliseconds(1));
    if (d->timeout == timeout)
        return;
    d->timeout = timeout;
    Q_EMIT timeoutChanged(timeout);
}

/*! Returns the title of the browser's last page. */
QString JwtBrowserSignIn::pageTitle() const
{
    return d->pageTitle;
}

/*! Sets the title of the browser's last page to \a title. */
void JwtBrowserSignIn::setPageTitle(const QString &title)
{
    if (d->pageTitle == title)
        return;
    d->pageTitle = title;
    Q_EMIT pageTitleChanged(title);
}

/*! Returns the text of the browser's last page after a success. */
QString JwtBrowserSignIn::successText() const
{
    return d->successText;
}

/*! Sets the text of the browser's last page after a success to \a text (plain text). */
void JwtBrowserSignIn::setSuccessText(const QString &text)
{
    if (d->successText == text)
        return;
    d->successText = text;
    Q_EMIT successTextChanged(text);
}

/*! Returns where the browser is sent after a success. */
QUrl JwtBrowserSignIn::successUrl() const
{
    return d->successUrl;
}

/*! Sets where the browser is sent after a success to \a url, instead of showing the page. */
void JwtBrowserSignIn::setSuccessUrl(const QUrl &url)
{
    if (d->successUrl == url)
        return;
    d->successUrl = url;
    Q_EMIT successUrlChanged(url);
}

/*! Ends the sign-in in progress, if any, as Canceled; the browser's page says so. */
void JwtBrowserSignIn::cancel()
{
    if (d->job)
        d->fail(JwtRefreshJob::Result::Canceled, tr("The browser sign-in was canceled."));
}

void JwtBrowserSignIn::start(JwtRefreshJob *job)
{
    if (d->job) {
        job->fail(JwtRefreshJob::Result::Transient,
                  tr("A sign-in in the browser is already in progress."));
        return;
    }
    JwtOAuth2Refresher *refresher = d->refresher;
    if (!refresher || refresher->authorizationEndpoint().isEmpty()
        || !refresher->authorizationEndpoint().isValid()) {
        qCWarning(lcJwtRefresh, "JwtBrowserSignIn: no authorization endpoint is set");
        job->fail(JwtRefreshJob::Result::Transient, tr("No authorization endpoint is configured."));
        return;
    }
    // A relative endpoint (no baseUrl resolved it) fails now, before the browser opens. Only
    // that: the token endpoint's transport is checked when the code is exchanged.
    for (const QUrl &endpoint : {refresher->authorizationEndpoint(), refresher->tokenEndpoint()}) {
        if (!endpoint.isEmpty()
            && JwtRefreshCall::refusesDestination(endpoint, true, "JwtBrowserSignIn", job)) {
            return;
        }
    }
    if (refresher->clientId().isEmpty()) {
        qCWarning(lcJwtRefresh, "JwtBrowserSignIn: no client ID is set");
        job->fail(JwtRefreshJob::Result::Transient, tr("No client ID is configured."));
        return;
    }

    auto *listener = new JwtLoopbackListener(d->redirectPath, this);
    if (!listener->listen(d->port)) {
        qCWarning(lcJwtRefresh, "JwtBrowserSignIn: cannot listen on 127.0.0.1:%u: %s",
                  unsigned(d->port), qPrintable(listener->errorString()));
        job->fail(JwtRefreshJob::Result::Transient,
                  tr("Cannot wait for the browser on 127.0.0.1 port %1: %2")
                          .arg(d->port)
                          .arg(listener->errorString()));
        delete listener;
        return;
    }
    d->job = job;
    d->listener = listener;
    d->state = JwtPkce::newState();
    d->codeVerifier = JwtPkce::newVerifier();
    d->redirectUri = listener->callback();

    // A fresh flow per sign-in: Qt 6.4 keeps the state of an earlier grant and reuses it.
    auto *flow = new JwtAuthorizationCodeFlow(this);
    d->flow = flow;
    flow->setAuthorizationUrl(refresher->authorizationEndpoint());
    flow->setAccessTokenUrl(refresher->tokenEndpoint());
    flow->setClientIdentifier(refresher->clientId());
    flow->setReplyHandler(listener);
    flow->setState(QString::fromLatin1(d->state));
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    // Qt's own PKCE (6.8) keeps its verifier private, and the code is exchanged here (see the
    // class description): one challenge only, ours.
    flow->setPkceMethod(QOAuth2AuthorizationCodeFlow::PkceMethod::None);
#endif
    const QString challenge = QString::fromLatin1(JwtPkce::challengeS256(d->codeVerifier));
    const QString scope = refresher->scope();
    const QString audience = refresher->audience();
    const QUrl resource = refresher->resource();
    flow->setModifyParametersFunction([=](QAbstractOAuth::Stage stage, auto *parameters) {
        if (stage != QAbstractOAuth::Stage::RequestingAuthorization)
            return;
        parameters->remove(QStringLiteral("scope")); // Qt 6.4 sends an empty one
        if (!scope.isEmpty())
            parameters->insert(QStringLiteral("scope"), scope);
        parameters->insert(QStringLiteral("code_challenge"), challenge);
        parameters->insert(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
        if (!audience.isEmpty())
            parameters->insert(QStringLiteral("audience"), audience);
        if (!resource.isEmpty())
            parameters->insert(QStringLiteral("resource"), resource.toString(QUrl::FullyEncoded));
    });
    const QUrl url = flow->authorizationRequestUrl();

    connect(listener, &QAbstractOAuthReplyHandler::callbackReceived, this,
            [this](const QVariantMap &values) { d->onCallback(values); });
    connect(job, &JwtRefreshJob::finished, this, [this] { d->onJobFinished(); });
    connect(job, &QObject::destroyed, this, [this] { d->cleanUp(); });
    d->timer.start(d->timeout);
    d->setActive(true);
    qCInfo(lcJwtRefresh, "browser sign-in: waiting for the redirect on port %u",
           unsigned(listener->port()));

    Q_EMIT authorizationUrlReady(url);
    if (d->job == job && d->opensBrowser && !QDesktopServices::openUrl(url)) {
        d->fail(JwtRefreshJob::Result::Transient,
                tr("The browser could not be opened for the sign-in."));
    }
}

/*!
    \fn void JwtBrowserSignIn::authorizationUrlReady(const QUrl &url)
    Emitted once per sign-in with the authorization request \a url, before the browser is
    opened; when opensBrowser is false, open it yourself (an embedded view, another device).
*/
/*!
    \fn void JwtBrowserSignIn::activeChanged(bool active)
    Emitted when a sign-in starts (\a active true) and when it ends, whatever ended it.
*/
/*!
    \fn void JwtBrowserSignIn::opensBrowserChanged(bool opens)
    Emitted when opensBrowser changes to \a opens, once per change.
*/
/*!
    \fn void JwtBrowserSignIn::portChanged(quint16 port)
    Emitted when the port changes to \a port, once per change.
*/
/*!
    \fn void JwtBrowserSignIn::redirectPathChanged(const QString &path)
    Emitted when the redirect path changes to \a path, once per change.
*/
/*!
    \fn void JwtBrowserSignIn::timeoutChanged(std::chrono::milliseconds timeout)
    Emitted when the timeout changes to \a timeout, once per change.
*/
/*!
    \fn void JwtBrowserSignIn::pageTitleChanged(const QString &title)
    Emitted when the page title changes to \a title, once per change.
*/
/*!
    \fn void JwtBrowserSignIn::successTextChanged(const QString &text)
    Emitted when the success text changes to \a text, once per change.
*/
/*!
    \fn void JwtBrowserSignIn::successUrlChanged(const QUrl &url)
    Emitted when the success URL changes to \a url, once per change.
*/
