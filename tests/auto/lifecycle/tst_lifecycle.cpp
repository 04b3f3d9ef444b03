// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// The request life cycle of DESIGN.md, rule by rule, asserted on what the server saw.

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtrefreshjob.h>
#include <JwtSession/jwtsession.h>

#include "jwtdemoauthority.h"
#include "jwtsessionfixture.h"

#include <QtCore/qcryptographichash.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qpointer.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>
#include <vector>

using namespace std::chrono_literals;

namespace {

QJsonObject jsonOf(QNetworkReply *reply)
{
    return QJsonDocument::fromJson(reply->readAll()).object();
}

} // namespace

class tst_Lifecycle : public QObject, private JwtSessionFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void headerOnlyOnAuthorizedOrigins();
    void optOutAttribute();
    void refreshAndReplay();
    void storm();
    void refreshGoesAheadOfQueuedRequests();
    void refreshStartsAheadOfQueuedEvents();
    void lateRefusalOfOldGenerationReplaysWithoutRefresh();
    void requestsDuringRefreshWaitForTheNewToken();
    void refusedReplayIsAnAuthorizationError();
    void rejectedRefreshExpiresOnce();
    void rejectedBodyAndHeadersNeverVisible();
    void finishedExactlyOnce();
    void insufficientScopeNeverRefreshes_data();
    void insufficientScopeNeverRefreshes();
    void customStatusAndPredicate();
    void refusedBodyIsNeverReadable();
    void hooksAmendEveryAttempt();
    void streamingDownloadInPieces();
    void downloadProgress_data();
    void downloadProgress();
    void deleteReplyInsideItsSignals_data();
    void deleteReplyInsideItsSignals();
    void autoDeleteReplies();
    void transferTimeoutIsATimeout();
    void abortInEachState_data();
    void abortInEachState();
    void closeCancelsARunningReply();
    void deleteReplyWhileWaiting();
    void deleteManagerWithPendingWork();
    void deleteSessionWithWaitingReplies();
    void customRefreshThroughSignal();
    void malformedRefreshAnswerKeepsSession();
    void invalidTokensAreRefused();

private:
    QNetworkReply *get(const QString &path, QNetworkAccessManager *manager = nullptr);
    void serveBodyCodedExpiry();
};

void tst_Lifecycle::init()
{
    QVERIFY2(setUp(), qPrintable(errorString()));
}

void tst_Lifecycle::cleanup()
{
    tearDown();
}

QNetworkReply *tst_Lifecycle::get(const QString &path, QNetworkAccessManager *via)
{
    return (via ? via : manager.get())->get(QNetworkRequest(server->url(path)));
}

void tst_Lifecycle::headerOnlyOnAuthorizedOrigins()
{
    JwtTestServer other(server->authority());
    QVERIFY(other.listen());
    const QByteArray authorizedHost = "127.0.0.1:" + QByteArray::number(server->port());
    const QByteArray sameHostOtherPort = "127.0.0.1:" + QByteArray::number(other.port());
    const QByteArray otherHostSamePort = "localhost:" + QByteArray::number(server->port());

    std::unique_ptr<QNetworkReply> authorized(get(QStringLiteral("/echo")));
    std::unique_ptr<QNetworkReply> otherPort(
            manager->get(QNetworkRequest(other.url(QStringLiteral("/public/echo")))));
    std::unique_ptr<QNetworkReply> otherHost(manager->get(QNetworkRequest(
            server->urlForHost(QStringLiteral("localhost"), QStringLiteral("/public/echo")))));
    QVERIFY(waitAll({authorized.get(), otherPort.get(), otherHost.get()}));

    QCOMPARE(authorized->error(), QNetworkReply::NoError);
    QCOMPARE(server->authorizationsSeenByHost(authorizedHost), 1);
    QCOMPARE(other.authorizationsSeenByHost(sameHostOtherPort), 0);
    QCOMPARE(server->authorizationsSeenByHost(otherHostSamePort), 0);
    QCOMPARE(otherPort->error(), QNetworkReply::NoError);
    QCOMPARE(otherHost->error(), QNetworkReply::NoError);
}

