// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTFILETOKENSTORE_H
#define JWTFILETOKENSTORE_H

#include <JwtSession/jwttokenstore.h>

#include <QtCore/qstring.h>

// FOR TESTS ONLY: a token store in a plain file, so that several test processes can share one
// remembered credential without a keychain daemon. It keeps the secret in clear text, which the
// library never does (see JwtTokenStore): never ship or copy it. Writes are atomic (QSaveFile);
// results are reported at once, like JwtMemoryTokenStore.
class JwtFileTokenStore : public JwtTokenStore
{
    Q_OBJECT
public:
    explicit JwtFileTokenStore(const QString &filePath, QObject *parent = nullptr);
    ~JwtFileTokenStore() override;

    QString filePath() const { return m_filePath; }
    QString identity() const override;

    // Direct access for the tests' own checks and set-up, bypassing the queue.
    QByteArray read() const;
    bool write(const QByteArray &credential) const;

protected:
    void loadCredential() override;
    void saveCredential(const QByteArray &credential) override;
    void removeCredential() override;

private:
    const QString m_filePath;
    Q_DISABLE_COPY_MOVE(JwtFileTokenStore)
};

#endif // JWTFILETOKENSTORE_H
