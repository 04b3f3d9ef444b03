// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSessionWidgets/jwtlogindialog.h>

#include "jwtloginform_p.h"

#ifdef JWTSESSION_HAS_BROWSER_SIGNIN
#include <JwtSession/jwtbrowsersignin.h>
#endif
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtsession.h>
#include <JwtSession/jwttokenstore.h>

#include <QtCore/qcoreevent.h>
#include <QtCore/qpointer.h>
#include <QtWidgets/qcheckbox.h>
#include <QtWidgets/qlineedit.h>
#include <QtWidgets/qpushbutton.h>

#include <optional>

class JwtBrowserSignIn;

/*!
    \class JwtLoginDialog
    \brief A ready-made sign-in dialog: user name, password, "remember me", inline errors.

    Given a session, the dialog signs in itself: submitting (the Sign in button or Enter) calls
    JwtSession::signIn() with what was typed, shows a busy state while the server answers, and
    closes as accepted once JwtSession::signInSucceeded() arrives. A JwtSession::signInFailed()
    is shown inline, in words that fit its kind (a wrong password, an unreachable server, an
    unusable answer, a sign-in canceled by sign-out) with the session's message as the tooltip,
    and the dialog stays open so the user can correct the password or try again. Cancel (or Escape)
   closes the dialog at any time, also while busy; a sign-in that was already sent may still
   complete on the session.

    When the session's refresher is a JwtOAuth2Refresher with a JwtBrowserSignIn, the dialog
    also offers "Sign in with your browser" (signInWithBrowser()): it waits, busy, until the
    browser comes back, and Cancel cancels that sign-in. setPasswordFieldsVisible(false) hides the
    user name and password for providers that sign in through the browser only.

    Without a session the dialog is a plain form: accept() closes it and the application reads
    userName() and password().

    The "remember me" check box is the rememberMe property. It is shown only where remembering
    can work: when the session has a token store (JwtSession::setTokenStore(), for example a
    JwtKeychainStore), unless the application decides otherwise with setRememberMeVisible().
    It starts as the session's JwtSession::rememberMe() and is handed to
    JwtSession::setRememberMe() right before the sign-in, so that the new refresh credential is
    kept between runs. A plain form (no session) shows it only when the application asks for it
    with setRememberMeVisible(true), and reads rememberMe() itself.

    The dialog speaks the user's language without any code: it installs the library's
    translations for QLocale() when it is created (JwtTranslations::autoInstall()).

    Like every widget, the dialog lives in the GUI thread; its session must live there too.
*/

/*! \property JwtLoginDialog::session
    \brief the session the dialog signs in with; not owned. None: a plain form */
/*! \property JwtLoginDialog::userName
    \brief the user name as typed, without surrounding white space */
/*! \property JwtLoginDialog::rememberMe
    \brief whether the "remember me" check box is checked */
/*! \property JwtLoginDialog::rememberMeVisible
    \brief whether the "remember me" check box is shown; by default, when the session has a
    token store */
/*! \property JwtLoginDialog::busy
    \brief true while a sign-in sent by the dialog waits for the server's answer */
/*! \property JwtLoginDialog::message
    \brief an explanation shown above the fields, such as why the user must sign in again */
/*! \property JwtLoginDialog::errorMessage
    \brief the error shown inline under the fields; empty: none */
/*! \property JwtLoginDialog::browserSignInAvailable
    \brief whether the session's refresher can sign in through the browser */
/*! \property JwtLoginDialog::passwordFieldsVisible
    \brief whether the user name, password and Sign In button are shown; default true */
/*! \property JwtLoginDialog::logo
    \brief the icon at the top; by default the application's window icon, else the library's */

struct JwtLoginDialog::Private
{
    explicit Private(JwtLoginDialog *q) : q(q), form(q) { }

    void setBusy(bool on);
    void showError(const QString &text, const QString &detail = QString(), bool failure = false);
    void applyRememberMe();
    void updateRememberMeVisible();
    bool validate();
    void onSignInSucceeded();
    void onSignInFailed(JwtSession::FailureKind kind, const QString &detail);
    QString failureText(JwtSession::FailureKind kind, bool fromBrowser) const;
    JwtBrowserSignIn *browserSignIn() const;
    void updateBrowserButton();

    JwtLoginDialog *const q;
    JwtLoginForm form; // the widgets; this class decides what they show
    QPointer<JwtSession> session;
    QList<QMetaObject::Connection> sessionConnections;
    QIcon logo;
    std::optional<bool> rememberMeVisible; // set by the application; otherwise: a store is set
    bool busy = false;
    bool browserBusy = false; // the sign-in in flight is the browser's
    bool passwordFieldsVisible = true;
    bool browserAvailable = false;
};

