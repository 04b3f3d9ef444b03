// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtbenchforwardingmanager.h"

#include "jwtbenchforwardingreply.h"

JwtBenchForwardingManager::JwtBenchForwardingManager(QObject *parent)
    : QNetworkAccessManager(parent)
{ }

JwtBenchForwardingManager::~JwtBenchForwardingManager()
{
    // Each forwarding reply deletes the reply it wraps; ~QNetworkAccessManager() deletes every
    // reply it finds among its children, so ours must be gone (with theirs) before it looks.
    qDeleteAll(findChildren<JwtBenchForwardingReply *>(Qt::FindDirectChildrenOnly));
}

// Parented to the manager like Qt's own replies (and like JwtAccessManager's proxy replies).
QNetworkReply *JwtBenchForwardingManager::createRequest(Operation op,
                                                        const QNetworkRequest &request,
                                                        QIODevice *outgoingData)
{
    return new JwtBenchForwardingReply(
            request, QNetworkAccessManager::createRequest(op, request, outgoingData), this);
}
