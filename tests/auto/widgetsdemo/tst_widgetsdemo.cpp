// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// The widgets demo (examples/widgets-demo) driven as a user would, against its embedded demo
// server; asserted on the requests the server handled and on what the window shows.

#include "jwtdemoapi.h"
#include "jwtdemoauthority.h"
#include "jwtdemoserver.h"
#include "jwtdemowindow.h"
#include "jwteventlog.h"
#include "jwtnotespanel.h"

#include <JwtSession/jwtsession.h>
#include <JwtSessionWidgets/jwtlogindialog.h>
#include <JwtSessionWidgets/jwtloginprompt.h>

#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>
#include <QtWidgets/qlabel.h>
#include <QtWidgets/qlineedit.h>
#include <QtWidgets/qlistwidget.h>
#include <QtWidgets/qplaintextedit.h>
#include <QtWidgets/qpushbutton.h>
#include <QtWidgets/qstatusbar.h>

#include <memory>

namespace {

template<typename T>
T *child(QWidget *parent, const char *name)
{
    T *widget = parent->findChild<T *>(QLatin1String(name));
    if (!widget)
        qWarning("no child %s", name);
    return widget;
}

struct Handled
{
    QByteArray method;
    QString path;
    int status;
};

} // namespace

class tst_WidgetsDemo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void saveNewNoteCreatesANote();
    void noteCreatedElsewhereLeavesTheEditorNew();
    void cancelAfterExpiryShowsTheSignedOutState();
    void statusMessagesAreElidedBesideThePermanentParts();
    void burstSummaryComesAfterTheLastReply();
    void jsonBackend();

private:
    void signIn();
    void typeNote(const QString &title, const QString &body);
    int handled(const QByteArray &method, const QString &path) const;

    std::unique_ptr<JwtDemoServer> server;
    std::unique_ptr<JwtDemoWindow> window;
    QList<Handled> requests;
};

void tst_WidgetsDemo::init()
{
    server = std::make_unique<JwtDemoServer>();
    QVERIFY(server->listen());
    requests.clear();
    connect(server->api(), &JwtDemoApi::requestHandled, this,
            [this](const QByteArray &method, const QString &path, int status) {
                requests.append({method, path, status});
            });
    JwtDemoWindow::Options options;
    options.baseUrl = server->baseUrl();
    options.embeddedApi = server->api();
    window = std::make_unique<JwtDemoWindow>(options);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    window->start();
}

void tst_WidgetsDemo::cleanup()
{
    window.reset();
    server.reset();
}

int tst_WidgetsDemo::handled(const QByteArray &method, const QString &path) const
{
    return int(std::count_if(requests.cbegin(), requests.cend(), [&](const Handled &h) {
        return h.method == method && h.path == path;
    }));
}

// The start-up dialog, answered as a user would.
void tst_WidgetsDemo::signIn()
{
    JwtLoginPrompt *prompt = window->loginPrompt();
    QTRY_VERIFY(prompt->dialog());
    JwtLoginDialog *dialog = prompt->dialog();
    dialog->setUserName(QStringLiteral("alice"));
    child<QLineEdit>(dialog, "password")->setText(QStringLiteral("wonderland"));
    QTest::keyClick(child<QLineEdit>(dialog, "password"), Qt::Key_Return);
    QTRY_VERIFY(window->session()->isSignedIn());
    QTRY_VERIFY(!prompt->dialog());
    QTRY_COMPARE(handled("GET", QStringLiteral("/api/notes")), 1);
    QTRY_COMPARE(child<QLabel>(window.get(), "notesState")->text(),
                 QStringLiteral("Notes on the server: %1").arg(window->notes()->noteCount()));
}

void tst_WidgetsDemo::typeNote(const QString &title, const QString &body)
{
    auto *titleEdit = child<QLineEdit>(window.get(), "noteTitle");
    titleEdit->clear();
    QTest::keyClicks(titleEdit, title);
    child<QPlainTextEdit>(window.get(), "noteBody")->setPlainText(body);
}

