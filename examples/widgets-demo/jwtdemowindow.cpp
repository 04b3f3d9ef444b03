// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtdemowindow.h"

#include "jwtdemoapi.h"
#include "jwteventlog.h"
#include "jwtnotespanel.h"

#include <JwtSession/jwtaccessmanager.h>
#ifdef JWTSESSION_HAS_BROWSER_SIGNIN
#include <JwtSession/jwtbrowsersignin.h>
#endif
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtjsonrefresher.h>
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtsession.h>
#ifdef JWTSESSION_HAS_WEBSOCKETS
#include <JwtSession/jwtwebsocket.h>
#endif
#include <JwtSessionWidgets/jwtlogindialog.h>
#include <JwtSessionWidgets/jwtloginprompt.h>

#include <QtCore/qdatetime.h>
#include <QtCore/qtimer.h>
#include <QtGui/qaction.h>
#include <QtGui/qevent.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtWidgets/qapplication.h>
#include <QtWidgets/qboxlayout.h>
#include <QtWidgets/qframe.h>
#include <QtWidgets/qgroupbox.h>
#include <QtWidgets/qlabel.h>
#include <QtWidgets/qmenubar.h>
#include <QtWidgets/qmessagebox.h>
#include <QtWidgets/qsplitter.h>
#include <QtWidgets/qstatusbar.h>
#include <QtWidgets/qtoolbar.h>

namespace {

constexpr int BurstSize = 50;
const char IdProperty[] = "jwtDemoId";

QString verbOf(const QNetworkReply *reply)
{
    switch (reply->operation()) {
    case QNetworkAccessManager::GetOperation:
        return QStringLiteral("GET");
    case QNetworkAccessManager::PostOperation:
        return QStringLiteral("POST");
    case QNetworkAccessManager::PutOperation:
        return QStringLiteral("PUT");
    case QNetworkAccessManager::DeleteOperation:
        return QStringLiteral("DELETE");
    case QNetworkAccessManager::HeadOperation:
        return QStringLiteral("HEAD");
    default:
        return QString::fromLatin1(
                reply->request().attribute(QNetworkRequest::CustomVerbAttribute).toByteArray());
    }
}

QString formatDuration(qint64 seconds)
{
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

// The status bar's message area. QStatusBar paints temporary messages clipped, mid-word and
// under its permanent widgets; this label takes the room left of them and elides what does not
// fit, with the full text as its tooltip.
class StatusMessageLabel : public QLabel
{
public:
    explicit StatusMessageLabel(QWidget *parent) : QLabel(parent)
    {
        setObjectName(QStringLiteral("statusMessage"));
        setTextFormat(Qt::PlainText);
        setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    }

    QString fullText() const { return m_fullText; }
    void setFullText(const QString &text)
    {
        m_fullText = text;
        setAccessibleDescription(text);
        updateElided();
    }

    QSize minimumSizeHint() const override { return {0, QLabel::minimumSizeHint().height()}; }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QLabel::resizeEvent(event);
        updateElided();
    }

private:
    void updateElided()
    {
        const QString shown =
                fontMetrics().elidedText(m_fullText, Qt::ElideRight, contentsRect().width());
        setText(shown);
        setToolTip(shown == m_fullText ? QString() : m_fullText);
    }

    QString m_fullText;
};

QFrame *statusSeparator(QWidget *parent)
{
    auto *line = new QFrame(parent);
    line->setFrameShape(QFrame::VLine);
    line->setFrameShadow(QFrame::Sunken);
    return line;
}

} // namespace

struct JwtDemoWindow::Private
{
    explicit Private(JwtDemoWindow *q) : q(q) { }

    void buildSession(const Options &options);
    void buildUi();
    void buildActions();
    void connectLog(JwtDemoApi *api);
    int idOf(QNetworkReply *reply);
    void updateStatus();
    void updateStatusMessage();
    void admin(const QString &pathAndQuery, const std::function<void()> &then);
    void log(int kind, const QString &text);

    JwtDemoWindow *const q;
    void buildLiveChannel();

