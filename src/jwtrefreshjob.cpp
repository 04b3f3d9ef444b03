// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwtrefreshjob.h>

#include "jwtbearer_p.h"
#include "jwtlogging_p.h"

/*!
    \class JwtRefreshJob
    \brief One refresh or sign-in call, handed by JwtSession to a JwtRefresher (or to the
    application through JwtSession::refreshRequested()).

    The session sets the input (refresh credential, or user name and password) and owns the job.
    The refresher completes it exactly once with succeed() or fail(); later calls are ignored with
    a warning. finished() is emitted once, from inside that call; the session handles the result
    through a queued connection, so a refresher may complete a job synchronously.

    A job lives in the session's thread; complete it there. Never keep a pointer to it past
    finished() or canceled(): the session deletes it afterwards.
*/

/*! \property JwtRefreshJob::kind
    \brief whether the job renews the access token or signs in; set at construction */
/*! \property JwtRefreshJob::finished
    \brief true once succeed() or fail() was called; finished() when it turns true */

struct JwtRefreshJob::Private
{
    Kind kind = Kind::Refresh;
    Result result = Result::Pending;
    bool canceled = false;
    QByteArray refreshToken;
    QString userName;
    QString password;
    bool rememberMe = false;
    QByteArray accessToken;
    qint64 expiresIn = -1;
    QByteArray rotatedRefreshToken;
    QString errorString;
    std::chrono::seconds retryAfter {0};
    QDateTime serverDate;
};

/*! Creates a job of \a kind. */
JwtRefreshJob::JwtRefreshJob(Kind kind, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->kind = kind;
}

/*! Destroys the job. The password it may hold is overwritten first. */
JwtRefreshJob::~JwtRefreshJob()
{
    d->password.fill(QLatin1Char('\0'));
}

/*! Whether the job refreshes or signs in. */
JwtRefreshJob::Kind JwtRefreshJob::kind() const
{
    return d->kind;
}

/*! The refresh credential to present (empty when the session has none). */
QByteArray JwtRefreshJob::refreshToken() const
{
    return d->refreshToken;
}

/*! Sets the refresh credential to present; used by the session. */
void JwtRefreshJob::setRefreshToken(const QByteArray &token)
{
    d->refreshToken = token;
}

/*! The user name of a sign-in job, or the signed-in user a refresher reported. */
QString JwtRefreshJob::userName() const
{
    return d->userName;
}

/*! The password of a sign-in job. */
QString JwtRefreshJob::password() const
{
    return d->password;
}

/*! Sets the user credentials of a sign-in job; used by the session. */
void JwtRefreshJob::setCredentials(const QString &userName, const QString &password)
{
    d->userName = userName;
    d->password = password;
}

/*! Whether the user asked to stay signed in across runs (the token store persists then). */
bool JwtRefreshJob::rememberMe() const
{
    return d->rememberMe;
}

/*! Sets whether the credential should be persisted after this sign-in. */
void JwtRefreshJob::setRememberMe(bool remember)
{
    d->rememberMe = remember;
}

/*!
    Completes the job with a new \a accessToken valid for \a expiresInSeconds (-1: unknown) and,
    when the server rotated it, the new refresh credential \a rotatedRefreshToken (empty: keep the
    old one). The session validates the token before using it. A rotated refresh credential with
    control characters could inject header lines wherever it is sent: the job fails as
    Malformed instead, and nothing of the answer is kept.
*/
void JwtRefreshJob::succeed(const QByteArray &accessToken, qint64 expiresInSeconds,
                            const QByteArray &rotatedRefreshToken)
{
    if (d->result != Result::Pending) {
        qCWarning(lcJwtRefresh, "JwtRefreshJob::succeed: the job already finished; ignored");
        return;
    }
    if (!rotatedRefreshToken.isEmpty()
        && !JwtBearer::isValidRefreshCredential(rotatedRefreshToken)) {
        qCWarning(lcJwtRefresh,
                  "JwtRefreshJob::succeed: the rotated refresh credential has control "
                  "characters; the answer is refused as Malformed");
        fail(Result::Malformed, tr("The server sent a refresh credential that cannot be used."));
        return;
    }
    d->accessToken = accessToken;
    d->expiresIn = expiresInSeconds;
    d->rotatedRefreshToken = rotatedRefreshToken;
    d->result = Result::Succeeded;
    Q_EMIT finished();
}

/*!
    Fails the job with \a kind and a user-readable \a message (which must not contain any
    credential). \a retryAfter is the server's Retry-After hint for transient failures.
*/
void JwtRefreshJob::fail(Result kind, const QString &message, std::chrono::seconds retryAfter)
{
    if (d->result != Result::Pending) {
        qCWarning(lcJwtRefresh, "JwtRefreshJob::fail: the job already finished; ignored");
        return;
    }
    if (kind == Result::Pending || kind == Result::Succeeded) {
        qCWarning(lcJwtRefresh, "JwtRefreshJob::fail: %s is not a failure; reported as Malformed",
                  kind == Result::Pending ? "Pending" : "Succeeded");
        kind = Result::Malformed;
    }
    d->result = kind;
    d->errorString = message;
    d->retryAfter = retryAfter;
    Q_EMIT finished();
}

/*! Records the server's Date header so the session can correct for clock skew. */
void JwtRefreshJob::setServerDate(const QDateTime &serverDate)
{
    d->serverDate = serverDate;
}

/*! Records the user name the server reported for a sign-in. */
void JwtRefreshJob::setUserName(const QString &userName)
{
    d->userName = userName;
}

/*! How the job ended, or Pending. */
JwtRefreshJob::Result JwtRefreshJob::result() const
{
    return d->result;
}

/*! True once succeed() or fail() was called. */
bool JwtRefreshJob::isFinished() const
{
    return d->result != Result::Pending;
}

/*! The new access token of a succeeded job. */
QByteArray JwtRefreshJob::accessToken() const
{
    return d->accessToken;
}

/*! The lifetime the server gave the new access token, in seconds, or -1. */
qint64 JwtRefreshJob::expiresInSeconds() const
{
    return d->expiresIn;
}

/*! The rotated refresh credential, or empty when the server kept the old one. */
QByteArray JwtRefreshJob::rotatedRefreshToken() const
{
    return d->rotatedRefreshToken;
}

/*! The message of a failed job. */
QString JwtRefreshJob::errorString() const
{
    return d->errorString;
}

/*! The server's Retry-After hint of a failed job; zero when none. */
std::chrono::seconds JwtRefreshJob::retryAfter() const
{
    return d->retryAfter;
}

/*! The server's Date, when the refresher recorded it. */
QDateTime JwtRefreshJob::serverDate() const
{
    return d->serverDate;
}

/*!
    Tells the refresher the answer is no longer needed (timeout, sign-out, session deleted).
    Emits canceled() once; the job then finishes as Canceled unless it already finished.
*/
void JwtRefreshJob::cancel()
{
    if (d->canceled || isFinished())
        return;
    d->canceled = true;
    Q_EMIT canceled();
    if (!isFinished())
        fail(Result::Canceled, tr("The refresh was canceled."));
}

/*! True once cancel() was called. */
bool JwtRefreshJob::isCanceled() const
{
    return d->canceled;
}
