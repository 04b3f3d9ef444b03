// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTACCESSMANAGER_H
#define JWTACCESSMANAGER_H

#include <JwtSession/jwtsession_export.h>

#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkrequest.h>

#include <memory>

class JwtSession;
Q_MOC_INCLUDE("JwtSession/jwtsession.h")

class JWTSESSION_EXPORT JwtAccessManager : public QNetworkAccessManager
{
    Q_OBJECT
    Q_PROPERTY(JwtSession *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(int maxActiveRequestsPerOrigin READ maxActiveRequestsPerOrigin WRITE
                       setMaxActiveRequestsPerOrigin NOTIFY maxActiveRequestsPerOriginChanged)
public:
    //! Set to \c true on a request to send it untouched: no token, no refresh, no replay.
    static constexpr QNetworkRequest::Attribute SkipAuthorizationAttribute =
            QNetworkRequest::Attribute(QNetworkRequest::User + 0x4a57);

    explicit JwtAccessManager(QObject *parent = nullptr);
    explicit JwtAccessManager(JwtSession *session, QObject *parent = nullptr);
    ~JwtAccessManager() override;

    JwtSession *session() const;
    void setSession(JwtSession *session);

    int maxActiveRequestsPerOrigin() const;
    void setMaxActiveRequestsPerOrigin(int limit);

Q_SIGNALS:
    void sessionChanged(JwtSession *session);
    void maxActiveRequestsPerOriginChanged(int limit);

    //! Before every attempt of \a reply (first, replay, redirect hop); amend \a request.
    void aboutToSend(QNetworkReply *reply, QNetworkRequest *request);
    //! An attempt of \a reply was answered with an authorization failure.
    void authorizationFailed(QNetworkReply *reply, int httpStatus);
    //! \a reply waits for a refresh (or a sign-in) before its next attempt.
    void replyQueued(QNetworkReply *reply);
    //! \a reply is sent again with a newer token.
    void replyReplayed(QNetworkReply *reply);

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData = nullptr) override;
    bool event(QEvent *event) override;

private:
    friend class JwtProxyReply;
    QNetworkReply *createAttempt(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData);

    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtAccessManager)
};

#endif // JWTACCESSMANAGER_H