void JwtLoginDialog::Private::setBusy(bool on)
{
    if (busy == on)
        return;
    busy = on;
    if (!on)
        browserBusy = false;
    form.showBusy(on, browserBusy);
    Q_EMIT q->busyChanged(on);
}

// A failed sign-in is shown (with the session's detail as the tooltip) and announced even
// when its words are the last ones again; anything else only when the words change.
void JwtLoginDialog::Private::showError(const QString &text, const QString &detail, bool failure)
{
    const bool changed = form.error() != text;
    if (!changed && !failure)
        return;
    form.showError(text, detail);
    if (changed)
        Q_EMIT q->errorMessageChanged(text);
}

bool JwtLoginDialog::Private::validate()
{
    if (form.userEdit->text().trimmed().isEmpty()) {
        showError(JwtLoginDialog::tr("Enter your user name."));
        form.userEdit->setFocus(Qt::OtherFocusReason);
        return false;
    }
    if (form.passwordEdit->text().isEmpty()) {
        showError(JwtLoginDialog::tr("Enter your password."));
        form.passwordEdit->setFocus(Qt::OtherFocusReason);
        return false;
    }
    return true;
}

// Before the sign-in, so that the session knows where the new credential goes (keychain or
// memory) when the tokens arrive.
void JwtLoginDialog::Private::applyRememberMe()
{
    // A hidden check box is not the user's answer: the session keeps its own setting.
    if (session && !form.rememberBox->isHidden())
        session->setRememberMe(form.rememberBox->isChecked());
}

void JwtLoginDialog::Private::updateRememberMeVisible()
{
    const bool visible = rememberMeVisible.value_or(session && session->tokenStore());
    if (form.rememberBox->isHidden() != visible)
        return;
    form.rememberBox->setVisible(visible);
    Q_EMIT q->rememberMeVisibleChanged(visible);
}

void JwtLoginDialog::Private::onSignInSucceeded()
{
    if (!busy)
        return; // someone else's sign-in
    setBusy(false);
    form.passwordEdit->clear();
    showError(QString());
    Q_EMIT q->signedIn();
    q->QDialog::accept();
}

// The error says what the user can do about it; the session's own words (which may carry the
// server's detail) go into the tooltip.
void JwtLoginDialog::Private::onSignInFailed(JwtSession::FailureKind kind, const QString &detail)
{
    if (!busy)
        return;
    const bool fromBrowser = browserBusy;
    setBusy(false);
    showError(failureText(kind, fromBrowser), detail, true);
    // A wrong password is typed again: selected, so that typing replaces it.
    if (kind == JwtSession::FailureKind::Rejected && !fromBrowser)
        form.passwordEdit->selectAll();
    form.passwordEdit->setFocus(Qt::OtherFocusReason);
}

QString JwtLoginDialog::Private::failureText(JwtSession::FailureKind kind, bool fromBrowser) const
{
    switch (kind) {
    case JwtSession::FailureKind::Rejected:
        return fromBrowser
                ? JwtLoginDialog::tr("The sign-in in the browser was declined or refused.")
                : JwtLoginDialog::tr("The user name or password is incorrect.");
    case JwtSession::FailureKind::Transient:
        return JwtLoginDialog::tr("The server could not be reached. Check the connection "
                                  "and try again.");
    case JwtSession::FailureKind::Malformed:
        return JwtLoginDialog::tr("The server sent an answer that cannot be used. Try again "
                                  "later.");
    case JwtSession::FailureKind::Canceled:
        return JwtLoginDialog::tr("Signing in was canceled.");
    }
    return QString(); // not reached: every kind has its words above
}

JwtBrowserSignIn *JwtLoginDialog::Private::browserSignIn() const
{
#ifdef JWTSESSION_HAS_BROWSER_SIGNIN
    if (session) {
        if (auto *oauth2 = qobject_cast<JwtOAuth2Refresher *>(session->refresher()))
            return oauth2->browserSignIn();
    }
#endif
    return nullptr;
}

void JwtLoginDialog::Private::updateBrowserButton()
{
    const bool available = browserSignIn() != nullptr;
    form.showSignInWays(passwordFieldsVisible, available);
    if (browserAvailable != available) {
        browserAvailable = available;
        Q_EMIT q->browserSignInAvailableChanged(available);
    }
}

/*! Creates a dialog without a session (a plain form) with \a parent. */
JwtLoginDialog::JwtLoginDialog(QWidget *parent) : JwtLoginDialog(nullptr, parent) { }

