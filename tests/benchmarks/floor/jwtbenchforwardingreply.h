// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTBENCHFORWARDINGREPLY_H
#define JWTBENCHFORWARDINGREPLY_H

#include <QtNetwork/qnetworkreply.h>

// The least any proxy reply does: a second QNetworkReply in front of the one that talks to the
// network, forwarding its status, headers, data and end through the public API. No session,
// no admission, no replay: what is left when everything JwtSession adds is taken away.
class JwtBenchForwardingReply : public QNetworkReply
{
    Q_OBJECT

public:
    // Takes ownership of \a inner. A manager that parents its replies to itself must delete
    // them before ~QNetworkAccessManager() (see JwtBenchForwardingManager).
    JwtBenchForwardingReply(const QNetworkRequest &request, QNetworkReply *inner,
                            QObject *parent = nullptr);
    ~JwtBenchForwardingReply() override;

    void abort() override;
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    void copyMetaData();
    void forwardError(NetworkError error);
    void finishFromInner();

    QNetworkReply *m_inner;
};

#endif // JWTBENCHFORWARDINGREPLY_H
