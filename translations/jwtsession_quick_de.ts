<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>JwtQuickLoginBackend</name>
    <message>
        <source>Revoke refresh credential</source>
        <translation>Erneuerungsnachweis widerrufen</translation>
    </message>
    <message>
        <source>Expire access token</source>
        <translation>Zugriffstoken ablaufen lassen</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <source>Your session has expired</source>
        <translation>Ihre Sitzung ist abgelaufen</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Sign in again: requests that were waiting will complete.</source>
        <translation>Melden Sie sich erneut an: Wartende Anfragen werden danach abgeschlossen.</translation>
    </message>
    <message>
        <source>Demo users: alice / wonderland, bob / builder. Server: %1</source>
        <translation>Demo-Benutzer: alice / wonderland, bob / builder. Server: %1</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft …</translation>
    </message>
    <message>
        <source>Cancel (waiting for the browser…)</source>
        <translation>Abbrechen (Warten auf den Browser …)</translation>
    </message>
    <message>
        <source>Sign in with your browser</source>
        <translation>Mit Ihrem Browser anmelden</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>JwtSession – Quick login</source>
        <translation>JwtSession – Quick-Anmeldung</translation>
    </message>
    <message>
        <source>Session expired: sign in again to resume held requests</source>
        <translation>Sitzung abgelaufen: Melden Sie sich erneut an, um zurückgehaltene Anfragen fortzusetzen</translation>
    </message>
    <message>
        <source>Refresh failed: %1</source>
        <translation>Erneuerung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Refreshing the access token…</source>
        <translation>Das Zugriffstoken wird erneuert …</translation>
    </message>
    <message>
        <source>Refresh succeeded: new access token, waiting requests replayed</source>
        <translation>Erneuerung erfolgreich: neues Zugriffstoken, wartende Anfragen wiederholt</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
</context>
<context>
    <name>NotesPage</name>
    <message>
        <source>GET /api/notes</source>
        <translation>GET /api/notes</translation>
    </message>
    <message>
        <source>GET /api/notes answered %1</source>
        <translation>GET /api/notes beantwortet mit %1</translation>
    </message>
    <message>
        <source>POST /api/notes</source>
        <translation>POST /api/notes</translation>
    </message>
    <message>
        <source>POST /api/notes answered %1</source>
        <translation>POST /api/notes beantwortet mit %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Avatar failed to load</source>
        <translation>Das Profilbild konnte nicht geladen werden</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>Access token: refreshing…</source>
        <translation>Zugriffstoken: wird erneuert …</translation>
    </message>
    <message>
        <source>Access token: no expiry known</source>
        <translation>Zugriffstoken: Ablauf unbekannt</translation>
    </message>
    <message>
        <source>Access token expires in %1 s</source>
        <translation>Zugriffstoken läuft in %1 s ab</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Expire access token</source>
        <translation>Zugriffstoken ablaufen lassen</translation>
    </message>
    <message>
        <source>Revoke refresh credential</source>
        <translation>Erneuerungsnachweis widerrufen</translation>
    </message>
    <message>
        <source>New note</source>
        <translation>Neue Notiz</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>No notes yet: add one above.</source>
        <translation>Noch keine Notizen: Fügen Sie oben eine hinzu.</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>JwtSession in Qt Quick: sign in, use the API, survive token expiry.</source>
        <translation>JwtSession in Qt Quick: anmelden, die API nutzen, den Ablauf des Tokens überstehen.</translation>
    </message>
    <message>
        <source>Use the demo server at &lt;url&gt; instead of starting one in-process.</source>
        <translation>Den Demo-Server unter &lt;url&gt; verwenden, statt einen im Prozess zu starten.</translation>
    </message>
    <message>
        <source>Access-token lifetime of the in-process server, in seconds.</source>
        <translation>Gültigkeitsdauer der Zugriffstokens des Servers im Prozess, in Sekunden.</translation>
    </message>
    <message>
        <source>User interface language: de, fr or en.</source>
        <translation>Sprache der Oberfläche: de, fr oder en.</translation>
    </message>
    <message>
        <source>Sign in through the web browser (OAuth 2 authorization code with PKCE).</source>
        <translation>Über den Webbrowser anmelden (OAuth-2-Autorisierungscode mit PKCE).</translation>
    </message>
</context>
</TS>
