// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtauthorizationserver.h"
#include "jwtdemoauthority.h"
#include "jwtpkce_p.h"
#include "jwttestserver.h"

#include <JwtSession/jwtbrowsersignin.h>
#include <JwtSession/jwtmemorytokenstore.h>
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtsession.h>

#ifdef JWTSESSION_TEST_QML
#include <JwtSession/jwtqmlsession.h>
#endif

#include <QtCore/qurlquery.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

using namespace std::chrono_literals;

namespace {

// What the "browser" (a QNetworkAccessManager following redirects) ended on.
struct BrowserVisit
{
    bool finished = false;
    int status = 0;
    QUrl finalUrl;
    QList<QUrl> redirects;
    QByteArray body;
};

// Whether nothing listens on 127.0.0.1:port any more.
bool refusesConnections(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (socket.waitForConnected(5000))
        return false;
    return socket.error() == QAbstractSocket::ConnectionRefusedError;
}

} // namespace

class tst_BrowserSignIn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void signInWithPkce();
    void passwordGrantStillAvailable();
    void successUrlRedirect();
    void tamperedVerifier();
    void accessDenied();
    void wrongState();
    void reusedCode();
    void timeout();
    void cancel();
    void cancelBySignOut();
    void portTaken();
    void relativeEndpoints_data();
    void relativeEndpoints();
    void discovery();
    void discoveryWithoutRevocationEndpointClearsIt();
    void discoveryIssuerMismatch_data();
    void discoveryIssuerMismatch();
    void qmlSession();

private:
    // Starts a browser sign-in through the session; returns the authorization URL.
    QUrl startSignIn();
    // Opens \a url in the "browser" and waits until its last page arrived.
    BrowserVisit visit(const QUrl &url);
    quint16 listenerPort() const { return quint16(m_redirectUri.port()); }

    std::unique_ptr<JwtTestServer> m_server;
    std::unique_ptr<JwtAuthorizationServer> m_auth;
    std::unique_ptr<JwtSession> m_session;
    std::unique_ptr<JwtOAuth2Refresher> m_refresher;
    JwtBrowserSignIn *m_browser = nullptr; // owned by the refresher
    QList<QUrl> m_authorizationUrls;
    QUrl m_redirectUri;
};

void tst_BrowserSignIn::init()
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
    m_browser->setTimeout(20s);
    m_browser->setPageTitle(QStringLiteral("Notes"));
    connect(m_browser, &JwtBrowserSignIn::authorizationUrlReady, this,
            [this](const QUrl &url) { m_authorizationUrls.append(url); });
    connect(m_browser, &JwtBrowserSignIn::activeChanged, this, [this](bool active) {
        if (active)
            m_redirectUri = m_browser->redirectUri();
    });
    m_session = std::make_unique<JwtSession>();
    m_session->setRefresher(m_refresher.get());
    m_session->addAuthorizedOrigin(m_server->url());
    m_authorizationUrls.clear();
    m_redirectUri.clear();
}

void tst_BrowserSignIn::cleanup()
{
    m_session.reset();
    m_refresher.reset(); // and the browser sign-in with it
    m_browser = nullptr;
    m_auth.reset();
    m_server.reset();
}

QUrl tst_BrowserSignIn::startSignIn()
{
    m_session->signIn(QString(), QString());
    return m_authorizationUrls.value(0);
}

BrowserVisit tst_BrowserSignIn::visit(const QUrl &url)
{
    QNetworkAccessManager browser;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply *reply = browser.get(request);
    BrowserVisit visit;
    connect(reply, &QNetworkReply::redirected, this,
            [&visit](const QUrl &to) { visit.redirects.append(to); });
    QSignalSpy finished(reply, &QNetworkReply::finished);
    visit.finished = finished.wait(15000);
    visit.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    visit.finalUrl = reply->url();
    visit.body = reply->readAll();
    delete reply;
    return visit;
}