void tst_Lifecycle::optOutAttribute()
{
    QNetworkRequest request(server->url(QStringLiteral("/public/echo")));
    request.setAttribute(JwtAccessManager::SkipAuthorizationAttribute, true);
    std::unique_ptr<QNetworkReply> reply(manager->get(request));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(server->countWithAuthorization(), 0);

    // Opted out of refresh too: an expired token's 401 reaches the caller as it is.
    server->authority()->expireAccessTokensNow();
    QNetworkRequest protectedRequest(server->url(QStringLiteral("/echo")));
    protectedRequest.setAttribute(JwtAccessManager::SkipAuthorizationAttribute, true);
    std::unique_ptr<QNetworkReply> refused(manager->get(protectedRequest));
    QTRY_VERIFY(refused->isFinished());
    QCOMPARE(refused->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
    QCOMPARE(server->refreshCalls(), 0);
}

void tst_Lifecycle::refreshAndReplay()
{
    server->authority()->expireAccessTokensNow();
    QSignalSpy replayed(manager.get(), &JwtAccessManager::replyReplayed);
    QSignalSpy refused(manager.get(), &JwtAccessManager::authorizationFailed);
    QSignalSpy refreshed(session.get(), &JwtSession::refreshSucceeded);
    const quint64 generationBefore = session->tokenGeneration();

    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/echo")));
    QTRY_VERIFY(reply->isFinished());

    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(jsonOf(reply.get()).value(QStringLiteral("user")).toString(), QStringLiteral("alice"));
    QCOMPARE(server->refreshCalls(), 1);
    QCOMPARE(server->unauthorizedAnswers(), 1);
    QCOMPARE(server->count(QStringLiteral("/echo")), 2);
    QCOMPARE(replayed.count(), 1);
    QCOMPARE(refused.count(), 1);
    QCOMPARE(refused.at(0).at(1).toInt(), 401);
    QCOMPARE(refreshed.count(), 1);
    QVERIFY(session->tokenGeneration() > generationBefore);
    QCOMPARE(session->state(), JwtSession::State::Active);
}

void tst_Lifecycle::storm()
{
    constexpr int Requests = 200;
    server->authority()->expireAccessTokensNow();
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    std::vector<QNetworkReply *> raw;
    for (int i = 0; i < Requests; ++i) {
        replies.emplace_back(get(QStringLiteral("/echo")));
        raw.push_back(replies.back().get());
    }
    QVERIFY(waitAll(raw, 60000));
    int succeeded = 0;
    for (QNetworkReply *reply : raw)
        succeeded += reply->error() == QNetworkReply::NoError
                && reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
    QCOMPARE(succeeded, Requests);
    QCOMPARE(server->refreshCalls(), 1);
}

// Every waiting request depends on the refresh: when it shares the application's manager, it
// goes ahead of requests already queued for the same host's connections.
void tst_Lifecycle::refreshGoesAheadOfQueuedRequests()
{
    refresher->setNetworkAccessManager(manager.get());
    constexpr int Connections = 6; // what Qt opens per host for HTTP/1.1
    constexpr int Requests = 2 * Connections;
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int i = 0; i < Requests; ++i)
        replies.emplace_back(get(QStringLiteral("/delay?ms=200")));
    QTRY_COMPARE(server->count(QStringLiteral("/delay")), Connections);
    QSignalSpy refreshed(session.get(), &JwtSession::refreshSucceeded);
    session->refresh();
    QTRY_COMPARE(refreshed.count(), 1);
    for (const auto &reply : replies)
        QTRY_VERIFY(reply->isFinished());

    const QList<JwtRecordedRequest> seen = server->requests();
    const auto refresh = std::find_if(seen.cbegin(), seen.cend(), [](const JwtRecordedRequest &r) {
        return r.path == QStringLiteral("/auth/refresh");
    });
    QVERIFY(refresh != seen.cend());
    // Right after the requests that held the connections, not behind the queue.
    QCOMPARE(std::distance(seen.cbegin(), refresh), Connections);
}

