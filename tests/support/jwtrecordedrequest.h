// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTRECORDEDREQUEST_H
#define JWTRECORDEDREQUEST_H

#include <QtCore/qbytearray.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qstring.h>

// What JwtTestServer saw of one request: tests assert on these, not on what the client believes.
struct JwtRecordedRequest
{
    QByteArray method; // as sent, e.g. "GET", "PROPFIND"
    QString path; // decoded path, without the query
    QString query; // without the '?'
    QByteArray host; // the Host header as sent, e.g. "127.0.0.1:4711" or "localhost:4711"
    QByteArray authorization; // the Authorization header as sent, empty if none
    QByteArray cookie; // the Cookie header as sent, empty if none
    qint64 bodySize = 0;
    QByteArray bodySha256Hex; // SHA-256 of the request body, lower-case hex
    int status = 0; // the status answered; 0 while not decided yet (delayed, stalled)
    quint16 localPort = 0; // the server port the request arrived on
    quint64 generation = 0; // of a valid bearer token where the server checked it, 0 if none
};

Q_DECLARE_METATYPE(JwtRecordedRequest)

// The value of cookie \a name in a Cookie header (JwtRecordedRequest::cookie, or one read from a
// raw request), empty if it is not there.
inline QByteArray cookieValue(const QByteArray &cookieHeader, const QByteArray &name)
{
    for (const QByteArray &pair : cookieHeader.split(';')) {
        const QByteArray trimmed = pair.trimmed();
        if (trimmed.startsWith(name + '='))
            return trimmed.mid(name.size() + 1);
    }
    return QByteArray();
}

#endif // JWTRECORDEDREQUEST_H
