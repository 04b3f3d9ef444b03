// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The signed-in content: the user's notes (XMLHttpRequest), the avatar (a protected Image),
// the access-token countdown and the demo's admin buttons.
Pane {
    id: page

    required property QtObject session
    required property QtObject backend

    property var now: new Date()

    function log(line) {
        logModel.insert(0, { line: Qt.formatTime(new Date(), "hh:mm:ss") + "  " + line });
    }

    function api(method, path, body, done) {
        var xhr = new XMLHttpRequest();
        xhr.onreadystatechange = function() {
            if (xhr.readyState === XMLHttpRequest.DONE)
                done(xhr.status, xhr.responseText);
        };
        xhr.open(method, page.backend.serverUrl.toString() + path);
        if (body !== undefined) {
            xhr.setRequestHeader("Content-Type", "application/json");
            xhr.send(JSON.stringify(body));
        } else {
            xhr.send();
        }
    }

    function reload() {
        log(qsTr("GET /api/notes"));
        api("GET", "/api/notes", undefined, function(status, text) {
            log(qsTr("GET /api/notes answered %1").arg(status));
            if (status !== 200)
                return;
            notesModel.clear();
            var notes = JSON.parse(text);
            for (var i = 0; i < notes.length; ++i)
                notesModel.append({ title: notes[i].title, body: notes[i].body || "" });
        });
        // A new source URL each time, so that the protected image is fetched again.
        avatar.source = page.backend.serverUrl.toString() + "/api/avatar.png?t=" + Date.now();
    }

    function addNote(title) {
        log(qsTr("POST /api/notes"));
        api("POST", "/api/notes", { title: title, body: "" }, function(status) {
            log(qsTr("POST /api/notes answered %1").arg(status));
            if (status === 201)
                reload();
        });
    }

    Timer {
        interval: 250
        running: page.visible
        repeat: true
        onTriggered: page.now = new Date()
    }

    ListModel { id: notesModel }
    ListModel { id: logModel }

    Connections {
        target: page.backend
        function onAdminCallFinished(what, ok) {
            page.log(qsTr("%1: %2").arg(what).arg(ok ? qsTr("done") : qsTr("failed")));
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 10

        RowLayout {
            spacing: 12
            Image {
                id: avatar
                Layout.preferredWidth: 48
                Layout.preferredHeight: 48
                fillMode: Image.PreserveAspectFit
                cache: false
                onStatusChanged: if (status === Image.Error) page.log(qsTr("Avatar failed to load"))
            }
            ColumnLayout {
                Label {
                    text: page.session.userName.length > 0
                          ? qsTr("Signed in as %1").arg(page.session.userName)
                          : qsTr("Not signed in")
                    font.bold: true
                }
                Label {
                    id: countdown
                    readonly property real secondsLeft:
                        (page.session.accessTokenExpiresAt - page.now) / 1000
                    text: page.session.refreshing
                          ? qsTr("Access token: refreshing…")
                          : isNaN(secondsLeft)
                            ? qsTr("Access token: no expiry known")
                            : qsTr("Access token expires in %1 s").arg(Math.max(0, Math.ceil(secondsLeft)))
                    color: !isNaN(secondsLeft) && secondsLeft <= 0 ? "firebrick" : palette.windowText
                }
            }
            Item { Layout.fillWidth: true }
            Button {
                text: qsTr("Sign out")
                onClicked: page.session.signOut()
            }
        }

        RowLayout {
            Button {
                text: qsTr("Reload")
                onClicked: page.reload()
            }
            Button {
                text: qsTr("Expire access token")
                onClicked: page.backend.expireAccessToken()
            }
            Button {
                text: qsTr("Revoke refresh credential")
                onClicked: page.backend.revokeRefreshCredential()
            }
        }

        RowLayout {
            TextField {
                id: noteField
                Layout.fillWidth: true
                placeholderText: qsTr("New note")
                onAccepted: addButton.clicked()
            }
            Button {
                id: addButton
                text: qsTr("Add")
                enabled: noteField.text.length > 0
                onClicked: {
                    page.addNote(noteField.text);
                    noteField.text = "";
                }
            }
        }

        ListView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: notesModel
            delegate: ItemDelegate {
                width: ListView.view.width
                text: model.title
            }
            Label {
                anchors.centerIn: parent
                visible: notesModel.count === 0
                text: qsTr("No notes yet: add one above.")
                opacity: 0.6
            }
        }

        Label { text: qsTr("Events"); font.bold: true }
        ListView {
            Layout.fillWidth: true
            Layout.preferredHeight: 110
            clip: true
            model: logModel
            delegate: Label { text: model.line; font.family: "monospace" }
        }
    }
}
