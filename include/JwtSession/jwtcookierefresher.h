// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTCOOKIEREFRESHER_H
#define JWTCOOKIEREFRESHER_H

#include <JwtSession/jwtrefresher.h>

#include <memory>

class QNetworkAccessManager;

class JWTSESSION_EXPORT JwtCookieRefresher : public JwtRefresher
{
    Q_OBJECT
    Q_PROPERTY(QUrl loginUrl READ loginUrl WRITE setLoginUrl NOTIFY loginUrlChanged)
    Q_PROPERTY(QUrl refreshUrl READ refreshUrl WRITE setRefreshUrl NOTIFY refreshUrlChanged)
    Q_PROPERTY(QUrl logoutUrl READ logoutUrl WRITE setLogoutUrl NOTIFY logoutUrlChanged)
    Q_PROPERTY(QString accessTokenField READ accessTokenField WRITE setAccessTokenField NOTIFY
                       accessTokenFieldChanged)
    Q_PROPERTY(QString expiresInField READ expiresInField WRITE setExpiresInField NOTIFY
                       expiresInFieldChanged)
    Q_PROPERTY(QByteArray cookieName READ cookieName WRITE setCookieName NOTIFY cookieNameChanged)
    Q_PROPERTY(bool allowInsecureHttp READ allowInsecureHttp WRITE setAllowInsecureHttp NOTIFY
                       allowInsecureHttpChanged)
public:
    explicit JwtCookieRefresher(QObject *parent = nullptr);
    ~JwtCookieRefresher() override;

    QUrl loginUrl() const;
    void setLoginUrl(const QUrl &url);
    QUrl refreshUrl() const override;
    void setRefreshUrl(const QUrl &url);
    QUrl logoutUrl() const;
    void setLogoutUrl(const QUrl &url);
    QString accessTokenField() const;
    void setAccessTokenField(const QString &field);
    QString expiresInField() const;
    void setExpiresInField(const QString &field);
    QByteArray cookieName() const;
    void setCookieName(const QByteArray &name);
    //! Whether credentials may go over plain http to a non-loopback host. Default false.
    bool allowInsecureHttp() const;
    void setAllowInsecureHttp(bool allow);

    //! The manager login, refresh and logout calls go through. Not owned. Its cookie jar gets
    //! and gives every cookie but the refresh cookie, which the refresher keeps itself.
    QNetworkAccessManager *networkAccessManager() const;
    void setNetworkAccessManager(QNetworkAccessManager *manager);

    void refresh(JwtRefreshJob *job) override;
    void signIn(JwtRefreshJob *job) override;
    void signOut(const QByteArray &refreshToken) override;
    void adoptRefreshCredential(const QByteArray &credential) override;
    bool acceptsRefreshCredential(const QByteArray &credential) const override;

Q_SIGNALS:
    void loginUrlChanged(const QUrl &url);
    void refreshUrlChanged(const QUrl &url);
    void logoutUrlChanged(const QUrl &url);
    void accessTokenFieldChanged(const QString &field);
    void expiresInFieldChanged(const QString &field);
    void cookieNameChanged(const QByteArray &name);
    void allowInsecureHttpChanged(bool allow);

private:
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtCookieRefresher)
};

#endif // JWTCOOKIEREFRESHER_H
