// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTKEYCHAINSTORE_H
#define JWTKEYCHAINSTORE_H

#include <JwtSession/jwttokenstore.h>

#include <memory>

class JWTSESSION_EXPORT JwtKeychainStore : public JwtTokenStore
{
    Q_OBJECT
    Q_PROPERTY(QString serviceName READ serviceName WRITE setServiceName NOTIFY serviceNameChanged)
    Q_PROPERTY(QString key READ key WRITE setKey NOTIFY keyChanged)
public:
    explicit JwtKeychainStore(QObject *parent = nullptr);
    ~JwtKeychainStore() override;

    QString serviceName() const;
    void setServiceName(const QString &serviceName);
    QString key() const;
    void setKey(const QString &key);

    QString identity() const override;

Q_SIGNALS:
    void serviceNameChanged(const QString &serviceName);
    void keyChanged(const QString &key);

protected:
    void loadCredential() override;
    void saveCredential(const QByteArray &credential) override;
    void removeCredential() override;

private:
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtKeychainStore)
};

#endif // JWTKEYCHAINSTORE_H