/*! Creates a dialog that signs in with \a session (not owned), with \a parent. */
JwtLoginDialog::JwtLoginDialog(JwtSession *session, QWidget *parent)
    : QDialog(parent), d(std::make_unique<Private>(this))
{
    d->form.build();
    connect(d->form.rememberBox, &QCheckBox::toggled, this, &JwtLoginDialog::rememberMeChanged);
    connect(d->form.browserButton, &QPushButton::clicked, this, &JwtLoginDialog::signInWithBrowser);
    d->form.rememberBox->hide(); // until a session with a token store, or the application, says so
    setSession(session);
}

/*! Destroys the dialog. A sign-in it sent may still complete on the session. */
JwtLoginDialog::~JwtLoginDialog() = default;

/*! The session the dialog signs in with, or nullptr. Not owned. */
JwtSession *JwtLoginDialog::session() const
{
    return d->session;
}

/*!
    Signs in with \a session from now on (not owned; nullptr: a plain form), and takes its
    JwtSession::rememberMe() for the check box. Emits sessionChanged() when it changes.
*/
void JwtLoginDialog::setSession(JwtSession *session)
{
    if (d->session == session)
        return;
    for (const QMetaObject::Connection &connection : std::as_const(d->sessionConnections))
        disconnect(connection);
    d->sessionConnections.clear();
    d->setBusy(false);
    d->session = session;
    if (session) {
        d->form.rememberBox->setChecked(session->rememberMe());
        d->sessionConnections << connect(session, &JwtSession::tokenStoreChanged, this,
                                         [this] { d->updateRememberMeVisible(); })
                              << connect(session, &JwtSession::refresherChanged, this,
                                         [this] { d->updateBrowserButton(); })
                              << connect(session, &JwtSession::signInSucceeded, this,
                                         [this] { d->onSignInSucceeded(); })
                              << connect(session, &JwtSession::signInFailed, this,
                                         [this](JwtSession::FailureKind kind,
                                                const QString &detail) {
                                             d->onSignInFailed(kind, detail);
                                         });
    }
    d->updateRememberMeVisible();
    d->updateBrowserButton();
    Q_EMIT sessionChanged(session);
}

/*! The user name as typed, without surrounding white space. */
QString JwtLoginDialog::userName() const
{
    return d->form.userEdit->text().trimmed();
}

/*!
    Fills in \a userName, for example the last user; the password field then has the focus.
    Emits userNameChanged() when it changes.
*/
void JwtLoginDialog::setUserName(const QString &userName)
{
    if (d->form.userEdit->text() == userName)
        return;
    d->form.userEdit->setText(userName);
    // With the name known, the password is what the user types next.
    if (!userName.isEmpty())
        d->form.passwordEdit->setFocus(Qt::OtherFocusReason);
    Q_EMIT userNameChanged(userName);
}

QString JwtLoginDialog::password() const
{
    return d->form.passwordEdit->text();
}

/*! Whether the "remember me" check box is checked. */
bool JwtLoginDialog::rememberMe() const
{
    return d->form.rememberBox->isChecked();
}

/*! Checks or unchecks "remember me" (\a remember); rememberMeChanged() when it changes. */
void JwtLoginDialog::setRememberMe(bool remember)
{
    d->form.rememberBox->setChecked(remember); // emits rememberMeChanged when it changes
}

/*! Whether the "remember me" check box is shown. */
bool JwtLoginDialog::isRememberMeVisible() const
{
    return !d->form.rememberBox->isHidden();
}

/*!
    Shows or hides the "remember me" check box (\a visible) whatever the session's token store,
    for example for a plain form whose application remembers the user itself.
    Emits rememberMeVisibleChanged() when it changes.
*/
void JwtLoginDialog::setRememberMeVisible(bool visible)
{
    d->rememberMeVisible = visible;
    d->updateRememberMeVisible();
}

/*!
    Goes back to the default: the check box is shown when the session has a token store.
    Emits rememberMeVisibleChanged() when that changes its visibility.
*/
void JwtLoginDialog::resetRememberMeVisible()
{
    d->rememberMeVisible.reset();
    d->updateRememberMeVisible();
}

/*! True while a sign-in sent by the dialog waits for the server's answer. */
bool JwtLoginDialog::isBusy() const
{
    return d->busy;
}

/*! The explanation shown above the fields; empty: none. */
QString JwtLoginDialog::message() const
{
    return d->form.message();
}

/*! Shows \a message above the fields. Emits messageChanged() when it changes. */
void JwtLoginDialog::setMessage(const QString &message)
{
    if (d->form.message() == message)
        return;
    d->form.showMessage(message);
    Q_EMIT messageChanged(message);
}

/*! The error shown inline; empty: none. */
QString JwtLoginDialog::errorMessage() const
{
    return d->form.error();
}