    QUrl baseUrl;
    QUrl liveUrl;
#ifdef JWTSESSION_HAS_WEBSOCKETS
    JwtWebSocket *live = nullptr;
#endif
    JwtSession *session = nullptr;
    JwtAccessManager *manager = nullptr;
    QNetworkAccessManager *adminManager = nullptr;
    JwtLoginPrompt *prompt = nullptr;
    JwtNotesPanel *notes = nullptr;
    JwtEventLog *eventLog = nullptr;
    QLabel *userLabel = nullptr;
    QLabel *tokenLabel = nullptr;
    QLabel *serverLabel = nullptr;
    StatusMessageLabel *messageLabel = nullptr;
    QString message; // the latest message, until its timeout
    QString hoveredTip; // the status tip of what the mouse is over, shown instead
    QTimer messageTimeout;
    QTimer countdown;
    QAction *signInAction = nullptr;
    QAction *signOutAction = nullptr;
    QAction *expireAction = nullptr;
    QAction *revokeAction = nullptr;
    QAction *outageAction = nullptr;
    QAction *burstAction = nullptr;
    int nextId = 1;
    int refreshesStarted = 0;
    int burstPending = 0;
};

void JwtDemoWindow::Private::log(int kind, const QString &text)
{
    eventLog->add(JwtEventLog::Kind(kind), text);
}

void JwtDemoWindow::Private::buildSession(const Options &options)
{
    baseUrl = options.baseUrl;
    session = new JwtSession(q);
    session->addAuthorizedOrigin(baseUrl);
    if (options.oauth) {
        auto *refresher = new JwtOAuth2Refresher(q);
        refresher->setTokenEndpoint(baseUrl.resolved(QUrl(QStringLiteral("/oauth/token"))));
        refresher->setRevocationEndpoint(baseUrl.resolved(QUrl(QStringLiteral("/oauth/revoke"))));
        refresher->setClientId(QStringLiteral("jwtsession-widgets-demo"));
#ifdef JWTSESSION_HAS_BROWSER_SIGNIN
        if (options.browser) {
            // The demo server's /oauth/authorize approves alice at once: the browser opens,
            // shows this page, and the login dialog closes signed in.
            refresher->setAuthorizationEndpoint(
                    baseUrl.resolved(QUrl(QStringLiteral("/oauth/authorize"))));
            auto *browser = new JwtBrowserSignIn(refresher);
            browser->setPageTitle(QGuiApplication::applicationDisplayName());
        }
#endif
        session->setRefresher(refresher);
    } else if (options.json) {
        // Django SimpleJWT's routes: the refresh token travels in JSON bodies.
        auto *refresher = new JwtJsonRefresher(q);
        refresher->setLoginUrl(baseUrl.resolved(QUrl(QStringLiteral("/api/token/"))));
        refresher->setRefreshUrl(baseUrl.resolved(QUrl(QStringLiteral("/api/token/refresh/"))));
        refresher->setLogoutUrl(baseUrl.resolved(QUrl(QStringLiteral("/api/token/blacklist/"))));
        refresher->setRefreshTokenRequestField(QStringLiteral("refresh"));
        session->setRefresher(refresher);
    } else {
        auto *refresher = new JwtCookieRefresher(q);
        refresher->setLoginUrl(baseUrl.resolved(QUrl(QStringLiteral("/auth/login"))));
        refresher->setRefreshUrl(baseUrl.resolved(QUrl(QStringLiteral("/auth/refresh"))));
        refresher->setLogoutUrl(baseUrl.resolved(QUrl(QStringLiteral("/auth/logout"))));
        session->setRefresher(refresher);
    }
    manager = new JwtAccessManager(session, q);
    adminManager = new QNetworkAccessManager(q);
    liveUrl = options.liveUrl;
}

// The server pushes "notes changed" over a WebSocket that carries the session's token and
// shares its refresh; the notes reload when it says so.
void JwtDemoWindow::Private::buildLiveChannel()
{
#ifdef JWTSESSION_HAS_WEBSOCKETS
    if (!liveUrl.isValid())
        return;
    QUrl origin = liveUrl;
    origin.setScheme(QStringLiteral("http"));
    session->addAuthorizedOrigin(origin);
    live = new JwtWebSocket(session, q);
    live->setUrl(liveUrl);
    QObject::connect(live, &JwtWebSocket::textMessageReceived, q, [this] {
        log(int(JwtEventLog::Kind::Server),
            JwtDemoWindow::tr("Live: the notes changed on the server; reloading"));
        notes->reload();
    });
    const auto openWhenSignedIn = [this] {
        if (session->isSignedIn() && live->state() == JwtWebSocket::State::Closed)
            live->open();
    };
    QObject::connect(session, &JwtSession::signedInChanged, q, openWhenSignedIn);
    openWhenSignedIn();
#endif
}

