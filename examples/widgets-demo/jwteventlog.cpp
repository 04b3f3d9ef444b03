// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwteventlog.h"

#include <QtCore/qdatetime.h>
#include <QtGui/qfontdatabase.h>
#include <QtWidgets/qboxlayout.h>
#include <QtWidgets/qheaderview.h>
#include <QtWidgets/qscrollbar.h>
#include <QtWidgets/qtreewidget.h>

namespace {

// A burst of 50 requests writes a few hundred lines; keep the pane responsive over a long demo.
constexpr int MaximumEntries = 5000;

QColor colorOf(JwtEventLog::Kind kind)
{
    switch (kind) {
    case JwtEventLog::Kind::Request:
        return QColor(0x44, 0x55, 0x66);
    case JwtEventLog::Kind::Response:
        return QColor(0x2e, 0x7d, 0x32);
    case JwtEventLog::Kind::Refused:
        return QColor(0xc0, 0x6a, 0x00);
    case JwtEventLog::Kind::Waiting:
        return QColor(0x8a, 0x6d, 0x00);
    case JwtEventLog::Kind::Refresh:
        return QColor(0x1f, 0x5f, 0xbf);
    case JwtEventLog::Kind::Replay:
        return QColor(0x6a, 0x1b, 0x9a);
    case JwtEventLog::Kind::Success:
        return QColor(0x1b, 0x7a, 0x2e);
    case JwtEventLog::Kind::Failure:
        return QColor(0xb7, 0x1c, 0x1c);
    case JwtEventLog::Kind::Server:
        return QColor(0x80, 0x80, 0x80);
    case JwtEventLog::Kind::Demo:
        return QColor(0x00, 0x69, 0x7c);
    }
    return {};
}

} // namespace

JwtEventLog::JwtEventLog(QWidget *parent) : QWidget(parent), m_view(new QTreeWidget(this))
{
    m_view->setColumnCount(2);
    m_view->setHeaderLabels({tr("Time"), tr("Event")});
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->header()->setStretchLastSection(true);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setAccessibleName(tr("Event log"));
    m_view->setAccessibleDescription(
            tr("What the interceptor, the session and the demo server did, with times."));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
}

void JwtEventLog::add(Kind kind, const QString &text)
{
    const bool atBottom =
            m_view->verticalScrollBar()->value() >= m_view->verticalScrollBar()->maximum() - 2;
    auto *item = new QTreeWidgetItem({formatTime(QTime::currentTime(), true), text});
    item->setForeground(1, colorOf(kind));
    item->setToolTip(1, text);
    m_view->addTopLevelItem(item);
    while (m_view->topLevelItemCount() > MaximumEntries)
        delete m_view->takeTopLevelItem(0);
    if (m_view->topLevelItemCount() == 1)
        m_view->resizeColumnToContents(0);
    // Follow new lines unless the reader scrolled up to look at something.
    if (atBottom)
        m_view->scrollToItem(item);
}

int JwtEventLog::count() const
{
    return m_view->topLevelItemCount();
}

QString JwtEventLog::text(int row) const
{
    const QTreeWidgetItem *item = m_view->topLevelItem(row);
    return item ? item->text(1) : QString();
}

// Every time in the demo reads the same way: the locale's short format writes 12-hour times
// in English and 24-hour times in German and French, next to each other in one log.
QString JwtEventLog::formatTime(const QTime &time, bool withMilliseconds)
{
    return QLocale().toString(
            time, withMilliseconds ? QStringLiteral("HH:mm:ss.zzz") : QStringLiteral("HH:mm:ss"));
}

void JwtEventLog::clear()
{
    m_view->clear();
}
