// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import JwtSession

ApplicationWindow {
    id: window

    // JwtQuickLoginBackend, set from C++ with setInitialProperties().
    required property QtObject backend

    width: 720
    height: 520
    visible: true
    title: qsTr("JwtSession – Quick login")

    // A JwtSession created in QML. It binds the engine's network factory to itself, so
    // XMLHttpRequest and Image below carry the token and survive its expiry.
    Session {
        id: session
        baseUrl: window.backend.serverUrl
        loginUrl: "/auth/login"
        refreshUrl: "/auth/refresh"
        logoutUrl: "/auth/logout"
        // --browser: an OAuth 2 refresher with browser sign-in from C++; null keeps the URLs above.
        refresher: window.backend.refresher
        // Requests that meet an expired session wait for the next sign-in instead of failing.
        expiryPolicy: Session.HoldForSignIn
        onSessionExpired: notesPage.log(qsTr("Session expired: sign in again to resume held requests"))
        onRefreshFailed: (kind, message) => notesPage.log(qsTr("Refresh failed: %1").arg(message))
        onRefreshingChanged: if (refreshing) notesPage.log(qsTr("Refreshing the access token…"))
        onRefreshSucceeded: notesPage.log(qsTr("Refresh succeeded: new access token, waiting requests replayed"))
        onSignInSucceeded: notesPage.log(qsTr("Signed in as %1").arg(userName))
    }

    NotesPage {
        id: notesPage
        anchors.fill: parent
        session: session
        backend: window.backend
        // Built once the user first signs in; it stays underneath the login page afterwards.
        visible: everSignedIn
        property bool everSignedIn: false
        Connections {
            target: session
            function onSignInSucceeded() {
                if (!notesPage.everSignedIn) {
                    notesPage.everSignedIn = true;
                    notesPage.reload();
                }
            }
        }
    }

    // Comes back over the content whenever the session has no credentials.
    LoginPage {
        anchors.fill: parent
        session: session
        visible: !session.signedIn
        expired: session.state === Session.Expired
        serverUrl: window.backend.serverUrl
    }
}
