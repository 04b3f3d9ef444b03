// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTCOUNTINGMANAGER_H
#define JWTCOUNTINGMANAGER_H

#include <QtCore/qlist.h>
#include <QtCore/qpointer.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qnetworkrequest.h>

// Counts the requests a refresher makes, so that "no network call" is asserted, not assumed;
// keeps what was sent and the replies (until they are deleted).
class JwtCountingManager : public QNetworkAccessManager
{
public:
    using QNetworkAccessManager::QNetworkAccessManager;
    int created = 0;
    QList<QNetworkRequest> sent;
    QList<QPointer<QNetworkReply>> replies;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override
    {
        ++created;
        sent.append(request);
        QNetworkReply *reply = QNetworkAccessManager::createRequest(op, request, outgoingData);
        replies.append(reply);
        return reply;
    }
};

#endif // JWTCOUNTINGMANAGER_H