void JwtDemoWindow::Private::buildUi()
{
    notes = new JwtNotesPanel(manager, baseUrl, q);
    eventLog = new JwtEventLog(q);

    auto *logBox = new QGroupBox(JwtDemoWindow::tr("Event log: what the interceptor does"), q);
    auto *logLayout = new QVBoxLayout(logBox);
    logLayout->addWidget(eventLog);

    auto *splitter = new QSplitter(Qt::Vertical, q);
    splitter->addWidget(notes);
    splitter->addWidget(logBox);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    auto *central = new QWidget(q);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(splitter);
    q->setCentralWidget(central);

    userLabel = new QLabel(q);
    tokenLabel = new QLabel(q);
    serverLabel = new QLabel(q);
    userLabel->setAccessibleName(JwtDemoWindow::tr("Signed-in user"));
    tokenLabel->setAccessibleName(JwtDemoWindow::tr("Access token lifetime"));
    serverLabel->setAccessibleName(JwtDemoWindow::tr("Server"));
    serverLabel->setText(JwtDemoWindow::tr("Server: %1").arg(baseUrl.toDisplayString()));
    messageLabel = new StatusMessageLabel(q);
    messageLabel->setAccessibleName(JwtDemoWindow::tr("Status message"));
    // Messages and status tips share the stretching area on the left; the permanent parts keep
    // their room on the right, each behind a separator.
    q->statusBar()->addWidget(messageLabel, 1);
    for (QLabel *label : {serverLabel, userLabel, tokenLabel}) {
        q->statusBar()->addPermanentWidget(statusSeparator(q));
        q->statusBar()->addPermanentWidget(label);
    }
    messageTimeout.setSingleShot(true);
    QObject::connect(&messageTimeout, &QTimer::timeout, q, [this] {
        message.clear();
        updateStatusMessage();
    });
    QObject::connect(notes, &JwtNotesPanel::statusMessage, q,
                     [this](const QString &text) { q->showStatusMessage(text); });

    countdown.setInterval(250);
    QObject::connect(&countdown, &QTimer::timeout, q, [this] { updateStatus(); });
    countdown.start();
}