// "Save New Note" after a save creates another note (POST), never overwrites the one just
// saved; the editor's title and button say which note Save acts on.
void tst_WidgetsDemo::saveNewNoteCreatesANote()
{
    signIn();
    JwtNotesPanel *notes = window->notes();
    const int before = notes->noteCount();
    auto *save = child<QPushButton>(window.get(), "saveNote");
    auto *newNote = child<QPushButton>(window.get(), "newNote");

    QTest::mouseClick(newNote, Qt::LeftButton);
    typeNote(QStringLiteral("First"), QStringLiteral("one"));
    QCOMPARE(save->text(), QStringLiteral("Sa&ve New Note"));
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(notes->noteCount(), before + 1);
    // Saved: the editor now edits that note, and the list shows which.
    QVERIFY(notes->editingId() != 0);
    QCOMPARE(save->text(), QStringLiteral("Sa&ve Changes"));
    auto *list = child<QListWidget>(window.get(), "notesList");
    QVERIFY(list->currentItem());
    QCOMPARE(list->currentItem()->text(), QStringLiteral("First"));

    QTest::mouseClick(newNote, Qt::LeftButton);
    QCOMPARE(notes->editingId(), 0);
    QVERIFY(!list->currentItem());
    QCOMPARE(save->text(), QStringLiteral("Sa&ve New Note"));
    typeNote(QStringLiteral("Second"), QStringLiteral("two"));
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(notes->noteCount(), before + 2);
    QCOMPARE(handled("POST", QStringLiteral("/api/notes")), 2);
    QCOMPARE(std::count_if(requests.cbegin(), requests.cend(),
                           [](const Handled &h) { return h.method == "PUT"; }),
             0);
    QCOMPARE(list->currentItem()->text(), QStringLiteral("Second"));

    // Changing the selected note is a PUT.
    typeNote(QStringLiteral("Second, changed"), QStringLiteral("two"));
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(handled("PUT", QStringLiteral("/api/notes/%1").arg(notes->editingId())), 1);
    QTRY_COMPARE(list->currentItem()->text(), QStringLiteral("Second, changed"));
    QCOMPARE(notes->noteCount(), before + 2);
}

// A note created without the editor (the demo's tour does that) leaves the editor on a new
// note: nothing selected, and "Save New Note" creates one.
void tst_WidgetsDemo::noteCreatedElsewhereLeavesTheEditorNew()
{
    signIn();
    JwtNotesPanel *notes = window->notes();
    const int before = notes->noteCount();
    notes->createNote(QStringLiteral("From elsewhere"), QStringLiteral("body"));
    QTRY_COMPARE(notes->noteCount(), before + 1);
    QCOMPARE(notes->editingId(), 0);
    auto *list = child<QListWidget>(window.get(), "notesList");
    QVERIFY(!list->currentItem());
    QCOMPARE(child<QPushButton>(window.get(), "saveNote")->text(),
             QStringLiteral("Sa&ve New Note"));

    typeNote(QStringLiteral("Typed"), QStringLiteral("body"));
    QTest::mouseClick(child<QPushButton>(window.get(), "saveNote"), Qt::LeftButton);
    QTRY_COMPARE(notes->noteCount(), before + 2);
    QCOMPARE(handled("POST", QStringLiteral("/api/notes")), 2);
}

// After an expiry, a save waits for the sign-in and says so; Cancel leaves a signed-out
// window: no notes of the previous user, nothing editable, a visible way to sign in.
void tst_WidgetsDemo::cancelAfterExpiryShowsTheSignedOutState()
{
    signIn();
    JwtNotesPanel *notes = window->notes();
    notes->createNote(QStringLiteral("Alice's note"), QStringLiteral("private"));
    QTRY_VERIFY(notes->noteCount() > 0);
    JwtLoginPrompt *prompt = window->loginPrompt();
    QSignalSpy canceled(prompt, &JwtLoginPrompt::canceled);

    window->revokeRefreshCredential();
    QTRY_VERIFY(prompt->dialog());
    QTRY_COMPARE(window->session()->state(), JwtSession::State::Expired);
    auto *state = child<QLabel>(window.get(), "notesState");
    // The reload the revocation started waited for the refresh; now it waits for the sign-in.
    QTRY_COMPARE(state->text(), QStringLiteral("Loading the notes waits until you sign in again."));

    // The dialog is window-modal; a save sent meanwhile (as the tour's would be) is held.
    typeNote(QStringLiteral("Unsaved"), QStringLiteral("text"));
    notes->save();
    QTRY_COMPARE(state->text(), QStringLiteral("Saving “Unsaved” waits until you sign in again."));

    QTest::mouseClick(child<QPushButton>(prompt->dialog(), "cancel"), Qt::LeftButton);
    QTRY_COMPARE(canceled.count(), 1);
    QTRY_VERIFY(!prompt->dialog());

    QVERIFY(!notes->isSignedIn());
    QCOMPARE(notes->noteCount(), 0);
    QVERIFY(child<QLineEdit>(window.get(), "noteTitle")->text().isEmpty());
    QVERIFY(child<QLineEdit>(window.get(), "noteTitle")->isReadOnly());
    QVERIFY(child<QPlainTextEdit>(window.get(), "noteBody")->isReadOnly());
    QVERIFY(!child<QPushButton>(window.get(), "saveNote")->isEnabled());
    QVERIFY(!child<QPushButton>(window.get(), "reloadNotes")->isEnabled());
    QCOMPARE(state->text(), QStringLiteral("Signed out: sign in to see and edit your notes."));
    auto *signInButton = child<QPushButton>(window.get(), "notesSignIn");
    QVERIFY(signInButton->isVisible());
    QCOMPARE(handled("POST", QStringLiteral("/api/notes")), 1); // Alice's note only

    // The button opens the dialog; signing in brings the notes back.
    QTest::mouseClick(signInButton, Qt::LeftButton);
    QTRY_VERIFY(prompt->dialog());
    child<QLineEdit>(prompt->dialog(), "password")->setText(QStringLiteral("wonderland"));
    QTest::keyClick(child<QLineEdit>(prompt->dialog(), "password"), Qt::Key_Return);
    QTRY_VERIFY(notes->isSignedIn());
    QTRY_VERIFY(notes->noteCount() > 0);
    QVERIFY(!signInButton->isVisible());
}

