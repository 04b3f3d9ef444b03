// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "timeline.h"

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtsession.h>

#include "jwtdemoapi.h"

#include <QtCore/qmetaobject.h>
#include <QtCore/qtextstream.h>
#include <QtNetwork/qnetworkreply.h>

#include <cstdio>

namespace {

QString describe(QNetworkReply *reply)
{
    return QStringLiteral("request #%1 %2")
            .arg(reply->property("walkthroughId").toInt())
            .arg(reply->url().path());
}

} // namespace

Timeline::Timeline(QObject *parent) : QObject(parent)
{
    m_clock.start();
}

void Timeline::watch(JwtAccessManager *manager)
{
    connect(manager, &JwtAccessManager::authorizationFailed, this,
            [this](QNetworkReply *reply, int status) {
                print(QStringLiteral("client"),
                      QStringLiteral("%1 refused with %2: held back from the caller")
                              .arg(describe(reply))
                              .arg(status));
            });
    connect(manager, &JwtAccessManager::replyQueued, this, [this](QNetworkReply *reply) {
        print(QStringLiteral("client"),
              QStringLiteral("%1 waits for the refresh").arg(describe(reply)));
    });
    connect(manager, &JwtAccessManager::replyReplayed, this, [this](QNetworkReply *reply) {
        print(QStringLiteral("client"),
              QStringLiteral("%1 replayed with the new token").arg(describe(reply)));
    });
}

void Timeline::watch(JwtSession *session)
{
    connect(session, &JwtSession::stateChanged, this, [this](JwtSession::State state) {
        print(QStringLiteral("session"),
              QStringLiteral("state: %1")
                      .arg(QLatin1String(
                              QMetaEnum::fromType<JwtSession::State>().valueToKey(int(state)))));
    });
    connect(session, &JwtSession::refreshStarted, this, [this] {
        print(QStringLiteral("session"), QStringLiteral("refresh started (one for everybody)"));
    });
    connect(session, &JwtSession::refreshSucceeded, this,
            [this] { print(QStringLiteral("session"), QStringLiteral("refresh succeeded")); });
    connect(session, &JwtSession::refreshFailed, this,
            [this](JwtSession::FailureKind, const QString &message) {
                print(QStringLiteral("session"), QStringLiteral("refresh failed: %1").arg(message));
            });
    connect(session, &JwtSession::sessionExpired, this, [this] {
        print(QStringLiteral("session"),
              QStringLiteral("sessionExpired(): an application shows its login dialog now"));
    });
}

void Timeline::watch(JwtDemoApi *api)
{
    connect(api, &JwtDemoApi::requestHandled, this,
            [this](const QByteArray &method, const QString &path, int status) {
                // The walkthrough fires many API requests; show only the auth endpoints here.
                if (path.startsWith(QStringLiteral("/auth/")))
                    print(QStringLiteral("server"),
                          QStringLiteral("%1 %2 -> %3")
                                  .arg(QString::fromLatin1(method), path)
                                  .arg(status));
            });
}

void Timeline::heading(const QString &text)
{
    QTextStream out(stdout);
    out << Qt::endl << QStringLiteral("== ") << text << Qt::endl;
}

void Timeline::print(const QString &who, const QString &what)
{
    QTextStream out(stdout);
    out << QStringLiteral("%1 ms  %2  %3").arg(m_clock.elapsed(), 6).arg(who, -7).arg(what)
        << Qt::endl;
}
