// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTBROWSERSIGNIN_H
#define JWTBROWSERSIGNIN_H

#include <JwtSession/jwtsession_export.h>

#include <QtCore/qobject.h>
#include <QtCore/qurl.h>

#include <chrono>
#include <memory>

class JwtOAuth2Refresher;
class JwtRefreshJob;

class JWTSESSION_EXPORT JwtBrowserSignIn : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool active READ isActive NOTIFY activeChanged)
    Q_PROPERTY(QUrl redirectUri READ redirectUri NOTIFY activeChanged)
    Q_PROPERTY(bool opensBrowser READ opensBrowser WRITE setOpensBrowser NOTIFY opensBrowserChanged)
    Q_PROPERTY(quint16 port READ port WRITE setPort NOTIFY portChanged)
    Q_PROPERTY(
            QString redirectPath READ redirectPath WRITE setRedirectPath NOTIFY redirectPathChanged)
    Q_PROPERTY(
            std::chrono::milliseconds timeout READ timeout WRITE setTimeout NOTIFY timeoutChanged)
    Q_PROPERTY(QString pageTitle READ pageTitle WRITE setPageTitle NOTIFY pageTitleChanged)
    Q_PROPERTY(QString successText READ successText WRITE setSuccessText NOTIFY successTextChanged)
    Q_PROPERTY(QUrl successUrl READ successUrl WRITE setSuccessUrl NOTIFY successUrlChanged)
public:
    //! Attaches a browser sign-in to \a refresher, which owns it (it is the parent).
    explicit JwtBrowserSignIn(JwtOAuth2Refresher *refresher);
    ~JwtBrowserSignIn() override;

    JwtOAuth2Refresher *refresher() const;
    //! True from the authorization request until the sign-in succeeded or failed.
    bool isActive() const;
    //! The loopback redirect URI of the sign-in in progress; empty when not active.
    QUrl redirectUri() const;

    //! Whether the authorization URL is opened with QDesktopServices::openUrl(). Default true.
    bool opensBrowser() const;
    void setOpensBrowser(bool opens);
    //! The loopback port to listen on; 0 (the default) lets the system pick a free one.
    quint16 port() const;
    void setPort(quint16 port);
    //! The path of the redirect URI; default "/callback".
    QString redirectPath() const;
    void setRedirectPath(const QString &path);
    //! How long the user has to sign in, the code exchange included. Default 5 minutes.
    std::chrono::milliseconds timeout() const;
    void setTimeout(std::chrono::milliseconds timeout);
    //! The title of the page the browser shows at the end; empty: the application's name.
    QString pageTitle() const;
    void setPageTitle(const QString &title);
    //! The text of that page after a successful sign-in; empty: a translated default.
    QString successText() const;
    void setSuccessText(const QString &text);
    //! Where the browser goes after a successful sign-in instead of the page; empty: the page.
    QUrl successUrl() const;
    void setSuccessUrl(const QUrl &url);

public Q_SLOTS:
    //! Ends the sign-in in progress: JwtSession::signInFailed() with FailureKind::Canceled.
    void cancel();

Q_SIGNALS:
    //! Emitted once per sign-in with the authorization request URL, before the browser opens
    //! it (when opensBrowser is true); open \a url yourself otherwise.
    void authorizationUrlReady(const QUrl &url);
    void activeChanged(bool active);
    void opensBrowserChanged(bool opens);
    void portChanged(quint16 port);
    void redirectPathChanged(const QString &path);
    void timeoutChanged(std::chrono::milliseconds timeout);
    void pageTitleChanged(const QString &title);
    void successTextChanged(const QString &text);
    void successUrlChanged(const QUrl &url);

private:
    friend class JwtOAuth2Refresher;
    void start(JwtRefreshJob *job);

    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtBrowserSignIn)
};

#endif // JWTBROWSERSIGNIN_H
