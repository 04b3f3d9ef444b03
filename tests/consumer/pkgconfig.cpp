// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// Built by scripts/check-install.sh with nothing but `pkg-config --cflags --libs
// JwtSessionWidgets`: the installed .pc files give the include path, the libraries and their Qt
// modules. Exits 0 when the version and a dialog work.

#include <JwtSession/JwtSession>
#include <JwtSessionWidgets/JwtLoginDialog>

#include <QtWidgets/qapplication.h>

#include <cstdio>
#include <cstring>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    JwtSession session;
    JwtLoginDialog dialog(&session);
    const bool ok = std::strcmp(JWTSESSION_VERSION_STRING, "") != 0
            && JWTSESSION_VERSION >= JWTSESSION_VERSION_CHECK(0, 1, 0)
            && dialog.session() == &session;
    std::printf("pkg-config consumer: JwtSession %s %s\n", JWTSESSION_VERSION_STRING,
                ok ? "works" : "FAILED");
    return ok ? 0 : 1;
}
