// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTACCESSMANAGER_P_H
#define JWTACCESSMANAGER_P_H

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtsession.h>

#include "jwtattemptqueue_p.h"
#include "jwtsessionstate_p.h"

#include <QtCore/qmetaobject.h>
#include <QtCore/qpointer.h>

#include <memory>

struct JwtAccessManager::Private
{
    explicit Private(JwtAccessManager *q) : attempts(std::make_shared<JwtAttemptQueue>(q)) { }

    // Returns whether a slot is connected to a hook the first attempt emits (aboutToSend(),
    // replyQueued()): then the first attempt leaves after get() returned, never inside it.
    bool hooksBeforeFirstAttempt(const JwtAccessManager *q) const
    {
        static const QMetaMethod replyQueued =
                QMetaMethod::fromSignal(&JwtAccessManager::replyQueued);
        return hasAboutToSendHook(q) || q->isSignalConnected(replyQueued);
    }
    // Without a slot on aboutToSend() an attempt leaves without emitting it: the emission and
    // the guard around it cost more than the rest of preparing the attempt.
    bool hasAboutToSendHook(const JwtAccessManager *q) const
    {
        static const QMetaMethod aboutToSend =
                QMetaMethod::fromSignal(&JwtAccessManager::aboutToSend);
        return q->isSignalConnected(aboutToSend);
    }

    QPointer<JwtSession> session;
    std::shared_ptr<JwtSessionState> state;
    // Shared with the replies that hold or wait for a slot: one may outlive the manager (moved
    // to another parent) and still release its slot.
    const std::shared_ptr<JwtAttemptQueue> attempts;
    // The parent of the attempts behind the proxy replies, so that the manager's QNetworkReply
    // children are the replies callers got (qDeleteAll(findChildren<QNetworkReply *>()) is
    // common shutdown code). Destroyed before ~QNetworkAccessManager(), as Qt's own replies
    // are: whatever attempts are left go while the manager's internals still exist. It is the
    // manager's child only while the manager moves to another thread (see event()), so that it
    // moves along.
    QObject attemptParent;
};

#endif // JWTACCESSMANAGER_P_H
