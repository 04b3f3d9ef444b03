// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtloopbacklistener_p.h"

#include "jwtlogging_p.h"

#include <QtCore/qurlquery.h>
#include <QtCore/qvariant.h>
#include <QtNetwork/qtcpsocket.h>

namespace {

// A browser's GET with its headers fits easily; anything larger is not a redirect to us.
constexpr qsizetype MaximumRequestSize = 16 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return QByteArrayLiteral("OK");
    case 303:
        return QByteArrayLiteral("See Other");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    default:
        return QByteArrayLiteral("Error");
    }
}

QByteArray statusLine(int status)
{
    return QByteArray::number(status) + ' ' + reasonPhrase(status);
}

QByteArray html(const QString &title, const QString &text)
{
    return QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                          "<title>%1</title></head>\n<body><h1>%1</h1>\n<p>%2</p></body></html>\n")
            .arg(title.toHtmlEscaped(), text.toHtmlEscaped())
            .toUtf8();
}

// The redirect's query as the flow reads it. A '+' is a space in the form encoding servers use
// for error_description (RFC 6749 appendix B).
QVariantMap callbackValues(const QUrl &url)
{
    QString query = url.query(QUrl::FullyEncoded);
    query.replace(QLatin1Char('+'), QLatin1String("%20"));
    QVariantMap values;
    const auto items = QUrlQuery(query).queryItems(QUrl::FullyDecoded);
    for (const auto &item : items)
        values.insert(item.first, item.second);
    return values;
}

} // namespace

JwtLoopbackListener::JwtLoopbackListener(const QString &path, QObject *parent)
    : QAbstractOAuthReplyHandler(parent), path(path)
{
    connect(&server, &QTcpServer::newConnection, this, &JwtLoopbackListener::accept);
}

JwtLoopbackListener::~JwtLoopbackListener()
{
    close();
}

bool JwtLoopbackListener::listen(quint16 port)
{
    // IPv4 loopback only: never an interface another machine can reach, and the address the
    // redirect URI names is the one bound (RFC 8252 §8.3).
    if (!server.listen(QHostAddress::LocalHost, port)) {
        error = server.errorString();
        return false;
    }
    boundPort = server.serverPort();
    return true;
}

bool JwtLoopbackListener::isListening() const
{
    return server.isListening();
}

quint16 JwtLoopbackListener::port() const
{
    return boundPort;
}

QString JwtLoopbackListener::errorString() const
{
    return error;
}

QString JwtLoopbackListener::callback() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QHostAddress(QHostAddress::LocalHost).toString());
    url.setPort(boundPort);
    url.setPath(path);
    return url.toString(QUrl::FullyEncoded);
}

void JwtLoopbackListener::networkReplyFinished(QNetworkReply *reply)
{
    // Not called: the authorization code is exchanged by JwtOAuth2Refresher, which classifies
    // the token endpoint's answer like every other sign-in (Qt 6.4's flow drops its errors).
    Q_UNUSED(reply);
}

bool JwtLoopbackListener::hasPendingAnswer() const
{
    return !pending.isNull();
}

void JwtLoopbackListener::answerPage(int status, const QString &title, const QString &text)
{
    if (QTcpSocket *socket = pending.data()) {
        pending.clear();
        respond(socket, statusLine(status),
                QByteArrayLiteral("Content-Type: text/html; charset=utf-8\r\n"), html(title, text));
    }
}

void JwtLoopbackListener::answerRedirect(const QUrl &location)
{
    if (QTcpSocket *socket = pending.data()) {
        pending.clear();
        respond(socket, statusLine(303),
                "Location: " + location.toEncoded(QUrl::FullyEncoded) + "\r\n", QByteArray());
    }
}

void JwtLoopbackListener::close()
{
    server.close();
    pending.clear();
    const auto sockets = findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        if (socket->bytesToWrite() > 0) {
            socket->disconnectFromHost(); // an answer is on its way: let it go out
        } else {
            socket->abort();
            socket->deleteLater();
        }
    }
}

void JwtLoopbackListener::accept()
{
    while (QTcpSocket *socket = server.nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
    }
}

void JwtLoopbackListener::read(QTcpSocket *socket)
{
    if (socket == pending || socket->state() != QAbstractSocket::ConnectedState)
        return;
    QByteArray buffered = socket->property("jwtRequest").toByteArray() + socket->readAll();
    const qsizetype headerEnd = buffered.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (buffered.size() > MaximumRequestSize) {
            respond(socket, statusLine(431), {}, {});
            return;
        }
        socket->setProperty("jwtRequest", buffered);
        return;
    }
    const QList<QByteArray> requestLine = buffered.left(buffered.indexOf("\r\n")).split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
        respond(socket, statusLine(400), {}, {});
        return;
    }
    if (requestLine.at(0) != "GET") {
        respond(socket, statusLine(405), QByteArrayLiteral("Allow: GET\r\n"), {});
        return;
    }
    const QUrl target = QUrl::fromEncoded(requestLine.at(1), QUrl::StrictMode);
    // Only the first redirect to the path counts; a favicon or a second tab gets a 404.
    if (!target.isValid() || target.path() != path || callbackTaken) {
        respond(socket, statusLine(404), {}, {});
        return;
    }
    callbackTaken = true;
    pending = socket;
    server.close(); // one redirect per sign-in: nobody else may connect from now on
    qCDebug(lcJwtRefresh, "browser sign-in: redirect received on port %u", unsigned(boundPort));
    Q_EMIT callbackReceived(callbackValues(target));
}

void JwtLoopbackListener::respond(QTcpSocket *socket, const QByteArray &status,
                                  const QByteArray &headers, const QByteArray &body)
{
    // no-store: the page follows a URL that carried a code. no-referrer: a success page the
    // browser is redirected to must not learn that URL from the Referer header.
    socket->write("HTTP/1.1 " + status + "\r\n" + headers
                  + "Content-Length: " + QByteArray::number(body.size()) + "\r\n"
                  + "Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\n"
                    "Connection: close\r\n\r\n"
                  + body);
    socket->flush(); // into the kernel now: the listener may be deleted before the next event
    socket->disconnectFromHost();
}