// A long message is elided in the room left of the permanent parts, which it never overlaps;
// the whole text is the tooltip. Status tips (hovered actions) go the same way.
void tst_WidgetsDemo::statusMessagesAreElidedBesideThePermanentParts()
{
    window->resize(800, 600);
    const QString longText = QStringLiteral("The request failed: ")
            + QStringLiteral("the server did not answer in time, and a word ").repeated(6)
            + QStringLiteral("ends here.");
    window->showStatusMessage(longText, 0);
    auto *message = child<QLabel>(window.get(), "statusMessage");
    QTRY_VERIFY(message->text() != longText);
    QVERIFY(message->text().endsWith(QChar(0x2026))); // …
    QCOMPARE(message->toolTip(), longText);
    QVERIFY(message->fontMetrics().horizontalAdvance(message->text())
            <= message->contentsRect().width());
    const QList<QLabel *> labels = window->statusBar()->findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (label == message || !label->isVisible())
            continue;
        QVERIFY2(!message->geometry().intersects(label->geometry()), qPrintable(label->text()));
        QVERIFY(label->x() > message->geometry().right());
    }

    QStatusTipEvent tip(QStringLiteral("Opens the sign-in dialog."));
    QCoreApplication::sendEvent(window.get(), &tip);
    QCOMPARE(message->text(), QStringLiteral("Opens the sign-in dialog."));
    QVERIFY(message->toolTip().isEmpty()); // it fits
    QStatusTipEvent left((QString()));
    QCoreApplication::sendEvent(window.get(), &left);
    QCOMPARE(message->toolTip(), longText); // back to the message
}

// The burst's summary is the last line of the burst, after every reply's own line.
void tst_WidgetsDemo::burstSummaryComesAfterTheLastReply()
{
    signIn();
    QSignalSpy finished(window.get(), &JwtDemoWindow::burstFinished);
    window->burst();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.at(0).at(0).toInt(), 50);
    JwtEventLog *log = window->eventLog();
    int summary = -1;
    int lastReply = -1;
    for (int row = 0; row < log->count(); ++row) {
        const QString text = log->text(row);
        if (text.startsWith(QStringLiteral("Burst finished")))
            summary = row;
        else if (text.startsWith(QLatin1Char('#')) && text.contains(QStringLiteral("← HTTP 200")))
            lastReply = row;
    }
    QVERIFY(summary >= 0);
    QVERIFY(lastReply >= 0);
    QVERIFY2(
            summary > lastReply,
            qPrintable(QStringLiteral("summary at %1, a reply at %2").arg(summary).arg(lastReply)));
}

// --backend json: the same demo through the server's SimpleJWT routes.
void tst_WidgetsDemo::jsonBackend()
{
    window.reset();
    JwtDemoWindow::Options options;
    options.baseUrl = server->baseUrl();
    options.embeddedApi = server->api();
    options.json = true;
    window = std::make_unique<JwtDemoWindow>(options);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    window->start();
    signIn();
    QCOMPARE(handled("POST", QStringLiteral("/api/token/")), 1);
    QCOMPARE(handled("POST", QStringLiteral("/auth/login")), 0);

    server->authority()->expireAccessTokensNow();
    QSignalSpy finished(window.get(), &JwtDemoWindow::burstFinished);
    window->burst();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.at(0).at(0).toInt(), 50);
    QCOMPARE(handled("POST", QStringLiteral("/api/token/refresh/")), 1);
    QCOMPARE(server->authority()->counters().reuseDetections, 0);
}

QTEST_MAIN(tst_WidgetsDemo)
#include "tst_widgetsdemo.moc"
