// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTNOTESPANEL_H
#define JWTNOTESPANEL_H

#include <QtCore/qurl.h>
#include <QtWidgets/qwidget.h>

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
class JwtNotesPanel : public QWidget
{
    Q_OBJECT
public:
    JwtNotesPanel(QNetworkAccessManager *manager, const QUrl &baseUrl, QWidget *parent = nullptr);

    int noteCount() const;

public Q_SLOTS:
    void reload();
    void newNote();
    void save();
    void clearNotes();
    //! Creates a note without the editor (the screenshot tour uses it).
    void createNote(const QString &title, const QString &body);

Q_SIGNALS:
    void statusMessage(const QString &message);
    void notesLoaded(int count);
    void noteSaved();

private:
    void onListed(QNetworkReply *reply);
    void onSaved(QNetworkReply *reply);
    void showSelected();
    void updateButtons();
    QString describeError(QNetworkReply *reply) const;

    QNetworkAccessManager *m_manager;
    QUrl m_baseUrl;
    QListWidget *m_list = nullptr;
    QLineEdit *m_title = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_reload = nullptr;
    QLabel *m_state = nullptr;
    int m_editingId = 0; // 0: a new note
};

#endif // JWTNOTESPANEL_H