// The refresh every waiting request depends on starts before work the application (or a burst
// of requests) queued earlier on the session's thread.
void tst_Lifecycle::refreshStartsAheadOfQueuedEvents()
{
    constexpr int Queued = 200;
    QSignalSpy started(session.get(), &JwtSession::refreshStarted);
    int ranBeforeRefresh = 0;
    int ran = 0;
    connect(manager.get(), &JwtAccessManager::authorizationFailed, this, [&] {
        // Right before the refused reply asks for a refresh.
        for (int i = 0; i < Queued; ++i) {
            QMetaObject::invokeMethod(
                    this,
                    [&] {
                        ++ran;
                        if (started.isEmpty())
                            ++ranBeforeRefresh;
                    },
                    Qt::QueuedConnection);
        }
    });
    server->authority()->expireAccessTokensNow();
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/echo")));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(started.count(), 1);
    QCOMPARE(ran, Queued);
    QCOMPARE(ranBeforeRefresh, 0);
}

void tst_Lifecycle::lateRefusalOfOldGenerationReplaysWithoutRefresh()
{
    // Six slow requests occupy Qt's six connections to the server, so request A waits in Qt's
    // queue with the old token while request B (another authorized server) triggers the refresh.
    // (No attempt window: the automatic one would keep A back in the manager, where it would
    // pick up the new token before leaving.)
    manager->setMaxActiveRequestsPerOrigin(0);
    JwtTestServer second(server->authority());
    QVERIFY(second.listen());
    session->addAuthorizedOrigin(second.url());
    std::vector<std::unique_ptr<QNetworkReply>> blockers;
    for (int i = 0; i < 6; ++i)
        blockers.emplace_back(get(QStringLiteral("/delay?ms=700")));
    QTRY_COMPARE(server->count(QStringLiteral("/delay")), 6);
    server->authority()->expireAccessTokensNow();

    QSignalSpy replayed(manager.get(), &JwtAccessManager::replyReplayed);
    std::unique_ptr<QNetworkReply> a(get(QStringLiteral("/echo")));
    std::unique_ptr<QNetworkReply> b(
            manager->get(QNetworkRequest(second.url(QStringLiteral("/echo")))));
    QTRY_VERIFY(b->isFinished());
    QCOMPARE(b->error(), QNetworkReply::NoError);
    QCOMPARE(server->refreshCalls(), 1);
    QVERIFY(!a->isFinished());

    QTRY_VERIFY_WITH_TIMEOUT(a->isFinished(), 10000);
    QCOMPARE(a->error(), QNetworkReply::NoError);
    QCOMPARE(server->unauthorizedAnswers(), 1); // A's late refusal
    QCOMPARE(server->refreshCalls(), 1); // and no second refresh for it
    QCOMPARE(replayed.count(), 2);
}

void tst_Lifecycle::requestsDuringRefreshWaitForTheNewToken()
{
    server->setRefreshDelay(400ms);
    server->authority()->expireAccessTokensNow();
    QSignalSpy queued(manager.get(), &JwtAccessManager::replyQueued);
    std::unique_ptr<QNetworkReply> first(get(QStringLiteral("/echo")));
    QTRY_COMPARE(session->state(), JwtSession::State::Refreshing);

    std::vector<std::unique_ptr<QNetworkReply>> later;
    std::vector<QNetworkReply *> raw {first.get()};
    for (int i = 0; i < 10; ++i) {
        later.emplace_back(get(QStringLiteral("/echo")));
        raw.push_back(later.back().get());
    }
    QTRY_COMPARE(queued.count(), 11); // never inside get(): see JwtAccessManager::aboutToSend
    QVERIFY(waitAll(raw));
    for (QNetworkReply *reply : raw)
        QCOMPARE(reply->error(), QNetworkReply::NoError);
    // Only the first request ever reached the server with the stale token.
    QCOMPARE(server->unauthorizedAnswers(), 1);
    QCOMPARE(server->count(QStringLiteral("/echo")), 12);
    QCOMPARE(server->refreshCalls(), 1);
}

void tst_Lifecycle::refusedReplayIsAnAuthorizationError()
{
    // A route that refuses every token: the replay is refused too.
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/status?code=401&body=no")));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::AuthenticationRequiredError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
    QCOMPARE(server->refreshCalls(), 1);
    QCOMPARE(server->count(QStringLiteral("/status")), 2);
    QCOMPARE(session->state(), JwtSession::State::Active);
}

