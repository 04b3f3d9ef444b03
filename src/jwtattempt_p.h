// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTATTEMPT_P_H
#define JWTATTEMPT_P_H

#include <QtCore/qpointer.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>

class JwtProxyReply;

// The attempt a proxy reply has out (the first send, a replay, a redirect hop): a plain
// QNetworkReply of the manager's, and what the proxy knows of it. One per proxy reply, reused
// for each attempt; it wires the attempt to the proxy, retires or drops it, copies its metadata
// to the proxy and checks that its body arrived whole. Not a QObject: a request pays for no
// object beyond the attempt itself.
class JwtAttempt
{
public:
    QNetworkReply *reply() const { return m_reply.data(); }
    explicit operator bool() const { return !m_reply.isNull(); }
    QNetworkReply *operator->() const { return m_reply.data(); }

    // Connects \a attempt to \a proxy. Every connection costs time on every request, so an
    // attempt gets only those it can use: upload progress only with a body (\a uploads), TLS
    // signals only over https (\a tls), download progress only when someone listens (see
    // forwardDownloadProgress()).
    void wire(QNetworkReply *attempt, JwtProxyReply *proxy, bool uploads, bool tls);
    // Starts forwarding downloadProgress, once per attempt.
    void forwardDownloadProgress(JwtProxyReply *proxy);
    // Forgets the attempt and stops listening to it; returns it, or nullptr when there was
    // none. Disconnected first: Qt 6.4's abort() emits finished() synchronously.
    QNetworkReply *detach(JwtProxyReply *proxy);
    // Forgets the body held from the current attempt.
    void clearHeld()
    {
        m_held.clear();
        m_heldRead = 0;
    }
    // Lets a detached attempt (refused, redirected) run to its end, so its small body drains
    // and the keep-alive connection is reused; aborts it only while it still uploads the body
    // the next attempt reads (\a stillUploading).
    static void retire(QNetworkReply *attempt, bool stillUploading);
    // Ends a detached attempt that no longer matters (\a heard: it emitted something).
    static void drop(QNetworkReply *attempt, bool heard);
    // \a proxy is being deleted (\a sender: the object whose signal it is deleted in): the
    // attempt goes too, with the body objects \a proxy owns (\a outgoingData or its owner, a
    // multipart, a tee) if it is still running.
    void endWithProxy(JwtProxyReply *proxy, QIODevice *outgoingData, const QObject *sender);

    // The attempt emitted a signal: it has started (see drop()).
    void markHeard() { m_heard = true; }
    bool wasHeard() const { return m_heard; }
    void setUploaded(bool uploaded) { m_uploaded = uploaded; }
    bool uploaded() const { return m_uploaded; }
    // Whether this attempt is the answer the caller sees.
    bool counts() const { return m_counts; }
    void setCounts(bool counts) { m_counts = counts; }
    quint64 generation() const { return m_generation; }
    void setGeneration(quint64 generation) { m_generation = generation; }

    int status() const;
    // Moves up to \a maxSize bytes of the body into held(), for the auth-failure predicate.
    void hold(qint64 maxSize);
    const QByteArray &held() const { return m_held; }
    // The body as the caller reads it: the bytes held while classifying, then the attempt's.
    bool hasBody() const;
    qint64 readBody(char *data, qint64 maxSize);
    qint64 bodyAvailable() const;
    bool canReadBodyLine() const;
    // Copies the status, the forwarded attributes and the headers to \a proxy, clearing what an
    // earlier attempt set there and this one does not.
    void copyMetaDataTo(JwtProxyReply *proxy);
    // Whether the attempt finished without error with fewer body bytes than its Content-Length
    // announced (\a op: HEAD answers have no body).
    bool bodyIsShort(QNetworkAccessManager::Operation op) const;

private:
    static void adoptBody(QNetworkReply *attempt, QObject *proxy, QIODevice *outgoingData);

    QPointer<QNetworkReply> m_reply;
    bool m_counts = false;
    bool m_uploaded = false; // the attempt read the whole body
    bool m_heard = false; // the attempt emitted something: it started
    bool m_forwardingDownloadProgress = false; // connected to the attempt's downloadProgress
    quint64 m_generation = 0; // of the token the attempt carries
    qint64 m_bytesRead = 0; // taken from the attempt, see bodyIsShort()
    QByteArray m_held; // see hold()
    qsizetype m_heldRead = 0; // how much of m_held the caller has read
    // What copyMetaDataTo() set on the proxy, across attempts: bit i of ForwardedAttributes,
    // and whether it set raw headers.
    quint32 m_forwardedAttributes = 0;
    bool m_forwardedHeaders = false;
};

#endif // JWTATTEMPT_P_H
