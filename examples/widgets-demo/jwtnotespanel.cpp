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
    m_list->setAccessibleName(tr("Notes"));
    m_list->setAccessibleDescription(tr("Your notes, as the server lists them."));
    m_list->setAlternatingRowColors(true);
    connect(m_list, &QListWidget::currentRowChanged, this, &JwtNotesPanel::showSelected);

    m_title = new QLineEdit(this);
    m_title->setPlaceholderText(tr("Title"));
    m_title->setAccessibleName(tr("Note title"));
    m_title->setAccessibleDescription(tr("The title of the note being edited."));
    connect(m_title, &QLineEdit::textChanged, this, &JwtNotesPanel::updateButtons);
    m_body = new QPlainTextEdit(this);
    m_body->setPlaceholderText(tr("Write something; it is sent when you save."));
    m_body->setAccessibleName(tr("Note text"));
    m_body->setAccessibleDescription(tr("The text of the note being edited."));
    m_body->setTabChangesFocus(true);

    m_new = new QPushButton(QIcon(QStringLiteral(":/icons/note-add.svg")), tr("&New Note"), this);
    m_new->setAccessibleDescription(tr("Starts a new, empty note."));
    m_save = new QPushButton(QIcon(QStringLiteral(":/icons/note-save.svg")), tr("Sa&ve"), this);
    m_save->setAccessibleDescription(
            tr("Sends the note to the server: POST for a new note, PUT for an existing one."));
    m_reload = new QPushButton(QIcon(QStringLiteral(":/icons/refresh.svg")), tr("Re&load"), this);
    m_reload->setAccessibleDescription(tr("Fetches the notes from the server again."));
    connect(m_new, &QPushButton::clicked, this, &JwtNotesPanel::newNote);
    connect(m_save, &QPushButton::clicked, this, &JwtNotesPanel::save);
    connect(m_reload, &QPushButton::clicked, this, &JwtNotesPanel::reload);

    m_state = new QLabel(this);
    m_state->setWordWrap(true);

    auto *editor = new QGroupBox(tr("Note"), this);
    auto *form = new QFormLayout(editor);
    auto *titleLabel = new QLabel(tr("&Title:"), editor);
    titleLabel->setBuddy(m_title);
    auto *bodyLabel = new QLabel(tr("Te&xt:"), editor);
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

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(listBox, 2);
    layout->addWidget(editor, 3);

    setTabOrder(m_list, m_title);
    setTabOrder(m_title, m_body);
    setTabOrder(m_body, m_new);
    setTabOrder(m_new, m_reload);
    setTabOrder(m_reload, m_save);
    updateButtons();
}

int JwtNotesPanel::noteCount() const
{
    return m_list->count();
}

void JwtNotesPanel::reload()
{
    m_state->setText(tr("Loading…"));
    QNetworkReply *reply =
            m_manager->get(QNetworkRequest(m_baseUrl.resolved(QUrl(QStringLiteral("/api/notes")))));
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onListed(reply); });
}

void JwtNotesPanel::newNote()
{
    m_list->setCurrentRow(-1);
    m_editingId = 0;
    m_title->clear();
    m_body->clear();
    m_title->setFocus(Qt::OtherFocusReason);
    updateButtons();
}

void JwtNotesPanel::save()
{
    const QString title = m_title->text().trimmed();
    if (title.isEmpty())
        return;
    if (m_editingId == 0) {
        createNote(title, m_body->toPlainText());
        return;
    }
    const QUrl url = m_baseUrl.resolved(QUrl(QStringLiteral("/api/notes/%1").arg(m_editingId)));
    QNetworkReply *reply = m_manager->put(jsonRequest(url), noteJson(title, m_body->toPlainText()));
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onSaved(reply); });
    m_state->setText(tr("Saving…"));
}

void JwtNotesPanel::createNote(const QString &title, const QString &body)
{
    QNetworkReply *reply =
            m_manager->post(jsonRequest(m_baseUrl.resolved(QUrl(QStringLiteral("/api/notes")))),
                            noteJson(title, body));
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onSaved(reply); });
    m_state->setText(tr("Saving…"));
}

void JwtNotesPanel::clearNotes()
{
    m_list->clear();
    m_editingId = 0;
    m_title->clear();
    m_body->clear();
    m_state->setText(tr("Sign in to see your notes."));
    updateButtons();
}

void JwtNotesPanel::onListed(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply->error() != QNetworkReply::NoError) {
        m_state->setText(describeError(reply));
        Q_EMIT statusMessage(m_state->text());
        return;
    }
    const int keepId = m_editingId;
    const QJsonArray notes = QJsonDocument::fromJson(reply->readAll()).array();
    QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const QJsonValue &value : notes) {
        const QJsonObject note = value.toObject();
        auto *item = new QListWidgetItem(note.value(QStringLiteral("title")).toString(), m_list);
        item->setData(IdRole, note.value(QStringLiteral("id")).toInt());
        item->setData(BodyRole, note.value(QStringLiteral("body")).toString());
        item->setToolTip(note.value(QStringLiteral("body")).toString());
        if (item->data(IdRole).toInt() == keepId)
            m_list->setCurrentItem(item);
    }
    m_state->setText(tr("Notes on the server: %1").arg(m_list->count()));
    Q_EMIT notesLoaded(m_list->count());
}

void JwtNotesPanel::onSaved(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply->error() != QNetworkReply::NoError) {
        m_state->setText(describeError(reply));
        Q_EMIT statusMessage(m_state->text());
        return;
    }
    const QJsonObject note = QJsonDocument::fromJson(reply->readAll()).object();
    m_editingId = note.value(QStringLiteral("id")).toInt();
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
    updateButtons();
}

void JwtNotesPanel::updateButtons()
{
    m_save->setEnabled(!m_title->text().trimmed().isEmpty());
    m_save->setText(m_editingId == 0 ? tr("Sa&ve New Note") : tr("Sa&ve Changes"));
}

QString JwtNotesPanel::describeError(QNetworkReply *reply) const
{
    // The session's messages are already written for people and translated.
    return tr("The request failed: %1").arg(reply->errorString());
}
