// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtattempt_p.h"

#include "jwtproxyreply_p.h"
#include "jwtteedevice_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtNetwork/qhttpmultipart.h>

#include <iterator>

namespace {

// Reply attributes an attempt sets that the caller must see on the proxy.
constexpr QNetworkRequest::Attribute ForwardedAttributes[] = {
        QNetworkRequest::HttpStatusCodeAttribute,
        QNetworkRequest::HttpReasonPhraseAttribute,
        QNetworkRequest::RedirectionTargetAttribute,
        QNetworkRequest::ConnectionEncryptedAttribute,
        QNetworkRequest::SourceIsFromCacheAttribute,
        QNetworkRequest::HttpPipeliningWasUsedAttribute,
        QNetworkRequest::Http2WasUsedAttribute,
        QNetworkRequest::OriginalContentLengthAttribute,
};
// copyMetaDataTo() keeps one bit per forwarded attribute.
static_assert(std::size(ForwardedAttributes) <= 32);

} // namespace

// Each slot of the proxy first marks the attempt as heard from (see drop()).
void JwtAttempt::wire(QNetworkReply *attempt, JwtProxyReply *proxy, bool uploads, bool tls)
{
    m_reply = attempt;
    m_counts = false;
    m_bytesRead = 0;
    clearHeld();
    m_uploaded = false;
    m_heard = false;
    m_forwardingDownloadProgress = false;
    QObject::connect(attempt, &QNetworkReply::metaDataChanged, proxy,
                     &JwtProxyReply::onAttemptMetaData);
    QObject::connect(attempt, &QIODevice::readyRead, proxy, &JwtProxyReply::onAttemptReadyRead);
    QObject::connect(attempt, &QNetworkReply::finished, proxy, &JwtProxyReply::onAttemptFinished);
    if (uploads) {
        QObject::connect(attempt, &QNetworkReply::uploadProgress, proxy,
                         &JwtProxyReply::onAttemptUploadProgress);
    }
    QObject::connect(attempt, &QObject::destroyed, proxy, &JwtProxyReply::onAttemptDestroyed);
#if QT_CONFIG(ssl)
    if (!tls)
        return;
    // Direct connections: the application decides inside its slot, on the reply it holds.
    QObject::connect(attempt, &QNetworkReply::sslErrors, proxy,
                     [this, proxy](const QList<QSslError> &errors) {
                         m_heard = true;
                         Q_EMIT proxy->sslErrors(errors);
                     });
    QObject::connect(attempt, &QNetworkReply::encrypted, proxy, [this, proxy] {
        m_heard = true;
        Q_EMIT proxy->encrypted();
    });
    QObject::connect(attempt, &QNetworkReply::preSharedKeyAuthenticationRequired, proxy,
                     [this, proxy](QSslPreSharedKeyAuthenticator *authenticator) {
                         m_heard = true;
                         Q_EMIT proxy->preSharedKeyAuthenticationRequired(authenticator);
                     });
#else
    Q_UNUSED(tls)
#endif
}

void JwtAttempt::forwardDownloadProgress(JwtProxyReply *proxy)
{
    if (!m_reply || m_forwardingDownloadProgress)
        return;
    m_forwardingDownloadProgress = true;
    QObject::connect(m_reply, &QNetworkReply::downloadProgress, proxy,
                     &JwtProxyReply::onAttemptDownloadProgress);
}

QNetworkReply *JwtAttempt::detach(JwtProxyReply *proxy)
{
    QNetworkReply *attempt = m_reply.data();
    m_reply = nullptr;
    m_counts = false;
    clearHeld();
    if (attempt)
        QObject::disconnect(attempt, nullptr, proxy, nullptr);
    return attempt;
}

// Aborting a refused or redirected attempt would also race with the answer Qt has already
// queued from its HTTP thread.
void JwtAttempt::retire(QNetworkReply *attempt, bool stillUploading)
{
    if (attempt->isFinished()) {
        attempt->deleteLater();
    } else if (stillUploading) {
        if (attempt->error() == QNetworkReply::NoError)
            attempt->abort();
        attempt->deleteLater();
    } else {
        QObject::connect(attempt, &QNetworkReply::finished, attempt, &QObject::deleteLater);
    }
}

void JwtAttempt::drop(QNetworkReply *attempt, bool heard)
{
    if (!heard) {
        // Not started yet: Qt 6.4 starts it from a posted call, which runs even after abort()
        // and reads the body device, perhaps a QBuffer dying with the proxy. Drop that call.
        QCoreApplication::removePostedEvents(attempt);
    }
    // An attempt whose answer has begun (its status is known) may already have its error
    // queued, as Qt sets it after the headers of a 401; one that reported an error is only
    // waiting to emit finished. Deleting them is enough: aborting would report a second error.
    if (!attempt->isFinished() && attempt->error() == QNetworkReply::NoError
        && !attempt->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid())
        attempt->abort();
    attempt->deleteLater();
}

