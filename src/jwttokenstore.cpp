// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwttokenstore.h>

#include "jwtlogging_p.h"

#include <QtCore/qpointer.h>
#include <QtCore/qqueue.h>

#include <functional>

/*!
    \class JwtTokenStore
    \brief Where the refresh credential lives between runs of the application ("remember me").

    A token store keeps one secret: the refresh credential (an OAuth 2 refresh token, or the
    value of the refresh cookie). Access tokens are never stored; they stay in the session's memory.

    Every operation is asynchronous. load(), save() and remove() return at once; the result is
    reported later by exactly one of loaded(), saved(), removed() or errorOccurred(), never from
    inside the call that started the operation. Operations run one after another in the order they
    were called, so the last save() wins and a remove() after a save() leaves nothing behind.
    A store belongs to the thread it lives in: call it and receive its signals there.

    JwtMemoryTokenStore keeps the credential for the life of the process; JwtKeychainStore keeps it
    in the operating system's keychain. To store elsewhere, subclass and implement
    loadCredential(), saveCredential() and removeCredential(); finish each with
    completeLoad(), completeSave(), completeRemove() or completeWithError(), at once or later.
    Storing a credential in plain files or QSettings defeats the purpose: do not.
*/

/*!
    \enum JwtTokenStore::Error
    Why an operation failed; reported by errorOccurred() with a translated message.
*/

/*!
    \enum JwtTokenStore::Operation
    The operation a store is running; see operation().
*/

struct JwtTokenStore::Private
{
    explicit Private(JwtTokenStore *q) : q(q) { }

    void enqueue(Operation operation, const QByteArray &credential);
    void startNext();
    void deliver(Operation expected, std::function<void()> emitResult);

    struct Request
    {
        Operation operation = Operation::None;
        QByteArray credential;
    };
    JwtTokenStore *const q;
    QQueue<Request> queue;
    Operation running = Operation::None;
    bool completing = false; // a result is on its way; a second one is a subclass bug
};

/*! Creates a store. */
JwtTokenStore::JwtTokenStore(QObject *parent) : QObject(parent), d(std::make_unique<Private>(this))
{ }

/*! Destroys the store; results of operations still running are not reported. */
JwtTokenStore::~JwtTokenStore() = default;

/*!
    Reads the stored credential. Emits loaded() with it, or with an empty array when nothing is
    stored, or errorOccurred().
*/
void JwtTokenStore::load()
{
    d->enqueue(Operation::Load, {});
}

/*!
    Stores \a refreshCredential, replacing what was stored. Emits saved() or errorOccurred().
    Saving an empty credential is the same as remove().
*/
void JwtTokenStore::save(const QByteArray &refreshCredential)
{
    if (refreshCredential.isEmpty())
        d->enqueue(Operation::Remove, {});
    else
        d->enqueue(Operation::Save, refreshCredential);
}

/*! Deletes the stored credential. Emits removed(), also when nothing was stored, or
    errorOccurred(). */
void JwtTokenStore::remove()
{
    d->enqueue(Operation::Remove, {});
}

/*!
    The operation running now. While loaded(), saved(), removed() or errorOccurred() is emitted,
    the operation they report on.
*/
JwtTokenStore::Operation JwtTokenStore::operation() const
{
    return d->running;
}

/*! True while an operation runs or waits for its turn. */
bool JwtTokenStore::isBusy() const
{
    return d->running != Operation::None || !d->queue.isEmpty();
}

/*!
    Names the stored entry the same way in every process of the user that reaches it, for
    example the keychain service and account. Sessions of different processes whose stores have
    the same non-empty identity share one remembered credential: they take turns to refresh it
    and notice each other's sign-out (see JwtSession::crossProcessLock). Only a hash of it is
    written anywhere (the name of a lock file), but it should not contain secrets.

    The default returns an empty string: the stored credential belongs to this process alone
    (JwtMemoryTokenStore), and nothing is coordinated. Override it in a store that processes
    share.
*/
QString JwtTokenStore::identity() const
{
    return {};
}