void tst_BrowserSignIn::signInWithPkce()
{
    auto store = std::make_unique<JwtMemoryTokenStore>();
    m_session->setTokenStore(store.get());
    m_session->setRememberMe(true);
    m_refresher->setScope(QStringLiteral("openid offline_access"));
    m_refresher->setAudience(QStringLiteral("https://api.example.com"));
    m_refresher->setResource(QUrl(QStringLiteral("https://api.example.com/notes")));
    QSignalSpy succeeded(m_session.get(), &JwtSession::signInSucceeded);
    QSignalSpy failed(m_session.get(), &JwtSession::signInFailed);
    QSignalSpy saved(store.get(), &JwtTokenStore::saved);

    const QUrl url = startSignIn();
    QVERIFY(m_browser->isActive());
    QCOMPARE(m_authorizationUrls.size(), 1);
    // RFC 8252 §7.3, §8.3: the IP literal the listener bound, with the port it got.
    QCOMPARE(m_redirectUri.scheme(), QStringLiteral("http"));
    QCOMPARE(m_redirectUri.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(m_redirectUri.port() > 0);
    QCOMPARE(m_redirectUri.path(), QStringLiteral("/callback"));

    const BrowserVisit page = visit(url);
    QVERIFY(page.finished);
    QTRY_COMPARE(succeeded.size(), 1);
    QCOMPARE(failed.size(), 0);
    QVERIFY(m_session->isSignedIn());
    QCOMPARE(m_session->userName(), m_auth->user());

    // What the authorization server saw. The visit's GET can reach it twice: under load, Qt's
    // HTTP client was seen sending the request again on the same keep-alive connection (two
    // reads of the same bytes), as a browser may repeat a GET. What the library controls is
    // that one URL: every authorization the server saw carries its state and challenge, and
    // only one code is exchanged.
    const auto authorizations = m_auth->authorizations();
    QVERIFY(!authorizations.isEmpty());
    const auto authorization = authorizations.constFirst();
    for (const auto &repeated : authorizations) {
        QCOMPARE(repeated.error, QString());
        QCOMPARE(repeated.state, authorization.state);
        QCOMPARE(repeated.codeChallenge, authorization.codeChallenge);
        QCOMPARE(repeated.redirectUri, authorization.redirectUri);
    }
    QCOMPARE(authorization.error, QString());
    QCOMPARE(authorization.responseType, QStringLiteral("code"));
    QCOMPARE(authorization.clientId, m_auth->clientId());
    QCOMPARE(authorization.redirectUri, m_redirectUri.toString());
    QCOMPARE(authorization.codeChallengeMethod, QStringLiteral("S256"));
    QCOMPARE(authorization.codeChallenge.size(), 43);
    QVERIFY(authorization.state.size() >= 32);
    QCOMPARE(authorization.scope, QStringLiteral("openid offline_access"));
    QCOMPARE(authorization.audience, QStringLiteral("https://api.example.com"));
    QCOMPARE(authorization.resource, QStringLiteral("https://api.example.com/notes"));
    QCOMPARE(m_auth->tokenRequests().size(), 1);
    const auto exchange = m_auth->tokenRequests().constFirst();
    QCOMPARE(exchange.error, QString());
    QCOMPARE(exchange.redirectUri, authorization.redirectUri);
    QCOMPARE(QString::fromLatin1(JwtPkce::challengeS256(exchange.codeVerifier.toLatin1())),
             authorization.codeChallenge);
    QCOMPARE(exchange.resource, QStringLiteral("https://api.example.com/notes"));

    // The browser went to the listener with the code and the state echoed, and got our page.
    QCOMPARE(page.redirects.size(), 1);
    const QUrlQuery redirectQuery(page.redirects.constFirst());
    QCOMPARE(page.redirects.constFirst().port(), m_redirectUri.port());
    QCOMPARE(redirectQuery.queryItemValue(QStringLiteral("state")), authorization.state);
    QCOMPARE(redirectQuery.queryItemValue(QStringLiteral("code")), exchange.code);
    QCOMPARE(page.status, 200);
    QVERIFY2(page.body.contains("<title>Notes</title>"), page.body.constData());
    QVERIFY2(page.body.contains("You are signed in."), page.body.constData());

    // Like any sign-in: remembered, then refreshed with rotation at the same token endpoint.
    QVERIFY(saved.size() == 1 || saved.wait(5000));
    QSignalSpy loaded(store.get(), &JwtTokenStore::loaded);
    store->load();
    QTRY_COMPARE(loaded.size(), 1);
    QCOMPARE(loaded.constFirst().constFirst().toByteArray(), m_session->refreshToken());
    const QByteArray firstRefreshToken = m_session->refreshToken();
    const int refreshesBefore = m_server->authority()->counters().refreshCalls;
    QSignalSpy refreshed(m_session.get(), &JwtSession::refreshSucceeded);
    m_session->refresh();
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(m_server->authority()->counters().refreshCalls, refreshesBefore + 1);
    QVERIFY(m_session->refreshToken() != firstRefreshToken);

    QVERIFY(!m_browser->isActive());
    QVERIFY(refusesConnections(listenerPort()));
}

void tst_BrowserSignIn::passwordGrantStillAvailable()
{
    QSignalSpy succeeded(m_session.get(), &JwtSession::signInSucceeded);
    m_session->signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    QVERIFY(succeeded.wait(5000));
    QVERIFY(m_authorizationUrls.isEmpty());
    QVERIFY(m_auth->tokenRequests().isEmpty());
    QCOMPARE(m_server->authority()->counters().logins, 1);
}

void tst_BrowserSignIn::successUrlRedirect()
{
    const QUrl successUrl = m_server->url(QStringLiteral("/public/echo?signed-in"));
    m_browser->setSuccessUrl(successUrl);
    QSignalSpy succeeded(m_session.get(), &JwtSession::signInSucceeded);
    const BrowserVisit page = visit(startSignIn());
    QVERIFY(page.finished);
    QTRY_COMPARE(succeeded.size(), 1);
    QCOMPARE(page.redirects.size(), 2);
    QCOMPARE(page.finalUrl, successUrl);
    QVERIFY(refusesConnections(listenerPort()));
}

void tst_BrowserSignIn::tamperedVerifier()
{
    m_auth->setTamperChallenge(true);
    QSignalSpy failed(m_session.get(), &JwtSession::signInFailed);
    const BrowserVisit page = visit(startSignIn());
    QVERIFY(page.finished);
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.constFirst().at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Rejected);
    QVERIFY(failed.constFirst().at(1).toString().contains(QStringLiteral("invalid_grant")));
    QCOMPARE(m_auth->tokenRequests().size(), 1);
    QCOMPARE(m_auth->tokenRequests().constFirst().error, QStringLiteral("invalid_grant"));
    QVERIFY(!m_session->isSignedIn());
    QCOMPARE(page.status, 400);
    QVERIFY2(page.body.contains("The sign-in failed"), page.body.constData());
    QVERIFY(refusesConnections(listenerPort()));
}

