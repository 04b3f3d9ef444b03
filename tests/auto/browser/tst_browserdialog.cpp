// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtauthorizationserver.h"
#include "jwttestserver.h"

#include <JwtSession/jwtbrowsersignin.h>
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtsession.h>
#include <JwtSessionWidgets/jwtlogindialog.h>

#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qtcpsocket.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>
#include <QtWidgets/qlineedit.h>
#include <QtWidgets/qpushbutton.h>

#include <memory>

class tst_BrowserDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void offeredOnlyWithBrowserSignIn();
    void signsInThroughTheBrowser();
    void cancelEndsTheBrowserSignIn();
    void passwordFieldsHidden();

private:
    std::unique_ptr<JwtTestServer> m_server;
    std::unique_ptr<JwtAuthorizationServer> m_auth;
    std::unique_ptr<JwtSession> m_session;
    std::unique_ptr<JwtOAuth2Refresher> m_refresher;
    JwtBrowserSignIn *m_browser = nullptr;
    QUrl m_authorizationUrl;
};

void tst_BrowserDialog::init()
{
    m_server = std::make_unique<JwtTestServer>();
    QVERIFY(m_server->listen());
    m_auth = std::make_unique<JwtAuthorizationServer>(m_server.get());
    m_refresher = std::make_unique<JwtOAuth2Refresher>();
    m_refresher->setAuthorizationEndpoint(m_auth->authorizationEndpoint());
    m_refresher->setTokenEndpoint(m_auth->tokenEndpoint());
    m_refresher->setClientId(m_auth->clientId());
    m_browser = new JwtBrowserSignIn(m_refresher.get());
    m_browser->setOpensBrowser(false);
    connect(m_browser, &JwtBrowserSignIn::authorizationUrlReady, this,
            [this](const QUrl &url) { m_authorizationUrl = url; });
    m_session = std::make_unique<JwtSession>();
    m_session->setRefresher(m_refresher.get());
    m_authorizationUrl.clear();
}

void tst_BrowserDialog::cleanup()
{
    m_session.reset();
    m_refresher.reset();
    m_browser = nullptr;
    m_auth.reset();
    m_server.reset();
}

void tst_BrowserDialog::offeredOnlyWithBrowserSignIn()
{
    JwtOAuth2Refresher plain;
    JwtSession session;
    session.setRefresher(&plain);
    JwtLoginDialog dialog(&session);
    auto *button = dialog.findChild<QPushButton *>(QStringLiteral("signInWithBrowser"));
    QVERIFY(button);
    QVERIFY(!dialog.isBrowserSignInAvailable());
    QVERIFY(button->isHidden());

    QSignalSpy available(&dialog, &JwtLoginDialog::browserSignInAvailableChanged);
    session.setRefresher(m_refresher.get());
    QCOMPARE(available.size(), 1);
    QVERIFY(dialog.isBrowserSignInAvailable());
    QVERIFY(!button->isHidden());
}

void tst_BrowserDialog::signsInThroughTheBrowser()
{
    JwtLoginDialog dialog(m_session.get());
    QSignalSpy signedIn(&dialog, &JwtLoginDialog::signedIn);
    dialog.show();
    auto *button = dialog.findChild<QPushButton *>(QStringLiteral("signInWithBrowser"));
    QVERIFY(button && button->isVisible());
    button->click();
    QVERIFY(dialog.isBusy());
    QVERIFY(m_browser->isActive());
    QVERIFY(m_authorizationUrl.isValid());

    QNetworkAccessManager browser;
    QNetworkRequest request(m_authorizationUrl);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    std::unique_ptr<QNetworkReply> reply(browser.get(request));
    QTRY_COMPARE(signedIn.size(), 1);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(m_session->isSignedIn());
    QCOMPARE(m_auth->tokenRequests().size(), 1);
    QTRY_VERIFY(reply->isFinished());
}

void tst_BrowserDialog::cancelEndsTheBrowserSignIn()
{
    JwtLoginDialog dialog(m_session.get());
    dialog.show();
    QSignalSpy failed(m_session.get(), &JwtSession::signInFailed);
    dialog.signInWithBrowser();
    QVERIFY(m_browser->isActive());
    const quint16 port = quint16(m_browser->redirectUri().port());
    dialog.reject();
    QVERIFY(!dialog.isBusy());
    QVERIFY(!m_browser->isActive());
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.constFirst().at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Canceled);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!socket.waitForConnected(5000));
}

void tst_BrowserDialog::passwordFieldsHidden()
{
    JwtLoginDialog dialog(m_session.get());
    QSignalSpy visibleChanged(&dialog, &JwtLoginDialog::passwordFieldsVisibleChanged);
    dialog.setPasswordFieldsVisible(false);
    QCOMPARE(visibleChanged.size(), 1);
    dialog.show();
    QVERIFY(!dialog.findChild<QLineEdit *>(QStringLiteral("userName"))->isVisible());
    QVERIFY(!dialog.findChild<QLineEdit *>(QStringLiteral("password"))->isVisible());
    QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("signIn"))->isVisible());
    // Enter starts the only sign-in there is.
    dialog.accept();
    QVERIFY(dialog.isBusy());
    QVERIFY(m_browser->isActive());
    dialog.reject();
}

QTEST_MAIN(tst_BrowserDialog)
#include "tst_browserdialog.moc"
