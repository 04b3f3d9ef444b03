// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwtmemorytokenstore.h>

/*!
    \class JwtMemoryTokenStore
    \brief A token store that keeps the refresh credential in memory, for the life of the object.

    For tests, and for applications that do not remember the user between runs: nothing is
    written anywhere. It behaves like any other store: results arrive asynchronously, in order.
*/

struct JwtMemoryTokenStore::Private
{
    QByteArray credential;
};

/*! Creates an empty store. */
JwtMemoryTokenStore::JwtMemoryTokenStore(QObject *parent)
    : JwtTokenStore(parent), d(std::make_unique<Private>())
{ }

/*! Destroys the store and the credential it holds. */
JwtMemoryTokenStore::~JwtMemoryTokenStore() = default;

/*! \reimp */
void JwtMemoryTokenStore::loadCredential()
{
    completeLoad(d->credential);
}

/*! \reimp */
void JwtMemoryTokenStore::saveCredential(const QByteArray &credential)
{
    d->credential = credential;
    completeSave();
}

/*! \reimp */
void JwtMemoryTokenStore::removeCredential()
{
    d->credential.clear();
    completeRemove();
}
