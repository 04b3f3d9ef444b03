// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSessionWidgets/jwtloginprompt.h>

#include <JwtSession/jwtsession.h>
#include <JwtSession/jwttranslations.h>
#include <JwtSessionWidgets/jwtlogindialog.h>

#include <QtCore/qpointer.h>
#include <QtWidgets/qwidget.h>

/*!
    \class JwtLoginPrompt
    \brief Shows a JwtLoginDialog when a session expires, and resumes the requests that waited.

    One line attaches it: \c{new JwtLoginPrompt(session, mainWindow)}. It switches the session to
    JwtSession::ExpiryPolicy::HoldForSignIn, so that requests refused after the refresh credential
    was rejected are parked instead of failed. On JwtSession::sessionExpired() it opens the dialog,
    window-modal to \a window, once, however many requests are waiting. A successful sign-in
    replays the held requests (the session does that); Cancel calls
    JwtSession::cancelHeldRequests(), so that they fail with
    QNetworkReply::AuthenticationRequiredError.

    The dialog's "remember me" check box shows and sets JwtSession::rememberMe().
    The prompt is a child of \a window and goes away with it. It lives in the GUI thread, like
    the session it attaches to.
*/

/*! \property JwtLoginPrompt::session
    \brief the session the prompt watches; not owned, set at construction */
/*! \property JwtLoginPrompt::dialog
    \brief the dialog while it is shown, otherwise null; it deletes itself when it closes */

struct JwtLoginPrompt::Private
{
    void open(JwtLoginPrompt *q, bool afterExpiry);
    void onFinished(JwtLoginPrompt *q, int result);

    JwtSession *session = nullptr;
    QPointer<QWidget> window;
    QPointer<JwtLoginDialog> dialog;
    QString lastUserName;
    bool expired = false;
};

void JwtLoginPrompt::Private::open(JwtLoginPrompt *q, bool afterExpiry)
{
    if (dialog)
        return; // already asking: every waiting request is answered by the same sign-in
    expired = afterExpiry;
    dialog = new JwtLoginDialog(session, window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(window ? Qt::WindowModal : Qt::ApplicationModal);
    if (afterExpiry) {
        dialog->setMessage(JwtLoginPrompt::tr("Your session has expired. Sign in again to "
                                              "continue; waiting requests are sent afterwards."));
    }
    dialog->setUserName(lastUserName);
    QObject::connect(dialog, &QDialog::finished, q,
                     [this, q](int result) { onFinished(q, result); });
    Q_EMIT q->dialogChanged(dialog);
    dialog->open();
    Q_EMIT q->dialogShown(dialog);
}

void JwtLoginPrompt::Private::onFinished(JwtLoginPrompt *q, int result)
{
    const bool wasExpired = std::exchange(expired, false);
    if (dialog)
        dialog->disconnect(q);
    dialog = nullptr;
    Q_EMIT q->dialogChanged(nullptr);
    if (result == QDialog::Accepted) {
        Q_EMIT q->signedIn();
        return;
    }
    // Held requests wait for a sign-in that is not coming: let them fail now, not at the timeout.
    if (wasExpired && session)
        session->cancelHeldRequests();
    Q_EMIT q->canceled();
}

JwtLoginPrompt::JwtLoginPrompt(JwtSession *session, QWidget *window)
    : QObject(window), d(std::make_unique<Private>())
{
    Q_ASSERT(session);
    JwtTranslations::autoInstall(); // the dialog and the held requests' errors, translated
    d->session = session;
    d->window = window;
    d->lastUserName = session->userName();
    session->setExpiryPolicy(JwtSession::ExpiryPolicy::HoldForSignIn);
    connect(session, &JwtSession::sessionExpired, this, [this] { d->open(this, true); });
    connect(session, &JwtSession::userNameChanged, this, [this](const QString &name) {
        if (!name.isEmpty())
            d->lastUserName = name;
    });
}

/*! Destroys the prompt and the dialog it is showing, if any. */
JwtLoginPrompt::~JwtLoginPrompt()
{
    if (d->dialog)
        delete d->dialog.data();
}

/*! The session the prompt watches. Not owned. */
JwtSession *JwtLoginPrompt::session() const
{
    return d->session;
}

/*! The dialog's parent window and the prompt's parent, or nullptr. */
QWidget *JwtLoginPrompt::window() const
{
    return d->window;
}

JwtLoginDialog *JwtLoginPrompt::dialog() const
{
    return d->dialog;
}

void JwtLoginPrompt::prompt()
{
    d->open(this, d->session->state() == JwtSession::State::Expired);
}

/*!
    \fn void JwtLoginPrompt::dialogChanged(JwtLoginDialog *dialog)
    Emitted when the dialog opens (with the new \a dialog) and when it closes (with nullptr),
    once each.
*/
