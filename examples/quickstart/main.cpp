// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// The quick start of the README and of the API reference's main page, as a program that is
// built with the examples, so that the code shown there always compiles.

//! [quick start]
#include <JwtSession/JwtSession>

#include <QtCore/qcoreapplication.h>
#include <QtNetwork/qnetworkreply.h>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);

    JwtSession session;
    JwtCookieRefresher refresher; // login + refresh token in an HttpOnly cookie
    refresher.setLoginUrl(QUrl(QStringLiteral("https://api.example.com/auth/login")));
    refresher.setRefreshUrl(QUrl(QStringLiteral("https://api.example.com/auth/refresh")));
    session.setRefresher(&refresher);
    session.addAuthorizedOrigin(
            QUrl(QStringLiteral("https://api.example.com"))); // token goes there only

    JwtAccessManager manager(&session); // use it like any QNetworkAccessManager
    manager.setAutoDeleteReplies(true);
    QObject::connect(&session, &JwtSession::signInSucceeded, &manager, [&manager] {
        QNetworkReply *reply = manager.get(
                QNetworkRequest(QUrl(QStringLiteral("https://api.example.com/api/notes"))));
        // Finishes exactly once, with the answer of the attempt that counts: an expired token
        // was refreshed and the request replayed on the way.
        QObject::connect(reply, &QNetworkReply::finished, reply, [reply] {
            qInfo("%d: %s", reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                  reply->readAll().constData());
            QCoreApplication::quit();
        });
    });
    QObject::connect(&session, &JwtSession::signInFailed, &app,
                     [](JwtSession::FailureKind, const QString &message) {
                         qWarning("%s", qPrintable(message));
                         QCoreApplication::exit(1);
                     });
    // Show your login screen here instead when the refresh credential is rejected.
    QObject::connect(&session, &JwtSession::sessionExpired, &app,
                     [] { QCoreApplication::exit(1); });

    session.signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    return app.exec();
}
//! [quick start]
