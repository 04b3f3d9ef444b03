// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtbenchclient.h"

#include "jwtbenchforwardingmanager.h"
#include "jwtbenchprocess.h"

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtsession.h>

#include <QtCore/qdatetime.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qfile.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qmetaobject.h>
#include <QtCore/qthread.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>

#include <functional>

/*!
    \class JwtBenchClient
    \brief The client side of the benchmarks: both variants of every scenario, with checks.

    Both variants send the same requests to the same server over their own keep-alive
    connections; only the manager differs. Wall and CPU time are taken around the scenario
    itself: logins, token expiry and the server's counters are fetched outside the window.
*/

namespace {

using namespace std::chrono_literals;

// What GET /bench/small answers; compared byte for byte so that a proxy that lost or reordered
// data would fail the run.
const QByteArray SmallBody =
        QByteArrayLiteral("{\"ok\":true,\"payload\":\"0123456789abcdef0123456789abcdef\"}");
constexpr int BatchTimeoutMs = 600000;
constexpr qint64 PatternStride = 4096; // one byte checked per page: cheap next to the copy
constexpr char LeewayProperty[] = "refreshLeeway";
// expires_in is whole seconds, so the shortest lifetime the client learns exactly is 1 s; 2 s
// with a 0.5 s leeway holds requests back from 1.5 s on, and starts the refresh half a leeway
// earlier (JwtSession::refreshLeeway), at 1.25 s.
constexpr std::chrono::milliseconds ProactiveLifetime = 2s;
constexpr std::chrono::milliseconds ProactiveLeeway = 500ms;
constexpr std::chrono::milliseconds ProactiveRefreshAt =
        ProactiveLifetime - ProactiveLeeway * 3 / 2;

// Runs the event loop for \a ms (nothing if not positive).
void sleepFor(qint64 ms)
{
    QEventLoop pause;
    QTimer::singleShot(int(qMax<qint64>(0, ms)), Qt::PreciseTimer, &pause, &QEventLoop::quit);
    pause.exec();
}

char patternAt(qint64 index)
{
    return char((index * 7 + 3) % 256);
}

int statusOf(const QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

// Wall and CPU time around one scenario.
class Meter
{
public:
    Meter() : m_cpu(JwtBenchProcess::cpuTimeNs()) { m_wall.start(); }
    void stop(JwtBenchSample *sample) const
    {
        sample->wallMs = double(m_wall.nsecsElapsed()) / 1e6;
        sample->cpuMs = double(JwtBenchProcess::cpuTimeNs() - m_cpu) / 1e6;
    }

private:
    QElapsedTimer m_wall;
    qint64 m_cpu;
};

struct ServerStats
{
    int refreshCalls = 0;
    int accessDenied = 0;
    bool ok = false;
};

} // namespace

struct JwtBenchClient::Private
{
    QUrl server;
    QNetworkAccessManager plain; // the baseline, and every control call
    JwtBenchForwardingManager forwarding;
    QByteArray baselineToken;
    bool baselineTokenStale = true;
    JwtSession session;
    JwtCookieRefresher refresher;
    JwtAccessManager manager {&session};

    QUrl url(const QString &pathAndQuery) const;
    QByteArray call(QNetworkAccessManager::Operation op, const QString &path,
                    const QByteArray &body, int *status);
    ServerStats stats();
    bool setTokenLifetime(std::chrono::milliseconds lifetime);
    bool expireAccessTokens();
    bool ensureBaselineToken(QString *error);
    bool waitForSession(const std::function<void()> &action, QString *error);
    bool restoreLongLivedToken();
    bool downloadOnce(Variant variant, qint64 bytes, QString *error);