void tst_Lifecycle::rejectedRefreshExpiresOnce()
{
    server->authority()->revokeAllRefreshTokens();
    server->authority()->expireAccessTokensNow();
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);
    QSignalSpy failed(session.get(), &JwtSession::refreshFailed);
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    std::vector<QNetworkReply *> raw;
    for (int i = 0; i < 5; ++i) {
        replies.emplace_back(get(QStringLiteral("/echo")));
        raw.push_back(replies.back().get());
    }
    QVERIFY(waitAll(raw));
    for (QNetworkReply *reply : raw) {
        QCOMPARE(reply->error(), QNetworkReply::AuthenticationRequiredError);
        QVERIFY(reply->errorString().contains(QStringLiteral("expired")));
    }
    QCOMPARE(expired.count(), 1);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Rejected);
    QCOMPARE(session->state(), JwtSession::State::Expired);
    QVERIFY(!session->isSignedIn());
    QCOMPARE(server->refreshCalls(), 1);

    // A request after expiry goes out without a token and fails without another refresh.
    std::unique_ptr<QNetworkReply> after(get(QStringLiteral("/echo")));
    QTRY_VERIFY(after->isFinished());
    QCOMPARE(after->error(), QNetworkReply::AuthenticationRequiredError);
    QCOMPARE(server->refreshCalls(), 1);
    QCOMPARE(expired.count(), 1);
}

void tst_Lifecycle::rejectedBodyAndHeadersNeverVisible()
{
    server->authority()->expireAccessTokensNow();
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/echo")));
    QSignalSpy metaData(reply.get(), &QNetworkReply::metaDataChanged);
    QByteArray body;
    connect(reply.get(), &QIODevice::readyRead, this, [&] { body += reply->readAll(); });
    QTRY_VERIFY(reply->isFinished());
    body += reply->readAll();
    QCOMPARE(server->unauthorizedAnswers(), 1);
    QVERIFY(!body.contains("invalid_token"));
    QVERIFY(QJsonDocument::fromJson(body).object().contains(QStringLiteral("sha256")));
    QVERIFY(!reply->hasRawHeader("WWW-Authenticate"));
    QCOMPARE(metaData.count(), 1);
}

void tst_Lifecycle::finishedExactlyOnce()
{
    server->authority()->expireAccessTokensNow();
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/echo")));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QSignalSpy managerFinished(manager.get(), &QNetworkAccessManager::finished);
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY(waitForPostedEvents());
    QCOMPARE(finished.count(), 1);
    QCOMPARE(managerFinished.count(), 1);
    QCOMPARE(managerFinished.at(0).at(0).value<QNetworkReply *>(), reply.get());
    QCOMPARE(reply->request().url(), server->url(QStringLiteral("/echo")));
}

void tst_Lifecycle::insufficientScopeNeverRefreshes_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QList<int>>("codes");
    QTest::newRow("401 insufficient_scope") << 401 << QList<int> {401};
    QTest::newRow("403 insufficient_scope, 403 configured") << 403 << QList<int> {401, 403};
}

void tst_Lifecycle::insufficientScopeNeverRefreshes()
{
    QFETCH(int, status);
    QFETCH(QList<int>, codes);
    session->setAuthFailureStatusCodes(codes);
    server->setRouteHandler(QStringLiteral("/admin-only"), [status](const JwtDemoRequest &) {
        JwtDemoResponse response;
        response.status = status;
        response.setHeader("WWW-Authenticate", R"(Bearer error="insufficient_scope")");
        response.body = "scope";
        return response;
    });
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/admin-only")));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), status);
    QCOMPARE(reply->readAll(), QByteArray("scope"));
    QCOMPARE(server->refreshCalls(), 0);
}

