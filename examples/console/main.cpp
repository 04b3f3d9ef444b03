// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// A console walkthrough of JwtSession against the embedded demo auth server: sign in, let the
// access token expire, fire concurrent requests (one refresh, every request replayed), then
// revoke the refresh credential and watch the session expire.

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtjsonrefresher.h>
#include <JwtSession/jwtoauth2refresher.h>
#include <JwtSession/jwtsession.h>

#include "jwtdemoauthority.h"
#include "jwtdemoserver.h"
#include "timeline.h"

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qmetaobject.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qnetworkreply.h>

#include <functional>
#include <memory>
#include <vector>

using namespace std::chrono_literals;

namespace {

// Runs the event loop until \a done or \a timeout; a walkthrough reads best as a straight line.
bool waitUntil(const std::function<bool()> &done, std::chrono::milliseconds timeout = 30s)
{
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    poll.start(5);
    if (!done())
        loop.exec();
    return done();
}

void pause(std::chrono::milliseconds duration)
{
    QEventLoop loop;
    QTimer::singleShot(duration, &loop, &QEventLoop::quit);
    loop.exec();
}

struct Burst
{
    int succeeded = 0;
    int authErrors = 0;
    int otherErrors = 0;
};

Burst fire(JwtAccessManager *manager, const QUrl &url, int count, int firstId)
{
    std::vector<QNetworkReply *> replies;
    for (int i = 0; i < count; ++i) {
        QNetworkReply *reply = manager->get(QNetworkRequest(url));
        reply->setProperty("walkthroughId", firstId + i);
        replies.push_back(reply);
    }
    waitUntil([&] {
        return std::all_of(replies.begin(), replies.end(),
                           [](QNetworkReply *r) { return r->isFinished(); });
    });
    Burst burst;
    for (QNetworkReply *reply : replies) {
        if (reply->error() == QNetworkReply::NoError)
            ++burst.succeeded;
        else if (reply->error() == QNetworkReply::AuthenticationRequiredError)
            ++burst.authErrors;
        else
            ++burst.otherErrors;
        reply->deleteLater();
    }
    return burst;
}

// The refresher for one of the demo server's three shapes: the HttpOnly refresh cookie, the
// refresh token in a JSON body (Django SimpleJWT's routes), or the OAuth 2 token endpoint.
std::unique_ptr<JwtRefresher> makeRefresher(const QString &backend, const QUrl &base)
{
    const auto at = [&](const char *path) {
        return base.resolved(QUrl(QLatin1String(path)));
    };
    if (backend == QLatin1String("json")) {
        auto refresher = std::make_unique<JwtJsonRefresher>();
        refresher->setLoginUrl(at("/api/token/"));
        refresher->setRefreshUrl(at("/api/token/refresh/"));
        refresher->setRefreshTokenRequestField(QStringLiteral("refresh"));
        return refresher;
    }
    if (backend == QLatin1String("oauth")) {
        auto refresher = std::make_unique<JwtOAuth2Refresher>();
        refresher->setTokenEndpoint(at("/oauth/token"));
        refresher->setClientId(QStringLiteral("jwtsession-console"));
        return refresher;
    }
    if (backend != QLatin1String("cookie"))
        return nullptr;
    auto refresher = std::make_unique<JwtCookieRefresher>();
    refresher->setLoginUrl(at("/auth/login"));
    refresher->setRefreshUrl(at("/auth/refresh"));
    return refresher;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("jwtsession-console"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("JwtSession walkthrough against an embedded demo auth server."));
    parser.addHelpOption();
    QCommandLineOption requestsOption(QStringLiteral("requests"),
                                      QStringLiteral("Concurrent requests after expiry."),
                                      QStringLiteral("n"), QStringLiteral("50"));
    QCommandLineOption lifetimeOption(QStringLiteral("lifetime"),
                                      QStringLiteral("Access token lifetime in seconds."),
                                      QStringLiteral("s"), QStringLiteral("2"));
    QCommandLineOption backendOption(
            QStringLiteral("backend"),
            QStringLiteral("How the session is renewed: cookie (HttpOnly refresh cookie), json "
                           "(refresh token in a JSON body, Django SimpleJWT's routes) or oauth "
                           "(OAuth 2 token endpoint)."),
            QStringLiteral("kind"), QStringLiteral("cookie"));
    parser.addOption(requestsOption);
    parser.addOption(lifetimeOption);
    parser.addOption(backendOption);
    parser.process(app);
    const int requests = qBound(1, parser.value(requestsOption).toInt(), 10000);
    const double lifetime = qBound(0.2, parser.value(lifetimeOption).toDouble(), 60.0);

    JwtDemoServer server;
    if (!server.listen()) {
        qCritical("Could not start the demo server on loopback.");
        return 1;
    }
    server.authority()->setAccessTokenLifetime(std::chrono::milliseconds(qint64(lifetime * 1000)));
    const QUrl base = server.baseUrl();

    const std::unique_ptr<JwtRefresher> refresher =
            makeRefresher(parser.value(backendOption), base);
    if (!refresher) {
        qCritical("Unknown backend \"%s\": use cookie, json or oauth.",
                  qUtf8Printable(parser.value(backendOption)));
        return 2;
    }
    JwtSession session;
    session.setRefresher(refresher.get());
    session.addAuthorizedOrigin(base);
    // This walkthrough shows what happens when a token does expire. By default the session
    // refreshes ahead of expiry (refreshLeeway) so that requests never see a 401; turn that off.
    session.setRefreshLeeway(std::chrono::milliseconds(0));
    JwtAccessManager manager(&session);

    Timeline timeline;
    timeline.watch(&manager);
    timeline.watch(&session);
    timeline.watch(server.api());

    timeline.heading(QStringLiteral("Demo server on %1 (%2 backend); signing in as alice")
                             .arg(base.toString(), parser.value(backendOption)));
    session.signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    if (!waitUntil([&] { return session.isSignedIn(); })) {
        qCritical("Sign-in failed.");
        return 1;
    }
    timeline.print(QStringLiteral("session"),
                   QStringLiteral("signed in as %1; access token expires at %2 (never printed)")
                           .arg(session.userName(),
                                session.accessTokenExpiresAt().toLocalTime().toString(
                                        QStringLiteral("HH:mm:ss.zzz"))));

    timeline.heading(QStringLiteral("Waiting %1 s for the access token to expire "
                                    "(proactive refresh is off for this walkthrough)")
                             .arg(lifetime));
    pause(std::chrono::milliseconds(qint64(lifetime * 1000) + 300));

    const QUrl me = base.resolved(QUrl(QStringLiteral("/api/me")));
    timeline.heading(
            QStringLiteral("Firing %1 concurrent requests with the expired token").arg(requests));
    const int refreshesBefore = server.authority()->counters().refreshCalls;
    const Burst burst = fire(&manager, me, requests, 1);
    const int refreshes = server.authority()->counters().refreshCalls - refreshesBefore;
    timeline.print(QStringLiteral("result"),
                   QStringLiteral("%1/%2 succeeded; the server saw %3 refresh call(s)")
                           .arg(burst.succeeded)
                           .arg(requests)
                           .arg(refreshes));

    timeline.heading(QStringLiteral("Revoking the refresh credential on the server"));
    server.authority()->revokeAllRefreshTokens();
    server.authority()->expireAccessTokensNow();
    const Burst after = fire(&manager, me, 5, requests + 1);
    timeline.print(QStringLiteral("result"),
                   QStringLiteral("%1 of 5 requests failed with AuthenticationRequiredError; "
                                  "state is %2")
                           .arg(after.authErrors)
                           .arg(QLatin1String(QMetaEnum::fromType<JwtSession::State>().valueToKey(
                                   int(session.state())))));

    const bool ok = burst.succeeded == requests && refreshes == 1 && after.authErrors == 5;
    timeline.heading(ok ? QStringLiteral("Walkthrough complete.")
                        : QStringLiteral("Walkthrough finished with unexpected results."));
    return ok ? 0 : 1;
}