void JwtDemoWindow::Private::buildActions()
{
    const auto action = [this](const QString &icon, const QString &text, const QString &tip) {
        auto *a = new QAction(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)), text, q);
        a->setToolTip(tip);
        a->setStatusTip(tip);
        return a;
    };
    signInAction = action(QStringLiteral("sign-in"), JwtDemoWindow::tr("Sign &In…"),
                          JwtDemoWindow::tr("Opens the sign-in dialog."));
    signOutAction = action(QStringLiteral("sign-out"), JwtDemoWindow::tr("Sign &Out"),
                           JwtDemoWindow::tr("Ends the session and forgets the tokens."));
    expireAction = action(QStringLiteral("expire"), JwtDemoWindow::tr("&Expire Access Token Now"),
                          JwtDemoWindow::tr("The server refuses the current access token; the "
                                            "next request collects a 401, refreshes and replays."));
    revokeAction =
            action(QStringLiteral("revoke"), JwtDemoWindow::tr("&Revoke Refresh Credential"),
                   JwtDemoWindow::tr("The next refresh is rejected: the session expires and the "
                                     "sign-in dialog opens."));
    outageAction =
            action(QStringLiteral("outage"), JwtDemoWindow::tr("Simulate Server &Outage"),
                   JwtDemoWindow::tr("Refresh calls fail with 503: a transient failure, you stay "
                                     "signed in."));
    outageAction->setCheckable(true);
    burstAction = action(QStringLiteral("burst"),
                         JwtDemoWindow::tr("&Burst: %1 Parallel Requests").arg(BurstSize),
                         JwtDemoWindow::tr("Sends %1 requests at once: at most one refresh, "
                                           "every request replayed.")
                                 .arg(BurstSize));
    // Short labels for the tool bar, so that every control fits in German and French too.
    expireAction->setIconText(JwtDemoWindow::tr("Expire Token"));
    revokeAction->setIconText(JwtDemoWindow::tr("Revoke Refresh"));
    outageAction->setIconText(JwtDemoWindow::tr("Outage"));
    burstAction->setIconText(JwtDemoWindow::tr("Burst ×%1").arg(BurstSize));
    signInAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    burstAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));

    QObject::connect(signInAction, &QAction::triggered, prompt, &JwtLoginPrompt::prompt);
    QObject::connect(signOutAction, &QAction::triggered, session, &JwtSession::signOut);
    QObject::connect(expireAction, &QAction::triggered, q, [this] { q->expireAccessToken(); });
    QObject::connect(revokeAction, &QAction::triggered, q, &JwtDemoWindow::revokeRefreshCredential);
    QObject::connect(outageAction, &QAction::toggled, q, &JwtDemoWindow::setOutage);
    QObject::connect(burstAction, &QAction::triggered, q, &JwtDemoWindow::burst);

    QMenu *file = q->menuBar()->addMenu(JwtDemoWindow::tr("&Session"));
    file->addAction(signInAction);
    file->addAction(signOutAction);
    file->addSeparator();
    QAction *quit = file->addAction(JwtDemoWindow::tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *demo = q->menuBar()->addMenu(JwtDemoWindow::tr("&Demo"));
    demo->addActions({expireAction, revokeAction, outageAction, burstAction});
    demo->addSeparator();
    demo->addAction(JwtDemoWindow::tr("&Clear Event Log"), eventLog, &JwtEventLog::clear);
    QMenu *help = q->menuBar()->addMenu(JwtDemoWindow::tr("&Help"));
    help->addAction(JwtDemoWindow::tr("&About"), q, [this] {
        QMessageBox::about(q, JwtDemoWindow::tr("About JwtSession Demo"),
                           JwtDemoWindow::tr("<p><b>JwtSession Demo</b></p><p>Keeps a Qt "
                                             "application's JWT session alive: bearer tokens, "
                                             "single-flight refresh, replay.</p>"));
    });

    QToolBar *toolBar = q->addToolBar(JwtDemoWindow::tr("Demo Controls"));
    toolBar->setObjectName(QStringLiteral("demoControls"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setMovable(false);
    toolBar->addActions({signInAction, signOutAction});
    toolBar->addSeparator();
    toolBar->addActions({expireAction, revokeAction, outageAction, burstAction});
}

int JwtDemoWindow::Private::idOf(QNetworkReply *reply)
{
    const QVariant known = reply->property(IdProperty);
    if (known.isValid())
        return known.toInt();
    const int id = nextId++;
    reply->setProperty(IdProperty, id);
    QObject::connect(reply, &QNetworkReply::finished, q, [this, reply, id] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() == QNetworkReply::NoError) {
            log(int(JwtEventLog::Kind::Response),
                JwtDemoWindow::tr("#%1 ← HTTP %2 %3").arg(id).arg(status).arg(reply->url().path()));
        } else {
            log(int(JwtEventLog::Kind::Failure),
                JwtDemoWindow::tr("#%1 failed: %2").arg(id).arg(reply->errorString()));
        }
    });
    return id;
}

