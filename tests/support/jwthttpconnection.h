// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTHTTPCONNECTION_H
#define JWTHTTPCONNECTION_H

#include "jwtdemoapi.h"

#include <QtCore/qobject.h>

#include <chrono>
#include <functional>
#include <memory>

class QTcpSocket;

// One server-side HTTP/1.1 connection: parses requests one after the other (pipelined requests
// wait in the input buffer until the previous answer is fully queued), and writes answers with
// Content-Length, streaming bodies under socket back-pressure. What to answer is decided by
// whoever handles requestReady(); each request gets exactly one respond*() call, or none (stall).
class JwtHttpConnection : public QObject
{
    Q_OBJECT
public:
    //! Produces \a length bytes of the body starting at \a offset.
    using BodyGenerator = std::function<QByteArray(qint64 offset, qint64 length)>;

    //! At most this many bytes are kept queued in the socket while a body is streamed.
    static constexpr qint64 HighWaterMark = 1024 * 1024;
    static constexpr qint64 DefaultChunkSize = 64 * 1024;

    //! Takes ownership of \a socket.
    explicit JwtHttpConnection(QTcpSocket *socket, QObject *parent = nullptr);
    ~JwtHttpConnection() override;

    quint16 localPort() const;

    //! Answers the current request; HEAD requests get the headers only.
    void respond(const JwtDemoResponse &response);
    void respondStreamed(int status, const QList<QPair<QByteArray, QByteArray>> &headers,
                         qint64 length, const BodyGenerator &generator,
                         qint64 chunkSize = DefaultChunkSize,
                         std::chrono::milliseconds chunkDelay = {});
    //! Writes \a bytes exactly as given, then closes the connection.
    void respondRaw(const QByteArray &bytes);

    static QByteArray reasonPhrase(int status);

Q_SIGNALS:
    //! A complete request (headers and body) arrived. HEAD is reported as HEAD.
    void requestReady(const JwtDemoRequest &request);
    //! After every write of a response: how many bytes the socket holds unsent.
    void bytesQueued(qint64 queued);
    //! The peer or the server closed the connection; the object may be deleted.
    void closed();

private:
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtHttpConnection)
};

#endif // JWTHTTPCONNECTION_H
