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

bool JwtSessionFixture::signIn()
{
    QSignalSpy succeeded(session.get(), &JwtSession::signInSucceeded);
    QSignalSpy failed(session.get(), &JwtSession::signInFailed);
    session->signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    (void)QTest::qWaitFor([&] { return !succeeded.isEmpty() || !failed.isEmpty(); }, 10000);
    if (succeeded.count() != 1 || session->state() != JwtSession::State::Active) {
        m_error = QStringLiteral("sign-in failed");
        return false;
    }
    return true;
}

QNetworkReply *JwtSessionFixture::get(const QString &pathAndQuery,
                                      QNetworkRequest::Priority priority) const
{
    QNetworkRequest request(server->url(pathAndQuery));
    request.setPriority(priority);
    return manager->get(request);
}
