// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtloginform_p.h"

#include <JwtSession/jwttranslations.h>
#include <JwtSessionWidgets/jwtlogindialog.h>

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

void JwtLoginForm::build()
{
    // The catalog first: the widgets get their words as they are built.
    JwtTranslations::autoInstall();
    logoLabel = new QLabel(dialog);
    logoLabel->setFixedSize(LogoSize, LogoSize);
    titleLabel = new QLabel(dialog);
    QFont titleFont = titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    titleLabel->setFont(titleFont);
    messageLabel = new QLabel(dialog);
    messageLabel->setWordWrap(true);
    messageLabel->setTextFormat(Qt::PlainText);

    auto *header = new QHBoxLayout;
    header->setSpacing(12);
    header->addWidget(logoLabel, 0, Qt::AlignVCenter);
    header->addWidget(titleLabel, 1, Qt::AlignVCenter);

    userEdit = new QLineEdit(dialog);
    userEdit->setInputMethodHints(Qt::ImhNoAutoUppercase | Qt::ImhNoPredictiveText);
    userEdit->setClearButtonEnabled(true);
    userLabel = new QLabel(dialog);
    userLabel->setBuddy(userEdit);

    passwordEdit = new QLineEdit(dialog);
    passwordEdit->setEchoMode(QLineEdit::Password);
    passwordLabel = new QLabel(dialog);
    passwordLabel->setBuddy(passwordEdit);
    showPasswordButton = new QToolButton(dialog);
    showPasswordButton->setCheckable(true);
    showPasswordButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    QObject::connect(showPasswordButton, &QToolButton::toggled, dialog,
                     [this](bool on) { togglePasswordVisible(on); });
    auto *passwordRow = new QHBoxLayout;
    passwordRow->setSpacing(4);
    passwordRow->addWidget(passwordEdit, 1);
    passwordRow->addWidget(showPasswordButton);

    rememberBox = new QCheckBox(dialog);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(userLabel, userEdit);
    form->addRow(passwordLabel, passwordRow);
    form->addRow(QString(), rememberBox);

    errorLabel = new QLabel(dialog);
    errorLabel->setWordWrap(true);
    errorLabel->setTextFormat(Qt::PlainText);
    errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    errorLabel->setStyleSheet(QStringLiteral("QLabel { color: #8a1c1c; background: #fdecea; "
                                             "border: 1px solid #f1b0ab; border-radius: 4px; "
                                             "padding: 6px; }"));
    errorLabel->hide();

    busyBar = new QProgressBar(dialog);
    busyBar->setRange(0, 0); // indeterminate: the server decides how long this takes
    busyBar->setTextVisible(false);
    busyBar->setMaximumHeight(6);
    busyLabel = new QLabel(dialog);
    auto *busyRow = new QHBoxLayout;
    busyRow->addWidget(busyLabel);
    busyRow->addWidget(busyBar, 1);
    busyBar->hide();
    busyLabel->hide();

    buttons = new QDialogButtonBox(dialog);
    signInButton = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    cancelButton = buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    signInButton->setDefault(true); // Enter in any field submits
    browserButton = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    browserButton->hide();
    // Through the virtual functions: the dialog's accept() signs in, its reject() cancels.
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);

    auto *layout = new QVBoxLayout(dialog);
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
    browserButton->setObjectName(QStringLiteral("signInWithBrowser"));
    messageLabel->setObjectName(QStringLiteral("message"));
    userLabel->setObjectName(QStringLiteral("userNameLabel"));
    passwordLabel->setObjectName(QStringLiteral("passwordLabel"));

    // An explicit minimum width, which the layout's default constraint respects (SetMinimumSize
    // would replace it with the narrowest the contents allow).
    dialog->setMinimumWidth(MinimumWidth);
    showLogo(QIcon());
    retranslate(false);
}

