// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSessionWidgets/jwtlogindialog.h>

#ifdef JWTSESSION_HAS_BROWSER_SIGNIN
#include <JwtSession/jwtbrowsersignin.h>
#endif
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtsession.h>
#include <JwtSession/jwttokenstore.h>
#include <JwtSession/jwttranslations.h>

#include <QtCore/qcoreevent.h>
#include <QtCore/qpointer.h>
#include <QtGui/qaccessible.h>
#include <QtWidgets/qapplication.h>
#include <QtWidgets/qboxlayout.h>
#include <QtWidgets/qcheckbox.h>
#include <QtWidgets/qdialogbuttonbox.h>
#include <QtWidgets/qformlayout.h>
#include <QtWidgets/qlabel.h>
#include <QtWidgets/qlineedit.h>
#include <QtWidgets/qprogressbar.h>
#include <QtWidgets/qpushbutton.h>
#include <QtWidgets/qtoolbutton.h>

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

namespace {

// Without a logo of its own the dialog shows the application's icon, then the library's.
QIcon fallbackLogo()
{
    QIcon windowIcon = QApplication::windowIcon(); // not const: returned by move
    if (!windowIcon.isNull())
        return windowIcon;
    return QIcon(QStringLiteral(":/jwtsession/widgets/jwtsession.svg"));
}

constexpr int LogoSize = 48;
// Wide enough for the expiry message in two lines, in English, German and French.
constexpr int MinimumWidth = 440;

} // namespace

struct JwtLoginDialog::Private
{
    explicit Private(JwtLoginDialog *q) : q(q) { }

    void build();
    void retranslate();
    void setBusy(bool on);
    void updateLogo();
    void updateMessage();
    void showError(const QString &text);
    void togglePasswordVisible(bool visible);
    void applyRememberMe();
    void updateRememberMeVisible();
    bool validate();
    void onSignInSucceeded();
    void onSignInFailed(JwtSession::FailureKind kind, const QString &detail);
    JwtBrowserSignIn *browserSignIn() const;
    void updateBrowserButton();

    JwtLoginDialog *const q;
    QPointer<JwtSession> session;
    QList<QMetaObject::Connection> sessionConnections;
    QIcon logo;
    QString message;
    QString errorMessage;
    std::optional<bool> rememberMeVisible; // set by the application; otherwise: a store is set
    bool busy = false;
    bool browserBusy = false; // the sign-in in flight is the browser's
    bool passwordFieldsVisible = true;
    bool browserAvailable = false;

    QPushButton *browserButton = nullptr;
    QLabel *logoLabel = nullptr;
    QLabel *titleLabel = nullptr;
    QLabel *messageLabel = nullptr;
    QLabel *userLabel = nullptr;
    QLineEdit *userEdit = nullptr;
    QLabel *passwordLabel = nullptr;
    QLineEdit *passwordEdit = nullptr;
    QToolButton *showPasswordButton = nullptr;
    QCheckBox *rememberBox = nullptr;
    QLabel *errorLabel = nullptr;
    QProgressBar *busyBar = nullptr;
    QLabel *busyLabel = nullptr;
    QDialogButtonBox *buttons = nullptr;
    QPushButton *signInButton = nullptr;
    QPushButton *cancelButton = nullptr;
};

