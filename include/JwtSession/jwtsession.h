// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTSESSION_H
#define JWTSESSION_H

#include <JwtSession/jwtsession_export.h>
#include <JwtSession/jwttoken.h>

#include <QtCore/qdatetime.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qlist.h>
#include <QtCore/qobject.h>
#include <QtCore/qurl.h>

#include <chrono>
#include <functional>
#include <memory>

class QNetworkReply;
class JwtRefresher;
class JwtRefreshJob;
class JwtTokenStore;
class JwtSessionPrivate;
Q_MOC_INCLUDE("JwtSession/jwtrefresher.h")
Q_MOC_INCLUDE("JwtSession/jwtrefreshjob.h")
Q_MOC_INCLUDE("JwtSession/jwttokenstore.h")

class JWTSESSION_EXPORT JwtSession : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool signedIn READ isSignedIn NOTIFY signedInChanged)
    Q_PROPERTY(bool refreshing READ isRefreshing NOTIFY refreshingChanged)
    Q_PROPERTY(QDateTime accessTokenExpiresAt READ accessTokenExpiresAt NOTIFY
                       accessTokenExpiresAtChanged)
    Q_PROPERTY(QString userName READ userName NOTIFY userNameChanged)
    Q_PROPERTY(QJsonObject claims READ claims NOTIFY claimsChanged)
    Q_PROPERTY(ExpiryPolicy expiryPolicy READ expiryPolicy WRITE setExpiryPolicy NOTIFY
                       expiryPolicyChanged)
    Q_PROPERTY(JwtRefresher *refresher READ refresher WRITE setRefresher NOTIFY refresherChanged)
    Q_PROPERTY(
            JwtTokenStore *tokenStore READ tokenStore WRITE setTokenStore NOTIFY tokenStoreChanged)
    Q_PROPERTY(bool rememberMe READ rememberMe WRITE setRememberMe NOTIFY rememberMeChanged)
    Q_PROPERTY(bool crossProcessLock READ crossProcessLock WRITE setCrossProcessLock NOTIFY
                       crossProcessLockChanged)
    Q_PROPERTY(std::chrono::milliseconds crossProcessLockTimeout READ crossProcessLockTimeout WRITE
                       setCrossProcessLockTimeout NOTIFY crossProcessLockTimeoutChanged)
    Q_PROPERTY(std::chrono::milliseconds refreshLeeway READ refreshLeeway WRITE setRefreshLeeway
                       NOTIFY refreshLeewayChanged)
    Q_PROPERTY(int maxRefreshAttempts READ maxRefreshAttempts WRITE setMaxRefreshAttempts NOTIFY
                       maxRefreshAttemptsChanged)
    Q_PROPERTY(std::chrono::milliseconds refreshTimeout READ refreshTimeout WRITE setRefreshTimeout
                       NOTIFY refreshTimeoutChanged)
    Q_PROPERTY(std::chrono::milliseconds maxWaitTime READ maxWaitTime WRITE setMaxWaitTime NOTIFY
                       maxWaitTimeChanged)
    Q_PROPERTY(std::chrono::milliseconds holdTimeout READ holdTimeout WRITE setHoldTimeout NOTIFY
                       holdTimeoutChanged)
    Q_PROPERTY(qint64 maxReplayBufferSize READ maxReplayBufferSize WRITE setMaxReplayBufferSize
                       NOTIFY maxReplayBufferSizeChanged)
    Q_PROPERTY(QList<int> authFailureStatusCodes READ authFailureStatusCodes WRITE
                       setAuthFailureStatusCodes NOTIFY authFailureStatusCodesChanged)

