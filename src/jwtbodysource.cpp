// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtbodysource_p.h"

#include "jwtteedevice_p.h"

#include <QtCore/qcoreapplication.h>

JwtBodySource::JwtBodySource(QIODevice *device, qint64 maxTeeBytes, QObject *teeParent)
    : m_device(device)
{
    if (!device)
        return;
    if (device->isSequential())
        m_tee = new JwtTeeDevice(device, maxTeeBytes, teeParent);
    else
        m_startPos = device->pos();
}

JwtBodySource::~JwtBodySource() = default; // the tee is owned by its QObject parent

QIODevice *JwtBodySource::deviceForAttempt()
{
    if (m_attempts++ == 0)
        return m_tee ? static_cast<QIODevice *>(m_tee) : m_device.data();

    if (!m_device) {
        m_error = QCoreApplication::translate(
                "JwtAccessManager",
                "The request could not be sent again: its body device was deleted.");
        return nullptr;
    }
    if (m_tee) {
        if (m_tee->rewind())
            return m_tee;
        // The count goes through a local: lupdate 6.4 loops forever on a %n argument that
        // contains a call with a comma.
        const int limit = int(qMin<qint64>(m_tee->maxBytes(), INT_MAX));
        m_error = QCoreApplication::translate(
                "JwtAccessManager",
                "The request could not be sent again: its body came from a sequential "
                "device larger than the replay buffer (%n bytes).",
                nullptr, limit);
        return nullptr;
    }
    // Qt resets devices that started at 0 the same way; multipart devices need reset().
    const bool rewound = m_startPos == 0 ? m_device->reset() : m_device->seek(m_startPos);
    if (rewound)
        return m_device;
    m_error = QCoreApplication::translate(
            "JwtAccessManager",
            "The request could not be sent again: its body device could not "
            "be rewound.");
    return nullptr;
}
