// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtnotespanel.h"

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtWidgets/qboxlayout.h>
#include <QtWidgets/qformlayout.h>
#include <QtWidgets/qgroupbox.h>
#include <QtWidgets/qlabel.h>
#include <QtWidgets/qlineedit.h>
#include <QtWidgets/qlistwidget.h>
#include <QtWidgets/qplaintextedit.h>
#include <QtWidgets/qpushbutton.h>
#include <QtWidgets/qsplitter.h>

namespace {

constexpr int IdRole = Qt::UserRole;
constexpr int BodyRole = Qt::UserRole + 1;

QNetworkRequest jsonRequest(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return request;
}

QByteArray noteJson(const QString &title, const QString &body)
{
    return QJsonDocument(
                   QJsonObject {{QStringLiteral("title"), title}, {QStringLiteral("body"), body}})
            .toJson(QJsonDocument::Compact);
}

} // namespace

JwtNotesPanel::JwtNotesPanel(QNetworkAccessManager *manager, const QUrl &baseUrl, QWidget *parent)
    : QWidget(parent), m_manager(manager), m_baseUrl(baseUrl)
{
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("notesList"));
    m_list->setAccessibleName(tr("Notes"));
    m_list->setAccessibleDescription(tr("Your notes, as the server lists them."));
    m_list->setAlternatingRowColors(true);
    connect(m_list, &QListWidget::currentRowChanged, this, &JwtNotesPanel::showSelected);

    m_title = new QLineEdit(this);
    m_title->setObjectName(QStringLiteral("noteTitle"));
    m_title->setPlaceholderText(tr("Title"));
    m_title->setAccessibleName(tr("Note title"));
    m_title->setAccessibleDescription(tr("The title of the note being edited."));
    connect(m_title, &QLineEdit::textChanged, this, &JwtNotesPanel::updateEditor);
    m_body = new QPlainTextEdit(this);
    m_body->setObjectName(QStringLiteral("noteBody"));
    m_body->setPlaceholderText(tr("Write something; it is sent when you save."));
    m_body->setAccessibleName(tr("Note text"));
    m_body->setAccessibleDescription(tr("The text of the note being edited."));
    m_body->setTabChangesFocus(true);

    m_new = new QPushButton(QIcon(QStringLiteral(":/icons/note-add.svg")), tr("&New Note"), this);
    m_new->setObjectName(QStringLiteral("newNote"));
    m_new->setAccessibleDescription(tr("Starts a new, empty note."));
    m_save = new QPushButton(QIcon(QStringLiteral(":/icons/note-save.svg")), tr("Sa&ve"), this);
    m_save->setObjectName(QStringLiteral("saveNote"));
    m_save->setAccessibleDescription(
            tr("Sends the note to the server: POST for a new note, PUT for an existing one."));
    m_reload = new QPushButton(QIcon(QStringLiteral(":/icons/refresh.svg")), tr("Re&load"), this);
    m_reload->setObjectName(QStringLiteral("reloadNotes"));
    m_reload->setAccessibleDescription(tr("Fetches the notes from the server again."));
    connect(m_new, &QPushButton::clicked, this, &JwtNotesPanel::newNote);
    connect(m_save, &QPushButton::clicked, this, &JwtNotesPanel::save);
    connect(m_reload, &QPushButton::clicked, this, &JwtNotesPanel::reload);

    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("notesState"));
    m_state->setWordWrap(true);

    // Signed out: what the user can do about it, right where the notes were.
    m_signedOutRow = new QWidget(this);
    auto *signIn = new QPushButton(QIcon(QStringLiteral(":/icons/sign-in.svg")), tr("&Sign In…"),
                                   m_signedOutRow);
    signIn->setObjectName(QStringLiteral("notesSignIn"));
    signIn->setAccessibleDescription(tr("Opens the sign-in dialog."));
    connect(signIn, &QPushButton::clicked, this, &JwtNotesPanel::signInRequested);
    auto *signedOutLayout = new QHBoxLayout(m_signedOutRow);
    signedOutLayout->setContentsMargins(0, 0, 0, 0);
    signedOutLayout->addWidget(signIn);
    signedOutLayout->addStretch(1);

    m_editor = new QGroupBox(this);
    auto *form = new QFormLayout(m_editor);
    auto *titleLabel = new QLabel(tr("&Title:"), m_editor);
    titleLabel->setBuddy(m_title);
    auto *bodyLabel = new QLabel(tr("Te&xt:"), m_editor);
    bodyLabel->setBuddy(m_body);
    form->addRow(titleLabel, m_title);
    form->addRow(bodyLabel, m_body);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addStretch(1);
    buttons->addWidget(m_reload);
    buttons->addWidget(m_save);
    form->addRow(buttons);

    auto *listBox = new QGroupBox(tr("Notes"), this);
    auto *listLayout = new QVBoxLayout(listBox);
    listLayout->addWidget(m_list);
    listLayout->addWidget(m_state);
    listLayout->addWidget(m_signedOutRow);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(listBox, 2);
    layout->addWidget(m_editor, 3);

    setTabOrder(m_list, m_title);
    setTabOrder(m_title, m_body);
    setTabOrder(m_body, m_new);
    setTabOrder(m_new, m_reload);
    setTabOrder(m_reload, m_save);
    setSignedIn(false);
}