    QNetworkAccessManager *managerFor(Variant variant);
    QNetworkRequest requestFor(Variant variant, const QString &pathAndQuery) const;
    bool prepare(Variant variant, JwtBenchSample *sample);
    void runBatch(Variant variant, int total, int inFlight, JwtBenchSample *sample,
                  const std::function<void()> &afterFirstIssue = {});
    void checkCounters(const ServerStats &before, int refreshes, int refusals,
                       JwtBenchSample *sample);
};

QUrl JwtBenchClient::Private::url(const QString &pathAndQuery) const
{
    return server.resolved(QUrl(pathAndQuery));
}

// A control call outside any measurement: synchronous, through the plain manager.
QByteArray JwtBenchClient::Private::call(QNetworkAccessManager::Operation op, const QString &path,
                                         const QByteArray &body, int *status)
{
    QNetworkRequest request(url(path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = op == QNetworkAccessManager::PostOperation ? plain.post(request, body)
                                                                      : plain.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30s, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    *status = reply->isFinished() ? statusOf(reply) : 0;
    const QByteArray answer = reply->readAll();
    reply->deleteLater();
    return answer;
}

ServerStats JwtBenchClient::Private::stats()
{
    int status = 0;
    const QJsonObject o = QJsonDocument::fromJson(call(QNetworkAccessManager::GetOperation,
                                                       QStringLiteral("/bench/stats"), {}, &status))
                                  .object();
    ServerStats s;
    s.ok = status == 200;
    s.refreshCalls = o.value(QStringLiteral("refreshCalls")).toInt();
    s.accessDenied = o.value(QStringLiteral("accessDenied")).toInt();
    return s;
}

bool JwtBenchClient::Private::setTokenLifetime(std::chrono::milliseconds lifetime)
{
    int status = 0;
    call(QNetworkAccessManager::PostOperation,
         QStringLiteral("/bench/lifetime?ms=%1").arg(lifetime.count()), {}, &status);
    return status == 204;
}

bool JwtBenchClient::Private::expireAccessTokens()
{
    int status = 0;
    call(QNetworkAccessManager::PostOperation, QStringLiteral("/admin/expire-access"), {}, &status);
    baselineTokenStale = true;
    return status == 204;
}

bool JwtBenchClient::Private::ensureBaselineToken(QString *error)
{
    if (!baselineTokenStale)
        return true;
    int status = 0;
    const QByteArray answer =
            call(QNetworkAccessManager::PostOperation, QStringLiteral("/auth/login"),
                 R"({"username":"alice","password":"wonderland"})", &status);
    baselineToken = QJsonDocument::fromJson(answer)
                            .object()
                            .value(QStringLiteral("access_token"))
                            .toString()
                            .toLatin1();
    baselineTokenStale = status != 200 || baselineToken.isEmpty();
    if (baselineTokenStale)
        *error = QStringLiteral("baseline login failed (HTTP %1)").arg(status);
    return !baselineTokenStale;
}

// Runs \a action (a sign-in or a refresh) and waits for the session to have a new token.
bool JwtBenchClient::Private::waitForSession(const std::function<void()> &action, QString *error)
{
    QEventLoop loop;
    bool ok = false;
    QString message = QStringLiteral("timed out");
    const auto done = [&](bool success, const QString &why) {
        ok = success;
        message = why;
        loop.quit();
    };
    QObject::connect(&session, &JwtSession::signInSucceeded, &loop, [&] { done(true, {}); });
    QObject::connect(&session, &JwtSession::refreshSucceeded, &loop, [&] { done(true, {}); });
    QObject::connect(&session, &JwtSession::signInFailed, &loop,
                     [&](JwtSession::FailureKind, const QString &why) { done(false, why); });
    QObject::connect(&session, &JwtSession::refreshFailed, &loop,
                     [&](JwtSession::FailureKind, const QString &why) { done(false, why); });
    QTimer::singleShot(30s, &loop, &QEventLoop::quit);
    action();
    loop.exec();
    if (!ok && error)
        *error = message;
    return ok;
}

// Long-lived tokens again for whatever runs next. A proactive refresh may already be in flight
// with the short lifetime, so refresh until the session holds a token that lasts.
bool JwtBenchClient::Private::restoreLongLivedToken()
{
    if (!setTokenLifetime(1h))
        return false;
    for (int attempt = 0; attempt < 5; ++attempt) {
        QString error;
        if (!waitForSession([this] { session.refresh(); }, &error))
            continue;
        if (QDateTime::currentDateTimeUtc().secsTo(session.accessTokenExpiresAt()) > 600)
            return true;
    }
    return false;
}

QNetworkAccessManager *JwtBenchClient::Private::managerFor(Variant variant)
{
    switch (variant) {
    case Variant::Baseline:
        return &plain;
    case Variant::Forwarding:
        return &forwarding;
    case Variant::Session:
        break;
    }
    return &manager;
}

QNetworkRequest JwtBenchClient::Private::requestFor(Variant variant,
                                                    const QString &pathAndQuery) const
{
    QNetworkRequest request(url(pathAndQuery));
    // What an application without JwtSession does: the header set by hand (here once per batch,
    // on the request every call of the batch sends).
    if (variant != Variant::Session)
        request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + baselineToken);
    return request;
}

bool JwtBenchClient::Private::prepare(Variant variant, JwtBenchSample *sample)
{
    if (variant != Variant::Session)
        return ensureBaselineToken(&sample->error);
    return true;
}

// Sends \a total GETs of /bench/small, \a inFlight at a time, and checks every answer.
void JwtBenchClient::Private::runBatch(Variant variant, int total, int inFlight,
                                       JwtBenchSample *sample,
                                       const std::function<void()> &afterFirstIssue)
{
    QNetworkAccessManager *nam = managerFor(variant);
    const QNetworkRequest request = requestFor(variant, QStringLiteral("/bench/small"));
    int issued = 0;
    int done = 0;
    QEventLoop loop;
    std::function<void()> issue = [&] {
        QNetworkReply *reply = nam->get(request);
        ++issued;
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
            ++done;
            const bool good = reply->error() == QNetworkReply::NoError && statusOf(reply) == 200
                    && reply->readAll() == SmallBody;
            if (good)
                ++sample->succeeded;
            else if (sample->error.isEmpty())
                sample->error = QStringLiteral("request failed: HTTP %1, %2")
                                        .arg(statusOf(reply))
                                        .arg(reply->errorString());
            reply->deleteLater();
            if (issued < total)
                issue();
            if (done == total)
                loop.quit();
        });
    };
    sample->requests = total;
    for (int i = 0; i < qMin(total, inFlight); ++i)
        issue();
    if (afterFirstIssue)
        afterFirstIssue();
    QTimer::singleShot(BatchTimeoutMs, &loop, &QEventLoop::quit);
    if (done < total)
        loop.exec();
    if (done < total && sample->error.isEmpty())
        sample->error =
                QStringLiteral("%1 of %2 requests never finished").arg(total - done).arg(total);
}

