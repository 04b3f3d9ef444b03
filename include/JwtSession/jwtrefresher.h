// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTREFRESHER_H
#define JWTREFRESHER_H

#include <JwtSession/jwtsession_export.h>

#include <QtCore/qobject.h>
#include <QtCore/qurl.h>

#include <memory>

class JwtRefreshJob;

class JWTSESSION_EXPORT JwtRefresher : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QUrl baseUrl READ baseUrl WRITE setBaseUrl NOTIFY baseUrlChanged)
public:
    explicit JwtRefresher(QObject *parent = nullptr);
    ~JwtRefresher() override;

    //! Renew the access token. Call job->succeed() or job->fail() exactly once, now or later.
    virtual void refresh(JwtRefreshJob *job) = 0;
    //! Exchange the job's user name and password for tokens. The default fails the job.
    virtual void signIn(JwtRefreshJob *job);
    //! Forget the refresh credential the refresher holds (cookies, revocation). Best effort.
    virtual void signOut(const QByteArray &refreshToken);

    //! The URL refresh calls go to; credentials are sent only there.
    virtual QUrl refreshUrl() const = 0;

    //! The session took \a credential from another process (empty: it signed out there).
    virtual void adoptRefreshCredential(const QByteArray &credential);
    //! Whether \a credential can be sent safely as this refresher's refresh credential.
    virtual bool acceptsRefreshCredential(const QByteArray &credential) const;

    //! What relative endpoint URLs are resolved against.
    QUrl baseUrl() const;
    void setBaseUrl(const QUrl &url);

Q_SIGNALS:
    void baseUrlChanged(const QUrl &url);

private:
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtRefresher)
};

#endif // JWTREFRESHER_H