// An API that says "token expired" with a 403 and a body code (/public/legacy), and a session
// told so; the access tokens are expired.
void tst_Lifecycle::serveBodyCodedExpiry()
{
    JwtDemoAuthority *authority = server->authority();
    server->setRouteHandler(QStringLiteral("/public/legacy"), [authority](const JwtDemoRequest &r) {
        JwtDemoResponse response;
        const bool ok = authority->verify(r.header("Authorization")).ok;
        response.status = ok ? 200 : 403;
        response.body = ok ? "data" : R"({"code":"token_expired"})";
        return response;
    });
    session->setAuthFailureStatusCodes({401, 403});
    session->setAuthFailurePredicate([](const QNetworkReply *, const QByteArray &body) {
        return body.contains("token_expired");
    });
    authority->expireAccessTokensNow();
}

void tst_Lifecycle::customStatusAndPredicate()
{
    serveBodyCodedExpiry();
    server->setRouteHandler(QStringLiteral("/public/forbidden"), [](const JwtDemoRequest &) {
        JwtDemoResponse response;
        response.status = 403;
        response.body = R"({"code":"forbidden"})";
        return response;
    });

    std::unique_ptr<QNetworkReply> expired(get(QStringLiteral("/public/legacy")));
    QTRY_VERIFY(expired->isFinished());
    QCOMPARE(expired->error(), QNetworkReply::NoError);
    QCOMPARE(expired->readAll(), QByteArray("data"));
    QCOMPARE(server->refreshCalls(), 1);

    std::unique_ptr<QNetworkReply> forbidden(get(QStringLiteral("/public/forbidden")));
    QTRY_VERIFY(forbidden->isFinished());
    QCOMPARE(forbidden->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 403);
    QCOMPARE(forbidden->readAll(), QByteArray(R"({"code":"forbidden"})"));
    QCOMPARE(server->refreshCalls(), 1);
}

// The predicate holds the refused answer's body while it decides; the caller never reads it,
// even when it reads before the reply says there is something to read.
void tst_Lifecycle::refusedBodyIsNeverReadable()
{
    serveBodyCodedExpiry();

    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/public/legacy")));
    QList<qint64> available;
    QByteArray readEarly;
    connect(manager.get(), &JwtAccessManager::authorizationFailed, this,
            [&](QNetworkReply *refused) {
                available.append(refused->bytesAvailable());
                readEarly += refused->readAll();
            });
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(available, QList<qint64> {0});
    QCOMPARE(readEarly, QByteArray());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->readAll(), QByteArray("data"));
    QCOMPARE(server->refreshCalls(), 1);
}

void tst_Lifecycle::hooksAmendEveryAttempt()
{
    QList<QByteArray> traces;
    server->setRouteHandler(QStringLiteral("/traced"), [&traces](const JwtDemoRequest &r) {
        traces.append(r.header("X-Trace"));
        JwtDemoResponse response;
        response.body = "ok";
        return response;
    });
    int attempt = 0;
    connect(manager.get(), &JwtAccessManager::aboutToSend, this,
            [&attempt](QNetworkReply *, QNetworkRequest *request) {
                request->setRawHeader("X-Trace", "attempt-" + QByteArray::number(++attempt));
            });
    server->authority()->expireAccessTokensNow();
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/traced")));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(attempt, 2);
    // The refused first attempt never reached the handler; the replay carried its own header.
    QCOMPARE(traces, QList<QByteArray> {"attempt-2"});
}

void tst_Lifecycle::streamingDownloadInPieces()
{
    constexpr qint64 Size = 8 * 1024 * 1024;
    server->authority()->expireAccessTokensNow();
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/bytes?n=%1&chunk=65536").arg(Size)));
    reply->setReadBufferSize(256 * 1024);
    QCryptographicHash received(QCryptographicHash::Sha256);
    QCryptographicHash expected(QCryptographicHash::Sha256);
    qint64 total = 0;
    int pieces = 0;
    qint64 largestAvailable = 0;
    connect(reply.get(), &QIODevice::readyRead, this, [&] {
        largestAvailable = qMax(largestAvailable, reply->bytesAvailable());
        const QByteArray piece = reply->readAll();
        received.addData(piece);
        total += piece.size();
        ++pieces;
    });
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 30000);
    const QByteArray rest = reply->readAll();
    received.addData(rest);
    total += rest.size();
    QByteArray pattern(Size, Qt::Uninitialized);
    for (qint64 i = 0; i < Size; ++i)
        pattern[i] = JwtTestServer::bytesPatternAt(i);
    expected.addData(pattern);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(total, Size);
    QCOMPARE(received.result(), expected.result());
    QVERIFY2(pieces > 8, QByteArray::number(pieces));
    QVERIFY2(largestAvailable <= 1024 * 1024, QByteArray::number(largestAvailable));
}