void JwtDemoWindow::Private::connectLog(JwtDemoApi *api)
{
    using Kind = JwtEventLog::Kind;
    QObject::connect(manager, &JwtAccessManager::aboutToSend, q,
                     [this](QNetworkReply *reply, QNetworkRequest *request) {
                         const int id = idOf(reply);
                         const QString what =
                                 QStringLiteral("%1 %2").arg(verbOf(reply), request->url().path());
                         log(int(Kind::Request),
                             session->isSignedIn()
                                     ? JwtDemoWindow::tr("#%1 → %2 (token generation %3)")
                                               .arg(id)
                                               .arg(what)
                                               .arg(session->tokenGeneration())
                                     : JwtDemoWindow::tr("#%1 → %2 (no token)").arg(id).arg(what));
                     });
    QObject::connect(manager, &JwtAccessManager::authorizationFailed, q,
                     [this](QNetworkReply *reply, int status) {
                         log(int(Kind::Refused),
                             JwtDemoWindow::tr("#%1 ← HTTP %2: the access token was refused "
                                               "(hidden from the caller)")
                                     .arg(idOf(reply))
                                     .arg(status));
                     });
    QObject::connect(manager, &JwtAccessManager::replyQueued, q, [this](QNetworkReply *reply) {
        const bool held = session->state() == JwtSession::State::Expired;
        log(int(Kind::Waiting),
            held ? JwtDemoWindow::tr("#%1 is held until you sign in again").arg(idOf(reply))
                 : JwtDemoWindow::tr("#%1 waits for the refresh").arg(idOf(reply)));
    });
    QObject::connect(manager, &JwtAccessManager::replyReplayed, q, [this](QNetworkReply *reply) {
        log(int(Kind::Replay),
            JwtDemoWindow::tr("#%1 is replayed with the new token").arg(idOf(reply)));
    });

    QObject::connect(session, &JwtSession::refreshStarted, q, [this] {
        ++refreshesStarted;
        log(int(Kind::Refresh),
            JwtDemoWindow::tr("Refresh started (one call for every waiting request)"));
    });
    QObject::connect(session, &JwtSession::refreshSucceeded, q, [this] {
        log(int(Kind::Refresh),
            JwtDemoWindow::tr("Refresh succeeded: token generation %1, valid until %2")
                    .arg(session->tokenGeneration())
                    .arg(JwtEventLog::formatTime(
                            session->accessTokenExpiresAt().toLocalTime().time())));
    });
    QObject::connect(session, &JwtSession::refreshFailed, q,
                     [this](JwtSession::FailureKind kind, const QString &message) {
                         if (kind == JwtSession::FailureKind::Rejected) {
                             log(int(Kind::Failure),
                                 JwtDemoWindow::tr("Refresh rejected: %1").arg(message));
                             return;
                         }
                         log(int(Kind::Failure),
                             JwtDemoWindow::tr("Refresh failed transiently: %1 You stay signed "
                                               "in as %2; a later request tries again.")
                                     .arg(message, session->userName()));
                     });
    QObject::connect(session, &JwtSession::sessionExpired, q, [this] {
        log(int(Kind::Failure),
            JwtDemoWindow::tr("Session expired: the sign-in dialog opens, waiting requests are "
                              "held until then"));
    });
    QObject::connect(session, &JwtSession::signInSucceeded, q, [this] {
        log(int(Kind::Success), JwtDemoWindow::tr("Signed in as %1").arg(session->userName()));
    });
    QObject::connect(session, &JwtSession::signInFailed, q,
                     [this](JwtSession::FailureKind, const QString &message) {
                         log(int(Kind::Failure),
                             JwtDemoWindow::tr("Sign-in failed: %1").arg(message));
                     });
    QObject::connect(session, &JwtSession::signedOut, q,
                     [this] { log(int(Kind::Demo), JwtDemoWindow::tr("Signed out")); });
    QObject::connect(prompt, &JwtLoginPrompt::canceled, q, [this] {
        log(int(Kind::Failure),
            JwtDemoWindow::tr("Sign-in canceled: held requests fail, nothing is replayed"));
    });

    if (api) {
        QObject::connect(api, &JwtDemoApi::requestHandled, q,
                         [this](const QByteArray &method, const QString &path, int status) {
                             log(int(Kind::Server),
                                 JwtDemoWindow::tr("server: %1 %2 → %3")
                                         .arg(QString::fromLatin1(method), path)
                                         .arg(status));
                         });
    }
}

void JwtDemoWindow::Private::updateStatus()
{
    const bool signedIn = session->isSignedIn();
    userLabel->setText(signedIn ? JwtDemoWindow::tr("Signed in as %1").arg(session->userName())
                                : JwtDemoWindow::tr("Not signed in"));
    signInAction->setEnabled(!signedIn);
    signOutAction->setEnabled(signedIn);
    for (QAction *a : {expireAction, revokeAction, burstAction})
        a->setEnabled(signedIn && burstPending == 0);

    QString token;
    if (session->state() == JwtSession::State::Refreshing) {
        token = JwtDemoWindow::tr("Access token: refreshing…");
    } else if (!signedIn) {
        token = JwtDemoWindow::tr("Access token: none");
    } else if (!session->accessTokenExpiresAt().isValid()) {
        token = JwtDemoWindow::tr("Access token: lifetime unknown");
    } else {
        const qint64 left = QDateTime::currentDateTimeUtc().secsTo(session->accessTokenExpiresAt());
        token = left >= 0 ? JwtDemoWindow::tr("Access token: %1 left").arg(formatDuration(left))
                          : JwtDemoWindow::tr("Access token: expired");
    }
    tokenLabel->setText(token);
}

