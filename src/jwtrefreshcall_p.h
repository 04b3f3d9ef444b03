// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTREFRESHCALL_P_H
#define JWTREFRESHCALL_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the JwtSession API. It may change or disappear without notice.
//

#include "jwtrefreshresponse_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qpointer.h>
#include <QtNetwork/qnetworkrequest.h>

#include <functional>

class JwtRefreshJob;
class QNetworkAccessManager;
class QNetworkReply;

// The network side the refreshers share: one call to a refresh, login or logout endpoint, read
// into a JwtRefreshResponse::Input with the body bound, cancel and deletion of the job handled.
class JwtRefreshCall
{
    Q_DECLARE_TR_FUNCTIONS(JwtRefreshCall)
public:
    using Done = std::function<void(JwtRefreshJob *job, const JwtRefreshResponse::Input &input)>;

    //! A request that is never intercepted, never redirected, and asks for JSON.
    static QNetworkRequest request(const QUrl &url, const QByteArray &contentType);
    //! Reads \a reply (bounded, Qt's read buffer too) and calls \a done once with what arrived,
    //! unless \a job was canceled or deleted first: then the reply is aborted and \a done is
    //! never called. The server's Date is recorded on the job. \a reply is deleted later in
    //! every case. Call it right after the request was sent, before any event is processed.
    static void collect(QNetworkReply *reply, JwtRefreshJob *job, const Done &done);
    //! Posts \a body to \a request and only logs the answer's status: for calls nobody waits
    //! for (logout, revocation). \a what names the call in the log. Returns the reply, which
    //! deletes itself once finished.
    static QNetworkReply *postAndForget(QNetworkAccessManager *manager,
                                        const QNetworkRequest &request, const QByteArray &body,
                                        const char *what);

    //! True when \a url is relative, or would carry a credential in clear text and
    //! \a allowInsecureHttp is off: warns (naming \a refresher), and fails \a job when given.
    static bool refusesDestination(const QUrl &url, bool allowInsecureHttp, const char *refresher,
                                   JwtRefreshJob *job);

    //! The manager in \a manager, or a new one owned by \a owner the first time.
    static QNetworkAccessManager *manager(QPointer<QNetworkAccessManager> &manager, QObject *owner);
    //! Puts \a manager (not owned; nullptr: an own one later) into \a current, deleting the
    //! one \a owner created.
    static void setManager(QPointer<QNetworkAccessManager> &current, QNetworkAccessManager *manager,
                           QObject *owner);

    JwtRefreshCall() = delete;
};

#endif // JWTREFRESHCALL_P_H