void tst_Lifecycle::downloadProgress_data()
{
    QTest::addColumn<bool>("expired");
    QTest::addColumn<bool>("connectLate");
    QTest::newRow("valid token") << false << false;
    QTest::newRow("replayed after a refresh") << true << false;
    QTest::newRow("connected while downloading") << false << true;
}

// The reply forwards the progress of the attempt that counts, and only while someone listens.
void tst_Lifecycle::downloadProgress()
{
    QFETCH(bool, expired);
    QFETCH(bool, connectLate);
    constexpr qint64 Size = 4 * 1024 * 1024;
    if (expired)
        server->authority()->expireAccessTokensNow();
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/bytes?n=%1&chunk=65536").arg(Size)));
    reply->setReadBufferSize(64 * 1024); // so that the download takes many steps
    QList<std::pair<qint64, qint64>> progress;
    const auto listen = [&] {
        connect(reply.get(), &QNetworkReply::downloadProgress, this,
                [&](qint64 received, qint64 total) {
                    progress.append({received, total});
                });
    };
    qint64 read = 0;
    qint64 readBeforeListening = -1;
    connect(reply.get(), &QIODevice::readyRead, this, [&] {
        if (connectLate && readBeforeListening < 0 && read > Size / 4) {
            readBeforeListening = read;
            listen();
        }
        read += reply->readAll().size();
    });
    if (!connectLate)
        listen();
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 30000);
    read += reply->readAll().size();
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(read, Size);
    // Qt throttles the signal (one per 100 ms or so): a fast download may report once, at its end.
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), std::make_pair(Size, Size));
    // Never the refused attempt's small body, never backwards.
    for (qsizetype i = 0; i < progress.size(); ++i) {
        QCOMPARE(progress.at(i).second, Size);
        if (i > 0)
            QVERIFY(progress.at(i).first >= progress.at(i - 1).first);
    }
    if (connectLate)
        QVERIFY(progress.first().first >= readBeforeListening);
    QCOMPARE(server->refreshCalls(), expired ? 1 : 0);
}

void tst_Lifecycle::deleteReplyInsideItsSignals_data()
{
    QTest::addColumn<QByteArray>("signal");
    QTest::addColumn<bool>("expired");
    for (const char *signal : {"metaDataChanged", "readyRead", "downloadProgress", "finished"}) {
        QTest::addRow("%s", signal) << QByteArray(signal) << false;
        QTest::addRow("%s after a replay", signal) << QByteArray(signal) << true;
    }
}

// Qt's documentation says deleteLater(); applications delete replies directly in their slots
// anyway. The reply and its attempt must survive that (the sanitizer stage checks memory).
void tst_Lifecycle::deleteReplyInsideItsSignals()
{
    QFETCH(QByteArray, signal);
    QFETCH(bool, expired);
    if (expired)
        server->authority()->expireAccessTokensNow();
    QPointer<QNetworkReply> reply = get(QStringLiteral("/bytes?n=200000&chunk=65536"));
    const auto remove = [&] {
        delete reply.data();
    };
    if (signal == "metaDataChanged")
        connect(reply.data(), &QNetworkReply::metaDataChanged, this, remove);
    else if (signal == "readyRead")
        connect(reply.data(), &QIODevice::readyRead, this, remove);
    else if (signal == "downloadProgress")
        connect(reply.data(), &QNetworkReply::downloadProgress, this, remove);
    else
        connect(reply.data(), &QNetworkReply::finished, this, remove);
    QTRY_VERIFY(reply.isNull());
    // The session and the manager go on working.
    std::unique_ptr<QNetworkReply> next(get(QStringLiteral("/echo")));
    QTRY_VERIFY(next->isFinished());
    QCOMPARE(next->error(), QNetworkReply::NoError);
    QCOMPARE(server->refreshCalls(), expired ? 1 : 0);
}