void JwtTokenStore::Private::enqueue(Operation operation, const QByteArray &credential)
{
    queue.enqueue({operation, credential});
    if (running == Operation::None)
        startNext();
}

void JwtTokenStore::Private::startNext()
{
    if (queue.isEmpty())
        return;
    Private::Request request = queue.dequeue();
    running = request.operation;
    completing = false;
    switch (request.operation) {
    case Operation::Load:
        q->loadCredential();
        break;
    case Operation::Save:
        q->saveCredential(request.credential);
        break;
    case Operation::Remove:
        q->removeCredential();
        break;
    case Operation::None:
        Q_UNREACHABLE();
    }
}

// Results are always delivered from the event loop, so a store that answers at once still never
// emits from inside the caller's load(), save() or remove().
void JwtTokenStore::Private::deliver(Operation expected, std::function<void()> emitResult)
{
    if (completing || (expected != Operation::None && running != expected)) {
        qCWarning(lcJwtStore, "%s: a result arrived for an operation that is not running; ignored",
                  q->metaObject()->className());
        return;
    }
    completing = true;
    QMetaObject::invokeMethod(
            q,
            [this, emitResult = std::move(emitResult)] {
                const QPointer<JwtTokenStore> alive(q);
                emitResult();
                if (!alive)
                    return; // a slot deleted the store
                running = Operation::None;
                completing = false;
                startNext();
            },
            Qt::QueuedConnection);
}

/*! Reports the end of loadCredential(): \a credential, empty when nothing is stored. */
void JwtTokenStore::completeLoad(const QByteArray &credential)
{
    d->deliver(Operation::Load, [this, credential] { Q_EMIT loaded(credential); });
}

/*! Reports the end of saveCredential(). */
void JwtTokenStore::completeSave()
{
    d->deliver(Operation::Save, [this] { Q_EMIT saved(); });
}

/*! Reports the end of removeCredential(). */
void JwtTokenStore::completeRemove()
{
    d->deliver(Operation::Remove, [this] { Q_EMIT removed(); });
}

/*!
    Reports that the running operation failed with \a error and a translated \a message for the
    user. The message must never contain the credential.
*/
void JwtTokenStore::completeWithError(JwtTokenStore::Error error, const QString &message)
{
    if (d->running == Operation::None) {
        qCWarning(lcJwtStore, "completeWithError: no operation is running; ignored");
        return;
    }
    d->deliver(Operation::None, [this, error, message] { Q_EMIT errorOccurred(error, message); });
}

/*!
    \fn void JwtTokenStore::loaded(const QByteArray &credential)
    Emitted once per load() with the stored \a credential; empty when nothing is stored.
*/
/*!
    \fn void JwtTokenStore::saved()
    Emitted once per successful save().
*/
/*!
    \fn void JwtTokenStore::removed()
    Emitted once per successful remove(), also when nothing was stored.
*/
/*!
    \fn void JwtTokenStore::errorOccurred(JwtTokenStore::Error error, const QString &message)
    Emitted once per failed operation (see operation()) with the \a error and a translated
    \a message that never contains the credential.
*/
/*!
    \fn void JwtTokenStore::loadCredential()
    Implement to read the stored credential; finish with completeLoad(), with an empty array when
    nothing is stored, or with completeWithError(). Called for one operation at a time.
*/
/*!
    \fn void JwtTokenStore::saveCredential(const QByteArray &credential)
    Implement to store \a credential in place of what was stored; finish with completeSave() or
    completeWithError(). Called for one operation at a time, never with an empty credential.
*/
/*!
    \fn void JwtTokenStore::removeCredential()
    Implement to delete the stored credential; finish with completeRemove(), also when nothing was
    stored, or with completeWithError(). Called for one operation at a time.
*/
