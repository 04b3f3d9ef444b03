// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTBODYSOURCE_P_H
#define JWTBODYSOURCE_P_H

#include <QtCore/qbytearray.h>
#include <QtCore/qiodevice.h>
#include <QtCore/qpointer.h>

class JwtTeeDevice;

// The body of one request, able to hand the same bytes to every attempt (first send, replay
// after a refresh, 307/308 redirect). Random-access devices (QBuffer, QFile, multipart) are
// rewound, never copied; sequential devices are teed into a bounded buffer while the first
// attempt reads them.
class JwtBodySource
{
public:
    JwtBodySource(QIODevice *device, qint64 maxTeeBytes, QObject *teeParent);
    ~JwtBodySource();

    bool hasBody() const { return m_device != nullptr; }
    //! The device for the next attempt, positioned at the start of the body; null when the
    //! body cannot be sent again (see errorString()).
    QIODevice *deviceForAttempt();
    QString errorString() const { return m_error; }

private:
    QPointer<QIODevice> m_device;
    JwtTeeDevice *m_tee = nullptr;
    qint64 m_startPos = 0;
    int m_attempts = 0;
    QString m_error;
    Q_DISABLE_COPY_MOVE(JwtBodySource)
};

#endif // JWTBODYSOURCE_P_H
