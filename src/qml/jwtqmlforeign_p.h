// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTQMLFOREIGN_P_H
#define JWTQMLFOREIGN_P_H

// The core library's types in QML, registered from its own metatypes (QML_FOREIGN) rather
// than mirrored by hand: a property, enum or signal added to them is in QML with no edit here.
// The core does not link QtQml; src/CMakeLists.txt hands its metatypes to this module.

#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtjsonrefresher.h>
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtrefresher.h>
#include <JwtSession/jwtsession.h>
#include <JwtSession/jwttokenstore.h>

#include <QtQml/qqml.h>

// JwtSession is used through Session (JwtQmlSession), which derives from it, or as a
// session created in C++ and handed to QML: known to QML and its tools, not created by name.
struct JwtQmlSessionForeign
{
    Q_GADGET
    QML_FOREIGN(JwtSession)
    QML_ANONYMOUS
};

struct JwtQmlRefresherForeign
{
    Q_GADGET
    QML_FOREIGN(JwtRefresher)
    QML_ANONYMOUS
};

struct JwtQmlTokenStoreForeign
{
    Q_GADGET
    QML_FOREIGN(JwtTokenStore)
    QML_ANONYMOUS
};

struct JwtQmlCookieRefresherForeign
{
    Q_GADGET
    QML_FOREIGN(JwtCookieRefresher)
    QML_NAMED_ELEMENT(CookieRefresher)
};

struct JwtQmlJsonRefresherForeign
{
    Q_GADGET
    QML_FOREIGN(JwtJsonRefresher)
    QML_NAMED_ELEMENT(JsonRefresher)
};

struct JwtQmlOAuth2RefresherForeign
{
    Q_GADGET
    QML_FOREIGN(JwtOAuth2Refresher)
    QML_NAMED_ELEMENT(OAuth2Refresher)
};

#endif // JWTQMLFOREIGN_P_H
