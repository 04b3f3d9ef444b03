// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTMEMORYTOKENSTORE_H
#define JWTMEMORYTOKENSTORE_H

#include <JwtSession/jwttokenstore.h>

#include <memory>

class JWTSESSION_EXPORT JwtMemoryTokenStore : public JwtTokenStore
{
    Q_OBJECT
public:
    explicit JwtMemoryTokenStore(QObject *parent = nullptr);
    ~JwtMemoryTokenStore() override;

protected:
    void loadCredential() override;
    void saveCredential(const QByteArray &credential) override;
    void removeCredential() override;

private:
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtMemoryTokenStore)
};

#endif // JWTMEMORYTOKENSTORE_H
