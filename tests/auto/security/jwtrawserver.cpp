// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtrawserver.h"

#include <QtCore/qhash.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>
#if QT_CONFIG(ssl)
#include <QtNetwork/qsslserver.h>
#endif

struct JwtRawServer::Private
{
    std::unique_ptr<QTcpServer> server;
    QString scheme = QStringLiteral("http");
    Responder responder;
    QList<QByteArray> requests;
    QHash<QTcpSocket *, QByteArray> buffers;
    int connections = 0;
};

JwtRawServer::JwtRawServer(QObject *parent) : QObject(parent), d(std::make_unique<Private>()) { }

JwtRawServer::~JwtRawServer()
{
    // Sockets are children of the server; they go with it, before d.
    d->server.reset();
}

bool JwtRawServer::listen(const QHostAddress &address)
{
    d->server = std::make_unique<QTcpServer>();
    connect(d->server.get(), &QTcpServer::newConnection, this, &JwtRawServer::acceptAll);
    return d->server->listen(address);
}

#if QT_CONFIG(ssl)
bool JwtRawServer::listenTls(const QSslConfiguration &configuration, const QHostAddress &address)
{
    auto server = std::make_unique<QSslServer>();
    server->setSslConfiguration(configuration);
    // QSslServer hands out a connection once its handshake is done; a client that refuses the
    // certificate never gets that far, and never sends a byte of HTTP.
    connect(server.get(), &QTcpServer::pendingConnectionAvailable, this, &JwtRawServer::acceptAll);
    d->server = std::move(server);
    d->scheme = QStringLiteral("https");
    return d->server->listen(address);
}
#endif

quint16 JwtRawServer::port() const
{
    return d->server ? d->server->serverPort() : 0;
}

QUrl JwtRawServer::url(const QString &path) const
{
    QUrl url;
    url.setScheme(d->scheme);
    const QHostAddress address = d->server ? d->server->serverAddress() : QHostAddress();
    url.setHost(address.isNull() ? QStringLiteral("127.0.0.1") : address.toString());
    url.setPort(port());
    const qsizetype question = path.indexOf(QLatin1Char('?'));
    url.setPath(question < 0 ? path : path.left(question));
    if (question >= 0)
        url.setQuery(path.mid(question + 1));
    return url;
}

void JwtRawServer::setResponder(const Responder &responder)
{
    d->responder = responder;
}

QList<QByteArray> JwtRawServer::requests() const
{
    return d->requests;
}

int JwtRawServer::connectionsAccepted() const
{
    return d->connections;
}

QByteArray JwtRawServer::response(int status, const QByteArray &body,
                                  const QList<QByteArray> &headers)
{
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(status) + " Status\r\n";
    for (const QByteArray &header : headers)
        bytes += header + "\r\n";
    bytes += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    return bytes;
}

QByteArray JwtRawServer::header(const QByteArray &request, const QByteArray &name)
{
    const qsizetype end = request.indexOf("\r\n\r\n");
    const QList<QByteArray> lines = request.left(end < 0 ? request.size() : end).split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return QByteArray();
}

void JwtRawServer::acceptAll()
{
    while (QTcpSocket *socket = d->server->nextPendingConnection()) {
        ++d->connections;
        connect(socket, &QIODevice::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QAbstractSocket::disconnected, this, [this, socket] {
            d->buffers.remove(socket);
            socket->deleteLater();
        });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void JwtRawServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = d->buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const qsizetype length = header(buffer.left(headEnd + 4), "Content-Length").toLongLong();
        const qsizetype total = headEnd + 4 + length;
        if (buffer.size() < total)
            return;
        const QByteArray request = buffer.left(total);
        buffer.remove(0, total);
        d->requests.append(request);
        const QByteArray answer = d->responder ? d->responder(request) : response(200);
        socket->write(answer);
        if (header(answer, "Connection").compare("close", Qt::CaseInsensitive) == 0) {
            socket->disconnectFromHost();
            return;
        }
    }
}
