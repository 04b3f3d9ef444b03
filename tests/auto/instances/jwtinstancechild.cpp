// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// One instance of "the application" for tst_instances: a JwtSession remembered in a file store
// that several of these processes share, driven by lines on stdin and reporting on stdout.
//
//   jwtinstancechild --url <server> --store <file> [--no-lock] [--oauth2]
//     prints "restored 1|0", then runs commands:
//       storm <n>   n requests to /echo at once; prints
//                   "storm ok=<n> failed=<n> refreshes=<n> expired=<n>" when all finished
//       refresh     JwtSession::refresh()
//       signout     JwtSession::signOut()
//     and reports "event refreshing", "event expired", "event signedout" as they happen.
//   jwtinstancechild --lock <file>
//     takes a QLockFile, prints "locked" and waits to be killed.

#include "jwtfiletokenstore.h"

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtsession.h>

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qlockfile.h>
#include <QtCore/qsocketnotifier.h>
#include <QtNetwork/qnetworkreply.h>

#include <cstdio>
#include <memory>

#include <unistd.h>

namespace {

void say(const QByteArray &line)
{
    std::fputs(line.constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

class Instance : public QObject
{
public:
    Instance(const QUrl &server, const QString &storePath, bool lock, bool oauth2)
        : store(storePath), manager(&session)
    {
        refresher.setLoginUrl(server.resolved(QUrl(QStringLiteral("/auth/login"))));
        refresher.setRefreshUrl(server.resolved(QUrl(QStringLiteral("/auth/refresh"))));
        oauth2Refresher.setTokenEndpoint(server.resolved(QUrl(QStringLiteral("/oauth/token"))));
        oauth2Refresher.setClientId(QStringLiteral("desktop"));
        if (oauth2)
            session.setRefresher(&oauth2Refresher);
        else
            session.setRefresher(&refresher);
        session.addAuthorizedOrigin(server);
        session.setTokenStore(&store);
        session.setCrossProcessLock(lock);
        this->server = server;
        connect(&session, &JwtSession::refreshStarted, this, [] { say("event refreshing"); });
        connect(&session, &JwtSession::refreshSucceeded, this, [this] { ++refreshes; });
        connect(&session, &JwtSession::sessionExpired, this, [this] {
            ++expired;
            say("event expired");
        });
        connect(&session, &JwtSession::signedOut, this, [] { say("event signedout"); });
        connect(&session, &JwtSession::restored, this,
                [](bool ok) { say(ok ? "restored 1" : "restored 0"); });
        session.restore();
    }

    void command(const QByteArray &line)
    {
        const QList<QByteArray> words = line.simplified().split(' ');
        if (words.value(0) == "storm")
            storm(words.value(1).toInt());
        else if (words.value(0) == "refresh")
            session.refresh();
        else if (words.value(0) == "signout")
            session.signOut();
        else if (words.value(0) == "quit")
            QCoreApplication::quit();
    }

private:
    void storm(int count)
    {
        refreshes = 0;
        expired = 0;
        auto pending = std::make_shared<int>(count);
        auto ok = std::make_shared<int>(0);
        for (int i = 0; i < count; ++i) {
            QNetworkReply *reply = manager.get(
                    QNetworkRequest(server.resolved(QUrl(QStringLiteral("/echo?i=%1").arg(i)))));
            connect(reply, &QNetworkReply::finished, this, [=] {
                reply->deleteLater();
                if (reply->error() == QNetworkReply::NoError)
                    ++*ok;
                if (--*pending == 0) {
                    say(QByteArrayLiteral("storm ok=") + QByteArray::number(*ok)
                        + " failed=" + QByteArray::number(count - *ok)
                        + " refreshes=" + QByteArray::number(refreshes)
                        + " expired=" + QByteArray::number(expired));
                }
            });
        }
    }

    QUrl server;
    JwtFileTokenStore store;
    JwtSession session;
    JwtCookieRefresher refresher;
    JwtOAuth2Refresher oauth2Refresher;
    JwtAccessManager manager;
    int refreshes = 0;
    int expired = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption urlOption(QStringLiteral("url"), QStringLiteral("server"),
                                       QStringLiteral("url"));
    const QCommandLineOption storeOption(QStringLiteral("store"), QStringLiteral("store file"),
                                         QStringLiteral("file"));
    const QCommandLineOption noLockOption(QStringLiteral("no-lock"),
                                          QStringLiteral("crossProcessLock off"));
    const QCommandLineOption oauth2Option(QStringLiteral("oauth2"),
                                          QStringLiteral("JwtOAuth2Refresher"));
    const QCommandLineOption lockOption(QStringLiteral("lock"), QStringLiteral("hold a lock"),
                                        QStringLiteral("file"));
    parser.addOptions({urlOption, storeOption, noLockOption, oauth2Option, lockOption});
    parser.process(app);

    if (parser.isSet(lockOption)) {
        QLockFile lock(parser.value(lockOption));
        if (!lock.tryLock(0))
            return 2;
        say("locked");
        return app.exec(); // until killed
    }

    Instance instance(QUrl(parser.value(urlOption)), parser.value(storeOption),
                      !parser.isSet(noLockOption), parser.isSet(oauth2Option));
    QByteArray input;
    QSocketNotifier stdinNotifier(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&stdinNotifier, &QSocketNotifier::activated, &instance, [&] {
        char buffer[256];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) {
            QCoreApplication::quit(); // the test went away
            return;
        }
        input.append(buffer, n);
        for (qsizetype end = input.indexOf('\n'); end >= 0; end = input.indexOf('\n')) {
            const QByteArray line = input.left(end);
            input.remove(0, end + 1);
            instance.command(line);
        }
    });
    return app.exec();
}
