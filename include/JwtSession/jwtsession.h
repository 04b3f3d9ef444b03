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
class JwtSessionPrivate;
Q_MOC_INCLUDE(<JwtSession / jwtrefresher.h>)
Q_MOC_INCLUDE(<JwtSession / jwtrefreshjob.h>)

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

public:
    enum class State {
        SignedOut, //!< no credentials; requests go out without a token
        Active, //!< an access token is attached to requests for authorized origins
        Refreshing, //!< a refresh is in flight; new requests wait for it
        Expired, //!< the refresh credential was rejected; the user must sign in again
    };
    Q_ENUM(State)

    enum class FailureKind {
        Rejected, //!< the server refused the refresh credential: the session expired
        Transient, //!< network error, timeout, 5xx, 429: the user stays signed in
        Malformed, //!< the server answered without a usable token: treated like Transient
    };
    Q_ENUM(FailureKind)

    enum class ExpiryPolicy {
        FailWaiting, //!< on expiry, waiting replies fail with AuthenticationRequiredError
        HoldForSignIn, //!< on expiry, waiting replies are parked until sign-in, cancel or timeout
    };
    Q_ENUM(ExpiryPolicy)

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
    void removeAuthorizedOrigin(const QUrl &origin);
    QList<QUrl> authorizedOrigins() const;
    bool isAuthorizedUrl(const QUrl &url) const;

    JwtRefresher *refresher() const;
    void setRefresher(JwtRefresher *refresher);

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

public Q_SLOTS:
    void signIn(const QString &userName, const QString &password);
    void refresh();
    void signOut();
    void cancelHeldRequests();

Q_SIGNALS:
    void stateChanged(JwtSession::State state);
    void signedInChanged(bool signedIn);
    void refreshingChanged(bool refreshing);
    void accessTokenExpiresAtChanged(const QDateTime &expiresAt);
    void userNameChanged(const QString &userName);
    void claimsChanged(const QJsonObject &claims);
    void expiryPolicyChanged(JwtSession::ExpiryPolicy policy);
    void refresherChanged(JwtRefresher *refresher);

    void tokensChanged();
    void refreshStarted();
    void refreshSucceeded();
    void refreshFailed(JwtSession::FailureKind kind, const QString &message);
    void sessionExpired();
    void signInSucceeded();
    void signInFailed(const QString &message);
    void signedOut();

    //! Emitted when a refresh is needed and no refresher is set; complete \a job.
    void refreshRequested(JwtRefreshJob *job);

private:
    friend class JwtSessionPrivate;
    std::unique_ptr<JwtSessionPrivate> const d_ptr;
    Q_DECLARE_PRIVATE(JwtSession)
    Q_DISABLE_COPY_MOVE(JwtSession)
};

#endif // JWTSESSION_H
