// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTOAUTH2REFRESHER_H
#define JWTOAUTH2REFRESHER_H

#include <JwtSession/jwtrefresher.h>

#include <QtCore/qstringlist.h>

#include <memory>

class QNetworkAccessManager;

class JWTSESSION_EXPORT JwtOAuth2Refresher : public JwtRefresher
{
    Q_OBJECT
    Q_PROPERTY(QUrl tokenEndpoint READ tokenEndpoint WRITE setTokenEndpoint NOTIFY
                       tokenEndpointChanged)
    Q_PROPERTY(QUrl revocationEndpoint READ revocationEndpoint WRITE setRevocationEndpoint NOTIFY
                       revocationEndpointChanged)
    Q_PROPERTY(QString clientId READ clientId WRITE setClientId NOTIFY clientIdChanged)
    Q_PROPERTY(QString scope READ scope WRITE setScope NOTIFY scopeChanged)
    Q_PROPERTY(QStringList rejectingErrors READ rejectingErrors WRITE setRejectingErrors NOTIFY
                       rejectingErrorsChanged)
    Q_PROPERTY(bool allowInsecureHttp READ allowInsecureHttp WRITE setAllowInsecureHttp NOTIFY
                       allowInsecureHttpChanged)
public:
    explicit JwtOAuth2Refresher(QObject *parent = nullptr);
    ~JwtOAuth2Refresher() override;

    QUrl tokenEndpoint() const;
    void setTokenEndpoint(const QUrl &url);
    QUrl revocationEndpoint() const;
    void setRevocationEndpoint(const QUrl &url);
    QString clientId() const;
    void setClientId(const QString &clientId);
    //! Sent with HTTP Basic authentication (RFC 6749 §2.3.1) when not empty. Never readable.
    void setClientSecret(const QString &secret);
    QString scope() const;
    void setScope(const QString &scope);
    //! RFC 6749 §5.2 error codes that end the session; default invalid_grant, invalid_client,
    //! unauthorized_client.
    QStringList rejectingErrors() const;
    void setRejectingErrors(const QStringList &errors);
    //! Whether credentials may go over plain http to a non-loopback host. Default false.
    bool allowInsecureHttp() const;
    void setAllowInsecureHttp(bool allow);

    QNetworkAccessManager *networkAccessManager() const;
    void setNetworkAccessManager(QNetworkAccessManager *manager);

    QUrl refreshUrl() const override;
    void refresh(JwtRefreshJob *job) override;
    //! Resource owner password credentials grant (RFC 6749 §4.3).
    void signIn(JwtRefreshJob *job) override;
    //! Best-effort RFC 7009 revocation of \a refreshToken when a revocation endpoint is set.
    void signOut(const QByteArray &refreshToken) override;

Q_SIGNALS:
    void tokenEndpointChanged(const QUrl &url);
    void revocationEndpointChanged(const QUrl &url);
    void clientIdChanged(const QString &clientId);
    void scopeChanged(const QString &scope);
    void rejectingErrorsChanged(const QStringList &errors);
    void allowInsecureHttpChanged(bool allow);

private:
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtOAuth2Refresher)
};

#endif // JWTOAUTH2REFRESHER_H
