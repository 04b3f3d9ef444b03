// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTQMLNETWORKACCESSMANAGERFACTORY_H
#define JWTQMLNETWORKACCESSMANAGERFACTORY_H

#include <JwtSession/jwtsessionqml_export.h>

#include <QtQml/qqmlnetworkaccessmanagerfactory.h>

#include <memory>

class JwtSession;

class JWTSESSIONQML_EXPORT JwtQmlNetworkAccessManagerFactory
    : public QQmlNetworkAccessManagerFactory
{
public:
    explicit JwtQmlNetworkAccessManagerFactory(JwtSession *session = nullptr);
    ~JwtQmlNetworkAccessManagerFactory() override;

    JwtSession *session() const;
    void setSession(JwtSession *session);

    QNetworkAccessManager *create(QObject *parent) override;

private:
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtQmlNetworkAccessManagerFactory)
};

#endif // JWTQMLNETWORKACCESSMANAGERFACTORY_H
