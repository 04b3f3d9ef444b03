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

public Q_SLOTS:
    //! Submits: signs in through the session, or accepts the dialog when there is none.
    void accept() override;
    //! Cancels, also while a sign-in is running.
    void reject() override;

Q_SIGNALS:
    void sessionChanged(JwtSession *session);
    void userNameChanged(const QString &userName);
    void rememberMeChanged(bool remember);
    void rememberMeVisibleChanged(bool visible);
    void busyChanged(bool busy);
    void messageChanged(const QString &message);
    void errorMessageChanged(const QString &message);
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