// The server's counters decide whether the scenario did what it claims.
void JwtBenchClient::Private::checkCounters(const ServerStats &before, int refreshes, int refusals,
                                            JwtBenchSample *sample)
{
    const ServerStats after = stats();
    sample->refreshCalls = after.refreshCalls - before.refreshCalls;
    sample->unauthorized = after.accessDenied - before.accessDenied;
    if (!sample->error.isEmpty())
        return;
    if (!before.ok || !after.ok)
        sample->error = QStringLiteral("the server's counters could not be read");
    else if (sample->succeeded != sample->requests)
        sample->error = QStringLiteral("%1 of %2 requests succeeded")
                                .arg(sample->succeeded)
                                .arg(sample->requests);
    else if (refreshes >= 0 && sample->refreshCalls != refreshes)
        sample->error = QStringLiteral("%1 refresh calls, expected %2")
                                .arg(sample->refreshCalls)
                                .arg(refreshes);
    else if (refusals >= 0 && sample->unauthorized != refusals)
        sample->error = QStringLiteral("%1 requests refused with 401, expected %2")
                                .arg(sample->unauthorized)
                                .arg(refusals);
}

JwtBenchClient::JwtBenchClient(const QUrl &server, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->server = server;
    d->refresher.setLoginUrl(d->url(QStringLiteral("/auth/login")));
    d->refresher.setRefreshUrl(d->url(QStringLiteral("/auth/refresh")));
    d->session.setRefresher(&d->refresher);
    d->session.addAuthorizedOrigin(server);
    // A storm of 10,000 waits behind one refresh far longer than an interactive request would.
    d->session.setMaxWaitTime(10min);
}

JwtBenchClient::~JwtBenchClient() = default;

JwtSession *JwtBenchClient::session() const
{
    return &d->session;
}

bool JwtBenchClient::setUp(QString *error)
{
    // Tokens outlive the run unless a scenario expires them on purpose.
    if (!d->setTokenLifetime(1h)) {
        *error = QStringLiteral("the bench server does not answer at %1").arg(d->server.toString());
        return false;
    }
    if (!d->ensureBaselineToken(error))
        return false;
    if (!d->waitForSession(
                [this] {
                    d->session.signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
                },
                error)) {
        *error = QStringLiteral("session sign-in failed: %1").arg(*error);
        return false;
    }
    // Open the keep-alive connections of every manager before anything is measured.
    for (Variant variant : AllVariants) {
        JwtBenchSample warmUp;
        d->runBatch(variant, 64, 16, &warmUp);
        if (!warmUp.ok()) {
            *error = QStringLiteral("warm-up failed: %1").arg(warmUp.error);
            return false;
        }
    }
    return true;
}

