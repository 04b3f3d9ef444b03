// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtlogging_p.h"

Q_LOGGING_CATEGORY(lcJwtAccess, "jwtsession.access", QtWarningMsg)
Q_LOGGING_CATEGORY(lcJwtSession, "jwtsession.session", QtWarningMsg)
Q_LOGGING_CATEGORY(lcJwtRefresh, "jwtsession.refresh", QtWarningMsg)
Q_LOGGING_CATEGORY(lcJwtToken, "jwtsession.token", QtWarningMsg)
Q_LOGGING_CATEGORY(lcJwtStore, "jwtsession.store", QtWarningMsg)