void JwtLoginDialog::Private::build()
{
    logoLabel = new QLabel(q);
    logoLabel->setFixedSize(LogoSize, LogoSize);
    titleLabel = new QLabel(q);
    QFont titleFont = titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    titleLabel->setFont(titleFont);
    messageLabel = new QLabel(q);
    messageLabel->setWordWrap(true);
    messageLabel->setTextFormat(Qt::PlainText);

    auto *header = new QHBoxLayout;
    header->setSpacing(12);
    header->addWidget(logoLabel, 0, Qt::AlignVCenter);
    header->addWidget(titleLabel, 1, Qt::AlignVCenter);

    userEdit = new QLineEdit(q);
    userEdit->setInputMethodHints(Qt::ImhNoAutoUppercase | Qt::ImhNoPredictiveText);
    userEdit->setClearButtonEnabled(true);
    userLabel = new QLabel(q);
    userLabel->setBuddy(userEdit);

    passwordEdit = new QLineEdit(q);
    passwordEdit->setEchoMode(QLineEdit::Password);
    passwordLabel = new QLabel(q);
    passwordLabel->setBuddy(passwordEdit);
    showPasswordButton = new QToolButton(q);
    showPasswordButton->setCheckable(true);
    showPasswordButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    QObject::connect(showPasswordButton, &QToolButton::toggled, q,
                     [this](bool on) { togglePasswordVisible(on); });
    auto *passwordRow = new QHBoxLayout;
    passwordRow->setSpacing(4);
    passwordRow->addWidget(passwordEdit, 1);
    passwordRow->addWidget(showPasswordButton);

    rememberBox = new QCheckBox(q);
    QObject::connect(rememberBox, &QCheckBox::toggled, q, &JwtLoginDialog::rememberMeChanged);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(userLabel, userEdit);
    form->addRow(passwordLabel, passwordRow);
    form->addRow(QString(), rememberBox);

    errorLabel = new QLabel(q);
    errorLabel->setWordWrap(true);
    errorLabel->setTextFormat(Qt::PlainText);
    errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    errorLabel->setStyleSheet(QStringLiteral("QLabel { color: #8a1c1c; background: #fdecea; "
                                             "border: 1px solid #f1b0ab; border-radius: 4px; "
                                             "padding: 6px; }"));
    errorLabel->hide();

    busyBar = new QProgressBar(q);
    busyBar->setRange(0, 0); // indeterminate: the server decides how long this takes
    busyBar->setTextVisible(false);
    busyBar->setMaximumHeight(6);
    busyLabel = new QLabel(q);
    auto *busyRow = new QHBoxLayout;
    busyRow->addWidget(busyLabel);
    busyRow->addWidget(busyBar, 1);
    busyBar->hide();
    busyLabel->hide();

    buttons = new QDialogButtonBox(q);
    signInButton = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    cancelButton = buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    signInButton->setDefault(true); // Enter in any field submits
    browserButton = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    browserButton->setObjectName(QStringLiteral("signInWithBrowser"));
    browserButton->hide();
    QObject::connect(browserButton, &QPushButton::clicked, q, &JwtLoginDialog::signInWithBrowser);
    QObject::connect(buttons, &QDialogButtonBox::accepted, q, &JwtLoginDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, q, &JwtLoginDialog::reject);

    auto *layout = new QVBoxLayout(q);
    layout->setSpacing(12);
    layout->addLayout(header);
    layout->addWidget(messageLabel);
    layout->addLayout(form);
    layout->addWidget(errorLabel);
    layout->addLayout(busyRow);
    layout->addStretch(1);
    layout->addWidget(buttons);

    // Reading order, not creation order: fields first, then the buttons, default button last.
    QWidget::setTabOrder(userEdit, passwordEdit);
    QWidget::setTabOrder(passwordEdit, showPasswordButton);
    QWidget::setTabOrder(showPasswordButton, rememberBox);
    QWidget::setTabOrder(rememberBox, signInButton);
    QWidget::setTabOrder(signInButton, cancelButton);

    // Stable names for tests and UI automation; they never reach the screen.
    userEdit->setObjectName(QStringLiteral("userName"));
    passwordEdit->setObjectName(QStringLiteral("password"));
    showPasswordButton->setObjectName(QStringLiteral("showPassword"));
    rememberBox->setObjectName(QStringLiteral("rememberMe"));
    errorLabel->setObjectName(QStringLiteral("error"));
    busyBar->setObjectName(QStringLiteral("busy"));
    signInButton->setObjectName(QStringLiteral("signIn"));
    cancelButton->setObjectName(QStringLiteral("cancel"));
    messageLabel->setObjectName(QStringLiteral("message"));
    userLabel->setObjectName(QStringLiteral("userNameLabel"));
    passwordLabel->setObjectName(QStringLiteral("passwordLabel"));

    // An explicit minimum width, which the layout's default constraint respects (SetMinimumSize
    // would replace it with the narrowest the contents allow).
    q->setMinimumWidth(MinimumWidth);
    updateLogo();
    retranslate();
}