void JwtDemoWindow::Private::updateStatusMessage()
{
    messageLabel->setFullText(hoveredTip.isEmpty() ? message : hoveredTip);
}

void JwtDemoWindow::Private::admin(const QString &pathAndQuery, const std::function<void()> &then)
{
    QNetworkRequest request(baseUrl.resolved(QUrl(pathAndQuery)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/plain"));
    QNetworkReply *reply = adminManager->post(request, QByteArray());
    QObject::connect(reply, &QNetworkReply::finished, q, [this, reply, pathAndQuery, then] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError) {
            log(int(JwtEventLog::Kind::Failure),
                JwtDemoWindow::tr("The server did not accept %1: %2")
                        .arg(pathAndQuery, reply->errorString()));
        } else if (then) {
            then();
        }
        Q_EMIT q->adminCallFinished();
    });
}

JwtDemoWindow::JwtDemoWindow(const Options &options, QWidget *parent)
    : QMainWindow(parent), d(std::make_unique<Private>(this))
{
    // The application's display name, translated by main(): a title that differs from it would
    // get it appended ("JwtSession-Demo — JwtSession Demo").
    setWindowTitle(QGuiApplication::applicationDisplayName());
    d->buildSession(options);
    d->prompt = new JwtLoginPrompt(d->session, this);
    d->buildUi();
    d->buildActions();
    d->connectLog(options.embeddedApi);
    d->buildLiveChannel();

    connect(d->prompt, &JwtLoginPrompt::dialogShown, this, [this](JwtLoginDialog *dialog) {
        if (dialog->message().isEmpty())
            dialog->setMessage(tr("Sign in to %1.\nDemo accounts: alice (password “wonderland”), "
                                  "bob (password “builder”).")
                                       .arg(d->baseUrl.authority()));
    });
    // While the sign-in dialog asks after an expiry, the notes stay as they are and a save waits
    // for the sign-in; once the user signs out or cancels, the panel shows the signed-out state.
    connect(d->session, &JwtSession::signedInChanged, this, [this](bool signedIn) {
        if (signedIn) {
            d->notes->setSignedIn(true);
            d->notes->reload();
        } else if (d->session->state() == JwtSession::State::SignedOut) {
            d->notes->setSignedIn(false);
        }
    });
    connect(d->prompt, &JwtLoginPrompt::canceled, this, [this] {
        if (!d->session->isSignedIn())
            d->notes->setSignedIn(false);
    });
    connect(d->notes, &JwtNotesPanel::signInRequested, d->prompt, &JwtLoginPrompt::prompt);
    connect(d->manager, &JwtAccessManager::replyQueued, this, [this](QNetworkReply *reply) {
        if (d->session->state() == JwtSession::State::Expired)
            d->notes->markHeld(reply);
    });
    // Requests that waited for the refresh now wait for the sign-in.
    connect(d->session, &JwtSession::sessionExpired, d->notes, &JwtNotesPanel::markPendingHeld);
    d->updateStatus();
    resize(1040, 760);
}

JwtDemoWindow::~JwtDemoWindow()
{
    // Requests still waiting finish when their manager goes. Let that happen while the panels
    // and the status bar they report to still exist, not in the middle of ~QMainWindow.
    delete std::exchange(d->manager, nullptr);
}

JwtSession *JwtDemoWindow::session() const
{
    return d->session;
}

QNetworkAccessManager *JwtDemoWindow::networkAccessManager() const
{
    return d->manager;
}

JwtLoginPrompt *JwtDemoWindow::loginPrompt() const
{
    return d->prompt;
}

JwtNotesPanel *JwtDemoWindow::notes() const
{
    return d->notes;
}

JwtEventLog *JwtDemoWindow::eventLog() const
{
    return d->eventLog;
}

bool JwtDemoWindow::isBurstRunning() const
{
    return d->burstPending > 0;
}

