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

#include "jwtattemptqueue_p.h"
#include "jwtbodysource_p.h"
#include "jwtsessionstate_p.h"

#include <memory>
#include <optional>

class JwtAccessManager;

// The reply a caller gets for a request to an authorized origin. It owns the attempts (first
// send, replay after a refresh, redirect hops), shows the caller only the attempt that counts,
// and finishes exactly once whatever happens.
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
    enum class Phase {
        Idle, // created, nothing sent
        Waiting, // waiting for a refresh or a sign-in
        WaitingForSlot, // admitted, but the origin's attempt window is full
        InFlight, // an attempt is out, its answer not classified yet
        Classifying, // an auth-failure status: holding the body for the predicate
        Redirecting, // a redirect hop is pending (UserVerified waits for redirectAllowed())
        Counting, // the current attempt is the answer the caller sees
        Finished,
    };

    void startLater();
    template<typename Emit>
    bool hookLetsUsGoOn(Emit emitHook);
    JwtAdmission admit(JwtSessionState::Reason reason);
    void admitAndSend(JwtSessionState::Reason reason);
    void act(const JwtAdmission &admission, JwtSessionState::Reason reason);
    bool takeSlot(JwtSessionState::Reason reason);
    void releaseSlot();
    void onReleased(int release, const QString &message);
    void sendAttempt(const QByteArray &authorization, quint64 generation);
    QNetworkRequest attemptRequest(const QByteArray &authorization) const;
    void connectAttempt(QNetworkReply *attempt, bool uploads);
#if QT_CONFIG(ssl)
    void connectTls(QNetworkReply *attempt);
#endif
    QNetworkReply *detachAttempt();
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
    void holdFromAttempt(qint64 maxSize);
    bool isAuthFailure(int status) const;
    void classify(int status);
    void handleAuthFailure(int status);
    bool startRedirect(int status);
    void continueRedirect();
    void becomeCounting();
    void copyMetaData(const QNetworkReply *from);
    bool attemptBodyIsShort() const;
    void finishFromAttempt();
    void enterWait(bool forSignIn, JwtSessionState::Reason reason);
    void leaveWait();
    void watchManager();
    void finish(NetworkError error, const QString &message);

    QPointer<JwtAccessManager> m_manager;
    const std::shared_ptr<JwtSessionState> m_state;
    const JwtOrigin m_requestOrigin; // the origin of the caller's request
    JwtRoute m_route; // what the session says about m_url
    bool m_routeIsCurrent = false; // m_route was looked up for the attempt about to leave
    QNetworkAccessManager::Operation m_op;
    QNetworkRequest m_attemptBase; // the caller's request; method and body change on 303
    QPointer<QIODevice> m_outgoingData; // the caller's body device, see ~JwtProxyReply()
    QUrl m_url; // where the next attempt goes (changes with redirects)
    JwtBodySource m_body;
    bool m_sendBody = true;

    const std::shared_ptr<JwtAttemptQueue> m_queue;
    JwtAttemptQueue::Window *m_slot = nullptr; // held from admission until the attempt is done
    JwtSessionState::Reason m_slotReason = JwtSessionState::Reason::FirstAttempt;

    QPointer<QNetworkReply> m_attempt;
    bool m_attemptCounts = false;
    bool m_attemptUploaded = false; // the attempt read the whole body
    bool m_attemptHeard = false; // the attempt emitted something: it started
    bool m_forwardingDownloadProgress = false; // connected to the attempt's downloadProgress
    bool m_tokenIsFresh = false; // released by a refresh or sign-in: see JwtAttemptQueue::acquire
    quint32 m_forwardedAttributes = 0; // bit i: copyMetaData() set ForwardedAttributes[i]
    bool m_forwardedHeaders = false; // copyMetaData() set raw headers
    quint64 m_attemptGeneration = 0;
    qint64 m_attemptBytesRead = 0; // taken from the current attempt, see attemptBodyIsShort()
    QByteArray m_prefix; // body bytes held while classifying, delivered before the attempt's
    qsizetype m_prefixPos = 0;

    Phase m_phase = Phase::Idle;
    JwtSessionState::Reason m_waitReason = JwtSessionState::Reason::FirstAttempt;
    bool m_waitingForSignIn = false;
    bool m_queuedReported = false;
    bool m_refused = false; // an attempt was refused (authorization failure) and retired
    bool m_replayed = false;
    bool m_finishEmitted = false;
    bool m_starting = false; // inside start(), so inside the caller's get()
    bool m_watchingManager = false; // connected to the manager's destroyed()
    bool m_destroying = false;
    QMetaObject::Connection m_waitConnection;
    QBasicTimer m_waitTimer;

    QNetworkRequest::RedirectPolicy m_redirectPolicy;
    int m_redirectsLeft = 0;
    QUrl m_pendingRedirect;
    int m_pendingRedirectStatus = 0;

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
