// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTSCREENSHOTTOUR_H
#define JWTSCREENSHOTTOUR_H

#include <QtCore/qcoreapplication.h>
#include <QtCore/qstring.h>

class JwtDemoWindow;
class QWidget;

// --screenshot DIR: walks through the demo on its own (wrong password, sign-in, notes, an
// expired token, a burst, a revoked refresh credential, an outage, a canceled sign-in) and saves
// PNGs of the login dialog and of the main window along the way, for reviewers and the README.
class JwtScreenshotTour
{
    Q_DECLARE_TR_FUNCTIONS(JwtScreenshotTour)
public:
    JwtScreenshotTour(JwtDemoWindow *window, const QString &directory);
    //! Returns the process exit code: 0 when every picture was saved.
    int run();

private:
    bool save(QWidget *widget, const QString &name, bool withScreen = false);

    JwtDemoWindow *m_window;
    QString m_directory;
    int m_failures = 0;
};

#endif // JWTSCREENSHOTTOUR_H
