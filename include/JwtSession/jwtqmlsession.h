// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTQMLSESSION_H
#define JWTQMLSESSION_H

#include <JwtSession/jwtsession.h>
#include <JwtSession/jwtsessionqml_export.h>

#include <QtCore/qurl.h>
#include <QtQml/qqml.h>
#include <QtQml/qqmlparserstatus.h>

#include <memory>

class JWTSESSIONQML_EXPORT JwtQmlSession : public JwtSession, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_NAMED_ELEMENT(Session)

    Q_PROPERTY(QUrl baseUrl READ baseUrl WRITE setBaseUrl NOTIFY baseUrlChanged)
    Q_PROPERTY(QUrl loginUrl READ loginUrl WRITE setLoginUrl NOTIFY loginUrlChanged)
    Q_PROPERTY(QUrl refreshUrl READ refreshUrl WRITE setRefreshUrl NOTIFY refreshUrlChanged)
    Q_PROPERTY(QUrl logoutUrl READ logoutUrl WRITE setLogoutUrl NOTIFY logoutUrlChanged)
    // JwtSession's durations, in the milliseconds QML counts in.
    Q_PROPERTY(
            int holdTimeout READ holdTimeoutMSecs WRITE setHoldTimeoutMSecs NOTIFY durationsChanged)
    Q_PROPERTY(
            int maxWaitTime READ maxWaitTimeMSecs WRITE setMaxWaitTimeMSecs NOTIFY durationsChanged)
    Q_PROPERTY(int refreshTimeout READ refreshTimeoutMSecs WRITE setRefreshTimeoutMSecs NOTIFY
                       durationsChanged)
    Q_PROPERTY(int refreshLeeway READ refreshLeewayMSecs WRITE setRefreshLeewayMSecs NOTIFY
                       durationsChanged)
    Q_PROPERTY(bool browserSignInAvailable READ isBrowserSignInAvailable NOTIFY
                       browserSignInAvailableChanged)

public:
    explicit JwtQmlSession(QObject *parent = nullptr);
    ~JwtQmlSession() override;

    QUrl baseUrl() const;
    void setBaseUrl(const QUrl &url);
    QUrl loginUrl() const;
    void setLoginUrl(const QUrl &url);
    QUrl refreshUrl() const;
    void setRefreshUrl(const QUrl &url);
    QUrl logoutUrl() const;
    void setLogoutUrl(const QUrl &url);

    int holdTimeoutMSecs() const;
    void setHoldTimeoutMSecs(int milliseconds);
    int maxWaitTimeMSecs() const;
    void setMaxWaitTimeMSecs(int milliseconds);
    int refreshTimeoutMSecs() const;
    void setRefreshTimeoutMSecs(int milliseconds);
    int refreshLeewayMSecs() const;
    void setRefreshLeewayMSecs(int milliseconds);

    bool isBrowserSignInAvailable() const;
    Q_INVOKABLE void signInWithBrowser();
    Q_INVOKABLE void cancelBrowserSignIn();

    void classBegin() override;
    void componentComplete() override;

Q_SIGNALS:
    void baseUrlChanged(const QUrl &url);
    void loginUrlChanged(const QUrl &url);
    void refreshUrlChanged(const QUrl &url);
    void logoutUrlChanged(const QUrl &url);
    void durationsChanged();
    void browserSignInAvailableChanged();

private:
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtQmlSession)
};

#endif // JWTQMLSESSION_H
