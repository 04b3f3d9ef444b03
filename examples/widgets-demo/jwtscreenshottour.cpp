// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtscreenshottour.h"

#include "jwtdemowindow.h"
#include "jwteventlog.h"
#include "jwtnotespanel.h"

#include <JwtSession/jwtsession.h>
#include <JwtSessionWidgets/jwtlogindialog.h>
#include <JwtSessionWidgets/jwtloginprompt.h>

#include <QtCore/qdir.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qtimer.h>
#include <QtGui/qpixmap.h>
#include <QtGui/qscreen.h>
#include <QtWidgets/qapplication.h>
#include <QtWidgets/qlineedit.h>

#include <functional>

using namespace std::chrono_literals;

namespace {

// The tour reads as a straight line; a local event loop per step keeps it that way.
bool waitUntil(const std::function<bool()> &done, std::chrono::milliseconds timeout = 15s)
{
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    poll.start(20);
    if (!done())
        loop.exec();
    return done();
}

void settle(std::chrono::milliseconds duration = 400ms)
{
    QEventLoop loop;
    QTimer::singleShot(duration, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

JwtScreenshotTour::JwtScreenshotTour(JwtDemoWindow *window, const QString &directory)
    : m_window(window), m_directory(directory)
{ }

bool JwtScreenshotTour::save(QWidget *widget, const QString &name, bool withScreen)
{
    settle();
    QPixmap picture = widget->grab();
    // A modal dialog is a window of its own: take it from the screen to show both together.
    if (withScreen && widget->screen()) {
        const QPixmap screen = widget->screen()->grabWindow(
                0, widget->frameGeometry().x(), widget->frameGeometry().y(),
                widget->frameGeometry().width(), widget->frameGeometry().height());
        if (!screen.isNull())
            picture = screen;
    }
    const QString path = QDir(m_directory).filePath(name);
    const bool saved = picture.save(path, "PNG");
    qInfo("%s %s", saved ? "saved" : "could not save", qPrintable(path));
    if (!saved)
        ++m_failures;
    return saved;
}

int JwtScreenshotTour::run()
{
    QDir().mkpath(m_directory);
    JwtSession *session = m_window->session();
    JwtLoginPrompt *prompt = m_window->loginPrompt();

    if (!waitUntil([&] { return prompt->dialog() && prompt->dialog()->isVisible(); }))
        return 1;
    JwtLoginDialog *dialog = prompt->dialog();
    dialog->setUserName(QStringLiteral("alice"));
    save(dialog, QStringLiteral("login-dialog.png"));

    // A wrong password: the server's answer appears inline and the dialog stays open.
    const auto edits = dialog->findChildren<QLineEdit *>();
    if (edits.size() < 2)
        return 1;
    edits.at(1)->setText(QStringLiteral("not-the-password"));
    dialog->accept();
    waitUntil([&] { return !dialog->errorMessage().isEmpty(); });
    save(dialog, QStringLiteral("login-dialog-error.png"));

    edits.at(1)->setText(QStringLiteral("wonderland"));
    dialog->accept();
    if (!waitUntil([&] { return session->isSignedIn() && !prompt->dialog(); }))
        return 1;

    JwtNotesPanel *notes = m_window->notes();
    const QStringList titles = {tr("Shopping list"), tr("Ideas for the talk"), tr("Call the bank")};
    for (const QString &title : titles)
        notes->createNote(title, tr("Written in the JwtSession demo."));
    waitUntil([&] { return notes->noteCount() >= titles.size(); });

    // A burst on an expired token: 50 requests, one refresh, every request replayed.
    bool adminDone = false;
    QObject guard; // ends the connection below with this function
    QObject::connect(m_window, &JwtDemoWindow::adminCallFinished, &guard,
                     [&adminDone] { adminDone = true; });
    m_window->expireAccessToken(false);
    waitUntil([&] { return adminDone; });
    m_window->burst();
    waitUntil([&] { return !m_window->isBurstRunning(); });
    settle(500ms);

    // Then a POST on an expired token: 401, refresh, and the body replayed.
    adminDone = false;
    m_window->expireAccessToken(false);
    waitUntil([&] { return adminDone; });
    notes->createNote(tr("Saved after a refresh"), tr("The POST body was replayed."));
    waitUntil([&] { return notes->noteCount() > titles.size(); });
    // A new note being written: nothing selected, and Save says it creates one.
    notes->newNote();
    if (auto *title = notes->findChild<QLineEdit *>(QStringLiteral("noteTitle")))
        title->setText(tr("Packing list"));
    save(m_window, QStringLiteral("main-window.png"));

    // A revoked refresh credential: the session expires and the prompt asks again, once.
    m_window->revokeRefreshCredential();
    if (!waitUntil([&] { return prompt->dialog() && prompt->dialog()->isVisible(); }))
        ++m_failures;
    save(m_window, QStringLiteral("session-expired.png"), true);

    // Signing in again answers the held request.
    if (JwtLoginDialog *again = prompt->dialog()) {
        const auto fields = again->findChildren<QLineEdit *>();
        fields.at(1)->setText(QStringLiteral("wonderland"));
        again->accept();
        if (!waitUntil([&] { return session->isSignedIn() && !prompt->dialog(); }))
            ++m_failures;
    }

    // An outage: the refresh fails transiently and the user stays signed in.
    m_window->setOutage(true);
    settle(2500ms);
    save(m_window, QStringLiteral("outage.png"));
    m_window->setOutage(false);
    settle(1s);
    // Back to normal before the next step: the notes load again once the refresh backoff of
    // the outage has passed.
    bool loaded = false;
    QObject::connect(notes, &JwtNotesPanel::notesLoaded, &guard, [&loaded] { loaded = true; });
    for (int attempt = 0; attempt < 10 && !loaded; ++attempt) {
        notes->reload();
        waitUntil([&] { return loaded; }, 3s);
    }

    // Expired again, and this time the user cancels: the window is signed out.
    m_window->revokeRefreshCredential();
    if (!waitUntil([&] { return prompt->dialog() && prompt->dialog()->isVisible(); }))
        ++m_failures;
    if (JwtLoginDialog *again = prompt->dialog())
        again->reject();
    if (!waitUntil([&] { return !prompt->dialog() && !notes->isSignedIn(); }))
        ++m_failures;
    save(m_window, QStringLiteral("signed-out.png"));

    return m_failures == 0 ? 0 : 1;
}
