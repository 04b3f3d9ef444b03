// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTLOGINPROMPT_H
#define JWTLOGINPROMPT_H

#include <JwtSessionWidgets/jwtsessionwidgets_export.h>

#include <QtCore/qobject.h>

#include <memory>

class JwtLoginDialog;
class JwtSession;
class QWidget;
Q_MOC_INCLUDE("JwtSession/jwtsession.h")
Q_MOC_INCLUDE("JwtSessionWidgets/jwtlogindialog.h")

class JWTSESSIONWIDGETS_EXPORT JwtLoginPrompt : public QObject
{
    Q_OBJECT
    Q_PROPERTY(JwtSession *session READ session CONSTANT)
    Q_PROPERTY(JwtLoginDialog *dialog READ dialog NOTIFY dialogChanged)

public:
    //! Attaches to \a session; \a window is the dialog's parent and this object's parent.
    explicit JwtLoginPrompt(JwtSession *session, QWidget *window = nullptr);
    ~JwtLoginPrompt() override;

    JwtSession *session() const;
    QWidget *window() const;
    //! The dialog while it is shown, otherwise null.
    JwtLoginDialog *dialog() const;

public Q_SLOTS:
    //! Shows the dialog now (for example at start-up), unless it is already shown.
    void prompt();

Q_SIGNALS:
    void dialogChanged(JwtLoginDialog *dialog);
    //! Emitted once each time the dialog opens.
    void dialogShown(JwtLoginDialog *dialog);
    //! The user signed in through the dialog; held requests are being replayed.
    void signedIn();
    //! The user canceled the dialog; held requests were failed.
    void canceled();

private:
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtLoginPrompt)
};

#endif // JWTLOGINPROMPT_H