void tst_BrowserSignIn::accessDenied()
{
    m_auth->setDecision(JwtAuthorizationServer::Decision::Deny);
    QSignalSpy failed(m_session.get(), &JwtSession::signInFailed);
    const BrowserVisit page = visit(startSignIn());
    QVERIFY(page.finished);
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.constFirst().at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Rejected);
    QVERIFY(failed.constFirst().at(1).toString().contains(QStringLiteral("access_denied")));
    QCOMPARE(m_auth->authorizations().constFirst().error, QStringLiteral("access_denied"));
    QVERIFY(m_auth->tokenRequests().isEmpty());
    QCOMPARE(page.status, 400);
    QVERIFY2(page.body.contains("declined"), page.body.constData());
    QVERIFY(refusesConnections(listenerPort()));
}

void tst_BrowserSignIn::wrongState()
{
    m_auth->setForgedState(QStringLiteral("forged-by-another-site"));
    QSignalSpy failed(m_session.get(), &JwtSession::signInFailed);
    const BrowserVisit page = visit(startSignIn());
    QVERIFY(page.finished);
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.constFirst().at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Malformed);
    QVERIFY(failed.constFirst().at(1).toString().contains(QStringLiteral("state")));
    QVERIFY(m_auth->tokenRequests().isEmpty()); // the code was never used
    QVERIFY(!m_session->isSignedIn());
    QCOMPARE(page.status, 400);
    QVERIFY(refusesConnections(listenerPort()));
}

