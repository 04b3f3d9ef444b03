// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTORIGIN_P_H
#define JWTORIGIN_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the JwtSession API. It is exported only so that the auto tests can
// link to it, and may change or disappear without notice.
//

#include "jwtautotestexport_p.h"

#include <QtCore/qhashfunctions.h>
#include <QtCore/qstring.h>

class QUrl;

class JWTSESSION_AUTOTEST_EXPORT JwtOrigin
{
public:
    JwtOrigin() = default;

    static JwtOrigin fromUrl(const QUrl &url);
    //! True if \a url is plain http to a host that is not loopback: no credential goes there
    //! without an explicit opt-in.
    static bool isInsecureHttp(const QUrl &url);

    //! False for anything but an absolute http(s) URL with a host and a non-zero port.
    bool isValid() const { return m_port > 0; }
    //! "http" or "https"; empty if invalid.
    QString scheme() const { return m_scheme; }
    //! Lower case, ACE for IDNs, IPv6 without brackets; empty if invalid.
    QString host() const { return m_host; }
    //! The explicit port, or the scheme's default; -1 if invalid.
    int port() const { return m_port; }

    bool isSecure() const;
    bool isLoopback() const;
    //! https, or loopback: where a token may go without an explicit opt-in.
    bool isPotentiallyTrustworthy() const { return isSecure() || isLoopback(); }
    QString toString() const;

    friend bool operator==(const JwtOrigin &lhs, const JwtOrigin &rhs) noexcept
    {
        return lhs.m_port == rhs.m_port && lhs.m_scheme == rhs.m_scheme && lhs.m_host == rhs.m_host;
    }
    friend bool operator!=(const JwtOrigin &lhs, const JwtOrigin &rhs) noexcept
    {
        return !(lhs == rhs);
    }

private:
    QString m_scheme;
    QString m_host;
    int m_port = -1;
};

Q_DECLARE_TYPEINFO(JwtOrigin, Q_RELOCATABLE_TYPE);

JWTSESSION_AUTOTEST_EXPORT size_t qHash(const JwtOrigin &origin, size_t seed = 0) noexcept;

#endif // JWTORIGIN_P_H
