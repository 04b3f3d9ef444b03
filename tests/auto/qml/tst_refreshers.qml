// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// Refreshers declared in QML (the core's own classes, registered with QML_FOREIGN): their
// relative URLs are resolved against their baseUrl, by the refresher, and a relative URL with
// no base is refused before anything reaches the network.

import QtQuick
import QtTest
import JwtSession

TestCase {
    id: testCase
    name: "Refreshers"

    Session {
        id: session
        baseUrl: testServer.url
        refresher: CookieRefresher {
            id: cookieRefresher
            baseUrl: session.baseUrl
            loginUrl: "/auth/login"
            refreshUrl: "/auth/refresh"
        }
    }

    Session {
        id: unresolved
        refresher: CookieRefresher { loginUrl: "/auth/login"; refreshUrl: "/auth/refresh" }
    }

    // The cookie flow's URLs and a binding to an optional refresher (null: the cookie flow).
    Session {
        id: switching
        property QtObject chosen: null
        baseUrl: testServer.url
        loginUrl: "/auth/login"
        refreshUrl: "/auth/refresh"
        refresher: chosen
    }

    CookieRefresher { id: other; baseUrl: testServer.url; refreshUrl: "/other/refresh" }

    SignalSpy { id: signInSucceededSpy; target: session; signalName: "signInSucceeded" }
    SignalSpy { id: refreshSucceededSpy; target: session; signalName: "refreshSucceeded" }
    SignalSpy { id: unresolvedFailedSpy; target: unresolved; signalName: "signInFailed" }

    function init() {
        session.signOut();
        testServer.resetRecording();
        signInSucceededSpy.clear();
        refreshSucceededSpy.clear();
    }

    function test_declaredRefresherIsTheSessionsOwn() {
        verify(session.refresher === cookieRefresher);
        compare(cookieRefresher.loginUrl.toString(), testServer.urlFor("/auth/login").toString());
    }

    function test_signInAndRefreshThroughTheDeclaredRefresher() {
        session.signIn("alice", "wonderland");
        signInSucceededSpy.wait(10000);
        compare(session.state, Session.Active);
        compare(session.userName, "alice");
        session.refresh();
        refreshSucceededSpy.wait(10000);
        compare(testServer.count("/auth/login"), 1);
        compare(testServer.refreshCalls(), 1);
    }

    function test_aRelativeUrlWithoutABaseIsRefused() {
        unresolved.signIn("alice", "wonderland");
        unresolvedFailedSpy.wait(10000);
        compare(unresolvedFailedSpy.signalArguments[0][0], Session.Transient);
        verify(unresolvedFailedSpy.signalArguments[0][1].indexOf("/auth/login") >= 0);
        compare(unresolved.state, Session.SignedOut);
        compare(testServer.count("/auth/login"), 0);
    }

    function test_changingTheBaseMovesTheEndpoints() {
        var moved = Qt.resolvedUrl("http://127.0.0.1:1/");
        cookieRefresher.baseUrl = moved;
        compare(cookieRefresher.refreshUrl.toString(), "http://127.0.0.1:1/auth/refresh");
        cookieRefresher.baseUrl = session.baseUrl;
        compare(cookieRefresher.refreshUrl.toString(),
                testServer.urlFor("/auth/refresh").toString());
    }

    function test_nullRefresherIsTheCookieFlow() {
        verify(switching.refresher !== null);
        compare(switching.refresher.refreshUrl.toString(),
                testServer.urlFor("/auth/refresh").toString());
        switching.chosen = other;
        verify(switching.refresher === other);
        switching.chosen = null;
        verify(switching.refresher !== null && switching.refresher !== other);
        compare(switching.refresher.refreshUrl.toString(),
                testServer.urlFor("/auth/refresh").toString());
        switching.loginUrl = "";
        switching.refreshUrl = "";
        compare(switching.refresher, null); // no URL left: no refresher
    }
}