void tst_Lifecycle::autoDeleteReplies()
{
    manager->setAutoDeleteReplies(true);
    server->authority()->expireAccessTokensNow();
    QPointer<QNetworkReply> reply = get(QStringLiteral("/echo"));
    QSignalSpy finished(reply.data(), &QNetworkReply::finished);
    QTRY_COMPARE(finished.count(), 1);
    QTRY_VERIFY(reply.isNull());
}

void tst_Lifecycle::transferTimeoutIsATimeout()
{
    manager->setTransferTimeout(200);
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/delay?ms=3000")));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
    QCOMPARE(reply->error(), QNetworkReply::TimeoutError);
}

void tst_Lifecycle::abortInEachState_data()
{
    QTest::addColumn<QString>("state");
    QTest::newRow("before send") << QStringLiteral("before send");
    QTest::newRow("in flight") << QStringLiteral("in flight");
    QTest::newRow("waiting for refresh") << QStringLiteral("waiting");
    QTest::newRow("replaying") << QStringLiteral("replaying");
}

void tst_Lifecycle::abortInEachState()
{
    QFETCH(QString, state);
    server->setRefreshDelay(300ms);
    if (state != QStringLiteral("in flight"))
        server->authority()->expireAccessTokensNow();
    const QString path =
            state == QStringLiteral("in flight") || state == QStringLiteral("replaying")
            ? QStringLiteral("/delay?ms=400")
            : QStringLiteral("/echo");
    std::unique_ptr<QNetworkReply> victim(get(path));
    std::unique_ptr<QNetworkReply> bystander(get(QStringLiteral("/echo")));
    QSignalSpy finished(victim.get(), &QNetworkReply::finished);
    QSignalSpy errors(victim.get(), &QNetworkReply::errorOccurred);

    if (state == QStringLiteral("in flight"))
        QTRY_COMPARE(server->count(QStringLiteral("/delay")), 1);
    else if (state == QStringLiteral("waiting"))
        QTRY_COMPARE(session->state(), JwtSession::State::Refreshing);
    else if (state == QStringLiteral("replaying"))
        QTRY_COMPARE(server->count(QStringLiteral("/delay")), 2);
    victim->abort();

    QCOMPARE(finished.count(), 1);
    QCOMPARE(errors.count(), 1);
    QCOMPARE(victim->error(), QNetworkReply::OperationCanceledError);
    QTRY_VERIFY(bystander->isFinished());
    QCOMPARE(bystander->error(), QNetworkReply::NoError);
    QVERIFY(waitForPostedEvents());
    QCOMPARE(finished.count(), 1);
    victim->abort(); // a second abort changes nothing
    QCOMPARE(finished.count(), 1);
}

void tst_Lifecycle::closeCancelsARunningReply()
{
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/delay?ms=500")));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    reply->close();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
}

void tst_Lifecycle::deleteReplyWhileWaiting()
{
    server->setRefreshDelay(300ms);
    server->authority()->expireAccessTokensNow();
    QNetworkReply *victim = get(QStringLiteral("/echo"));
    std::unique_ptr<QNetworkReply> bystander(get(QStringLiteral("/echo")));
    QTRY_COMPARE(session->state(), JwtSession::State::Refreshing);
    delete victim;
    QTRY_VERIFY(bystander->isFinished());
    QCOMPARE(bystander->error(), QNetworkReply::NoError);
    QCOMPARE(server->refreshCalls(), 1); // the refresh others wait for was not canceled
}

void tst_Lifecycle::deleteManagerWithPendingWork()
{
    server->setRefreshDelay(300ms);
    std::vector<QPointer<QNetworkReply>> replies;
    replies.emplace_back(get(QStringLiteral("/delay?ms=300")));
    server->authority()->expireAccessTokensNow();
    replies.emplace_back(get(QStringLiteral("/echo")));
    QTRY_COMPARE(session->state(), JwtSession::State::Refreshing);
    manager.reset(); // deletes its replies, as QNetworkAccessManager does
    for (const auto &reply : replies)
        QVERIFY(reply.isNull());
    QTRY_COMPARE(session->state(), JwtSession::State::Active);
    // The session still works for a new manager.
    manager = std::make_unique<JwtAccessManager>(session.get());
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/echo")));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
}

