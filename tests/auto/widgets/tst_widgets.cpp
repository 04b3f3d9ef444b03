// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// The login dialog and the login prompt, driven through the keyboard and the mouse as a user
// would, against the test server; asserted on what the server saw.

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtmemorytokenstore.h>
#include <JwtSession/jwtsession.h>
#include <JwtSession/jwttranslations.h>
#include <JwtSessionWidgets/jwtlogindialog.h>
#include <JwtSessionWidgets/jwtloginprompt.h>

#include "jwtdemoauthority.h"
#include "jwtsessionfixture.h"

#include <QtCore/qtranslator.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>
#include <QtWidgets/qapplication.h>
#include <QtWidgets/qcheckbox.h>
#include <QtWidgets/qlabel.h>
#include <QtWidgets/qlineedit.h>
#include <QtWidgets/qprogressbar.h>
#include <QtWidgets/qpushbutton.h>
#include <QtWidgets/qtoolbutton.h>

#include <algorithm>
#include <map>
#include <memory>
#include <vector>

using namespace std::chrono_literals;

namespace {

template<typename T>
T *child(QWidget *dialog, const char *name)
{
    T *widget = dialog->findChild<T *>(QLatin1String(name));
    if (!widget)
        qWarning("no child %s", name);
    return widget;
}

// Types into the dialog like a user: click into the field, type, then press Enter in the
// password field.
void typeCredentials(JwtLoginDialog *dialog, const QString &user, const QString &password)
{
    auto *userEdit = child<QLineEdit>(dialog, "userName");
    auto *passwordEdit = child<QLineEdit>(dialog, "password");
    userEdit->clear();
    QTest::mouseClick(userEdit, Qt::LeftButton);
    QTest::keyClicks(userEdit, user);
    QTest::mouseClick(passwordEdit, Qt::LeftButton);
    QTest::keyClicks(passwordEdit, password);
    QTest::keyClick(passwordEdit, Qt::Key_Return);
}

} // namespace

class tst_Widgets : public QObject, private JwtSessionFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void signInByTyping();
    void wrongPasswordShowsInlineError();
    void unreachableServerIsNotAWrongPassword();
    void busyWhileSigningInAndCancelStillWorks();
    void emptyFieldsAreExplained();
    void showHidePassword();
    void rememberMeReachesTheSession_data();
    void rememberMeReachesTheSession();
    void rememberMeOnlyWithATokenStore();
    void minimumWidthIsApplied();
    void tabOrderAndAccessibleNames();
    void promptOnceForManyWaitingRequests_data();
    void promptOnceForManyWaitingRequests();
    void promptSetsHoldPolicy();
    void translations_data();
    void translations();

private:
    void signIn();
    void showWindow();

    std::unique_ptr<QWidget> window;
    QTranslator *translator = nullptr;
};

void tst_Widgets::init()
{
    QVERIFY2(setUp(SignIn::No), qPrintable(errorString()));
}

void tst_Widgets::cleanup()
{
    if (translator) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
        translator = nullptr;
    }
    window.reset(); // and with it the prompt and its dialog
    tearDown();
}

void tst_Widgets::signIn()
{
    QSignalSpy succeeded(session.get(), &JwtSession::signInSucceeded);
    session->signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QVERIFY(succeeded.wait(10000));
    QCOMPARE(session->state(), JwtSession::State::Active);
}

void tst_Widgets::showWindow()
{
    window = std::make_unique<QWidget>();
    window->resize(640, 480);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
}

void tst_Widgets::signInByTyping()
{
    JwtLoginDialog dialog(session.get());
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    typeCredentials(&dialog, QStringLiteral("alice"), QStringLiteral("wonderland"));

    QTRY_COMPARE(accepted.count(), 1);
    QVERIFY(session->isSignedIn());
    QCOMPARE(session->userName(), QStringLiteral("alice"));
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(!dialog.isVisible());
    QVERIFY(dialog.password().isEmpty()); // not kept once used
    QCOMPARE(server->count(QStringLiteral("/auth/login")), 1);
}