public:
    enum class State {
        SignedOut, //!< no credentials; requests go out without a token
        Active, //!< an access token is attached to requests for authorized origins
        Refreshing, //!< a refresh is in flight; requests wait for it (see refreshLeeway)
        Expired, //!< the refresh credential was rejected; the user must sign in again
    };
    Q_ENUM(State)

    enum class FailureKind {
        Rejected, //!< the server refused the refresh credential: the session expired
        Transient, //!< network error, timeout, 5xx, 429: the user stays signed in
        Malformed, //!< the server answered without a usable token: treated like Transient
        Canceled, //!< a sign-in that signOut() or the user ended before it was answered (sign-in only)
    };
    Q_ENUM(FailureKind)

    enum class ExpiryPolicy {
        FailWaiting, //!< on expiry, waiting replies fail with AuthenticationRequiredError
        HoldForSignIn, //!< on expiry, waiting replies are parked until sign-in, cancel or timeout
    };
    Q_ENUM(ExpiryPolicy)

    //! How an authorized origin may be reached. Tokens go over https, or to loopback, only.
    enum class OriginOption {
        NoOriginOption = 0x0, //!< tokens go over https, or over http to loopback only
        //! Send the token over plain http to a non-loopback origin. Anyone on the network path
        //! can read and replay it: for test rigs and closed networks only.
        AllowInsecureHttp = 0x1,
    };
    Q_DECLARE_FLAGS(OriginOptions, OriginOption)
    Q_FLAG(OriginOptions)

    using AuthFailurePredicate =
            std::function<bool(const QNetworkReply *attempt, const QByteArray &body)>;

    explicit JwtSession(QObject *parent = nullptr);
    ~JwtSession() override;

    State state() const;
    bool isSignedIn() const;
    bool isRefreshing() const;
    QDateTime accessTokenExpiresAt() const;
    QString userName() const;
    QJsonObject claims() const;
    JwtToken accessToken() const;
    quint64 tokenGeneration() const;
    //! The refresh credential, for persistence. Never log it.
    QByteArray refreshToken() const;

    void addAuthorizedOrigin(const QUrl &origin);
    void addAuthorizedOrigin(const QUrl &origin, OriginOptions options);
    void removeAuthorizedOrigin(const QUrl &origin);
    QList<QUrl> authorizedOrigins() const;
    bool isAuthorizedUrl(const QUrl &url) const;

    JwtRefresher *refresher() const;
    void setRefresher(JwtRefresher *refresher);

    //! Where the refresh credential is kept between runs ("remember me"). Not owned.
    JwtTokenStore *tokenStore() const;
    void setTokenStore(JwtTokenStore *store);
    bool rememberMe() const;
    void setRememberMe(bool rememberMe);
    //! Whether refreshes of a remembered session are coordinated with other processes.
    bool crossProcessLock() const;
    void setCrossProcessLock(bool enabled);
    std::chrono::milliseconds crossProcessLockTimeout() const;
    void setCrossProcessLockTimeout(std::chrono::milliseconds timeout);

    bool setTokens(const QByteArray &accessToken, const QByteArray &refreshToken = {},
                   qint64 expiresInSeconds = -1);

    QList<int> authFailureStatusCodes() const;
    void setAuthFailureStatusCodes(const QList<int> &codes);
    void setAuthFailurePredicate(const AuthFailurePredicate &predicate);

    qint64 maxReplayBufferSize() const;
    void setMaxReplayBufferSize(qint64 bytes);

    std::chrono::milliseconds refreshTimeout() const;
    void setRefreshTimeout(std::chrono::milliseconds timeout);

    std::chrono::milliseconds maxWaitTime() const;
    void setMaxWaitTime(std::chrono::milliseconds timeout);

    ExpiryPolicy expiryPolicy() const;
    void setExpiryPolicy(ExpiryPolicy policy);
    std::chrono::milliseconds holdTimeout() const;
    void setHoldTimeout(std::chrono::milliseconds timeout);

    std::chrono::milliseconds refreshLeeway() const;
    void setRefreshLeeway(std::chrono::milliseconds leeway);
    int maxRefreshAttempts() const;
    void setMaxRefreshAttempts(int attempts);

public Q_SLOTS:
    void signIn(const QString &userName, const QString &password);
    void refresh();
    void signOut();
    void cancelHeldRequests();
    void restore();

Q_SIGNALS:
    void stateChanged(JwtSession::State state);
    void signedInChanged(bool signedIn);
    void refreshingChanged(bool refreshing);
    void accessTokenExpiresAtChanged(const QDateTime &expiresAt);
    void userNameChanged(const QString &userName);
    void claimsChanged(const QJsonObject &claims);
    void expiryPolicyChanged(JwtSession::ExpiryPolicy policy);
    void refresherChanged(JwtRefresher *refresher);
    void tokenStoreChanged(JwtTokenStore *store);
    void rememberMeChanged(bool rememberMe);
    void crossProcessLockChanged(bool enabled);
    void crossProcessLockTimeoutChanged(std::chrono::milliseconds timeout);
    void refreshLeewayChanged(std::chrono::milliseconds leeway);
    void maxRefreshAttemptsChanged(int attempts);
    void refreshTimeoutChanged(std::chrono::milliseconds timeout);
    void maxWaitTimeChanged(std::chrono::milliseconds timeout);
    void holdTimeoutChanged(std::chrono::milliseconds timeout);
    void maxReplayBufferSizeChanged(qint64 bytes);
    void authFailureStatusCodesChanged(const QList<int> &codes);

    void tokensChanged();
    void refreshStarted();
    void refreshSucceeded();
    void refreshFailed(JwtSession::FailureKind kind, const QString &message);
    void refreshRetryScheduled(std::chrono::milliseconds delay);
    void sessionExpired();
    void signInSucceeded();
    void signInFailed(JwtSession::FailureKind kind, const QString &message);
    void signedOut();
    void restored(bool success);

    //! Emitted when a refresh is needed and no refresher is set; complete \a job.
    void refreshRequested(JwtRefreshJob *job);

private:
    friend class JwtSessionPrivate;
    std::unique_ptr<JwtSessionPrivate> const d;
    Q_DISABLE_COPY_MOVE(JwtSession)
};

Q_DECLARE_OPERATORS_FOR_FLAGS(JwtSession::OriginOptions)

#endif // JWTSESSION_H
