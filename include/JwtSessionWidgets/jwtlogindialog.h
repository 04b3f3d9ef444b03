// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTLOGINDIALOG_H
#define JWTLOGINDIALOG_H

#include <JwtSessionWidgets/jwtsessionwidgets_export.h>

#include <QtGui/qicon.h>
#include <QtWidgets/qdialog.h>

#include <memory>

class JwtSession;
Q_MOC_INCLUDE("JwtSession/jwtsession.h")

class JWTSESSIONWIDGETS_EXPORT JwtLoginDialog : public QDialog
{
    Q_OBJECT
    Q_PROPERTY(JwtSession *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString userName READ userName WRITE setUserName NOTIFY userNameChanged)
    Q_PROPERTY(bool rememberMe READ rememberMe WRITE setRememberMe NOTIFY rememberMeChanged)
    Q_PROPERTY(bool rememberMeVisible READ isRememberMeVisible WRITE setRememberMeVisible RESET
                       resetRememberMeVisible NOTIFY rememberMeVisibleChanged)
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
    Q_PROPERTY(QString message READ message WRITE setMessage NOTIFY messageChanged)
    Q_PROPERTY(
            QString errorMessage READ errorMessage WRITE setErrorMessage NOTIFY errorMessageChanged)
    Q_PROPERTY(QIcon logo READ logo WRITE setLogo)
    Q_PROPERTY(bool browserSignInAvailable READ isBrowserSignInAvailable NOTIFY
                       browserSignInAvailableChanged)
    Q_PROPERTY(bool passwordFieldsVisible READ arePasswordFieldsVisible WRITE
                       setPasswordFieldsVisible NOTIFY passwordFieldsVisibleChanged)

public:
    explicit JwtLoginDialog(QWidget *parent = nullptr);
    explicit JwtLoginDialog(JwtSession *session, QWidget *parent = nullptr);
    ~JwtLoginDialog() override;

    JwtSession *session() const;
    void setSession(JwtSession *session);

    QString userName() const;
    void setUserName(const QString &userName);
    //! What was typed; for applications that sign in themselves (no session set).
    QString password() const;

    bool rememberMe() const;
    void setRememberMe(bool remember);
    bool isRememberMeVisible() const;
    void setRememberMeVisible(bool visible);
    void resetRememberMeVisible();

    bool isBusy() const;

    QString message() const;
    void setMessage(const QString &message);
    QString errorMessage() const;
    void setErrorMessage(const QString &message);

    QIcon logo() const;
    void setLogo(const QIcon &logo);

    //! Whether the session's refresher can sign in through the browser (JwtBrowserSignIn).
    bool isBrowserSignInAvailable() const;
    //! Whether the user name and password fields are shown; default true.
    bool arePasswordFieldsVisible() const;
    void setPasswordFieldsVisible(bool visible);

public Q_SLOTS:
    //! Submits: signs in through the session, or accepts the dialog when there is none.
    void accept() override;
    //! Cancels, also while a sign-in is running (a browser sign-in is canceled too).
    void reject() override;
    //! Signs in through the system browser, when isBrowserSignInAvailable().
    void signInWithBrowser();

Q_SIGNALS:
    void sessionChanged(JwtSession *session);
    void userNameChanged(const QString &userName);
    void rememberMeChanged(bool remember);
    void rememberMeVisibleChanged(bool visible);
    void busyChanged(bool busy);
    void messageChanged(const QString &message);
    void errorMessageChanged(const QString &message);
    void browserSignInAvailableChanged(bool available);
    void passwordFieldsVisibleChanged(bool visible);
    //! The session signed in with what was typed; the dialog closes as accepted right after.
    void signedIn();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtLoginDialog)
};

#endif // JWTLOGINDIALOG_H