void tst_BrowserSignIn::reusedCode()
{
    QSignalSpy succeeded(m_session.get(), &JwtSession::signInSucceeded);
    const BrowserVisit page = visit(startSignIn());
    QVERIFY(page.finished);
    QTRY_COMPARE(succeeded.size(), 1);
    const auto exchange = m_auth->tokenRequests().constFirst();

    // The redirect replayed to the application: nobody listens any more.
    QVERIFY(refusesConnections(quint16(page.redirects.constFirst().port())));

    // The code replayed at the token endpoint, verifier and all: single use.
    QNetworkAccessManager attacker;
    QNetworkRequest request(m_auth->tokenEndpoint());
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
    form.addQueryItem(QStringLiteral("code"), exchange.code);
    form.addQueryItem(QStringLiteral("redirect_uri"),
                      QString::fromLatin1(QUrl::toPercentEncoding(exchange.redirectUri)));
    form.addQueryItem(QStringLiteral("code_verifier"), exchange.codeVerifier);
    form.addQueryItem(QStringLiteral("client_id"), exchange.clientId);
    QNetworkReply *reply = attacker.post(request, form.toString(QUrl::FullyEncoded).toLatin1());
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
    QVERIFY(reply->readAll().contains("invalid_grant"));
    delete reply;
    QCOMPARE(m_auth->tokenRequests().size(), 2);
    QCOMPARE(m_auth->tokenRequests().at(1).error, QStringLiteral("invalid_grant"));
}

void tst_BrowserSignIn::timeout()
{
    m_browser->setTimeout(150ms);
    QSignalSpy failed(m_session.get(), &JwtSession::signInFailed);
    startSignIn(); // nobody opens the URL
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.constFirst().at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Transient);
    QVERIFY(!m_browser->isActive());
    QVERIFY(m_auth->authorizations().isEmpty());
    QVERIFY(refusesConnections(listenerPort()));
}

void tst_BrowserSignIn::cancel()
{
    QSignalSpy failed(m_session.get(), &JwtSession::signInFailed);
    QSignalSpy active(m_browser, &JwtBrowserSignIn::activeChanged);
    startSignIn();
    QCOMPARE(active.size(), 1);
    m_browser->cancel();
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.constFirst().at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Canceled);
    QCOMPARE(active.size(), 2);
    QVERIFY(!m_browser->isActive());
    QVERIFY(refusesConnections(listenerPort()));
    // A new sign-in works afterwards, on a new listener.
    QSignalSpy succeeded(m_session.get(), &JwtSession::signInSucceeded);
    m_authorizationUrls.clear();
    QVERIFY(visit(startSignIn()).finished);
    QTRY_COMPARE(succeeded.size(), 1);
}

void tst_BrowserSignIn::cancelBySignOut()
{
    QSignalSpy failed(m_session.get(), &JwtSession::signInFailed);
    const QUrl url = startSignIn();
    m_session->signOut();
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.constFirst().at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Canceled);
    QVERIFY(!m_browser->isActive());
    QVERIFY(refusesConnections(listenerPort()));
    // The user finishes in the browser after all: the redirect finds nobody.
    const BrowserVisit page = visit(url);
    QVERIFY(page.finished);
    QVERIFY(m_auth->tokenRequests().isEmpty());
    QVERIFY(!m_session->isSignedIn());
}

void tst_BrowserSignIn::portTaken()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost));
    m_browser->setPort(squatter.serverPort());
    QSignalSpy failed(m_session.get(), &JwtSession::signInFailed);
    startSignIn();
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.constFirst().at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Transient);
    QVERIFY(failed.constFirst().at(1).toString().contains(QString::number(squatter.serverPort())));
    QVERIFY(m_authorizationUrls.isEmpty());
    QVERIFY(!m_browser->isActive());
}

