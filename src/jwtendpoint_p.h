// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTENDPOINT_P_H
#define JWTENDPOINT_P_H

#include <QtCore/qobject.h>
#include <QtCore/qurl.h>

#include <initializer_list>
#include <utility>
#include <vector>

// An endpoint URL of a refresher, as the application set it (maybe relative, as QML writes
// "/auth/login") and as the calls use it: resolved against the refresher's baseUrl. The
// refresher keeps the two in step when either changes and announces the URL in use only when
// it moved, so its getters and change signals speak of the URL requests really go to.
class JwtEndpoint
{
public:
    //! Sets the URL as set to \a url; returns whether the URL in use changed.
    bool set(const QUrl &url, const QUrl &base)
    {
        m_asSet = url;
        return rebase(base);
    }

    //! Resolves the URL as set against \a base again; returns whether the URL in use changed.
    bool rebase(const QUrl &base)
    {
        QUrl inUse = resolved(m_asSet, base);
        if (inUse == m_inUse)
            return false;
        m_inUse = std::move(inUse);
        return true;
    }

    //! The URL the calls go to.
    const QUrl &url() const { return m_inUse; }

    //! \a url resolved against \a base when it is relative and there is a base; else \a url.
    static QUrl resolved(const QUrl &url, const QUrl &base)
    {
        if (url.isEmpty() || !url.isRelative() || base.isEmpty() || !base.isValid())
            return url;
        return base.resolved(url);
    }

    //! An endpoint and the signal that announces its URL in use.
    template<typename Refresher>
    using Announced = std::pair<JwtEndpoint *, void (Refresher::*)(const QUrl &)>;

    //! Keeps \a endpoints of \a refresher resolved against its baseUrl, from now on: each
    //! one whose URL in use moves with the base announces it.
    template<typename Refresher>
    static void followBaseUrl(Refresher *refresher,
                              std::initializer_list<Announced<Refresher>> endpoints)
    {
        QObject::connect(
                refresher, &Refresher::baseUrlChanged, refresher,
                [refresher, list = std::vector<Announced<Refresher>>(endpoints)](const QUrl &base) {
                    for (const auto &[endpoint, changed] : list) {
                        if (endpoint->rebase(base))
                            Q_EMIT(refresher->*changed)(endpoint->url());
                    }
                });
    }

private:
    QUrl m_asSet;
    QUrl m_inUse;
};

#endif // JWTENDPOINT_P_H
