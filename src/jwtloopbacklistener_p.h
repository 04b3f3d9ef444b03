// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTLOOPBACKLISTENER_P_H
#define JWTLOOPBACKLISTENER_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the JwtSession API. It may change or disappear without notice.
//

#include <QtCore/qpointer.h>
#include <QtCore/qurl.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetworkAuth/qabstractoauthreplyhandler.h>

class QTcpSocket;

// The loopback redirect listener of a browser sign-in (RFC 8252 §7.3): a one-shot HTTP server on
// 127.0.0.1 that takes the browser's redirect, hands its query to the sign-in as
// callbackReceived(), and holds the browser's connection until the sign-in answers it with the
// application's page.
//
// Why not QOAuthHttpServerReplyHandler: in Qt 6.4 its redirect URI always names 127.0.0.1 while
// its port constructors listen on QHostAddress::Any (every interface, reachable from the
// network); from 6.5 on it names "localhost" while listening on 127.0.0.1, which the browser may
// resolve to ::1 first (RFC 8252 §8.3 recommends the IP literal). Its page is one fixed text for
// success and error alike, titled with the application name, written before the code is
// exchanged (so it cannot tell whether the sign-in worked), and not HTML-escaped. This listener
// binds 127.0.0.1 only, names exactly the address and port it bound, and answers after the
// exchange with a page (or a redirect) the application chose.
class JwtLoopbackListener : public QAbstractOAuthReplyHandler
{
    Q_OBJECT
public:
    explicit JwtLoopbackListener(const QString &path, QObject *parent = nullptr);
    ~JwtLoopbackListener() override;

    //! Listens on 127.0.0.1:\a port (0: an ephemeral port). False with errorString() otherwise.
    bool listen(quint16 port);
    bool isListening() const;
    quint16 port() const;
    QString errorString() const;

    //! The redirect URI: http://127.0.0.1:<bound port><path>.
    QString callback() const override;
    //! Token calls never go through this handler: the refresher makes and reads them.
    void networkReplyFinished(QNetworkReply *reply) override;

    //! True while the browser's redirect waits for answerPage() or answerRedirect().
    bool hasPendingAnswer() const;
    //! Answers the waiting redirect with a small HTML page (all text escaped), then closes.
    void answerPage(int status, const QString &title, const QString &text);
    //! Answers the waiting redirect with 303 See Other to \a location, then closes.
    void answerRedirect(const QUrl &location);
    //! Stops listening and drops every connection that was not answered.
    void close();

private:
    void accept();
    void read(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const QByteArray &status, const QByteArray &headers,
                 const QByteArray &body);

    QTcpServer server;
    QString path;
    QString error;
    quint16 boundPort = 0;
    QPointer<QTcpSocket> pending;
    bool callbackTaken = false;
};

#endif // JWTLOOPBACKLISTENER_P_H