void JwtLoginForm::retranslate(bool waitingForBrowser)
{
    dialog->setWindowTitle(JwtLoginDialog::tr("Sign In"));
    titleLabel->setText(JwtLoginDialog::tr("Sign in"));
    userLabel->setText(JwtLoginDialog::tr("&User name:"));
    passwordLabel->setText(JwtLoginDialog::tr("&Password:"));
    rememberBox->setText(JwtLoginDialog::tr("&Remember me on this computer"));
    busyLabel->setText(waitingForBrowser ? JwtLoginDialog::tr("Waiting for the browser…")
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
    showMessage(m_message);
}

void JwtLoginForm::showMessage(const QString &text)
{
    m_message = text;
    const QString shown =
            text.isEmpty() ? JwtLoginDialog::tr("Enter your user name and password.") : text;
    messageLabel->setText(shown);
    messageLabel->setAccessibleName(JwtLoginDialog::tr("Message"));
    messageLabel->setAccessibleDescription(shown);
}

void JwtLoginForm::togglePasswordVisible(bool visible)
{
    passwordEdit->setEchoMode(visible ? QLineEdit::Normal : QLineEdit::Password);
    showPasswordButton->setText(visible ? JwtLoginDialog::tr("Hide") : JwtLoginDialog::tr("Show"));
    showPasswordButton->setAccessibleName(visible ? JwtLoginDialog::tr("Hide password")
                                                  : JwtLoginDialog::tr("Show password"));
    showPasswordButton->setAccessibleDescription(
            JwtLoginDialog::tr("Shows or hides the characters of the password."));
    showPasswordButton->setToolTip(showPasswordButton->accessibleName());
}

void JwtLoginForm::showLogo(const QIcon &logo)
{
    const QIcon icon = logo.isNull() ? fallbackLogo() : logo;
    const QPixmap pixmap = icon.pixmap(QSize(LogoSize, LogoSize), dialog->devicePixelRatioF());
    logoLabel->setPixmap(pixmap);
    // Without an image plugin for the icon there is nothing to show: leave no empty gap.
    logoLabel->setVisible(!pixmap.isNull());
}

void JwtLoginForm::showBusy(bool busy, bool waitingForBrowser)
{
    for (QWidget *w :
         {static_cast<QWidget *>(userEdit), static_cast<QWidget *>(passwordEdit),
          static_cast<QWidget *>(showPasswordButton), static_cast<QWidget *>(rememberBox),
          static_cast<QWidget *>(signInButton), static_cast<QWidget *>(browserButton)})
        w->setEnabled(!busy);
    retranslate(waitingForBrowser); // the busy text: signing in, or waiting for the browser
    busyBar->setVisible(busy);
    busyLabel->setVisible(busy);
    // Cancel stays enabled and takes the focus, so Escape and Space both still cancel.
    if (busy)
        cancelButton->setFocus(Qt::OtherFocusReason);
}

void JwtLoginForm::showError(const QString &text, const QString &detail)
{
    errorLabel->setText(text);
    errorLabel->setToolTip(detail);
    errorLabel->setAccessibleDescription(text);
    errorLabel->setVisible(!text.isEmpty());
    if (!text.isEmpty() && dialog->isVisible()) {
        QAccessibleEvent event(errorLabel, QAccessible::Alert);
        QAccessible::updateAccessibility(&event);
    }
}

QString JwtLoginForm::error() const
{
    return errorLabel->text();
}

void JwtLoginForm::showSignInWays(bool passwordFields, bool browser)
{
    browserButton->setVisible(browser);
    for (QWidget *w :
         {static_cast<QWidget *>(userLabel), static_cast<QWidget *>(userEdit),
          static_cast<QWidget *>(passwordLabel), static_cast<QWidget *>(passwordEdit),
          static_cast<QWidget *>(showPasswordButton), static_cast<QWidget *>(signInButton)})
        w->setVisible(passwordFields);
    if (browser && !passwordFields)
        browserButton->setDefault(true);
}
