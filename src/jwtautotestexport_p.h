// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTAUTOTESTEXPORT_P_H
#define JWTAUTOTESTEXPORT_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the JwtSession API. It may change or disappear without notice.
//

#include <JwtSession/jwtsession_export.h>

// Marks the internal classes and functions that the auto tests and the fuzzers call (like Qt's
// Q_AUTOTEST_EXPORT). They are exported only from a library built for them (tests or fuzzers
// on: src/CMakeLists.txt defines JWTSESSION_AUTOTEST_EXPORTS in the build tree), so that the
// library a user builds and installs exports its public API and nothing else.
#ifdef JWTSESSION_AUTOTEST_EXPORTS
#define JWTSESSION_AUTOTEST_EXPORT JWTSESSION_EXPORT
#else
#define JWTSESSION_AUTOTEST_EXPORT
#endif

#endif // JWTAUTOTESTEXPORT_P_H