void JwtDemoWindow::showStatusMessage(const QString &message, int timeout)
{
    d->message = message;
    if (timeout > 0)
        d->messageTimeout.start(timeout);
    else
        d->messageTimeout.stop();
    d->updateStatusMessage();
}

bool JwtDemoWindow::event(QEvent *event)
{
    // QMainWindow would hand status tips to QStatusBar::showMessage(): clipped, over the
    // permanent parts, and hiding the message area. They go to the message area instead.
    if (event->type() == QEvent::StatusTip) {
        d->hoveredTip = static_cast<QStatusTipEvent *>(event)->tip();
        d->updateStatusMessage();
        return true;
    }
    return QMainWindow::event(event);
}

void JwtDemoWindow::start()
{
    d->notes->setSignedIn(false);
    d->log(int(JwtEventLog::Kind::Demo),
           tr("Demo started against %1").arg(d->baseUrl.toDisplayString()));
    d->prompt->prompt();
}

void JwtDemoWindow::expireAccessToken(bool thenReload)
{
    d->admin(QStringLiteral("/admin/expire-access"), [this, thenReload] {
        if (!thenReload) {
            d->log(int(JwtEventLog::Kind::Demo),
                   tr("The server now refuses every access token issued so far"));
            return;
        }
        d->log(int(JwtEventLog::Kind::Demo),
               tr("The server now refuses every access token issued so far; reloading the "
                  "notes"));
        d->notes->reload();
    });
}

void JwtDemoWindow::revokeRefreshCredential()
{
    d->admin(QStringLiteral("/admin/revoke-refresh"), [this] {
        d->admin(QStringLiteral("/admin/expire-access"), [this] {
            d->log(int(JwtEventLog::Kind::Demo),
                   tr("The server revoked the refresh credential and expired the access token; "
                      "reloading the notes"));
            d->notes->reload();
        });
    });
}

void JwtDemoWindow::setOutage(bool on)
{
    if (d->outageAction->isChecked() != on) {
        d->outageAction->setChecked(on); // toggled() calls back here
        return;
    }
    const QString path = QStringLiteral("/admin/outage?on=%1").arg(on ? 1 : 0);
    d->admin(path, [this, on] {
        if (!on) {
            d->log(int(JwtEventLog::Kind::Demo), tr("Outage over: refresh calls work again"));
            return;
        }
        d->admin(QStringLiteral("/admin/expire-access"), [this] {
            d->log(int(JwtEventLog::Kind::Demo),
                   tr("Outage: refresh calls now fail with 503, and the access token was "
                      "expired; reloading the notes"));
            d->notes->reload();
        });
    });
}

void JwtDemoWindow::burst()
{
    if (d->burstPending > 0)
        return;
    // A refresh already in flight is the one the burst's requests wait for: it counts.
    const int refreshesBefore = d->refreshesStarted - (d->session->isRefreshing() ? 1 : 0);
    d->burstPending = BurstSize;
    d->log(int(JwtEventLog::Kind::Demo), tr("Burst: sending %1 requests at once").arg(BurstSize));
    auto succeeded = std::make_shared<int>(0);
    const QUrl url = d->baseUrl.resolved(QUrl(QStringLiteral("/api/notes")));
    for (int i = 0; i < BurstSize; ++i) {
        QNetworkReply *reply = d->manager->get(QNetworkRequest(url));
        connect(reply, &QNetworkReply::finished, this, [this, reply, succeeded, refreshesBefore] {
            reply->deleteLater();
            if (reply->error() == QNetworkReply::NoError)
                ++*succeeded;
            if (--d->burstPending > 0)
                return;
            // After the last reply's own line, which a slot connected later writes.
            QMetaObject::invokeMethod(
                    this,
                    [this, succeeded, refreshesBefore] {
                        d->log(int(*succeeded == BurstSize ? JwtEventLog::Kind::Success
                                                           : JwtEventLog::Kind::Failure),
                               tr("Burst finished: %1 of %2 requests succeeded; refresh calls "
                                  "during the burst: %3")
                                       .arg(*succeeded)
                                       .arg(BurstSize)
                                       .arg(d->refreshesStarted - refreshesBefore));
                        d->updateStatus();
                        Q_EMIT burstFinished(*succeeded, BurstSize);
                    },
                    Qt::QueuedConnection);
        });
    }
    d->updateStatus();
}
