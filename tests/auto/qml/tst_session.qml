// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// The Session element driven from QML against the test server. Assertions on the server side
// go through the "testServer" context property (JwtQmlTestServer).

import QtQuick
import QtTest
import JwtSession

TestCase {
    id: testCase
    name: "Session"

    Session {
        id: session
        baseUrl: testServer.url
        loginUrl: "/auth/login"
        refreshUrl: "/auth/refresh"
        expiryPolicy: Session.HoldForSignIn
        holdTimeout: 60000
    }

    SignalSpy { id: signInSucceededSpy; target: session; signalName: "signInSucceeded" }
    SignalSpy { id: signInFailedSpy; target: session; signalName: "signInFailed" }
    SignalSpy { id: expiredSpy; target: session; signalName: "sessionExpired" }
    SignalSpy { id: refreshFailedSpy; target: session; signalName: "refreshFailed" }
    SignalSpy { id: refreshSucceededSpy; target: session; signalName: "refreshSucceeded" }

    Component {
        id: imageComponent
        Image { cache: false }
    }

    // Sends a GET with XMLHttpRequest; the returned object fills in when the answer arrives.
    function get(path) {
        var result = { done: false, status: 0, body: "" };
        var xhr = new XMLHttpRequest();
        xhr.onreadystatechange = function() {
            if (xhr.readyState === XMLHttpRequest.DONE) {
                result.status = xhr.status;
                result.body = xhr.responseText;
                result.done = true;
            }
        };
        xhr.open("GET", testServer.url.toString() + path);
        xhr.send();
        return result;
    }

    function signIn(password) {
        signInSucceededSpy.clear();
        signInFailedSpy.clear();
        session.signIn("alice", password === undefined ? "wonderland" : password);
        tryVerify(function() { return signInSucceededSpy.count + signInFailedSpy.count > 0; },
                  10000);
    }

    function init() {
        session.signOut();
        signIn();
        compare(signInFailedSpy.count, 0);
        expiredSpy.clear();
        refreshFailedSpy.clear();
        refreshSucceededSpy.clear();
        testServer.resetRecording();
    }

    function test_signedInProperties() {
        compare(session.state, Session.Active);
        verify(session.signedIn);
        verify(!session.refreshing);
        compare(session.userName, "alice");
        compare(session.claims.sub, "alice");
        verify(session.accessTokenExpiresAt > new Date());
        compare(session.holdTimeout, 60000); // JwtSession's duration, in milliseconds
        // The cookie flow's refresher resolves the relative URLs against baseUrl.
        compare(session.refresher.refreshUrl.toString(), testServer.urlFor("/auth/refresh").toString());
        compare(session.loginUrl.toString(), testServer.urlFor("/auth/login").toString());
    }

    function test_signInFailedReportsAMessage() {
        session.signOut();
        compare(session.state, Session.SignedOut);
        verify(!session.signedIn);
        signIn("not the password");
        compare(signInFailedSpy.count, 1);
        compare(signInFailedSpy.signalArguments[0][0], Session.Rejected); // JwtSession's kind
        verify(signInFailedSpy.signalArguments[0][1].length > 0);
        verify(!session.signedIn);
    }

    function test_xhrCarriesTheToken() {
        var reply = get("/echo");
        tryCompare(reply, "done", true, 10000);
        compare(reply.status, 200);
        compare(JSON.parse(reply.body).user, "alice");
        compare(testServer.count("/echo"), 1);
        compare(testServer.countWithAuthorization(), 1);
    }

    function test_xhrAcrossTokenExpiry() {
        testServer.expireAccessTokens();
        var reply = get("/echo");
        tryCompare(reply, "done", true, 10000);
        compare(reply.status, 200);
        compare(JSON.parse(reply.body).user, "alice");
        compare(testServer.refreshCalls(), 1);
        compare(testServer.unauthorizedAnswers(), 1);
        compare(testServer.count("/echo"), 2); // refused once, replayed once
        compare(session.state, Session.Active);
        compare(refreshSucceededSpy.count, 1);
        compare(refreshFailedSpy.count, 0);
    }

    function test_refreshFromQml() {
        session.refresh();
        tryCompare(session, "refreshing", false, 10000);
        compare(testServer.refreshCalls(), 1);
        compare(session.state, Session.Active);
        compare(refreshSucceededSpy.count, 1);
    }

    function test_expiryHoldsXhrUntilSignIn() {
        testServer.revokeRefreshTokens();
        testServer.expireAccessTokens();
        var reply = get("/echo");
        expiredSpy.wait(10000);
        compare(expiredSpy.count, 1);
        compare(refreshFailedSpy.count, 1);
        compare(refreshSucceededSpy.count, 0);
        compare(session.state, Session.Expired);
        verify(!reply.done); // held for the new sign-in, not failed

        signIn();
        compare(signInSucceededSpy.count, 1);
        tryCompare(reply, "done", true, 10000);
        compare(reply.status, 200);
        compare(JSON.parse(reply.body).user, "alice");
        compare(testServer.refreshCalls(), 1); // the rejected one only
        compare(expiredSpy.count, 1);
    }

    function test_imageFromProtectedUrlAcrossExpiry() {
        testServer.expireAccessTokens();
        var image = createTemporaryObject(imageComponent, testCase,
                                          { source: testServer.url.toString() + "/api/avatar.png" });
        verify(image);
        tryCompare(image, "status", Image.Ready, 10000);
        verify(image.implicitWidth > 0);
        compare(testServer.count("/api/avatar.png"), 2); // refused once, replayed once
        compare(testServer.countWithAuthorization(), 2);
        compare(testServer.refreshCalls(), 1);
    }
}
