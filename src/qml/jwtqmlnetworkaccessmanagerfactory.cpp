// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtqmlnetworkaccessmanagerfactory.h>
#include <JwtSession/jwtsession.h>

#include <QtCore/qlist.h>
#include <QtCore/qmutex.h>
#include <QtCore/qpointer.h>
#include <QtCore/qthread.h>

/*!
    \class JwtQmlNetworkAccessManagerFactory
    \brief Makes QML's network traffic (XMLHttpRequest, Image and AnimatedImage sources,
    Loader and FontLoader URLs, remote QML files) go through a JwtAccessManager bound to a
    JwtSession.

    Install it on the engine before QML makes its first request, and keep it alive as long as
    the engine (QQmlEngine does not own its factory):

    \code
    JwtQmlNetworkAccessManagerFactory factory(&session); // or no session: see below
    QQmlApplicationEngine engine;
    engine.setNetworkAccessManagerFactory(&factory);
    \endcode

    QML calls create() from several threads (the GUI thread for XMLHttpRequest, the image
    reader thread for Image, the type loader for remote components), possibly at the same time.
    create() is reentrant: it only builds a JwtAccessManager in the calling thread and records
    it under a mutex. All managers share the one session; JwtSession keeps its tokens behind a
    mutex and runs its single refresh on its own thread, waking replies in other threads through
    queued signals, so concurrent 401s in several threads still cause exactly one refresh.

    The factory may start without a session. The first \c Session element created in an engine
    that uses this factory binds it to itself (see JwtQmlSession); setSession() rebinds
    it later, and every manager created so far follows (in its own thread, through a queued
    call). The session must outlive the factory's use of it: call setSession(nullptr) before
    deleting a session the factory still refers to (JwtQmlSession does this itself).
*/

namespace {

// Shared with the managers' destroyed() handlers, which may run after the factory is gone.
struct Registry
{
    QMutex mutex;
    QPointer<JwtSession> session;
    QList<JwtAccessManager *> managers;
};

} // namespace

struct JwtQmlNetworkAccessManagerFactory::Private
{
    std::shared_ptr<Registry> registry = std::make_shared<Registry>();
};

/*! Creates a factory whose managers attach the tokens of \a session (may be null). */
JwtQmlNetworkAccessManagerFactory::JwtQmlNetworkAccessManagerFactory(JwtSession *session)
    : d(std::make_unique<Private>())
{
    d->registry->session = session;
}

/*! Destroys the factory. Managers it created keep working with their session. */
JwtQmlNetworkAccessManagerFactory::~JwtQmlNetworkAccessManagerFactory() = default;

/*! The session new managers are bound to; null when none is set yet. Thread-safe. */
JwtSession *JwtQmlNetworkAccessManagerFactory::session() const
{
    QMutexLocker lock(&d->registry->mutex);
    return d->registry->session;
}

/*!
    Binds the factory, and every manager it created that still exists, to \a session.
    Managers living in another thread are rebound there, through a queued call; managers in the
    calling thread are rebound before this returns. Thread-safe.
*/
void JwtQmlNetworkAccessManagerFactory::setSession(JwtSession *session)
{
    Registry &registry = *d->registry;
    QMutexLocker lock(&registry.mutex);
    if (registry.session == session)
        return;
    registry.session = session;
    QThread *const current = QThread::currentThread();
    for (JwtAccessManager *manager : std::as_const(registry.managers)) {
        // A manager being destroyed blocks on the mutex in its destroyed() handler, before
        // ~QObject drops its posted events: posting to it here is safe.
        if (manager->thread() == current) {
            manager->setSession(session);
        } else {
            QMetaObject::invokeMethod(
                    manager,
                    [manager, target = QPointer<JwtSession>(session)] {
                        manager->setSession(target);
                    },
                    Qt::QueuedConnection);
        }
    }
}

/*!
    Creates a JwtAccessManager with \a parent, in the calling thread, bound to the current
    session. Called by QML on any of its threads; reentrant. The manager is owned by \a parent
    (QML deletes it); the factory only keeps track of it to rebind it.
*/
QNetworkAccessManager *JwtQmlNetworkAccessManagerFactory::create(QObject *parent)
{
    auto *manager = new JwtAccessManager(parent);
    const std::shared_ptr<Registry> registry = d->registry;
    QObject::connect(manager, &QObject::destroyed, [registry, manager] {
        QMutexLocker lock(&registry->mutex);
        registry->managers.removeOne(manager);
    });
    // Bound under the lock, so that a concurrent setSession() either sees this manager or
    // happened before it was bound.
    QMutexLocker lock(&registry->mutex);
    manager->setSession(registry->session);
    registry->managers.append(manager);
    return manager;
}