int JwtNotesPanel::noteCount() const
{
    return m_list->count();
}

int JwtNotesPanel::editingId() const
{
    return m_editingId;
}

bool JwtNotesPanel::isSignedIn() const
{
    return m_signedIn;
}

void JwtNotesPanel::setSignedIn(bool signedIn)
{
    m_signedIn = signedIn;
    m_signedOutRow->setVisible(!signedIn);
    m_list->setEnabled(signedIn);
    m_title->setReadOnly(!signedIn);
    m_body->setReadOnly(!signedIn);
    if (!signedIn) {
        // The previous user's notes are not shown to whoever sits in front of the screen now.
        m_list->clear();
        m_editingId = 0;
        m_title->clear();
        m_body->clear();
        m_state->setText(tr("Signed out: sign in to see and edit your notes."));
    }
    updateEditor();
}

QNetworkReply *JwtNotesPanel::send(QNetworkReply *reply, const QString &title, bool fromEditor)
{
    m_pending.insert(reply, title);
    connect(reply, &QNetworkReply::finished, this, [this, reply, fromEditor] {
        m_pending.remove(reply);
        if (reply->operation() == QNetworkAccessManager::GetOperation)
            onListed(reply);
        else
            onSaved(reply, fromEditor);
    });
    return reply;
}

void JwtNotesPanel::reload()
{
    if (!m_signedIn)
        return;
    m_state->setText(tr("Loading…"));
    send(m_manager->get(QNetworkRequest(m_baseUrl.resolved(QUrl(QStringLiteral("/api/notes"))))),
         QString(), false);
}

void JwtNotesPanel::newNote()
{
    {
        QSignalBlocker blocker(m_list);
        m_list->setCurrentRow(-1);
    }
    m_editingId = 0;
    m_title->clear();
    m_body->clear();
    m_title->setFocus(Qt::OtherFocusReason);
    updateEditor();
}

void JwtNotesPanel::save()
{
    const QString title = m_title->text().trimmed();
    if (title.isEmpty() || !m_signedIn)
        return;
    const QByteArray json = noteJson(title, m_body->toPlainText());
    if (m_editingId == 0) {
        send(m_manager->post(jsonRequest(m_baseUrl.resolved(QUrl(QStringLiteral("/api/notes")))),
                             json),
             title, true);
    } else {
        const QUrl url = m_baseUrl.resolved(QUrl(QStringLiteral("/api/notes/%1").arg(m_editingId)));
        send(m_manager->put(jsonRequest(url), json), title, true);
    }
    m_state->setText(tr("Saving “%1”…").arg(title));
}

void JwtNotesPanel::createNote(const QString &title, const QString &body)
{
    send(m_manager->post(jsonRequest(m_baseUrl.resolved(QUrl(QStringLiteral("/api/notes")))),
                         noteJson(title, body)),
         title, false);
    m_state->setText(tr("Saving “%1”…").arg(title));
}

