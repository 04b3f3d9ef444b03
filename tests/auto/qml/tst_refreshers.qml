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

    SignalSpy { id: refresherChangedSpy; target: switching; signalName: "refresherChanged" }
    SignalSpy { id: loginUrlSpy; target: switching; signalName: "loginUrlChanged" }
    SignalSpy { id: durationsSpy; target: switching; signalName: "durationsChanged" }

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
    }

    function test_changingTheBaseMovesTheEndpoints() {
        var moved = Qt.resolvedUrl("http://127.0.0.1:1/");
        cookieRefresher.baseUrl = moved;
        compare(cookieRefresher.refreshUrl.toString(), "http://127.0.0.1:1/auth/refresh");
        cookieRefresher.baseUrl = Qt.binding(function() { return session.baseUrl; });
        compare(cookieRefresher.refreshUrl.toString(),
                testServer.urlFor("/auth/refresh").toString());
    }

    // The cookie flow is taken when the component completes with no other refresher (the
    // binding to an optional refresher gave null), or when a URL is set; a refresher assigned
    // afterwards, null included, is used as it is, announced once.
    function test_optionalRefresherAndTheCookieFlow() {
        verify(switching.refresher !== null);
        compare(switching.refresher.refreshUrl.toString(),
                testServer.urlFor("/auth/refresh").toString());
        var cookieFlow = switching.refresher;
        refresherChangedSpy.clear();
        switching.chosen = other;
        verify(switching.refresher === other);
        compare(refresherChangedSpy.count, 1);
        switching.chosen = null;
        compare(switching.refresher, null);
        compare(refresherChangedSpy.count, 2);
        compare(refresherChangedSpy.signalArguments[1][0], null);
        switching.refreshUrl = "/auth/refresh"; // a URL set again: the cookie flow again
        verify(switching.refresher === cookieFlow);
        switching.loginUrl = "";
        switching.refreshUrl = "";
        compare(switching.refresher, null); // no URL left: no refresher
    }

    // The cookie flow's URLs read back resolved, and move (with a signal) when baseUrl does.
    function test_cookieFlowUrlsFollowTheBase() {
        loginUrlSpy.clear();
        switching.baseUrl = "http://127.0.0.1:1/";
        compare(switching.loginUrl.toString(), "http://127.0.0.1:1/auth/login");
        compare(loginUrlSpy.count, 1);
        switching.baseUrl = testServer.url;
        compare(switching.loginUrl.toString(), testServer.urlFor("/auth/login").toString());
        compare(loginUrlSpy.count, 2);
    }

    // JwtSession's durations, in milliseconds; a negative one counts as 0.
    function test_durationsInMilliseconds() {
        durationsSpy.clear();
        switching.maxWaitTime = 2500;
        compare(switching.maxWaitTime, 2500);
        switching.holdTimeout = -5;
        compare(switching.holdTimeout, 0);
        compare(durationsSpy.count, 2);
    }
}