void JwtLoginDialog::Private::retranslate()
{
    q->setWindowTitle(JwtLoginDialog::tr("Sign In"));
    titleLabel->setText(JwtLoginDialog::tr("Sign in"));
    userLabel->setText(JwtLoginDialog::tr("&User name:"));
    passwordLabel->setText(JwtLoginDialog::tr("&Password:"));
    rememberBox->setText(JwtLoginDialog::tr("&Remember me on this computer"));
    busyLabel->setText(browserBusy ? JwtLoginDialog::tr("Waiting for the browser…")
                                   : JwtLoginDialog::tr("Signing in…"));
    browserButton->setText(JwtLoginDialog::tr("Sign in with your &browser"));
    browserButton->setAccessibleDescription(JwtLoginDialog::tr(
            "Opens the sign-in page in your web browser; the dialog waits until you are back."));
    signInButton->setText(JwtLoginDialog::tr("&Sign In"));
    cancelButton->setText(JwtLoginDialog::tr("Cancel"));
    userEdit->setPlaceholderText(JwtLoginDialog::tr("Your user name"));
    passwordEdit->setPlaceholderText(JwtLoginDialog::tr("Your password"));
    togglePasswordVisible(showPasswordButton->isChecked());

    userEdit->setAccessibleName(JwtLoginDialog::tr("User name"));
    userEdit->setAccessibleDescription(JwtLoginDialog::tr("The name you sign in with."));
    passwordEdit->setAccessibleName(JwtLoginDialog::tr("Password"));
    passwordEdit->setAccessibleDescription(JwtLoginDialog::tr("Your password. It is not stored."));
    rememberBox->setAccessibleName(JwtLoginDialog::tr("Remember me"));
    rememberBox->setAccessibleDescription(
            JwtLoginDialog::tr("Keep me signed in on this computer, in the system keychain."));
    signInButton->setAccessibleName(JwtLoginDialog::tr("Sign in"));
    signInButton->setAccessibleDescription(
            JwtLoginDialog::tr("Sends the user name and password to the server."));
    cancelButton->setAccessibleName(JwtLoginDialog::tr("Cancel"));
    cancelButton->setAccessibleDescription(
            JwtLoginDialog::tr("Closes the dialog without signing in."));
    errorLabel->setAccessibleName(JwtLoginDialog::tr("Sign-in error"));
    busyBar->setAccessibleName(JwtLoginDialog::tr("Signing in"));
    busyBar->setAccessibleDescription(
            JwtLoginDialog::tr("Waiting for the server to check the user name and password."));
    logoLabel->setAccessibleName(JwtLoginDialog::tr("Application logo"));
    titleLabel->setAccessibleName(JwtLoginDialog::tr("Sign in"));
    updateMessage();
}

void JwtLoginDialog::Private::updateMessage()
{
    const QString text =
            message.isEmpty() ? JwtLoginDialog::tr("Enter your user name and password.") : message;
    messageLabel->setText(text);
    messageLabel->setAccessibleName(JwtLoginDialog::tr("Message"));
    messageLabel->setAccessibleDescription(text);
}

void JwtLoginDialog::Private::togglePasswordVisible(bool visible)
{
    passwordEdit->setEchoMode(visible ? QLineEdit::Normal : QLineEdit::Password);
    showPasswordButton->setText(visible ? JwtLoginDialog::tr("Hide") : JwtLoginDialog::tr("Show"));
    showPasswordButton->setAccessibleName(visible ? JwtLoginDialog::tr("Hide password")
                                                  : JwtLoginDialog::tr("Show password"));
    showPasswordButton->setAccessibleDescription(
            JwtLoginDialog::tr("Shows or hides the characters of the password."));
    showPasswordButton->setToolTip(showPasswordButton->accessibleName());
}

void JwtLoginDialog::Private::updateLogo()
{
    const QIcon icon = logo.isNull() ? fallbackLogo() : logo;
    const QPixmap pixmap = icon.pixmap(QSize(LogoSize, LogoSize), q->devicePixelRatioF());
    logoLabel->setPixmap(pixmap);
    // Without an image plugin for the icon there is nothing to show: leave no empty gap.
    logoLabel->setVisible(!pixmap.isNull());
}

void JwtLoginDialog::Private::setBusy(bool on)
{
    if (busy == on)
        return;
    busy = on;
    for (QWidget *w :
         {static_cast<QWidget *>(userEdit), static_cast<QWidget *>(passwordEdit),
          static_cast<QWidget *>(showPasswordButton), static_cast<QWidget *>(rememberBox),
          static_cast<QWidget *>(signInButton), static_cast<QWidget *>(browserButton)})
        w->setEnabled(!on);
    if (!on)
        browserBusy = false;
    retranslate(); // the busy text: signing in, or waiting for the browser
    busyBar->setVisible(on);
    busyLabel->setVisible(on);
    // Cancel stays enabled and takes the focus, so Escape and Space both still cancel.
    if (on)
        cancelButton->setFocus(Qt::OtherFocusReason);
    Q_EMIT q->busyChanged(on);
}

void JwtLoginDialog::Private::showError(const QString &text)
{
    if (errorMessage == text)
        return;
    errorMessage = text;
    errorLabel->setText(text);
    errorLabel->setAccessibleDescription(text);
    errorLabel->setVisible(!text.isEmpty());
    if (!text.isEmpty() && q->isVisible()) {
        QAccessibleEvent event(errorLabel, QAccessible::Alert);
        QAccessible::updateAccessibility(&event);
    }
    Q_EMIT q->errorMessageChanged(text);
}