void JwtNotesPanel::markHeld(QNetworkReply *reply)
{
    const auto pending = m_pending.constFind(reply);
    if (pending == m_pending.cend())
        return;
    m_state->setText(pending->isEmpty()
                             ? tr("Loading the notes waits until you sign in again.")
                             : tr("Saving “%1” waits until you sign in again.").arg(*pending));
    Q_EMIT statusMessage(m_state->text());
}

void JwtNotesPanel::markPendingHeld()
{
    // A save says more than a reload: show the one the user is waiting for.
    QNetworkReply *shown = nullptr;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (!shown || !it.value().isEmpty())
            shown = it.key();
    }
    if (shown)
        markHeld(shown);
}

void JwtNotesPanel::failed(QNetworkReply *reply)
{
    const QString message = describeError(reply);
    // Signed out, the panel keeps saying what to do; the failure goes to the status bar only.
    if (m_signedIn)
        m_state->setText(message);
    Q_EMIT statusMessage(message);
}

void JwtNotesPanel::onListed(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply->error() != QNetworkReply::NoError) {
        failed(reply);
        return;
    }
    if (!m_signedIn)
        return; // an answer for the user who was signed in before
    const QJsonArray notes = QJsonDocument::fromJson(reply->readAll()).array();
    QSignalBlocker blocker(m_list);
    m_list->clear();
    bool editingListed = false;
    for (const QJsonValue &value : notes) {
        const QJsonObject note = value.toObject();
        auto *item = new QListWidgetItem(note.value(QStringLiteral("title")).toString(), m_list);
        item->setData(IdRole, note.value(QStringLiteral("id")).toInt());
        item->setData(BodyRole, note.value(QStringLiteral("body")).toString());
        item->setToolTip(note.value(QStringLiteral("body")).toString());
        // The list selects what the editor shows, and nothing when the editor has a new note.
        if (m_editingId != 0 && item->data(IdRole).toInt() == m_editingId) {
            m_list->setCurrentItem(item);
            editingListed = true;
        }
    }
    if (!editingListed) {
        m_list->setCurrentRow(-1);
        m_editingId = 0; // gone from the server: saving creates it again
    }
    m_state->setText(tr("Notes on the server: %1").arg(m_list->count()));
    updateEditor();
    Q_EMIT notesLoaded(m_list->count());
}

void JwtNotesPanel::onSaved(QNetworkReply *reply, bool fromEditor)
{
    reply->deleteLater();
    if (reply->error() != QNetworkReply::NoError) {
        failed(reply);
        return;
    }
    const QJsonObject note = QJsonDocument::fromJson(reply->readAll()).object();
    // Only a note saved from the editor becomes the editor's note; one created elsewhere
    // leaves the editor as it is.
    if (fromEditor && m_signedIn)
        m_editingId = note.value(QStringLiteral("id")).toInt();
    updateEditor();
    Q_EMIT statusMessage(tr("Saved “%1”.").arg(note.value(QStringLiteral("title")).toString()));
    Q_EMIT noteSaved();
    reload();
}

void JwtNotesPanel::showSelected()
{
    QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    m_editingId = item->data(IdRole).toInt();
    m_title->setText(item->text());
    m_body->setPlainText(item->data(BodyRole).toString());
    updateEditor();
}

// The editor's title and buttons say what Save does: create a new note, or change the one
// selected in the list.
void JwtNotesPanel::updateEditor()
{
    const bool isNew = m_editingId == 0;
    m_editor->setTitle(!m_signedIn ? tr("Note")
                               : isNew
                               ? tr("New Note")
                               : tr("Editing “%1”")
                                         .arg(m_list->currentItem() ? m_list->currentItem()->text()
                                                                    : m_title->text()));
    m_save->setText(isNew ? tr("Sa&ve New Note") : tr("Sa&ve Changes"));
    m_save->setEnabled(m_signedIn && !m_title->text().trimmed().isEmpty());
    m_new->setEnabled(m_signedIn);
    m_reload->setEnabled(m_signedIn);
}

QString JwtNotesPanel::describeError(QNetworkReply *reply) const
{
    // The session's messages are already written for people and translated.
    return tr("The request failed: %1").arg(reply->errorString());
}
