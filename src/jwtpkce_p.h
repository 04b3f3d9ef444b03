// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTPKCE_P_H
#define JWTPKCE_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the JwtSession API. It is exported only so that the auto tests can
// link to it, and may change or disappear without notice.
//

#include "jwtautotestexport_p.h"

#include <QtCore/qbytearray.h>

// Proof Key for Code Exchange (RFC 7636) with the S256 method, and the random `state` of an
// authorization request (RFC 6749 §10.12). Everything is base64url without padding.
namespace JwtPkce {
//! A fresh code verifier: 32 bytes from the system's CSPRNG, 43 characters (RFC 7636 §4.1).
JWTSESSION_AUTOTEST_EXPORT QByteArray newVerifier();
//! BASE64URL(SHA256(ASCII(verifier))) (RFC 7636 §4.2).
JWTSESSION_AUTOTEST_EXPORT QByteArray challengeS256(const QByteArray &verifier);
//! A fresh, unguessable `state` value: 24 random bytes.
JWTSESSION_AUTOTEST_EXPORT QByteArray newState();
//! Compares \a a and \a b in time that does not depend on where they differ.
JWTSESSION_AUTOTEST_EXPORT bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
} // namespace JwtPkce

#endif // JWTPKCE_P_H