void tst_BrowserSignIn::relativeEndpoints_data()
{
    QTest::addColumn<bool>("authorization"); // which endpoint is relative: else the token's
    QTest::addColumn<bool>("withBase");
    QTest::newRow("authorization, no base") << true << false;
    QTest::newRow("token, no base") << false << false;
    QTest::newRow("authorization, resolved") << true << true;
    QTest::newRow("token, resolved") << false << true;
}

// A relative endpoint with no base is refused before the browser opens, naming it; with the
// refresher's baseUrl, the same relative endpoint is the server's, and the sign-in goes on.
void tst_BrowserSignIn::relativeEndpoints()
{
    QFETCH(bool, authorization);
    QFETCH(bool, withBase);
    const QUrl absolute = authorization ? m_auth->authorizationEndpoint() : m_auth->tokenEndpoint();
    const QUrl relative(absolute.path());
    if (withBase)
        m_refresher->setBaseUrl(absolute.resolved(QUrl(QStringLiteral("/"))));
    if (authorization)
        m_refresher->setAuthorizationEndpoint(relative);
    else
        m_refresher->setTokenEndpoint(relative);
    QSignalSpy failed(m_session.get(), &JwtSession::signInFailed);
    QSignalSpy succeeded(m_session.get(), &JwtSession::signInSucceeded);
    startSignIn();
    if (!withBase) {
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.constFirst().at(0).value<JwtSession::FailureKind>(),
                 JwtSession::FailureKind::Transient);
        QVERIFY2(failed.constFirst().at(1).toString().contains(relative.path()),
                 qPrintable(failed.constFirst().at(1).toString()));
        QVERIFY(m_authorizationUrls.isEmpty());
        QVERIFY(!m_browser->isActive());
        return;
    }
    QCOMPARE(m_authorizationUrls.size(), 1);
    QVERIFY(m_authorizationUrls.constFirst().toString().startsWith(
            m_auth->authorizationEndpoint().toString()));
    QVERIFY(visit(m_authorizationUrls.constFirst()).finished);
    QTRY_COMPARE(succeeded.size(), 1);
    QCOMPARE(m_auth->tokenRequests().size(), 1);
}

void tst_BrowserSignIn::discovery()
{
    JwtOAuth2Refresher refresher;
    QSignalSpy discovered(&refresher, &JwtOAuth2Refresher::discovered);
    QSignalSpy failed(&refresher, &JwtOAuth2Refresher::discoveryFailed);
    refresher.discover(m_auth->issuer());
    QVERIFY(discovered.wait(5000));
    QCOMPARE(failed.size(), 0);
    QCOMPARE(m_auth->discoveryRequests(), 1);
    QCOMPARE(refresher.issuer(), m_auth->issuer());
    QCOMPARE(refresher.authorizationEndpoint(), m_auth->authorizationEndpoint());
    QCOMPARE(refresher.tokenEndpoint(), m_auth->tokenEndpoint());
    QCOMPARE(refresher.revocationEndpoint(), m_server->url(QStringLiteral("/oauth/revoke")));

    // And a browser sign-in with what was discovered.
    refresher.setClientId(m_auth->clientId());
    auto *browser = new JwtBrowserSignIn(&refresher);
    browser->setOpensBrowser(false);
    QUrl url;
    connect(browser, &JwtBrowserSignIn::authorizationUrlReady, this,
            [&url](const QUrl &ready) { url = ready; });
    m_session->setRefresher(&refresher);
    QSignalSpy succeeded(m_session.get(), &JwtSession::signInSucceeded);
    m_session->signIn(QString(), QString());
    QVERIFY(visit(url).finished);
    QTRY_COMPARE(succeeded.size(), 1);
    m_session->setRefresher(nullptr);
}

