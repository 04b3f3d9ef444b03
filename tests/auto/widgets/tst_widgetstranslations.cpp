// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// The widgets layer speaks the user's language without any code: the first dialog installs the
// library's translations for QLocale(). A process of its own, because that happens once per
// application.

#include <JwtSession/jwtsession.h>
#include <JwtSession/jwttranslations.h>
#include <JwtSessionWidgets/jwtlogindialog.h>
#include <JwtSessionWidgets/jwtloginprompt.h>

#include <QtCore/qtranslator.h>
#include <QtTest/qtest.h>
#include <QtWidgets/qlabel.h>
#include <QtWidgets/qpushbutton.h>

class tst_WidgetsTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstDialogInstallsTheUsersLanguage();
    void installReplacesTheLibraryTranslator();

private:
    static QString labelText(JwtLoginDialog *dialog, const char *name)
    {
        auto *label = dialog->findChild<QLabel *>(QLatin1String(name));
        return label ? label->text() : QString();
    }
};

void tst_WidgetsTranslations::initTestCase()
{
    // What a German desktop gives the application (LANG=de_DE.UTF-8).
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QVERIFY(JwtTranslations::isAutoInstallEnabled());
    QCOMPARE(QCoreApplication::translate("JwtLoginDialog", "&User name:"),
             QStringLiteral("&User name:"));
}

void tst_WidgetsTranslations::firstDialogInstallsTheUsersLanguage()
{
    JwtSession session;
    JwtLoginDialog dialog(&session);
    QCOMPARE(labelText(&dialog, "userNameLabel"), QStringLiteral("&Benutzername:"));
    QCOMPARE(dialog.findChild<QPushButton *>(QStringLiteral("signIn"))->text(),
             QStringLiteral("&Anmelden"));
    // The core's messages come with it: one catalog for both.
    QCOMPARE(QCoreApplication::translate("JwtSession", "Sign-in was canceled."),
             QStringLiteral("Die Anmeldung wurde abgebrochen."));

    // Once per application: a second dialog or a prompt installs nothing more.
    QTranslator *installed = JwtTranslations::autoInstall();
    QVERIFY(installed);
    JwtLoginDialog second(&session);
    JwtLoginPrompt prompt(&session);
    QCOMPARE(JwtTranslations::autoInstall(), installed);
    QCOMPARE(labelText(&second, "userNameLabel"), QStringLiteral("&Benutzername:"));
}

// An application that chooses another language replaces the library's translator with one
// call, English included; the dialog follows the change.
void tst_WidgetsTranslations::installReplacesTheLibraryTranslator()
{
    JwtSession session;
    JwtLoginDialog dialog(&session);
    QCOMPARE(labelText(&dialog, "userNameLabel"), QStringLiteral("&Benutzername:"));

    QVERIFY(JwtTranslations::install(QLocale(QLocale::French)));
    QTRY_COMPARE(labelText(&dialog, "userNameLabel"), QStringLiteral("Nom d'&utilisateur :"));

    QVERIFY(!JwtTranslations::install(QLocale(QLocale::English)));
    QTRY_COMPARE(labelText(&dialog, "userNameLabel"), QStringLiteral("&User name:"));
    QVERIFY(!JwtTranslations::autoInstall()); // the application chose: nothing comes back
    JwtLoginDialog later(&session);
    QCOMPARE(labelText(&later, "userNameLabel"), QStringLiteral("&User name:"));
}

QTEST_MAIN(tst_WidgetsTranslations)
#include "tst_widgetstranslations.moc"