void tst_Widgets::wrongPasswordShowsInlineError()
{
    JwtLoginDialog dialog(session.get());
    QSignalSpy errorChanged(&dialog, &JwtLoginDialog::errorMessageChanged);
    QSignalSpy finished(&dialog, &QDialog::finished);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    typeCredentials(&dialog, QStringLiteral("alice"), QStringLiteral("guessed"));

    QTRY_VERIFY(!dialog.isBusy() && !dialog.errorMessage().isEmpty());
    auto *error = child<QLabel>(&dialog, "error");
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("The user name or password is incorrect."));
    QCOMPARE(dialog.errorMessage(), error->text());
    QVERIFY(dialog.isVisible());
    QCOMPARE(finished.count(), 0);
    QVERIFY(!session->isSignedIn());
    QCOMPARE(server->count(QStringLiteral("/auth/login")), 1);
    // The user corrects the password in place; the fields are usable again.
    auto *password = child<QLineEdit>(&dialog, "password");
    QVERIFY(password->isEnabled());
    QCOMPARE(password->selectedText(), QStringLiteral("guessed"));

    QTest::keyClicks(password, QStringLiteral("wonderland")); // replaces the selection
    QTest::keyClick(password, Qt::Key_Enter);
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toInt(), int(QDialog::Accepted));
    QVERIFY(session->isSignedIn());
    QVERIFY(error->isHidden());
}

// A server that cannot be reached is not the user's mistake: the dialog says so, and keeps
// the password as typed for another try; the session's own words are the tooltip.
void tst_Widgets::unreachableServerIsNotAWrongPassword()
{
    server->setRouteHandler(QStringLiteral("/public/down"), [](const JwtDemoRequest &) {
        JwtDemoResponse response;
        response.status = 503;
        response.setHeader("Content-Type", "text/html");
        response.body = "<html>maintenance</html>";
        return response;
    });
    refresher->setLoginUrl(server->url(QStringLiteral("/public/down")));
    JwtLoginDialog dialog(session.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    typeCredentials(&dialog, QStringLiteral("alice"), QStringLiteral("wonderland"));

    QTRY_VERIFY(!dialog.isBusy() && !dialog.errorMessage().isEmpty());
    auto *error = child<QLabel>(&dialog, "error");
    QCOMPARE(error->text(),
             QStringLiteral("The server could not be reached. Check the connection and try "
                            "again."));
    QVERIFY(!error->toolTip().isEmpty());
    auto *password = child<QLineEdit>(&dialog, "password");
    QCOMPARE(password->text(), QStringLiteral("wonderland"));
    QVERIFY(password->selectedText().isEmpty());
    QVERIFY(dialog.isVisible());

    // A form error is the dialog's own: the server's words of the last failure do not stay.
    password->clear();
    dialog.accept();
    QCOMPARE(error->text(), QStringLiteral("Enter your password."));
    QVERIFY(error->toolTip().isEmpty());
}

void tst_Widgets::busyWhileSigningInAndCancelStillWorks()
{
    server->setStall(QStringLiteral("/auth/login"), true);
    JwtLoginDialog dialog(session.get());
    QSignalSpy busy(&dialog, &JwtLoginDialog::busyChanged);
    QSignalSpy rejected(&dialog, &QDialog::rejected);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));

    typeCredentials(&dialog, QStringLiteral("alice"), QStringLiteral("wonderland"));

    QCOMPARE(busy.count(), 1);
    QVERIFY(dialog.isBusy());
    for (const char *name : {"userName", "password", "showPassword", "rememberMe", "signIn"})
        QVERIFY2(!child<QWidget>(&dialog, name)->isEnabled(), name);
    QVERIFY(child<QProgressBar>(&dialog, "busy")->isVisible());
    auto *cancel = child<QPushButton>(&dialog, "cancel");
    QVERIFY(cancel->isEnabled());
    QTRY_COMPARE(server->count(QStringLiteral("/auth/login")), 1);

    QTest::keyClick(&dialog, Qt::Key_Escape);
    QCOMPARE(rejected.count(), 1);
    QVERIFY(!dialog.isVisible());
    QVERIFY(!dialog.isBusy());
    QVERIFY(!session->isSignedIn());
}

