// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTTEEDEVICE_P_H
#define JWTTEEDEVICE_P_H

#include <QtCore/qbytearray.h>
#include <QtCore/qiodevice.h>
#include <QtCore/qpointer.h>

// A sequential device that reads through to a sequential source and keeps what it read, up to a
// bound, so the same bytes can be read again after rewind(). Past the bound it stops keeping
// (memory stays bounded) and rewind() fails: the request is then not replayable.
class JwtTeeDevice : public QIODevice
{
    Q_OBJECT
public:
    JwtTeeDevice(QIODevice *source, qint64 maxBytes, QObject *parent = nullptr);

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;
    bool rewind();
    bool overflowed() const { return m_overflowed; }
    qint64 maxBytes() const { return m_maxBytes; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    void onSourceFinished();

    QPointer<QIODevice> m_source;
    QByteArray m_kept;
    qint64 m_maxBytes = 0;
    qint64 m_pos = 0; // position in the body; bytes before m_kept.size() come from m_kept
    bool m_overflowed = false;
    bool m_sourceFinished = false;
};

#endif // JWTTEEDEVICE_P_H
