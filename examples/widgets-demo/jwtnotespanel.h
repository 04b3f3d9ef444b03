// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTNOTESPANEL_H
#define JWTNOTESPANEL_H

#include <QtCore/qhash.h>
#include <QtCore/qurl.h>
#include <QtWidgets/qwidget.h>

class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QNetworkAccessManager;
class QNetworkReply;
class QPlainTextEdit;
class QPushButton;

// The demo's data view: the user's notes from GET /api/notes, created with POST /api/notes and
// edited with PUT /api/notes/<id>. Every request goes through the JwtAccessManager it is given,
// so an expired token shows up as a 401, a refresh and a replay (with the body) in the log.
//
// The editor edits either a new note (Save creates it) or the note selected in the list (Save
// changes it); its title and the Save button say which. Signed out, the panel shows no notes,
// nothing can be edited, and a button asks the user to sign in.
class JwtNotesPanel : public QWidget
{
    Q_OBJECT
public:
    JwtNotesPanel(QNetworkAccessManager *manager, const QUrl &baseUrl, QWidget *parent = nullptr);

    int noteCount() const;
    //! The id of the note in the editor; 0 for a new note.
    int editingId() const;
    bool isSignedIn() const;

public Q_SLOTS:
    void reload();
    void newNote();
    void save();
    //! Signed in: the notes can be loaded and edited. Signed out: cleared and read-only.
    void setSignedIn(bool signedIn);
    //! Creates a note without the editor (the screenshot tour uses it); the editor is untouched.
    void createNote(const QString &title, const QString &body);
    //! \a reply, if the panel sent it, waits for the user to sign in again: say so.
    void markHeld(QNetworkReply *reply);
    //! The session expired: the panel's requests in flight wait for the sign-in; say so.
    void markPendingHeld();

Q_SIGNALS:
    void statusMessage(const QString &message);
    void notesLoaded(int count);
    void noteSaved();
    //! The user asked to sign in from the signed-out panel.
    void signInRequested();

private:
    QNetworkReply *send(QNetworkReply *reply, const QString &title, bool fromEditor);
    void onListed(QNetworkReply *reply);
    void onSaved(QNetworkReply *reply, bool fromEditor);
    void showSelected();
    void updateEditor();
    void failed(QNetworkReply *reply);
    QString describeError(QNetworkReply *reply) const;

    QNetworkAccessManager *m_manager;
    QUrl m_baseUrl;
    QListWidget *m_list = nullptr;
    QGroupBox *m_editor = nullptr;
    QLineEdit *m_title = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_reload = nullptr;
    QLabel *m_state = nullptr;
    QWidget *m_signedOutRow = nullptr;
    QHash<QNetworkReply *, QString> m_pending; // requests in flight: the note title, or empty
    int m_editingId = 0; // 0: a new note
    bool m_signedIn = false;
};

#endif // JWTNOTESPANEL_H