void tst_Widgets::emptyFieldsAreExplained()
{
    JwtLoginDialog dialog(session.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *user = child<QLineEdit>(&dialog, "userName");
    QTest::keyClick(user, Qt::Key_Return);
    QCOMPARE(dialog.errorMessage(), QStringLiteral("Enter your user name."));
    QTest::keyClicks(user, QStringLiteral("alice"));
    QTest::keyClick(user, Qt::Key_Return);
    QCOMPARE(dialog.errorMessage(), QStringLiteral("Enter your password."));
    QVERIFY(dialog.isVisible());
    QCOMPARE(server->count(QStringLiteral("/auth/login")), 0);
}

void tst_Widgets::showHidePassword()
{
    JwtLoginDialog dialog(session.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *password = child<QLineEdit>(&dialog, "password");
    auto *toggle = child<QToolButton>(&dialog, "showPassword");
    QCOMPARE(password->echoMode(), QLineEdit::Password);
    const QString showName = toggle->accessibleName();
    QTest::mouseClick(toggle, Qt::LeftButton);
    QCOMPARE(password->echoMode(), QLineEdit::Normal);
    QVERIFY(toggle->accessibleName() != showName); // "Hide password" now
    QTest::mouseClick(toggle, Qt::LeftButton);
    QCOMPARE(password->echoMode(), QLineEdit::Password);
}

void tst_Widgets::rememberMeReachesTheSession_data()
{
    QTest::addColumn<bool>("check");
    QTest::newRow("checked") << true;
    QTest::newRow("unchecked") << false;
}

void tst_Widgets::rememberMeReachesTheSession()
{
    QFETCH(bool, check);
    JwtMemoryTokenStore store;
    session->setTokenStore(&store); // remembering can work: the check box is shown
    session->setRememberMe(!check); // the dialog starts from the session's value
    JwtLoginDialog dialog(session.get());
    QCOMPARE(dialog.rememberMe(), !check);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *box = child<QCheckBox>(&dialog, "rememberMe");
    QTest::mouseClick(box, Qt::LeftButton, {}, box->rect().bottomLeft() + QPoint(8, -4));
    QCOMPARE(dialog.rememberMe(), check);

    typeCredentials(&dialog, QStringLiteral("alice"), QStringLiteral("wonderland"));
    QTRY_VERIFY(session->isSignedIn());
    QCOMPARE(session->rememberMe(), check);
    session->signOut();
    session->setTokenStore(nullptr);
}

// Ticking "remember me" does nothing without a token store: the box is shown only with one, and
// a hidden box never changes the session's setting.
void tst_Widgets::rememberMeOnlyWithATokenStore()
{
    JwtLoginDialog dialog(session.get());
    QSignalSpy visibleChanged(&dialog, &JwtLoginDialog::rememberMeVisibleChanged);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *box = child<QCheckBox>(&dialog, "rememberMe");
    QVERIFY(!box->isVisible());
    QVERIFY(!dialog.isRememberMeVisible());

    JwtMemoryTokenStore store;
    session->setTokenStore(&store);
    QVERIFY(box->isVisible());
    QCOMPARE(visibleChanged.count(), 1);
    QCOMPARE(visibleChanged.at(0).at(0).toBool(), true);

    // The application decides, then hands the decision back.
    dialog.setRememberMeVisible(false);
    QVERIFY(!box->isVisible());
    dialog.resetRememberMeVisible();
    QVERIFY(box->isVisible());
    session->setTokenStore(nullptr);
    QVERIFY(!box->isVisible());
    QCOMPARE(visibleChanged.count(), 4);

    // Signing in with the box hidden leaves the session's choice alone.
    session->setRememberMe(true);
    dialog.setRememberMe(false);
    typeCredentials(&dialog, QStringLiteral("alice"), QStringLiteral("wonderland"));
    QTRY_VERIFY(session->isSignedIn());
    QVERIFY(session->rememberMe());

    // A plain form shows it only when the application asks.
    JwtLoginDialog form;
    QVERIFY(!form.isRememberMeVisible());
    form.setRememberMeVisible(true);
    QVERIFY(form.isRememberMeVisible());
}

// The dialog keeps its minimum width once its layout is active: the expiry message the prompt
// shows wraps into two lines, not three.
void tst_Widgets::minimumWidthIsApplied()
{
    showWindow();
    auto *prompt = new JwtLoginPrompt(session.get(), window.get());
    signIn();
    server->authority()->revokeAllRefreshTokens();
    server->authority()->expireAccessTokensNow();
    std::unique_ptr<QNetworkReply> reply(
            manager->get(QNetworkRequest(server->url(QStringLiteral("/api/notes")))));
    QTRY_VERIFY(prompt->dialog());
    JwtLoginDialog *dialog = prompt->dialog();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(dialog->minimumWidth(), 440);
    QCOMPARE_GE(dialog->width(), 440);
    auto *message = child<QLabel>(dialog, "message");
    QVERIFY(message->isVisible());
    const int lineHeight = message->fontMetrics().lineSpacing();
    QCOMPARE_LE(message->height(), 2 * lineHeight + message->margin() * 2 + 2);
    dialog->reject();
}

void tst_Widgets::tabOrderAndAccessibleNames()
{
    JwtMemoryTokenStore store;
    session->setTokenStore(&store); // with the "remember me" check box
    JwtLoginDialog dialog(session.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));

    const QList<const char *> order = {"userName",   "password", "showPassword",
                                       "rememberMe", "signIn",   "cancel"};
    child<QWidget>(&dialog, order.first())->setFocus();
    for (qsizetype i = 0; i < order.size(); ++i) {
        QWidget *expected = child<QWidget>(&dialog, order.at(i));
        QTRY_COMPARE(QApplication::focusWidget(), expected);
        if (i + 1 < order.size())
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    }

    // Every control a user can reach has a name and a description for screen readers.
    const QList<QWidget *> widgets = dialog.findChildren<QWidget *>();
    int checked = 0;
    for (QWidget *widget : widgets) {
        if (widget->focusPolicy() == Qt::NoFocus || !widget->isVisibleTo(&dialog))
            continue;
        ++checked;
        QVERIFY2(!widget->accessibleName().isEmpty(), widget->metaObject()->className());
        QVERIFY2(!widget->accessibleDescription().isEmpty(), widget->metaObject()->className());
    }
    QCOMPARE(checked, order.size());
    // Labels lead to their fields (Alt+U, Alt+P).
    QCOMPARE(child<QLabel>(&dialog, "userNameLabel")->buddy(), child<QWidget>(&dialog, "userName"));
    QCOMPARE(child<QLabel>(&dialog, "passwordLabel")->buddy(), child<QWidget>(&dialog, "password"));
    session->setTokenStore(nullptr);
}

void tst_Widgets::promptOnceForManyWaitingRequests_data()
{
    QTest::addColumn<bool>("signInAgain");
    QTest::newRow("sign in again") << true;
    QTest::newRow("cancel") << false;
}

void tst_Widgets::promptOnceForManyWaitingRequests()
{
    QFETCH(bool, signInAgain);
    constexpr int Requests = 10;
    showWindow();
    auto *prompt = new JwtLoginPrompt(session.get(), window.get());
    QSignalSpy shown(prompt, &JwtLoginPrompt::dialogShown);
    QSignalSpy canceled(prompt, &JwtLoginPrompt::canceled);
    QSignalSpy queued(manager.get(), &JwtAccessManager::replyQueued);
    signIn();
    server->resetRecording();

    server->authority()->revokeAllRefreshTokens();
    server->authority()->expireAccessTokensNow();
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    std::map<QNetworkReply *, int> finishedCount;
    for (int i = 0; i < Requests; ++i) {
        replies.emplace_back(
                manager->get(QNetworkRequest(server->url(QStringLiteral("/api/notes")))));
        QNetworkReply *reply = replies.back().get();
        connect(reply, &QNetworkReply::finished, this,
                [&finishedCount, reply] { ++finishedCount[reply]; });
    }

    // Every request waits (first for the refresh, then for a sign-in), and one dialog asks.
    QTRY_COMPARE(shown.count(), 1);
    QTRY_COMPARE(queued.count(), Requests);
    QTRY_COMPARE(session->state(), JwtSession::State::Expired);
    QCOMPARE(server->refreshCalls(), 1);
    JwtLoginDialog *dialog = prompt->dialog();
    QVERIFY(dialog);
    QCOMPARE(shown.at(0).at(0).value<JwtLoginDialog *>(), dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(dialog->parentWidget(), window.get());
    QCOMPARE(dialog->windowModality(), Qt::WindowModal);
    QCOMPARE(dialog->userName(), QStringLiteral("alice")); // the user who was signed in
    QVERIFY(!dialog->message().isEmpty());
    QVERIFY(std::none_of(replies.begin(), replies.end(),
                         [](const auto &reply) { return reply->isFinished(); }));

    if (signInAgain) {
        typeCredentials(dialog, QStringLiteral("alice"), QStringLiteral("wonderland"));
    } else {
        QTest::mouseClick(child<QPushButton>(dialog, "cancel"), Qt::LeftButton);
    }
    QTRY_VERIFY(std::all_of(replies.begin(), replies.end(),
                            [](const auto &reply) { return reply->isFinished(); }));
    QTRY_VERIFY(!prompt->dialog());

    for (const auto &reply : replies) {
        QCOMPARE(finishedCount[reply.get()], 1);
        if (signInAgain) {
            QCOMPARE(reply->error(), QNetworkReply::NoError);
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        } else {
            QCOMPARE(reply->error(), QNetworkReply::AuthenticationRequiredError);
        }
    }
    QCOMPARE(shown.count(), 1);
    QCOMPARE(canceled.count(), signInAgain ? 0 : 1);
    QCOMPARE(server->count(QStringLiteral("/auth/login")), signInAgain ? 1 : 0);
    QCOMPARE(server->refreshCalls(), 1);
    // The attempts handed to Qt were refused (the manager's attempt window held the others
    // back); after a sign-in each request went out once more.
    const QList<JwtRecordedRequest> seen = server->requests();
    const int refused = int(std::count_if(seen.cbegin(), seen.cend(), [](const auto &r) {
        return r.path == QStringLiteral("/api/notes") && r.status == 401;
    }));
    QVERIFY2(refused >= 1 && refused <= Requests, QByteArray::number(refused));
    QCOMPARE(server->count(QStringLiteral("/api/notes")),
             signInAgain ? refused + Requests : refused);
    QCOMPARE(session->isSignedIn(), signInAgain);
}

void tst_Widgets::promptSetsHoldPolicy()
{
    showWindow();
    QCOMPARE(session->expiryPolicy(), JwtSession::ExpiryPolicy::FailWaiting);
    auto *prompt = new JwtLoginPrompt(session.get(), window.get());
    QCOMPARE(session->expiryPolicy(), JwtSession::ExpiryPolicy::HoldForSignIn);
    QCOMPARE(prompt->parent(), window.get());
    QCOMPARE(prompt->window(), window.get());

    // prompt() is for start-up: no second dialog while one is open.
    QSignalSpy shown(prompt, &JwtLoginPrompt::dialogShown);
    prompt->prompt();
    prompt->prompt();
    QCOMPARE(shown.count(), 1);
    QVERIFY(prompt->dialog()->message().isEmpty()); // nothing expired: the default text
    QTest::keyClick(prompt->dialog(), Qt::Key_Escape);
    QTRY_VERIFY(!prompt->dialog());
}

void tst_Widgets::translations_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("expired");
    QTest::addColumn<QString>("userLabel");
    QTest::addColumn<QString>("signIn");
    QTest::newRow("de") << QStringLiteral("de")
                        << QStringLiteral("Ihre Sitzung ist abgelaufen. Bitte melden Sie sich "
                                          "erneut an.")
                        << QStringLiteral("&Benutzername:") << QStringLiteral("&Anmelden");
    QTest::newRow("fr") << QStringLiteral("fr")
                        << QStringLiteral("Votre session a expiré. Veuillez vous reconnecter.")
                        << QStringLiteral("Nom d'&utilisateur :")
                        << QStringLiteral("Se &connecter");
}

void tst_Widgets::translations()
{
    QFETCH(QString, language);
    QFETCH(QString, expired);
    QFETCH(QString, userLabel);
    QFETCH(QString, signIn);
    QVERIFY(JwtTranslations::availableLanguages().contains(language));

    // A dialog that exists before the translator is installed follows the language change.
    JwtLoginDialog dialog(session.get());
    QCOMPARE(child<QLabel>(&dialog, "userNameLabel")->text(), QStringLiteral("&User name:"));
    translator = JwtTranslations::install(QLocale(language));
    QVERIFY(translator);
    QTRY_COMPARE(child<QLabel>(&dialog, "userNameLabel")->text(), userLabel);
    QCOMPARE(child<QPushButton>(&dialog, "signIn")->text(), signIn);
    QVERIFY(child<QLineEdit>(&dialog, "password")->accessibleName() != QStringLiteral("Password"));

    // The message a request gets when the session expired, from the core library.
    this->signIn();
    server->authority()->revokeAllRefreshTokens();
    server->authority()->expireAccessTokensNow();
    std::unique_ptr<QNetworkReply> reply(
            manager->get(QNetworkRequest(server->url(QStringLiteral("/api/notes")))));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::AuthenticationRequiredError);
    QCOMPARE(reply->errorString(), expired);
}

QTEST_MAIN(tst_Widgets)
#include "tst_widgets.moc"
