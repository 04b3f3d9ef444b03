// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTFAULTPROXY_H
#define JWTFAULTPROXY_H

#include <QtCore/qhash.h>
#include <QtCore/qlist.h>
#include <QtCore/qobject.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qurl.h>
#include <QtNetwork/qhostaddress.h>

#include <chrono>
#include <memory>

class QTcpSocket;

// A loopback TCP proxy for HTTP/1.1 that sits between a client and JwtTestServer and breaks
// exchanges on purpose, the way a flaky network or a dying server does (OkHttp's SocketPolicy).
// For every request head it sees, it draws a fault from a seeded random generator and records
// which request (by its id header) got which fault, so a test can check that every failure the
// client reports matches a fault that was really injected.
class JwtFaultProxy : public QObject
{
    Q_OBJECT
public:
    enum class Fault {
        None, //!< forwarded untouched
        Refused, //!< the listeners close for a moment: new connections are refused
        ResetAtConnect, //!< the connection is reset before the request reaches the server
        ResetMidHeaders, //!< part of the response head, then a reset
        ResetMidBody, //!< the response head and part of the body, then a reset
        TruncatedBody, //!< the response head and part of the body, then a clean close
        Stall, //!< the request reaches the server, the answer never reaches the client
        SlowTrickle, //!< the whole answer, in small pieces with pauses
    };
    Q_ENUM(Fault)

    //! One fault decision. The effective fault may differ from the drawn one when the answer
    //! cannot carry it (no body to cut: a mid-body fault becomes a mid-headers reset).
    struct Injection
    {
        QByteArray requestId; //!< the value of the id header; empty if the request had none
        QByteArray method;
        QString path;
        quint16 port = 0; //!< the proxy port the request came in on
        Fault fault = Fault::None;
        std::chrono::steady_clock::time_point at;
    };

    //! A time span during which connections were refused.
    struct RefusalWindow
    {
        std::chrono::steady_clock::time_point begin;
        std::chrono::steady_clock::time_point end; //!< max() while still refusing
    };

    explicit JwtFaultProxy(QObject *parent = nullptr);
    ~JwtFaultProxy() override;

    // Configuration: before listen().
    void setSeed(quint64 seed);
    //! Relative weights of the faults; the default is None only (a transparent proxy).
    void setFaultWeights(const QHash<Fault, int> &weights);
    //! Requests whose path starts with one of \a prefixes are always forwarded untouched.
    void setExemptPathPrefixes(const QStringList &prefixes);
    //! The request header carrying the id recorded with each injection (default X-Request-Id).
    void setRequestIdHeader(const QByteArray &name);
    void setRefusalDuration(std::chrono::milliseconds duration);
    void setTricklePause(std::chrono::milliseconds pause);

    //! Listens on \a listeners loopback ports, each its own origin (Qt opens at most six
    //! connections per origin), and forwards to \a upstreamPort on \a upstream.
    bool listen(const QHostAddress &upstream, quint16 upstreamPort, int listeners = 1);
    QList<quint16> ports() const;
    QUrl url(int listener, const QString &pathAndQuery = {}) const;

    //! Closes every listener for \a duration, then listens on the same ports again.
    void refuseConnectionsFor(std::chrono::milliseconds duration);

    // Recording: thread-safe, so a test may read it from another thread.
    QList<Injection> injections() const;
    QList<RefusalWindow> refusalWindows() const;
    QHash<Fault, int> faultCounts() const;
    int connectionsAccepted() const;
    //! True if connections were refused at some moment between \a begin and \a end.
    bool wasRefusingDuring(std::chrono::steady_clock::time_point begin,
                           std::chrono::steady_clock::time_point end) const;

    static QString faultName(Fault fault);
    //! Ends \a socket with a reset (RST) instead of a clean close, as a crashing server does.
    static void resetConnection(QTcpSocket *socket);

private:
    friend class JwtFaultProxyConnection;
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtFaultProxy)
};

#endif // JWTFAULTPROXY_H