bool JwtLoginDialog::Private::validate()
{
    if (userEdit->text().trimmed().isEmpty()) {
        showError(JwtLoginDialog::tr("Enter your user name."));
        userEdit->setFocus(Qt::OtherFocusReason);
        return false;
    }
    if (passwordEdit->text().isEmpty()) {
        showError(JwtLoginDialog::tr("Enter your password."));
        passwordEdit->setFocus(Qt::OtherFocusReason);
        return false;
    }
    return true;
}

// Before the sign-in, so that the session knows where the new credential goes (keychain or
// memory) when the tokens arrive.
void JwtLoginDialog::Private::applyRememberMe()
{
    // A hidden check box is not the user's answer: the session keeps its own setting.
    if (session && !rememberBox->isHidden())
        session->setRememberMe(rememberBox->isChecked());
}

void JwtLoginDialog::Private::updateRememberMeVisible()
{
    const bool visible = rememberMeVisible.value_or(session && session->tokenStore());
    if (rememberBox->isHidden() != visible)
        return;
    rememberBox->setVisible(visible);
    Q_EMIT q->rememberMeVisibleChanged(visible);
}

void JwtLoginDialog::Private::onSignInSucceeded()
{
    if (!busy)
        return; // someone else's sign-in
    setBusy(false);
    passwordEdit->clear();
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
    const bool browser = browserBusy;
    setBusy(false);
    switch (kind) {
    case JwtSession::FailureKind::Rejected:
        if (browser) {
            showError(JwtLoginDialog::tr("The sign-in in the browser was declined or refused."));
            break;
        }
        showError(JwtLoginDialog::tr("The user name or password is incorrect."));
        passwordEdit->selectAll();
        break;
    case JwtSession::FailureKind::Transient:
        showError(JwtLoginDialog::tr("The server could not be reached. Check the connection "
                                     "and try again."));
        break;
    case JwtSession::FailureKind::Malformed:
        showError(JwtLoginDialog::tr("The server sent an answer that cannot be used. Try again "
                                     "later."));
        break;
    case JwtSession::FailureKind::Canceled:
        showError(JwtLoginDialog::tr("Signing in was canceled."));
        break;
    }
    errorLabel->setToolTip(detail);
    passwordEdit->setFocus(Qt::OtherFocusReason);
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
    browserButton->setVisible(available);
    for (QWidget *w :
         {static_cast<QWidget *>(userLabel), static_cast<QWidget *>(userEdit),
          static_cast<QWidget *>(passwordLabel), static_cast<QWidget *>(passwordEdit),
          static_cast<QWidget *>(showPasswordButton), static_cast<QWidget *>(signInButton)})
        w->setVisible(passwordFieldsVisible);
    if (available && !passwordFieldsVisible)
        browserButton->setDefault(true);
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
    JwtTranslations::autoInstall();
    d->build();
    d->rememberBox->hide(); // until a session with a token store, or the application, says so
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
        d->rememberBox->setChecked(session->rememberMe());
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
    return d->userEdit->text().trimmed();
}

/*!
    Fills in \a userName, for example the last user; the password field then has the focus.
    Emits userNameChanged() when it changes.
*/
void JwtLoginDialog::setUserName(const QString &userName)
{
    if (d->userEdit->text() == userName)
        return;
    d->userEdit->setText(userName);
    // With the name known, the password is what the user types next.
    if (!userName.isEmpty())
        d->passwordEdit->setFocus(Qt::OtherFocusReason);
    Q_EMIT userNameChanged(userName);
}

QString JwtLoginDialog::password() const
{
    return d->passwordEdit->text();
}

/*! Whether the "remember me" check box is checked. */
bool JwtLoginDialog::rememberMe() const
{
    return d->rememberBox->isChecked();
}

/*! Checks or unchecks "remember me" (\a remember); rememberMeChanged() when it changes. */
void JwtLoginDialog::setRememberMe(bool remember)
{
    d->rememberBox->setChecked(remember); // emits rememberMeChanged when it changes
}

/*! Whether the "remember me" check box is shown. */
bool JwtLoginDialog::isRememberMeVisible() const
{
    return !d->rememberBox->isHidden();
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
    return d->message;
}

/*! Shows \a message above the fields. Emits messageChanged() when it changes. */
void JwtLoginDialog::setMessage(const QString &message)
{
    if (d->message == message)
        return;
    d->message = message;
    d->updateMessage();
    Q_EMIT messageChanged(message);
}

/*! The error shown inline; empty: none. */
QString JwtLoginDialog::errorMessage() const
{
    return d->errorMessage;
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
    d->updateLogo();
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
    d->passwordEdit->clear();
    QDialog::reject();
}

/*! \reimp Retranslates the dialog when the language changes. */
void JwtLoginDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        d->retranslate();
    else if (event->type() == QEvent::ApplicationWindowIconChange && d->logo.isNull())
        d->updateLogo();
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
