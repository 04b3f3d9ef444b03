// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtfiletokenstore.h"

#include <QtCore/qfile.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qsavefile.h>

JwtFileTokenStore::JwtFileTokenStore(const QString &filePath, QObject *parent)
    : JwtTokenStore(parent), m_filePath(QFileInfo(filePath).absoluteFilePath())
{ }

JwtFileTokenStore::~JwtFileTokenStore() = default;

QString JwtFileTokenStore::identity() const
{
    return QStringLiteral("test-file\n") + m_filePath;
}

QByteArray JwtFileTokenStore::read() const
{
    QFile file(m_filePath);
    if (!file.open(QIODevice::ReadOnly))
        return {}; // no file: nothing stored
    return file.readAll();
}

bool JwtFileTokenStore::write(const QByteArray &credential) const
{
    if (credential.isEmpty())
        return !QFile::exists(m_filePath) || QFile::remove(m_filePath);
    QSaveFile file(m_filePath);
    return file.open(QIODevice::WriteOnly) && file.write(credential) == credential.size()
            && file.commit();
}

void JwtFileTokenStore::loadCredential()
{
    QFile file(m_filePath);
    if (file.exists() && !file.open(QIODevice::ReadOnly)) {
        completeWithError(Error::Failed, file.errorString());
        return;
    }
    completeLoad(file.isOpen() ? file.readAll() : QByteArray());
}

void JwtFileTokenStore::saveCredential(const QByteArray &credential)
{
    if (write(credential))
        completeSave();
    else
        completeWithError(Error::Failed, QStringLiteral("cannot write %1").arg(m_filePath));
}

void JwtFileTokenStore::removeCredential()
{
    if (write({}))
        completeRemove();
    else
        completeWithError(Error::Failed, QStringLiteral("cannot remove %1").arg(m_filePath));
}