void tst_Lifecycle::deleteSessionWithWaitingReplies()
{
    server->setRefreshDelay(300ms);
    server->authority()->expireAccessTokensNow();
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/echo")));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QTRY_COMPARE(session->state(), JwtSession::State::Refreshing);
    session.reset();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(reply->error(), QNetworkReply::AuthenticationRequiredError);
    // Without its session the manager passes requests through untouched.
    server->resetRecording();
    std::unique_ptr<QNetworkReply> plain(get(QStringLiteral("/public/echo")));
    QTRY_VERIFY(plain->isFinished());
    QCOMPARE(plain->error(), QNetworkReply::NoError);
    QCOMPARE(server->countWithAuthorization(), 0);
}

void tst_Lifecycle::customRefreshThroughSignal()
{
    // No refresher: the application refreshes through the refreshRequested() hook.
    session->setRefresher(nullptr);
    JwtDemoAuthority *authority = server->authority();
    JwtDemoAuthority::Tokens tokens;
    QCOMPARE(authority->login(QStringLiteral("alice"), QStringLiteral("wonderland"), &tokens),
             JwtDemoAuthority::Outcome::Ok);
    int calls = 0;
    connect(session.get(), &JwtSession::refreshRequested, this, [&](JwtRefreshJob *job) {
        ++calls;
        JwtDemoAuthority::Tokens fresh;
        QCOMPARE(authority->refresh(tokens.refreshToken, &fresh), JwtDemoAuthority::Outcome::Ok);
        QTimer::singleShot(10, job, [job, fresh] {
            job->succeed(fresh.accessToken, fresh.expiresIn, fresh.refreshToken);
        });
    });
    authority->expireAccessTokensNow();
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/echo")));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(calls, 1);
}

void tst_Lifecycle::malformedRefreshAnswerKeepsSession()
{
    JwtDemoResponse garbage;
    garbage.status = 200;
    garbage.setHeader("Content-Type", "text/html");
    garbage.body = "<html>maintenance</html>";
    server->scriptRefreshResponses({garbage});
    server->authority()->expireAccessTokensNow();
    QSignalSpy expired(session.get(), &JwtSession::sessionExpired);
    QSignalSpy failed(session.get(), &JwtSession::refreshFailed);
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/echo")));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::TemporaryNetworkFailureError);
    QVERIFY(!reply->errorString().isEmpty());
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).value<JwtSession::FailureKind>(),
             JwtSession::FailureKind::Malformed);
    QCOMPARE(expired.count(), 0);
    QVERIFY(session->isSignedIn());
    QCOMPARE(server->refreshCalls(), 1);

    // The next request refreshes again and succeeds.
    std::unique_ptr<QNetworkReply> next(get(QStringLiteral("/echo")));
    QTRY_VERIFY(next->isFinished());
    QCOMPARE(next->error(), QNetworkReply::NoError);
    QCOMPARE(server->refreshCalls(), 2);
}

void tst_Lifecycle::invalidTokensAreRefused()
{
    const quint64 generation = session->tokenGeneration();
    QVERIFY(!session->setTokens("abc\r\nX-Injected: yes"));
    QVERIFY(!session->setTokens("with space"));
    QCOMPARE(session->tokenGeneration(), generation);

    // A refresh answer carrying CR/LF never reaches a header.
    JwtDemoResponse hostile;
    hostile.status = 200;
    hostile.setHeader("Content-Type", "application/json");
    hostile.body = R"({"access_token":"abc\r\nX-Injected: yes","expires_in":60})";
    server->scriptRefreshResponses({hostile});
    server->authority()->expireAccessTokensNow();
    std::unique_ptr<QNetworkReply> reply(get(QStringLiteral("/echo")));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::TemporaryNetworkFailureError);
    for (const JwtRecordedRequest &request : server->requests())
        QVERIFY(!request.authorization.contains("Injected"));
}

QTEST_GUILESS_MAIN(tst_Lifecycle)
#include "tst_lifecycle.moc"
