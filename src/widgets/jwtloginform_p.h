// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTLOGINFORM_P_H
#define JWTLOGINFORM_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the JwtSession API. It may change or disappear without notice.
//

#include <QtCore/qstring.h>
#include <QtGui/qicon.h>

class QCheckBox;
class QDialog;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QToolButton;

// What JwtLoginDialog shows: its widgets, their layout, names, words and accessibility. The
// dialog decides (signing in, busy, which error) and tells the form what to show; it reads,
// fills and focuses the four fields below itself. The sign-in logic so reads without the
// widget plumbing around it. Texts stay in the JwtLoginDialog translation context, where the
// catalogs have them.
class JwtLoginForm
{
public:
    explicit JwtLoginForm(QDialog *dialog) : dialog(dialog) { }
    Q_DISABLE_COPY_MOVE(JwtLoginForm)
    ~JwtLoginForm() = default;

    // Builds the widgets as children of the dialog and lays them out in it. Called from the
    // dialog's constructor body: building sends the dialog events (a title change), which
    // reach its changeEvent() with the dialog fully constructed.
    void build();
    // Every text in the current language; waitingForBrowser picks the busy line's text.
    void retranslate(bool waitingForBrowser);
    QString message() const { return m_message; }
    void showMessage(const QString &text);
    void showLogo(const QIcon &logo);
    void showBusy(bool busy, bool waitingForBrowser);
    // Shows text (empty: hides the error) with detail as its tooltip, and announces a
    // non-empty text to assistive technology.
    void showError(const QString &text, const QString &detail = QString());
    QString error() const; // the text shown by showError()
    // The password fields and Sign In button shown or not, the browser button per available.
    void showSignInWays(bool passwordFields, bool browser);

    QLineEdit *userEdit = nullptr;
    QLineEdit *passwordEdit = nullptr;
    QCheckBox *rememberBox = nullptr;
    QPushButton *browserButton = nullptr;

private:
    void togglePasswordVisible(bool visible);

    QDialog *const dialog;
    QString m_message; // as the application set it; empty: the default line is shown
    QLabel *logoLabel = nullptr;
    QLabel *titleLabel = nullptr;
    QLabel *messageLabel = nullptr;
    QLabel *userLabel = nullptr;
    QLabel *passwordLabel = nullptr;
    QToolButton *showPasswordButton = nullptr;
    QLabel *errorLabel = nullptr;
    QProgressBar *busyBar = nullptr;
    QLabel *busyLabel = nullptr;
    QDialogButtonBox *buttons = nullptr;
    QPushButton *signInButton = nullptr;
    QPushButton *cancelButton = nullptr;
};

#endif // JWTLOGINFORM_P_H