/*!
    Shows \a message as an inline error (empty: hides it), as the dialog does with a
    JwtSession::signInFailed() message. Emits errorMessageChanged() when it changes.
*/
void JwtLoginDialog::setErrorMessage(const QString &message)
{
    d->showError(message);
}

/*! The icon set with setLogo(); null when the default is shown. */
QIcon JwtLoginDialog::logo() const
{
    return d->logo;
}

/*! Shows \a logo at the top; a null icon goes back to the default. */
void JwtLoginDialog::setLogo(const QIcon &logo)
{
    d->logo = logo;
    d->form.showLogo(logo);
}

void JwtLoginDialog::accept()
{
    if (d->busy)
        return;
    if (!d->passwordFieldsVisible && d->browserSignIn()) {
        signInWithBrowser(); // the only way in that is shown
        return;
    }
    if (!d->validate())
        return;
    d->showError(QString());
    if (!d->session) {
        QDialog::accept();
        return;
    }
    d->applyRememberMe();
    d->setBusy(true);
    d->session->signIn(userName(), password());
}

/*! Returns whether the session's refresher can sign in through the browser. */
bool JwtLoginDialog::isBrowserSignInAvailable() const
{
    return d->browserAvailable;
}

/*! Returns whether the user name and password fields are shown. */
bool JwtLoginDialog::arePasswordFieldsVisible() const
{
    return d->passwordFieldsVisible;
}

/*! Shows (\a visible true) or hides the user name and password fields and the Sign In button,
    for providers that sign in through the browser only. */
void JwtLoginDialog::setPasswordFieldsVisible(bool visible)
{
    if (d->passwordFieldsVisible == visible)
        return;
    d->passwordFieldsVisible = visible;
    d->updateBrowserButton();
    Q_EMIT passwordFieldsVisibleChanged(visible);
}

/*!
    Signs in through the system browser (JwtBrowserSignIn) and waits, busy, for the answer;
    closes as accepted on success. Does nothing while busy or when no browser sign-in is
    available.
*/
void JwtLoginDialog::signInWithBrowser()
{
    if (d->busy || !d->browserSignIn())
        return;
    d->showError(QString());
    d->applyRememberMe();
    d->browserBusy = true;
    d->setBusy(true);
    d->session->signIn(QString(), QString());
}

void JwtLoginDialog::reject()
{
    // A sign-in already sent cannot be called back; its answer is ignored from here on. A
    // browser sign-in can: its listener must not wait for a dialog that is gone.
    JwtBrowserSignIn *browser = d->browserBusy ? d->browserSignIn() : nullptr;
    d->setBusy(false);
#ifdef JWTSESSION_HAS_BROWSER_SIGNIN
    if (browser)
        browser->cancel();
#else
    Q_UNUSED(browser);
#endif
    d->form.passwordEdit->clear();
    QDialog::reject();
}

/*! \reimp Retranslates the dialog when the language changes. */
void JwtLoginDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        d->form.retranslate(d->browserBusy);
    else if (event->type() == QEvent::ApplicationWindowIconChange && d->logo.isNull())
        d->form.showLogo(d->logo);
    QDialog::changeEvent(event);
}

/*!
    \fn void JwtLoginDialog::sessionChanged(JwtSession *session)
    Emitted when setSession() changes the session to \a session, once per change.
*/
/*!
    \fn void JwtLoginDialog::userNameChanged(const QString &userName)
    Emitted when setUserName() changes the user name to \a userName.
*/
/*!
    \fn void JwtLoginDialog::rememberMeChanged(bool remember)
    Emitted when the "remember me" check box changes to \a remember, by the user or by
    setRememberMe().
*/
/*!
    \fn void JwtLoginDialog::browserSignInAvailableChanged(bool available)
    Emitted when browserSignInAvailable changes to \a available, once per change.
*/
/*!
    \fn void JwtLoginDialog::passwordFieldsVisibleChanged(bool visible)
    Emitted when passwordFieldsVisible changes to \a visible, once per change.
*/
/*!
    \fn void JwtLoginDialog::rememberMeVisibleChanged(bool visible)
    Emitted when the "remember me" check box is shown (\a visible true) or hidden: the session's
    token store changed, or setRememberMeVisible() or resetRememberMeVisible() was called.
*/
/*!
    \fn void JwtLoginDialog::busyChanged(bool busy)
    Emitted when a sign-in is sent (\a busy true) and when its answer arrives or the dialog is
    canceled (false), once per change.
*/
/*!
    \fn void JwtLoginDialog::messageChanged(const QString &message)
    Emitted when setMessage() changes the explanation to \a message.
*/
/*!
    \fn void JwtLoginDialog::errorMessageChanged(const QString &message)
    Emitted when the inline error changes to \a message: a failed sign-in, a new attempt
    (empty), or setErrorMessage().
*/