JwtBenchSample JwtBenchClient::overhead(Variant variant, int requests, int inFlight)
{
    JwtBenchSample sample;
    if (!d->prepare(variant, &sample))
        return sample;
    const ServerStats before = d->stats();
    const Meter meter;
    d->runBatch(variant, requests, inFlight, &sample);
    meter.stop(&sample);
    d->checkCounters(before, 0, 0, &sample);
    return sample;
}

JwtBenchSample JwtBenchClient::storm(Variant variant, int requests)
{
    JwtBenchSample sample;
    if (!d->prepare(variant, &sample))
        return sample;
    if (variant == Variant::Session && !d->expireAccessTokens()) {
        sample.error = QStringLiteral("could not expire the access tokens");
        return sample;
    }
    const ServerStats before = d->stats();
    const Meter meter;
    d->runBatch(variant, requests, requests, &sample);
    meter.stop(&sample);
    // Only the requests already in Qt's hands leave with the expired token (the manager holds
    // the rest, JwtAccessManager::maxActiveRequestsPerOrigin); how many depends on timing, so
    // the number of 401s is reported, not checked.
    d->checkCounters(before, variant == Variant::Session ? 1 : 0,
                     variant == Variant::Session ? -1 : 0, &sample);
    return sample;
}

JwtBenchSample JwtBenchClient::waitingMemory(Variant variant, int requests)
{
    JwtBenchSample sample;
    if (!d->prepare(variant, &sample))
        return sample;
    const ServerStats before = d->stats();
    // The session variant: a refresh is in flight, so every new reply waits for it and none is
    // sent before the event loop runs again. The baseline: replies created, not sent yet.
    if (variant == Variant::Session)
        d->session.refresh();
    const qint64 heapBefore = JwtBenchProcess::heapInUse();
    const Meter meter;
    d->runBatch(variant, requests, requests, &sample, [&] {
        sample.heapPerReplyBytes =
                double(JwtBenchProcess::heapInUse() - heapBefore) / double(requests);
    });
    meter.stop(&sample);
    d->checkCounters(before, variant == Variant::Session ? 1 : 0, 0, &sample);
    return sample;
}

