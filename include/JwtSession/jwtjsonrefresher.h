// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTJSONREFRESHER_H
#define JWTJSONREFRESHER_H

#include <JwtSession/jwtrefresher.h>

#include <memory>

class QNetworkAccessManager;

class JWTSESSION_EXPORT JwtJsonRefresher : public JwtRefresher
{
    Q_OBJECT
    Q_PROPERTY(QUrl loginUrl READ loginUrl WRITE setLoginUrl NOTIFY loginUrlChanged)
    Q_PROPERTY(QUrl refreshUrl READ refreshUrl WRITE setRefreshUrl NOTIFY refreshUrlChanged)
    Q_PROPERTY(QUrl logoutUrl READ logoutUrl WRITE setLogoutUrl NOTIFY logoutUrlChanged)
    Q_PROPERTY(QString usernameField READ usernameField WRITE setUsernameField NOTIFY
                       usernameFieldChanged)
    Q_PROPERTY(QString passwordField READ passwordField WRITE setPasswordField NOTIFY
                       passwordFieldChanged)
    Q_PROPERTY(QString accessTokenField READ accessTokenField WRITE setAccessTokenField NOTIFY
                       accessTokenFieldChanged)
    Q_PROPERTY(QString expiresInField READ expiresInField WRITE setExpiresInField NOTIFY
                       expiresInFieldChanged)
    Q_PROPERTY(QString refreshTokenField READ refreshTokenField WRITE setRefreshTokenField NOTIFY
                       refreshTokenFieldChanged)
    Q_PROPERTY(QString refreshTokenRequestField READ refreshTokenRequestField WRITE
                       setRefreshTokenRequestField NOTIFY refreshTokenRequestFieldChanged)
    Q_PROPERTY(bool allowInsecureHttp READ allowInsecureHttp WRITE setAllowInsecureHttp NOTIFY
                       allowInsecureHttpChanged)
public:
    explicit JwtJsonRefresher(QObject *parent = nullptr);
    ~JwtJsonRefresher() override;

    QUrl loginUrl() const;
    void setLoginUrl(const QUrl &url);
    QUrl refreshUrl() const override;
    void setRefreshUrl(const QUrl &url);
    QUrl logoutUrl() const;
    void setLogoutUrl(const QUrl &url);
    QString usernameField() const;
    void setUsernameField(const QString &field);
    QString passwordField() const;
    void setPasswordField(const QString &field);
    QString accessTokenField() const;
    void setAccessTokenField(const QString &field);
    QString expiresInField() const;
    void setExpiresInField(const QString &field);
    QString refreshTokenField() const;
    void setRefreshTokenField(const QString &field);
    QString refreshTokenRequestField() const;
    void setRefreshTokenRequestField(const QString &field);
    //! Whether credentials may go over plain http to a non-loopback host. Default false.
    bool allowInsecureHttp() const;
    void setAllowInsecureHttp(bool allow);

    //! The manager login, refresh and logout calls go through. Not owned.
    QNetworkAccessManager *networkAccessManager() const;
    void setNetworkAccessManager(QNetworkAccessManager *manager);

    void refresh(JwtRefreshJob *job) override;
    void signIn(JwtRefreshJob *job) override;
    void signOut(const QByteArray &refreshToken) override;

Q_SIGNALS:
    void loginUrlChanged(const QUrl &url);
    void refreshUrlChanged(const QUrl &url);
    void logoutUrlChanged(const QUrl &url);
    void usernameFieldChanged(const QString &field);
    void passwordFieldChanged(const QString &field);
    void accessTokenFieldChanged(const QString &field);
    void expiresInFieldChanged(const QString &field);
    void refreshTokenFieldChanged(const QString &field);
    void refreshTokenRequestFieldChanged(const QString &field);
    void allowInsecureHttpChanged(bool allow);

private:
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtJsonRefresher)
};

#endif // JWTJSONREFRESHER_H