// A provider without RFC 7009 (Microsoft Entra ID publishes no revocation_endpoint): an endpoint
// set before, perhaps another provider's, must not receive this provider's refresh token.
void tst_BrowserSignIn::discoveryWithoutRevocationEndpointClearsIt()
{
    m_auth->setAdvertisesRevocation(false);
    JwtOAuth2Refresher refresher;
    refresher.setRevocationEndpoint(QUrl(QStringLiteral("https://other.example/revoke")));
    QSignalSpy discovered(&refresher, &JwtOAuth2Refresher::discovered);
    QSignalSpy failed(&refresher, &JwtOAuth2Refresher::discoveryFailed);
    refresher.discover(m_auth->issuer());
    QVERIFY(discovered.wait(5000));
    QCOMPARE(failed.size(), 0);
    QCOMPARE(refresher.tokenEndpoint(), m_auth->tokenEndpoint());
    QVERIFY(refresher.revocationEndpoint().isEmpty());
}

void tst_BrowserSignIn::discoveryIssuerMismatch_data()
{
    QTest::addColumn<QString>("advertised");
    QTest::newRow("trailing slash") << QStringLiteral("/");
    QTest::newRow("another realm") << QStringLiteral("/../other");
    QTest::newRow("another host") << QStringLiteral("https://login.example.com/public/oidc");
}

void tst_BrowserSignIn::discoveryIssuerMismatch()
{
    QFETCH(QString, advertised);
    const QString issued = advertised.startsWith(QLatin1String("https:"))
            ? advertised
            : m_auth->issuer().toString() + advertised;
    m_auth->setAdvertisedIssuer(issued);
    JwtOAuth2Refresher refresher;
    QSignalSpy discovered(&refresher, &JwtOAuth2Refresher::discovered);
    QSignalSpy failed(&refresher, &JwtOAuth2Refresher::discoveryFailed);
    refresher.discover(m_auth->issuer());
    QVERIFY(failed.wait(5000));
    QCOMPARE(discovered.size(), 0);
    QCOMPARE(m_auth->discoveryRequests(), 1);
    const QString message = failed.constFirst().constFirst().toString();
    QVERIFY2(message.contains(m_auth->issuer().toString()) && message.contains(issued),
             qPrintable(message));
    QVERIFY(refresher.authorizationEndpoint().isEmpty());
    QVERIFY(refresher.tokenEndpoint().isEmpty());
    QVERIFY(refresher.issuer().isEmpty());
}

void tst_BrowserSignIn::qmlSession()
{
#ifdef JWTSESSION_TEST_QML
    // QML's Session is a JwtSession: configured like one, with browser sign-in in one call.
    JwtQmlSession qml;
    QSignalSpy availability(&qml, &JwtQmlSession::browserSignInAvailableChanged);
    QSignalSpy succeeded(&qml, &JwtSession::signInSucceeded);
    QSignalSpy failed(&qml, &JwtSession::signInFailed);
    QVERIFY(!qml.isBrowserSignInAvailable());
    qml.signInWithBrowser(); // nothing to sign in with: fails at once, and says so
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Rejected);
    failed.clear();

    qml.setRefresher(m_refresher.get());
    qml.addAuthorizedOrigin(m_server->url());
    QVERIFY(qml.isBrowserSignInAvailable());
    QCOMPARE(availability.size(), 1);

    qml.signInWithBrowser();
    QVERIFY(m_browser->isActive());
    qml.cancelBrowserSignIn();
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.at(0).at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Canceled);
    QVERIFY(!m_browser->isActive());

    m_authorizationUrls.clear();
    qml.signInWithBrowser();
    QVERIFY(visit(m_authorizationUrls.value(0)).finished);
    QTRY_COMPARE(succeeded.size(), 1);
    QCOMPARE(m_auth->tokenRequests().size(), 1);
    QVERIFY(qml.isSignedIn());

    JwtOAuth2Refresher plain;
    qml.setRefresher(&plain);
    QVERIFY(!qml.isBrowserSignInAvailable());
    QCOMPARE(availability.size(), 2);
    qml.setRefresher(nullptr);
#else
    QSKIP("built without the QML module");
#endif
}

QTEST_GUILESS_MAIN(tst_BrowserSignIn)
#include "tst_browsersignin.moc"
