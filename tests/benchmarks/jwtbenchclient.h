// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTBENCHCLIENT_H
#define JWTBENCHCLIENT_H

#include "jwtbenchsample.h"

#include <QtCore/qobject.h>
#include <QtCore/qurl.h>

#include <memory>

class JwtSession;

// Runs the scenarios against the bench server, in this process, one variant at a time:
// Baseline is a plain QNetworkAccessManager with the Authorization header set by hand, Session
// is a JwtAccessManager on a JwtSession (cookie refresher), Forwarding is the baseline with a
// bare forwarding reply in front of every reply (JwtBenchForwardingManager: the floor of any
// proxy reply; the overhead scenario only). Every scenario checks its result on the server's
// counters and reports a failed check in JwtBenchSample::error.
class JwtBenchClient : public QObject
{
    Q_OBJECT
public:
    enum class Variant { Baseline, Session, Forwarding };
    static constexpr Variant AllVariants[] = {Variant::Baseline, Variant::Session,
                                              Variant::Forwarding};

    explicit JwtBenchClient(const QUrl &server, QObject *parent = nullptr);
    ~JwtBenchClient() override;

    //! Long-lived tokens, a baseline login, a session sign-in, warm keep-alive connections.
    bool setUp(QString *error);
    JwtSession *session() const;

    //! \a requests small GETs with a valid token, \a inFlight at a time.
    JwtBenchSample overhead(Variant variant, int requests, int inFlight);
    //! \a requests GETs at once; the session's token is expired first (401, refresh, replay).
    JwtBenchSample storm(Variant variant, int requests);
    //! Heap per reply while \a requests replies wait (session: for a refresh; baseline: unsent).
    JwtBenchSample waitingMemory(Variant variant, int requests);
    //! Streamed bodies of \a bytes, read as they arrive, DownloadsPerSample of them one after
    //! the other (one takes about 200 ms: too short for a shared machine's noise); wall and
    //! CPU time are per download.
    JwtBenchSample download(Variant variant, qint64 bytes);
    static constexpr int DownloadsPerSample = 4;
    //! PUT of the file at \a path; the session's token is expired first (401, refresh, replay).
    JwtBenchSample upload(Variant variant, const QString &path, const QByteArray &sha256Hex);
    //! \a requests GETs at once, started so that the session's proactive refresh falls in the
    //! middle of a batch expected to take \a expectedBatchMs. Baseline: the plain batch.
    JwtBenchSample proactive(Variant variant, int requests, double expectedBatchMs);
    //! Whether JwtSession has a proactive refresh leeway this benchmark can set.
    bool supportsProactiveRefresh() const;
    //! One refresh, start to new token, as the session does it.
    double refreshRoundTripMs();
    //! After another process expired the tokens: log the baseline in again, refresh the session.
    bool resync();

private:
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtBenchClient)
};

#endif // JWTBENCHCLIENT_H
