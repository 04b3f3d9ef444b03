// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The login form. Shown over the content while signed out or after the session expired.
Pane {
    id: page

    required property QtObject session
    property bool expired: false
    property url serverUrl

    property bool busy: false
    property bool waitingForBrowser: false

    // Swallow clicks so that nothing underneath is usable while the login page is up.
    MouseArea { anchors.fill: parent }

    Connections {
        target: page.session
        function onSignInSucceeded() {
            page.busy = false;
            page.waitingForBrowser = false;
            errorLabel.text = "";
            passwordField.text = "";
        }
        function onSignInFailed(kind, message) {
            page.busy = false;
            page.waitingForBrowser = false;
            errorLabel.text = message;
        }
    }

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 40, 340)
        spacing: 12

        Label {
            text: page.expired ? qsTr("Your session has expired") : qsTr("Sign in")
            font.pixelSize: 22
            font.bold: true
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: page.expired
                  ? qsTr("Sign in again: requests that were waiting will complete.")
                  : qsTr("Demo users: alice / wonderland, bob / builder. Server: %1").arg(page.serverUrl)
        }
        TextField {
            id: userField
            Layout.fillWidth: true
            placeholderText: qsTr("User name")
            text: "alice"
        }
        TextField {
            id: passwordField
            Layout.fillWidth: true
            placeholderText: qsTr("Password")
            echoMode: TextInput.Password
            onAccepted: signInButton.clicked()
        }
        Label {
            id: errorLabel
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: "firebrick"
            visible: text.length > 0
        }
        Button {
            id: signInButton
            Layout.fillWidth: true
            text: page.busy ? qsTr("Signing in…") : qsTr("Sign in")
            enabled: !page.busy && userField.text.length > 0 && passwordField.text.length > 0
            onClicked: {
                page.busy = true;
                page.session.signIn(userField.text, passwordField.text);
            }
        }
        // Session.signInWithBrowser(): the system browser opens the demo server's sign-in,
        // which approves alice at once, and comes back to the application.
        Button {
            id: browserButton
            Layout.fillWidth: true
            visible: page.session.browserSignInAvailable
            text: page.waitingForBrowser ? qsTr("Cancel (waiting for the browser…)")
                                         : qsTr("Sign in with your browser")
            enabled: !page.busy || page.waitingForBrowser
            onClicked: {
                if (page.waitingForBrowser) {
                    page.session.cancelBrowserSignIn();
                    return;
                }
                page.busy = true;
                page.waitingForBrowser = true;
                page.session.signInWithBrowser();
            }
        }
    }
}
