// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtteedevice_p.h"

JwtTeeDevice::JwtTeeDevice(QIODevice *source, qint64 maxBytes, QObject *parent)
    : QIODevice(parent), m_source(source), m_maxBytes(maxBytes)
{
    // Unbuffered: rewind() must not leave stale bytes in QIODevice's own buffer.
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    connect(source, &QIODevice::readyRead, this, &QIODevice::readyRead);
    connect(source, &QIODevice::readChannelFinished, this, &JwtTeeDevice::onSourceFinished);
}

qint64 JwtTeeDevice::bytesAvailable() const
{
    const qint64 kept = qMax<qint64>(0, m_kept.size() - m_pos);
    return kept + (m_source ? m_source->bytesAvailable() : 0) + QIODevice::bytesAvailable();
}

bool JwtTeeDevice::rewind()
{
    if (m_overflowed)
        return false;
    m_pos = 0;
    return true;
}

qint64 JwtTeeDevice::readData(char *data, qint64 maxSize)
{
    if (m_pos < m_kept.size()) {
        const qint64 n = qMin<qint64>(maxSize, m_kept.size() - m_pos);
        memcpy(data, m_kept.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    if (!m_source || m_sourceFinished)
        return -1;
    const qint64 n = m_source->read(data, maxSize);
    if (n < 0) {
        m_sourceFinished = true;
        return -1;
    }
    if (!m_overflowed) {
        if (m_kept.size() + n <= m_maxBytes) {
            m_kept.append(data, n);
        } else {
            m_overflowed = true;
            m_kept = QByteArray(); // free it: the body cannot be replayed anyway
        }
    }
    m_pos += n;
    return n;
}

void JwtTeeDevice::onSourceFinished()
{
    m_sourceFinished = true;
    Q_EMIT readChannelFinished();
}