void JwtAttempt::endWithProxy(JwtProxyReply *proxy, QIODevice *outgoingData, const QObject *sender)
{
    QNetworkReply *attempt = m_reply.data();
    if (!attempt)
        return;
    if (attempt->isFinished()) {
        // The common case. A finished attempt emits nothing more, and ~QObject() disconnects
        // it from the proxy; disconnecting here would only cost time. It goes at once, unless
        // the proxy is deleted from within one of its signals (the caller deleting its reply in
        // its finished slot): then it still has code to run.
        if (sender == attempt)
            attempt->deleteLater();
        else
            delete attempt;
        return;
    }
    adoptBody(attempt, proxy, outgoingData);
    const bool heard = m_heard;
    drop(detach(proxy), heard);
}

// Qt 6.4 starts a random-access upload from a queued call that abort() does not cancel, so the
// attempt, deleted later, may still open its body after the proxy is gone. The body objects the
// proxy owns (Qt's QBuffer of post(QByteArray), a multipart parented to the reply as Qt's
// documentation suggests, the tee of a sequential body) go with the attempt.
void JwtAttempt::adoptBody(QNetworkReply *attempt, QObject *proxy, QIODevice *outgoingData)
{
    QObject *owned = outgoingData;
    while (owned && owned->parent() && owned->parent() != proxy)
        owned = owned->parent();
    if (owned && owned->parent() == proxy)
        owned->setParent(attempt);
    // A multipart's device has no QObject parent: the multipart itself is what the proxy owns.
    const QList<QObject *> children = proxy->children();
    for (QObject *child : children) {
        if (qobject_cast<JwtTeeDevice *>(child) || qobject_cast<QHttpMultiPart *>(child))
            child->setParent(attempt);
    }
}

int JwtAttempt::status() const
{
    return m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

void JwtAttempt::hold(qint64 maxSize)
{
    const QByteArray bytes = m_reply->read(maxSize);
    m_bytesRead += bytes.size();
    m_held += bytes;
}

// An attempt Qt aborted (its transfer timeout) is closed: reading it would only warn.
bool JwtAttempt::hasBody() const
{
    return m_heldRead < m_held.size() || (m_reply && m_reply->isOpen());
}

qint64 JwtAttempt::readBody(char *data, qint64 maxSize)
{
    if (m_heldRead < m_held.size()) {
        const qint64 n = qMin<qint64>(maxSize, m_held.size() - m_heldRead);
        memcpy(data, m_held.constData() + m_heldRead, size_t(n));
        m_heldRead += n;
        return n;
    }
    const qint64 n = m_reply->read(data, maxSize);
    if (n > 0)
        m_bytesRead += n;
    return n;
}

qint64 JwtAttempt::bodyAvailable() const
{
    return m_held.size() - m_heldRead + (m_reply ? m_reply->bytesAvailable() : 0);
}

bool JwtAttempt::canReadBodyLine() const
{
    return m_held.indexOf('\n', m_heldRead) >= 0 || (m_reply && m_reply->canReadLine());
}

// Called once per attempt that counts, and again if it changes its metadata. Only this function
// sets the proxy's attributes and headers, so the masks say exactly what an earlier call set:
// most attributes are unset on both sides, and the first call has nothing to clear.
void JwtAttempt::copyMetaDataTo(JwtProxyReply *proxy)
{
    quint32 forwarded = 0;
    for (size_t i = 0; i < std::size(ForwardedAttributes); ++i) {
        const QNetworkRequest::Attribute code = ForwardedAttributes[i];
        const QVariant value = m_reply->attribute(code);
        if (value.isValid()) {
            proxy->setAttribute(code, value);
            forwarded |= 1u << i;
        } else if (m_forwardedAttributes & (1u << i)) {
            proxy->setAttribute(code, value);
        }
    }
    m_forwardedAttributes = forwarded;
    proxy->setUrl(m_reply->url());
    if (m_forwardedHeaders) {
        for (const QByteArray &name : proxy->rawHeaderList())
            proxy->setRawHeader(name, QByteArray());
    }
    const QList<QNetworkReply::RawHeaderPair> &headers = m_reply->rawHeaderPairs();
    for (const auto &header : headers)
        proxy->setRawHeader(header.first, header.second);
    m_forwardedHeaders = !headers.isEmpty();
}

// Qt 6.4 can finish an HTTP/1.1 reply without error although the connection closed before the
// body its Content-Length announced was complete: when the answer is parsed before Qt marked
// the request as sent (an upload still being written, or a request head just written on a busy
// machine), Qt takes the close for the end of a body without length (and sends the request
// again on a new connection). The caller must never take a cut body for the whole one.
// Every finished reply asks: the common answer (the whole body arrived) costs one lookup.
bool JwtAttempt::bodyIsShort(QNetworkAccessManager::Operation op) const
{
    // Qt removes Content-Length when it decompresses the body (it counted the compressed one).
    bool ok = false;
    const qint64 announced =
            m_reply->rawHeader(QByteArrayLiteral("Content-Length")).toLongLong(&ok);
    if (!ok || m_bytesRead + m_reply->bytesAvailable() >= announced)
        return false;
    // Answers without a body announce a length all the same.
    if (op == QNetworkAccessManager::HeadOperation)
        return false;
    const int code = status();
    if (code < 200 || code == 204 || code == 304)
        return false;
    // A chunked body ends with its last chunk; a Content-Length sent with it means nothing.
    return !m_reply->hasRawHeader(QByteArrayLiteral("Transfer-Encoding"));
}
