// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTPROXYREPLY_P_H
#define JWTPROXYREPLY_P_H

#include <QtCore/qbasictimer.h>
#include <QtCore/qmetaobject.h>
#include <QtCore/qpointer.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>
#if QT_CONFIG(ssl)
#include <QtNetwork/qsslconfiguration.h>
#endif

#include "jwtattempt_p.h"
#include "jwtattemptqueue_p.h"
#include "jwtbodysource_p.h"
#include "jwtredirect_p.h"
#include "jwtsessionstate_p.h"

#include <memory>
#include <optional>

class JwtAccessManager;

// The reply a caller gets for a request to an authorized origin. It owns the attempts (first
// send, replay after a refresh, redirect hops; see JwtAttempt), shows the caller only the
// attempt that counts, and finishes exactly once whatever happens.
//
// Its life is a phase machine (Phase); what a phase needs is kept with it (the wait, the slot
// request, the pending redirect hop). Whether an attempt may leave is decided by the session
// (JwtSessionState::admit(), see decideAdmission()); redirect rules are JwtRedirect's.
class JwtProxyReply : public QNetworkReply
{
    Q_OBJECT
public:
    JwtProxyReply(JwtAccessManager *manager, std::shared_ptr<JwtSessionState> state,
                  const JwtRoute &route, QNetworkAccessManager::Operation op,
                  const QNetworkRequest &request, QIODevice *outgoingData);
    ~JwtProxyReply() override;

    void start();

    void abort() override;
    void close() override;
    qint64 bytesAvailable() const override;
    bool canReadLine() const override;
    void setReadBufferSize(qint64 size) override;
    void ignoreSslErrors() override;

    // For JwtAttemptQueue.
    bool isWaitingForSlot() const { return m_phase == Phase::WaitingForSlot; }
    void onSlotGranted(JwtAttemptQueue::Window *slot);
    void onManagerDestroyed();

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    void connectNotify(const QMetaMethod &signal) override;
    void timerEvent(QTimerEvent *event) override;
#if QT_CONFIG(ssl)
    void ignoreSslErrorsImplementation(const QList<QSslError> &errors) override;
    void setSslConfigurationImplementation(const QSslConfiguration &configuration) override;
    void sslConfigurationImplementation(QSslConfiguration &configuration) const override;
#endif

private:
    friend class JwtAttempt; // connects the attempt's signals, copies metadata to us

    enum class Phase {
        Idle, // created, nothing sent
        Waiting, // waiting for a refresh or a sign-in: m_wait
        WaitingForSlot, // admitted, but the origin's attempt window is full: m_slotReason
        InFlight, // an attempt is out, its answer not classified yet
        Classifying, // an auth-failure status: the attempt holds the body for the predicate
        Redirecting, // a redirect hop is pending (UserVerified waits for redirectAllowed())
        Counting, // the current attempt is the answer the caller sees
        Finished,
    };
    using Reason = JwtSessionState::Reason;

    void startLater();
    template<typename Emit>
    bool hookLetsUsGoOn(Emit emitHook);
    JwtAdmission admit(Reason reason);
    void admitAndSend(Reason reason);
    void act(const JwtAdmission &admission, Reason reason);
    bool takeSlot(Reason reason);
    void releaseSlot();
    void onReleased(JwtRelease release, const QString &message);
    void sendAttempt(const QByteArray &authorization, quint64 generation);
    QNetworkRequest attemptRequest(const QByteArray &authorization) const;
#if QT_CONFIG(ssl)
    void carryTlsChoices(QNetworkReply *attempt) const;
#endif
    void retireAttempt();
    void dropAttempt();
    void onAttemptMetaData();
    void onAttemptReadyRead();
    void onAttemptFinished();
    void onAttemptUploadProgress(qint64 sent, qint64 total);
    static const QMetaMethod &downloadProgressSignal();
    void forwardDownloadProgress();
    void onAttemptDownloadProgress(qint64 received, qint64 total);
    void onAttemptDestroyed(QObject *attempt);
    bool isAuthFailure(int status) const;
    void classify(int status);
    void handleAuthFailure(int status);
    bool startRedirect(int status);
    void continueRedirect();
    void becomeCounting();
    void finishFromAttempt();
    void enterWait(bool forSignIn, Reason reason);
    void leaveWait();
    void watchManager();
    void finish(NetworkError error, const QString &message);

    QPointer<JwtAccessManager> m_manager;
    const std::shared_ptr<JwtSessionState> m_state;
    const JwtOrigin m_requestOrigin; // the origin of the caller's request
    JwtRoute m_route; // what the session says about m_url
    bool m_routeIsCurrent = false; // m_route was looked up for the attempt about to leave
    QNetworkAccessManager::Operation m_op;
    // The caller's request; method and body change on 303, the URL with each redirect.
    QNetworkRequest m_attemptBase;
    QPointer<QIODevice> m_outgoingData; // the caller's body device, see ~JwtProxyReply()
    QUrl m_url; // where the next attempt goes (changes with redirects)
    JwtBodySource m_body;
    bool m_sendBody = true;

    const std::shared_ptr<JwtAttemptQueue> m_queue;
    JwtAttemptQueue::Window *m_slot = nullptr; // held from admission until the attempt is done
    Reason m_slotReason = Reason::FirstAttempt; // WaitingForSlot: why it was admitted
    bool m_tokenIsFresh = false; // released by a refresh or sign-in: see JwtAttemptQueue::acquire

    JwtAttempt m_attempt;

    Phase m_phase = Phase::Idle;
    struct Wait // Phase::Waiting
    {
        Reason reason = Reason::FirstAttempt;
        bool forSignIn = false;
        QMetaObject::Connection connection; // to the session's notifier
        QBasicTimer timer;
    } m_wait;
    JwtRedirect m_redirect;
    struct PendingHop // Phase::Redirecting
    {
        QUrl target;
        int status = 0;
    } m_hop;

    // What happened to this reply so far, across phases.
    bool m_queuedReported = false; // replyQueued() was emitted
    bool m_refused = false; // an attempt was refused (authorization failure) and retired
    bool m_replayed = false; // replyReplayed() was emitted: a second refusal is final
    bool m_finishEmitted = false;
    bool m_starting = false; // inside start(), so inside the caller's get()
    bool m_watchingManager = false; // connected to the manager's destroyed()
    bool m_destroying = false;
    // Set once something connected to downloadProgress, never reset: after a disconnect the
    // attempts to come still forward it, to nobody.
    bool m_forwardsDownloadProgress = false;

    qint64 m_readBufferSize = 0;
    qint64 m_uploadSent = -1;
    qint64 m_uploadTotal = -1;
#if QT_CONFIG(ssl)
    bool m_ignoreAllSslErrors = false;
    QList<QSslError> m_ignoredSslErrors;
    std::optional<QSslConfiguration> m_sslConfiguration;
#endif
};

#endif // JWTPROXYREPLY_P_H
