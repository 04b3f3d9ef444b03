// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTRAWSERVER_H
#define JWTRAWSERVER_H

#include <QtCore/qbytearray.h>
#include <QtCore/qlist.h>
#include <QtCore/qobject.h>
#include <QtCore/qurl.h>
#include <QtNetwork/qhostaddress.h>
#if QT_CONFIG(ssl)
#include <QtNetwork/qsslconfiguration.h>
#endif

#include <functional>
#include <memory>

class QTcpServer;
class QTcpSocket;

// A tiny HTTP/1.1 server that records every request byte for byte, as it arrived on the socket,
// so that tests can prove what did (not) go over the wire: injected headers, tokens over TLS,
// requests sent to it as an HTTP proxy. Optionally speaks TLS (QSslServer).
class JwtRawServer : public QObject
{
    Q_OBJECT
public:
    //! Answers one complete raw request (head and body) with raw response bytes.
    using Responder = std::function<QByteArray(const QByteArray &request)>;

    explicit JwtRawServer(QObject *parent = nullptr);
    ~JwtRawServer() override;

    bool listen(const QHostAddress &address = QHostAddress::LocalHost);
#if QT_CONFIG(ssl)
    bool listenTls(const QSslConfiguration &configuration,
                   const QHostAddress &address = QHostAddress::LocalHost);
#endif
    quint16 port() const;
    QUrl url(const QString &path = {}) const;

    void setResponder(const Responder &responder);
    QList<QByteArray> requests() const;
    int connectionsAccepted() const;

    //! A response with Content-Length; "Connection: close" closes the socket after it.
    static QByteArray response(int status, const QByteArray &body = QByteArray("ok"),
                               const QList<QByteArray> &headers = {});
    //! The value of header \a name in raw \a request (case-insensitive name), empty if none.
    static QByteArray header(const QByteArray &request, const QByteArray &name);

private:
    void acceptAll();
    void onReadyRead(QTcpSocket *socket);

    struct Private;
    std::unique_ptr<Private> const d;
};

#endif // JWTRAWSERVER_H
