// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTQMLSESSION_H
#define JWTQMLSESSION_H

#include <JwtSession/jwtsession.h>
#include <JwtSession/jwtsessionqml_export.h>

#include <QtCore/qdatetime.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qobject.h>
#include <QtCore/qurl.h>
#include <QtQml/qqml.h>
#include <QtQml/qqmlparserstatus.h>

#include <memory>

class JwtRefresher;
Q_MOC_INCLUDE("JwtSession/jwtrefresher.h")

class JWTSESSIONQML_EXPORT JwtQmlSession : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_NAMED_ELEMENT(Session)

    Q_PROPERTY(JwtSession *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool signedIn READ isSignedIn NOTIFY signedInChanged)
    Q_PROPERTY(bool refreshing READ isRefreshing NOTIFY refreshingChanged)
    Q_PROPERTY(QString userName READ userName NOTIFY userNameChanged)
    Q_PROPERTY(QJsonObject claims READ claims NOTIFY claimsChanged)
    Q_PROPERTY(QDateTime accessTokenExpiresAt READ accessTokenExpiresAt NOTIFY
                       accessTokenExpiresAtChanged)
    Q_PROPERTY(QUrl baseUrl READ baseUrl WRITE setBaseUrl NOTIFY baseUrlChanged)
    Q_PROPERTY(QUrl loginUrl READ loginUrl WRITE setLoginUrl NOTIFY loginUrlChanged)
    Q_PROPERTY(QUrl refreshUrl READ refreshUrl WRITE setRefreshUrl NOTIFY refreshUrlChanged)
    Q_PROPERTY(QUrl logoutUrl READ logoutUrl WRITE setLogoutUrl NOTIFY logoutUrlChanged)
    Q_PROPERTY(JwtRefresher *refresher READ refresher WRITE setRefresher NOTIFY refresherChanged)
    Q_PROPERTY(ExpiryPolicy expiryPolicy READ expiryPolicy WRITE setExpiryPolicy NOTIFY
                       expiryPolicyChanged)
    Q_PROPERTY(int holdTimeout READ holdTimeout WRITE setHoldTimeout NOTIFY holdTimeoutChanged)
    Q_PROPERTY(bool browserSignInAvailable READ isBrowserSignInAvailable NOTIFY refresherChanged)

public:
    // Mirrors of JwtSession's enums: the core library has no QML registration to borrow
    // (QML_FOREIGN would need its metatypes), and a mirror works the same on every Qt 6.
    enum class State {
        SignedOut = int(JwtSession::State::SignedOut), //!< JwtSession::State::SignedOut
        Active = int(JwtSession::State::Active), //!< JwtSession::State::Active
        Refreshing = int(JwtSession::State::Refreshing), //!< JwtSession::State::Refreshing
        Expired = int(JwtSession::State::Expired), //!< JwtSession::State::Expired
    };
    Q_ENUM(State)

    enum class ExpiryPolicy {
        FailWaiting = int(JwtSession::ExpiryPolicy::FailWaiting), //!< see JwtSession
        HoldForSignIn = int(JwtSession::ExpiryPolicy::HoldForSignIn), //!< see JwtSession
    };
    Q_ENUM(ExpiryPolicy)

    explicit JwtQmlSession(QObject *parent = nullptr);
    ~JwtQmlSession() override;

    JwtSession *session() const;
    void setSession(JwtSession *session);
    bool ownsSession() const;

    State state() const;
    bool isSignedIn() const;
    bool isRefreshing() const;
    QString userName() const;
    QJsonObject claims() const;
    QDateTime accessTokenExpiresAt() const;

    QUrl baseUrl() const;
    void setBaseUrl(const QUrl &url);
    QUrl loginUrl() const;
    void setLoginUrl(const QUrl &url);
    QUrl refreshUrl() const;
    void setRefreshUrl(const QUrl &url);
    QUrl logoutUrl() const;
    void setLogoutUrl(const QUrl &url);
    JwtRefresher *refresher() const;
    void setRefresher(JwtRefresher *refresher);
    ExpiryPolicy expiryPolicy() const;
    void setExpiryPolicy(ExpiryPolicy policy);
    int holdTimeout() const;
    void setHoldTimeout(int milliseconds);

    Q_INVOKABLE void signIn(const QString &userName, const QString &password);
    Q_INVOKABLE void signOut();
    Q_INVOKABLE void refresh();
    Q_INVOKABLE void cancelHeldRequests();
    //! Whether the refresher is a JwtOAuth2Refresher with a JwtBrowserSignIn attached.
    bool isBrowserSignInAvailable() const;
    Q_INVOKABLE void signInWithBrowser();
    Q_INVOKABLE void cancelBrowserSignIn();

    void classBegin() override;
    void componentComplete() override;

Q_SIGNALS:
    void sessionChanged();
    void stateChanged();
    void signedInChanged();
    void refreshingChanged();
    void userNameChanged();
    void claimsChanged();
    void accessTokenExpiresAtChanged();
    void baseUrlChanged();
    void loginUrlChanged();
    void refreshUrlChanged();
    void logoutUrlChanged();
    void refresherChanged();
    void expiryPolicyChanged();
    void holdTimeoutChanged();

    void signInSucceeded();
    void signInFailed(const QString &message);
    void refreshSucceeded();
    void refreshFailed(const QString &message);
    void sessionExpired();
    void signedOut();

private:
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtQmlSession)
};

#endif // JWTQMLSESSION_H