// One download of \a bytes, drained in 64 KiB reads as it arrives; false, with \a error, unless
// every byte arrived in order.
bool JwtBenchClient::Private::downloadOnce(Variant variant, qint64 bytes, QString *error)
{
    const QNetworkRequest request =
            requestFor(variant, QStringLiteral("/bench/stream?n=%1").arg(bytes));
    std::unique_ptr<QNetworkReply> reply(managerFor(variant)->get(request));
    qint64 received = 0;
    bool patternOk = true;
    const auto drain = [&] {
        static char buffer[64 * 1024];
        qint64 n = 0;
        while ((n = reply->read(buffer, sizeof buffer)) > 0) {
            // Check one byte per stride: a proxy that dropped or repeated data fails.
            for (qint64 at = (received + PatternStride - 1) / PatternStride * PatternStride;
                 at < received + n; at += PatternStride) {
                patternOk = patternOk && buffer[at - received] == patternAt(at);
            }
            received += n;
        }
    };
    QEventLoop loop;
    QObject::connect(reply.get(), &QIODevice::readyRead, &loop, drain);
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(BatchTimeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    drain();
    if (reply->isFinished() && reply->error() == QNetworkReply::NoError
        && statusOf(reply.get()) == 200 && received == bytes && patternOk)
        return true;
    *error = QStringLiteral("download: HTTP %1, %2 of %3 bytes, pattern %4, %5")
                     .arg(statusOf(reply.get()))
                     .arg(received)
                     .arg(bytes)
                     .arg(patternOk ? QStringLiteral("ok") : QStringLiteral("wrong"))
                     .arg(reply->errorString());
    return false;
}

JwtBenchSample JwtBenchClient::download(Variant variant, qint64 bytes)
{
    JwtBenchSample sample;
    if (!d->prepare(variant, &sample))
        return sample;
    const ServerStats before = d->stats();
    const Meter meter;
    for (int i = 0; i < DownloadsPerSample && sample.error.isEmpty(); ++i) {
        if (d->downloadOnce(variant, bytes, &sample.error)) {
            ++sample.succeeded;
            sample.bytes += bytes;
        }
    }
    meter.stop(&sample);
    sample.wallMs /= DownloadsPerSample;
    sample.cpuMs /= DownloadsPerSample;
    sample.requests = DownloadsPerSample;
    d->checkCounters(before, 0, 0, &sample);
    return sample;
}

JwtBenchSample JwtBenchClient::upload(Variant variant, const QString &path,
                                      const QByteArray &sha256Hex)
{
    JwtBenchSample sample;
    if (!d->prepare(variant, &sample))
        return sample;
    if (variant == Variant::Session && !d->expireAccessTokens()) {
        sample.error = QStringLiteral("could not expire the access tokens");
        return sample;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        sample.error = QStringLiteral("cannot open %1").arg(path);
        return sample;
    }
    const ServerStats before = d->stats();
    QNetworkRequest request = d->requestFor(variant, QStringLiteral("/bench/sink"));
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/octet-stream"));
    const Meter meter;
    QNetworkReply *reply = d->managerFor(variant)->put(request, &file);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(BatchTimeoutMs, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    meter.stop(&sample);
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    sample.requests = 1;
    sample.bytes = qint64(answer.value(QStringLiteral("length")).toDouble());
    if (reply->error() == QNetworkReply::NoError && statusOf(reply) == 200
        && sample.bytes == file.size()
        && answer.value(QStringLiteral("sha256")).toString().toLatin1() == sha256Hex) {
        sample.succeeded = 1;
    } else {
        sample.error = QStringLiteral("upload: HTTP %1, server saw %2 of %3 bytes, %4")
                               .arg(statusOf(reply))
                               .arg(sample.bytes)
                               .arg(file.size())
                               .arg(reply->errorString());
    }
    delete reply;
    const bool session = variant == Variant::Session;
    d->checkCounters(before, session ? 1 : 0, session ? 1 : 0, &sample);
    return sample;
}

// The leeway is set through the meta-object so that this benchmark builds against a JwtSession
// with or without proactive refresh, and says so instead of measuring something else.
bool JwtBenchClient::supportsProactiveRefresh() const
{
    return d->session.metaObject()->indexOfProperty(LeewayProperty) >= 0;
}

JwtBenchSample JwtBenchClient::proactive(Variant variant, int requests, double expectedBatchMs)
{
    JwtBenchSample sample;
    if (!d->prepare(variant, &sample))
        return sample;
    const ServerStats before = d->stats();
    if (variant == Variant::Baseline) {
        // The same idle time before the batch as the session variant has, so that neither
        // side starts with warmer caches or connections.
        sleepFor(ProactiveRefreshAt.count() - qint64(expectedBatchMs / 2));
        const Meter meter;
        d->runBatch(variant, requests, requests, &sample);
        meter.stop(&sample);
        d->checkCounters(before, 0, 0, &sample);
        return sample;
    }
    // A token living ProactiveLifetime: the refresh is due ProactiveRefreshAt after it arrived,
    // and the batch starts half its length before.
    if (!d->session.setProperty(LeewayProperty, QVariant::fromValue(ProactiveLeeway))
        || !d->setTokenLifetime(ProactiveLifetime)
        || !d->waitForSession([this] { d->session.refresh(); }, &sample.error)) {
        if (sample.error.isEmpty())
            sample.error = QStringLiteral("could not set up a short-lived token");
        return sample;
    }
    QElapsedTimer sinceToken;
    sinceToken.start();
    const qint64 startAt = ProactiveRefreshAt.count() - qint64(expectedBatchMs / 2);
    sleepFor(startAt - sinceToken.elapsed());
    QElapsedTimer batchClock;
    const auto started = connect(&d->session, &JwtSession::refreshStarted, this, [&] {
        if (sample.refreshStartMs < 0)
            sample.refreshStartMs = double(batchClock.nsecsElapsed()) / 1e6;
    });
    batchClock.start();
    const Meter meter;
    d->runBatch(variant, requests, requests, &sample);
    meter.stop(&sample);
    disconnect(started);
    if (!d->restoreLongLivedToken())
        sample.error = QStringLiteral("could not restore a long-lived session token");
    // Refresh calls are not checked: the proactive one may fall just outside a short batch,
    // and the restoring refresh is counted too. No request may ever have been refused.
    d->checkCounters(before, -1, 0, &sample);
    return sample;
}

double JwtBenchClient::refreshRoundTripMs()
{
    QElapsedTimer timer;
    timer.start();
    QString error;
    if (!d->waitForSession([this] { d->session.refresh(); }, &error))
        return -1;
    return double(timer.nsecsElapsed()) / 1e6;
}

bool JwtBenchClient::resync()
{
    d->baselineTokenStale = true;
    QString error;
    return d->ensureBaselineToken(&error)
            && d->waitForSession([this] { d->session.refresh(); }, &error);
}
