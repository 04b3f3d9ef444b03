// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTSESSION_P_H
#define JWTSESSION_P_H

#include <JwtSession/jwtrefresher.h>
#include <JwtSession/jwtrefreshjob.h>
#include <JwtSession/jwtsession.h>

#include "jwtsessionstate_p.h"

#include <QtCore/qpointer.h>
#include <QtCore/qtimer.h>

#include <memory>

class JwtSessionPrivate
{
    Q_DECLARE_PUBLIC(JwtSession)
public:
    explicit JwtSessionPrivate(JwtSession *q);

    static JwtSessionPrivate *get(JwtSession *session) { return session->d_func(); }
    static std::shared_ptr<JwtSessionState> stateOf(JwtSession *session)
    {
        return session->d_func()->state;
    }

    void startRefresh();
    void onRefreshFinished(JwtRefreshJob *job);
    void onSignInFinished(JwtRefreshJob *job);
    void onRefreshDeadline();

    struct NewTokens
    {
        QByteArray accessToken;
        QByteArray refreshToken; // empty: keep the current one
        qint64 expiresInSeconds = -1;
        QString userName;
    };
    void applyTokens(const NewTokens &tokens);
    void expire(const QString &message);
    void failTransiently(JwtSession::FailureKind kind, const QString &message);
    void cancelRefreshJob();
    void release(JwtRelease release, const QString &message = {});
    void publishChanges();

    JwtSession *const q_ptr;
    const std::shared_ptr<JwtSessionState> state = std::make_shared<JwtSessionState>();
    QPointer<JwtRefresher> refresher;
    JwtRefreshJob *refreshJob = nullptr;
    quint64 refreshStartGeneration = 0;
    JwtRefreshJob *signInJob = nullptr;
    QTimer refreshDeadline;
    std::chrono::milliseconds refreshTimeout {30000};
    bool expiryReported = false;
    QString userName;

    // What observers were last told; publishChanges() emits the differences.
    JwtSession::State publishedState = JwtSession::State::SignedOut;
    bool publishedSignedIn = false;
    QDateTime publishedExpiresAt;
    quint64 publishedGeneration = 0;
    JwtToken decodedToken;
    QString publishedUserName;
};

#endif // JWTSESSION_P_H
