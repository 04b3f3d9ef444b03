// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTREFRESHJOB_H
#define JWTREFRESHJOB_H

#include <JwtSession/jwtsession_export.h>

#include <QtCore/qdatetime.h>
#include <QtCore/qobject.h>

#include <chrono>
#include <memory>

class JWTSESSION_EXPORT JwtRefreshJob : public QObject
{
    Q_OBJECT
    Q_PROPERTY(Kind kind READ kind CONSTANT)
    Q_PROPERTY(bool finished READ isFinished NOTIFY finished)
public:
    //! What the job asks the refresher for.
    enum class Kind {
        Refresh, //!< renew the access token with the refresh credential
        SignIn, //!< exchange user credentials for tokens
    };
    Q_ENUM(Kind)

    //! How a job ended. Mirrors JwtSession::FailureKind.
    enum class Result {
        Pending, //!< neither succeed() nor fail() was called yet
        Succeeded, //!< succeed() was called: the job carries new tokens
        Rejected, //!< the credential is no longer valid: the session ends
        Transient, //!< the server could not be reached or failed: retry later
        Malformed, //!< the server answered, but not with a usable token
        Canceled, //!< the session no longer needs the answer
    };
    Q_ENUM(Result)

    explicit JwtRefreshJob(Kind kind, QObject *parent = nullptr);
    ~JwtRefreshJob() override;

    Kind kind() const;

    // Input, set by the session before the refresher sees the job.
    QByteArray refreshToken() const;
    void setRefreshToken(const QByteArray &token);
    QString userName() const;
    QString password() const;
    void setCredentials(const QString &userName, const QString &password);
    bool rememberMe() const;
    void setRememberMe(bool remember);

    // Output, set by the refresher.
    void succeed(const QByteArray &accessToken, qint64 expiresInSeconds = -1,
                 const QByteArray &rotatedRefreshToken = {});
    void fail(Result kind, const QString &message,
              std::chrono::seconds retryAfter = std::chrono::seconds(0));
    void setServerDate(const QDateTime &serverDate);
    void setUserName(const QString &userName);

    Result result() const;
    bool isFinished() const;
    QByteArray accessToken() const;
    qint64 expiresInSeconds() const;
    QByteArray rotatedRefreshToken() const;
    QString errorString() const;
    std::chrono::seconds retryAfter() const;
    QDateTime serverDate() const;

    //! Called by the session when it no longer needs the answer.
    void cancel();
    bool isCanceled() const;

Q_SIGNALS:
    //! Emitted once, when succeed() or fail() is first called.
    void finished();
    //! Emitted once when cancel() is called; refreshers abort their network call.
    void canceled();

private:
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtRefreshJob)
};

#endif // JWTREFRESHJOB_H
