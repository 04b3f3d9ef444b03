// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTLOGGING_P_H
#define JWTLOGGING_P_H

#include <QtCore/qloggingcategory.h>

// One category per area, named like Qt's own (qt.network.access.*). None of them ever logs a
// token, a refresh credential or a cookie value: log generations, lengths and states instead.
Q_DECLARE_LOGGING_CATEGORY(lcJwtAccess) // jwtsession.access: the interceptor and proxy replies
Q_DECLARE_LOGGING_CATEGORY(lcJwtSession) // jwtsession.session: state, single flight, queue
Q_DECLARE_LOGGING_CATEGORY(lcJwtRefresh) // jwtsession.refresh: refreshers and their servers
Q_DECLARE_LOGGING_CATEGORY(lcJwtToken) // jwtsession.token: JWT decoding
Q_DECLARE_LOGGING_CATEGORY(lcJwtStore) // jwtsession.store: token stores

#endif // JWTLOGGING_P_H
