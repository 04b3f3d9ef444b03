// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTOAUTH2REFRESHER_H
#define JWTOAUTH2REFRESHER_H

#include <JwtSession/jwtrefresher.h>

#include <QtCore/qstringlist.h>

#include <memory>

class QNetworkAccessManager;
class JwtBrowserSignIn;

class JWTSESSION_EXPORT JwtOAuth2Refresher : public JwtRefresher
{
    Q_OBJECT
    Q_PROPERTY(QUrl tokenEndpoint READ tokenEndpoint WRITE setTokenEndpoint NOTIFY
                       tokenEndpointChanged)
    Q_PROPERTY(QUrl revocationEndpoint READ revocationEndpoint WRITE setRevocationEndpoint NOTIFY
                       revocationEndpointChanged)
    Q_PROPERTY(QUrl authorizationEndpoint READ authorizationEndpoint WRITE setAuthorizationEndpoint
                       NOTIFY authorizationEndpointChanged)
    Q_PROPERTY(QUrl issuer READ issuer NOTIFY issuerChanged)
    Q_PROPERTY(QString clientId READ clientId WRITE setClientId NOTIFY clientIdChanged)
    Q_PROPERTY(QString scope READ scope WRITE setScope NOTIFY scopeChanged)
    Q_PROPERTY(QString audience READ audience WRITE setAudience NOTIFY audienceChanged)
    Q_PROPERTY(QUrl resource READ resource WRITE setResource NOTIFY resourceChanged)
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
    //! The RFC 6749 §3.1 authorization endpoint a browser sign-in opens (JwtBrowserSignIn).
    QUrl authorizationEndpoint() const;
    void setAuthorizationEndpoint(const QUrl &url);
    //! The OpenID Connect issuer the endpoints were discovered from; empty before discover().
    QUrl issuer() const;
    //! Reads the endpoints from \a issuer's /.well-known/openid-configuration.
    void discover(const QUrl &issuer);
    QString clientId() const;
    void setClientId(const QString &clientId);
    //! Sent with HTTP Basic authentication (RFC 6749 §2.3.1) when not empty. Never readable.
    void setClientSecret(const QString &secret);
    QString scope() const;
    void setScope(const QString &scope);
    //! Sent as \c audience with the authorization request (Auth0 and others); empty: not sent.
    QString audience() const;
    void setAudience(const QString &audience);
    //! RFC 8707 resource indicator, sent with the authorization and code requests; empty: none.
    QUrl resource() const;
    void setResource(const QUrl &resource);
    //! RFC 6749 §5.2 error codes that end the session; default invalid_grant, invalid_client,
    //! unauthorized_client.
    QStringList rejectingErrors() const;
    void setRejectingErrors(const QStringList &errors);
    //! Whether credentials may go over plain http to a non-loopback host. Default false.
    bool allowInsecureHttp() const;
    void setAllowInsecureHttp(bool allow);

    QNetworkAccessManager *networkAccessManager() const;
    //! The browser sign-in attached to this refresher, or nullptr.
    JwtBrowserSignIn *browserSignIn() const;
    void setNetworkAccessManager(QNetworkAccessManager *manager);

    QUrl refreshUrl() const override;
    void refresh(JwtRefreshJob *job) override;
    //! Browser sign-in when a JwtBrowserSignIn is attached and the job has no credentials;
    //! otherwise the (legacy) resource owner password credentials grant (RFC 6749 §4.3).
    void signIn(JwtRefreshJob *job) override;
    //! Best-effort RFC 7009 revocation of \a refreshToken when a revocation endpoint is set.
    void signOut(const QByteArray &refreshToken) override;

Q_SIGNALS:
    void tokenEndpointChanged(const QUrl &url);
    void revocationEndpointChanged(const QUrl &url);
    void authorizationEndpointChanged(const QUrl &url);
    void issuerChanged(const QUrl &issuer);
    void discovered();
    void discoveryFailed(const QString &message);
    void clientIdChanged(const QString &clientId);
    void scopeChanged(const QString &scope);
    void audienceChanged(const QString &audience);
    void resourceChanged(const QUrl &resource);
    void rejectingErrorsChanged(const QStringList &errors);
    void allowInsecureHttpChanged(bool allow);

private:
    friend class JwtBrowserSignIn;
    void setBrowserSignIn(JwtBrowserSignIn *browser);
    void exchangeAuthorizationCode(JwtRefreshJob *job, const QString &code,
                                   const QByteArray &codeVerifier, const QString &redirectUri);

    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtOAuth2Refresher)
};

#endif // JWTOAUTH2REFRESHER_H
