// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTACCESSMANAGER_P_H
#define JWTACCESSMANAGER_P_H

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtsession.h>

#include "jwtattemptqueue_p.h"
#include "jwtsessionstate_p.h"

#include <QtCore/qpointer.h>

#include <memory>

struct JwtAccessManager::Private
{
    explicit Private(JwtAccessManager *q) : attempts(std::make_shared<JwtAttemptQueue>(q)) { }

    QPointer<JwtSession> session;
    std::shared_ptr<JwtSessionState> state;
    // Shared with the replies that hold or wait for a slot: one may outlive the manager (moved
    // to another parent) and still release its slot.
    const std::shared_ptr<JwtAttemptQueue> attempts;
};

#endif // JWTACCESSMANAGER_P_H
