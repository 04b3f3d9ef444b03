// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTTOKENSTORE_H
#define JWTTOKENSTORE_H

#include <JwtSession/jwtsession_export.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qobject.h>
#include <QtCore/qstring.h>

#include <memory>

class JWTSESSION_EXPORT JwtTokenStore : public QObject
{
    Q_OBJECT
public:
    enum class Error {
        NoError, //!< no error
        Unavailable, //!< no credential storage could be reached (no keychain service running)
        AccessDenied, //!< the user or the system refused access to the stored credential
        Failed, //!< the storage reported another failure
    };
    Q_ENUM(Error)

    enum class Operation {
        None, //!< no operation is running
        Load, //!< load() is running
        Save, //!< save() is running
        Remove, //!< remove() is running
    };
    Q_ENUM(Operation)

    explicit JwtTokenStore(QObject *parent = nullptr);
    ~JwtTokenStore() override;

    void load();
    void save(const QByteArray &refreshCredential);
    void remove();

    Operation operation() const;
    bool isBusy() const;

    //! Names the stored entry alike in every process that can read it; empty: this process only.
    virtual QString identity() const;

Q_SIGNALS:
    void loaded(const QByteArray &credential);
    void saved();
    void removed();
    void errorOccurred(JwtTokenStore::Error error, const QString &message);

protected:
    //! Read the credential; finish with completeLoad() or completeWithError(), now or later.
    virtual void loadCredential() = 0;
    //! Write \a credential; finish with completeSave() or completeWithError(), now or later.
    virtual void saveCredential(const QByteArray &credential) = 0;
    //! Delete the credential; finish with completeRemove() or completeWithError(), now or later.
    virtual void removeCredential() = 0;

    void completeLoad(const QByteArray &credential);
    void completeSave();
    void completeRemove();
    void completeWithError(JwtTokenStore::Error error, const QString &message);

private:
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtTokenStore)
};

#endif // JWTTOKENSTORE_H
