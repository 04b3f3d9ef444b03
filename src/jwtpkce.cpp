// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtpkce_p.h"

#include <QtCore/qcryptographichash.h>
#include <QtCore/qlist.h>
#include <QtCore/qrandom.h>

namespace {

constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray randomBase64Url(qsizetype bytes)
{
    // QRandomGenerator::system() is the operating system's CSPRNG, as RFC 7636 §7.1 requires.
    QList<quint32> words((bytes + 3) / 4);
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray random(reinterpret_cast<const char *>(words.constData()), bytes);
    return random.toBase64(Base64Url);
}

} // namespace

QByteArray JwtPkce::newVerifier()
{
    return randomBase64Url(32);
}

QByteArray JwtPkce::challengeS256(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64(Base64Url);
}

QByteArray JwtPkce::newState()
{
    return randomBase64Url(24);
}

bool JwtPkce::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}
