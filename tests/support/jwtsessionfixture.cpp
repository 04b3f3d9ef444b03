// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtsessionfixture.h"

#include <QtCore/qdeadlinetimer.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

JwtSessionFixture::JwtSessionFixture() = default;

JwtSessionFixture::~JwtSessionFixture()
{
    tearDown();
}

void JwtSessionFixture::tearDown()
{
    // Replies first (with the manager), then what they depend on.
    manager.reset();
    session.reset();
    refresher.reset();
    server.reset();
}

bool JwtSessionFixture::setUp(SignIn signIn)
{
    server = std::make_unique<JwtTestServer>();
    if (!server->listen()) {
        m_error = QStringLiteral("the test server does not listen");
        return false;
    }
    session = std::make_unique<JwtSession>();
    refresher = std::make_unique<JwtCookieRefresher>();
    refresher->setLoginUrl(server->url(QStringLiteral("/auth/login")));
    refresher->setRefreshUrl(server->url(QStringLiteral("/auth/refresh")));
    session->setRefresher(refresher.get());
    session->addAuthorizedOrigin(server->url());
    manager = std::make_unique<JwtAccessManager>(session.get());
    if (signIn == SignIn::No)
        return true;
    if (!this->signIn())
        return false;
    server->resetRecording();
    return true;
}

bool signInAsAlice(JwtSession *session, QString *error)
{
    QSignalSpy succeeded(session, &JwtSession::signInSucceeded);
    QSignalSpy failed(session, &JwtSession::signInFailed);
    session->signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    const bool ended =
            QTest::qWaitFor([&] { return !succeeded.isEmpty() || !failed.isEmpty(); }, 10000);
    if (succeeded.count() == 1 && failed.isEmpty() && session->state() == JwtSession::State::Active)
        return true;
    if (!error)
        return false;
    if (!ended)
        *error = QStringLiteral("the sign-in did not end within 10 s");
    else if (!failed.isEmpty())
        *error = QStringLiteral("the sign-in failed: ") + failed.first().last().toString();
    else
        *error = QStringLiteral("the sign-in succeeded, but the session is not active");
    return false;
}

bool JwtSessionFixture::signIn()
{
    return signInAsAlice(session.get(), &m_error);
}

QNetworkReply *JwtSessionFixture::get(const QString &pathAndQuery,
                                      QNetworkRequest::Priority priority) const
{
    QNetworkRequest request(server->url(pathAndQuery));
    request.setPriority(priority);
    return manager->get(request);
}
