// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTSESSIONFIXTURE_H
#define JWTSESSIONFIXTURE_H

#include "jwttestserver.h"
#include "jwtwait.h"

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtcookierefresher.h>
#include <JwtSession/jwtsession.h>

#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qtest.h>

#include <memory>

// Signs session in as alice (the test servers' user) and waits for the answer, up to 10 s.
// False unless it succeeded and the session is active; then *error says what happened (the
// session's message for a failed sign-in).
bool signInAsAlice(JwtSession *session, QString *error = nullptr);

// What most suites start from: a test server, a session signed in to it through the cookie
// refresher, the server's origin authorized, and a manager bound to the session. Members are
// public so a test can reconfigure or delete any of them. A suite holds one, or inherits it
// privately so that its test functions read as before (server->…, session->…).
class JwtSessionFixture
{
public:
    enum class SignIn { Yes, No };

    JwtSessionFixture();
    ~JwtSessionFixture();

    // Starts the server, sets up session, refresher and manager, and signs in as alice unless
    // told not to; returns false, with errorString(), on failure.
    bool setUp(SignIn signIn = SignIn::Yes);
    // Signs in as alice and waits for the answer; false, with errorString(), unless it succeeded.
    bool signIn();
    // Deletes everything, replies first (with the manager); setUp() may follow.
    void tearDown();
    QString errorString() const { return m_error; }

    QNetworkReply *get(const QString &pathAndQuery,
                       QNetworkRequest::Priority priority = QNetworkRequest::NormalPriority) const;

    std::unique_ptr<JwtTestServer> server;
    std::unique_ptr<JwtSession> session;
    std::unique_ptr<JwtCookieRefresher> refresher;
    std::unique_ptr<JwtAccessManager> manager;

private:
    QString m_error;
    Q_DISABLE_COPY_MOVE(JwtSessionFixture)
};

#endif // JWTSESSIONFIXTURE_H
