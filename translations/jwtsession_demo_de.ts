<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>JwtDemoWindow</name>
    <message>
        <source>Event log: what the interceptor does</source>
        <translation>Ereignisprotokoll: Was der Interceptor tut</translation>
    </message>
    <message>
        <source>Signed-in user</source>
        <translation>Angemeldeter Benutzer</translation>
    </message>
    <message>
        <source>Access token lifetime</source>
        <translation>Gültigkeit des Zugriffstokens</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>Sign &amp;In…</source>
        <translation>&amp;Anmelden …</translation>
    </message>
    <message>
        <source>Opens the sign-in dialog.</source>
        <translation>Öffnet den Anmeldedialog.</translation>
    </message>
    <message>
        <source>Sign &amp;Out</source>
        <translation>A&amp;bmelden</translation>
    </message>
    <message>
        <source>Ends the session and forgets the tokens.</source>
        <translation>Beendet die Sitzung und vergisst die Tokens.</translation>
    </message>
    <message>
        <source>&amp;Expire Access Token Now</source>
        <translation>Zugriffstoken jetzt &amp;ablaufen lassen</translation>
    </message>
    <message>
        <source>The server refuses the current access token; the next request collects a 401, refreshes and replays.</source>
        <translation>Der Server lehnt das aktuelle Zugriffstoken ab; die nächste Anfrage erhält ein 401, erneuert die Sitzung und wird wiederholt.</translation>
    </message>
    <message>
        <source>&amp;Revoke Refresh Credential</source>
        <translation>Erneuerungsnachweis &amp;widerrufen</translation>
    </message>
    <message>
        <source>The next refresh is rejected: the session expires and the sign-in dialog opens.</source>
        <translation>Die nächste Erneuerung wird abgelehnt: Die Sitzung läuft ab und der Anmeldedialog öffnet sich.</translation>
    </message>
    <message>
        <source>Simulate Server &amp;Outage</source>
        <translation>Server&amp;ausfall simulieren</translation>
    </message>
    <message>
        <source>Refresh calls fail with 503: a transient failure, you stay signed in.</source>
        <translation>Erneuerungsaufrufe scheitern mit 503: ein vorübergehender Fehler, Sie bleiben angemeldet.</translation>
    </message>
    <message>
        <source>&amp;Burst: %1 Parallel Requests</source>
        <translation>&amp;Ansturm: %1 parallele Anfragen</translation>
    </message>
    <message>
        <source>Sends %1 requests at once: at most one refresh, every request replayed.</source>
        <translation>Sendet %1 Anfragen gleichzeitig: höchstens eine Erneuerung, jede Anfrage wird wiederholt.</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Sitzung</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Demo</source>
        <translation>&amp;Demo</translation>
    </message>
    <message>
        <source>&amp;Clear Event Log</source>
        <translation>Ereignisprotokoll &amp;leeren</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>Ü&amp;ber</translation>
    </message>
    <message>
        <source>About JwtSession Demo</source>
        <translation>Über die JwtSession-Demo</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;JwtSession Demo&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Keeps a Qt application&apos;s JWT session alive: bearer tokens, single-flight refresh, replay.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;JwtSession-Demo&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Hält die JWT-Sitzung einer Qt-Anwendung am Leben: Bearer-Tokens, eine einzige Erneuerung für alle, Wiederholung.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Demo Controls</source>
        <translation>Demo-Steuerung</translation>
    </message>
    <message>
        <source>#%1 ← HTTP %2 %3</source>
        <translation>#%1 ← HTTP %2 %3</translation>
    </message>
    <message>
        <source>#%1 failed: %2</source>
        <translation>#%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>#%1 → %2 (token generation %3)</source>
        <translation>#%1 → %2 (Token-Generation %3)</translation>
    </message>
    <message>
        <source>#%1 → %2 (no token)</source>
        <translation>#%1 → %2 (ohne Token)</translation>
    </message>
    <message>
        <source>#%1 ← HTTP %2: the access token was refused (hidden from the caller)</source>
        <translation>#%1 ← HTTP %2: Das Zugriffstoken wurde abgelehnt (vor dem Aufrufer verborgen)</translation>
    </message>
    <message>
        <source>#%1 is held until you sign in again</source>
        <translation>#%1 wartet, bis Sie sich erneut anmelden</translation>
    </message>
    <message>
        <source>#%1 waits for the refresh</source>
        <translation>#%1 wartet auf die Erneuerung</translation>
    </message>
    <message>
        <source>#%1 is replayed with the new token</source>
        <translation>#%1 wird mit dem neuen Token wiederholt</translation>
    </message>
    <message>
        <source>Refresh started (one call for every waiting request)</source>
        <translation>Erneuerung gestartet (ein Aufruf für alle wartenden Anfragen)</translation>
    </message>
    <message>
        <source>Refresh succeeded: token generation %1, valid until %2</source>
        <translation>Erneuerung erfolgreich: Token-Generation %1, gültig bis %2</translation>
    </message>
    <message>
        <source>Refresh rejected: %1</source>
        <translation>Erneuerung abgelehnt: %1</translation>
    </message>
    <message>
        <source>Refresh failed transiently: %1 You stay signed in as %2; a later request tries again.</source>
        <translation>Erneuerung vorübergehend fehlgeschlagen: %1 Sie bleiben als %2 angemeldet; eine spätere Anfrage versucht es erneut.</translation>
    </message>
    <message>
        <source>Session expired: the sign-in dialog opens, waiting requests are held until then</source>
        <translation>Sitzung abgelaufen: Der Anmeldedialog öffnet sich, wartende Anfragen werden bis dahin zurückgehalten</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation>Anmeldung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>Sign-in canceled: held requests fail, nothing is replayed</source>
        <translation>Anmeldung abgebrochen: Zurückgehaltene Anfragen scheitern, nichts wird wiederholt</translation>
    </message>
    <message>
        <source>server: %1 %2 → %3</source>
        <translation>Server: %1 %2 → %3</translation>
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
        <source>Access token: none</source>
        <translation>Zugriffstoken: keines</translation>
    </message>
    <message>
        <source>Access token: lifetime unknown</source>
        <translation>Zugriffstoken: Gültigkeit unbekannt</translation>
    </message>
    <message>
        <source>Access token: %1 left</source>
        <translation>Zugriffstoken: noch %1</translation>
    </message>
    <message>
        <source>Access token: expired</source>
        <translation>Zugriffstoken: abgelaufen</translation>
    </message>
    <message>
        <source>The server did not accept %1: %2</source>
        <translation>Der Server hat %1 nicht angenommen: %2</translation>
    </message>
    <message>
        <source>Sign in to %1.
Demo accounts: alice (password “wonderland”), bob (password “builder”).</source>
        <translation>Melden Sie sich bei %1 an.
Demo-Konten: alice (Passwort „wonderland“), bob (Passwort „builder“).</translation>
    </message>
    <message>
        <source>Demo started against %1</source>
        <translation>Demo gestartet mit %1</translation>
    </message>
    <message>
        <source>The server now refuses every access token issued so far; reloading the notes</source>
        <translation>Der Server lehnt jetzt alle bisher ausgestellten Zugriffstokens ab; die Notizen werden neu geladen</translation>
    </message>
    <message>
        <source>The server revoked the refresh credential and expired the access token; reloading the notes</source>
        <translation>Der Server hat den Erneuerungsnachweis widerrufen und das Zugriffstoken ablaufen lassen; die Notizen werden neu geladen</translation>
    </message>
    <message>
        <source>Outage over: refresh calls work again</source>
        <translation>Ausfall beendet: Erneuerungsaufrufe funktionieren wieder</translation>
    </message>
    <message>
        <source>Outage: refresh calls now fail with 503, and the access token was expired; reloading the notes</source>
        <translation>Ausfall: Erneuerungsaufrufe scheitern jetzt mit 503, und das Zugriffstoken ist abgelaufen; die Notizen werden neu geladen</translation>
    </message>
    <message>
        <source>Burst: sending %1 requests at once</source>
        <translation>Ansturm: %1 Anfragen werden gleichzeitig gesendet</translation>
    </message>
    <message>
        <source>Burst finished: %1 of %2 requests succeeded; refresh calls during the burst: %3</source>
        <translation>Ansturm beendet: %1 von %2 Anfragen erfolgreich; Erneuerungsaufrufe während des Ansturms: %3</translation>
    </message>
    <message>
        <source>The server now refuses every access token issued so far</source>
        <translation>Der Server lehnt jetzt alle bisher ausgestellten Zugriffstokens ab</translation>
    </message>
    <message>
        <source>Expire Token</source>
        <translation>Token ablaufen lassen</translation>
    </message>
    <message>
        <source>Revoke Refresh</source>
        <translation>Erneuerung widerrufen</translation>
    </message>
    <message>
        <source>Outage</source>
        <translation>Serverausfall</translation>
    </message>
    <message>
        <source>Burst ×%1</source>
        <translation>Ansturm ×%1</translation>
    </message>
    <message>
        <source>Status message</source>
        <translation>Statusmeldung</translation>
    </message>
    <message>
        <source>Live: the notes changed on the server; reloading</source>
        <translation>Live: Die Notizen auf dem Server haben sich geändert; sie werden neu geladen</translation>
    </message>
</context>
<context>
    <name>JwtEventLog</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
    <message>
        <source>What the interceptor, the session and the demo server did, with times.</source>
        <translation>Was Interceptor, Sitzung und Demo-Server getan haben, mit Uhrzeit.</translation>
    </message>
</context>
<context>
    <name>JwtNotesPanel</name>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Your notes, as the server lists them.</source>
        <translation>Ihre Notizen, wie der Server sie auflistet.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Note title</source>
        <translation>Titel der Notiz</translation>
    </message>
    <message>
        <source>The title of the note being edited.</source>
        <translation>Der Titel der bearbeiteten Notiz.</translation>
    </message>
    <message>
        <source>Write something; it is sent when you save.</source>
        <translation>Schreiben Sie etwas; es wird beim Speichern gesendet.</translation>
    </message>
    <message>
        <source>Note text</source>
        <translation>Text der Notiz</translation>
    </message>
    <message>
        <source>The text of the note being edited.</source>
        <translation>Der Text der bearbeiteten Notiz.</translation>
    </message>
    <message>
        <source>&amp;New Note</source>
        <translation>&amp;Neue Notiz</translation>
    </message>
    <message>
        <source>Starts a new, empty note.</source>
        <translation>Beginnt eine neue, leere Notiz.</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>Spei&amp;chern</translation>
    </message>
    <message>
        <source>Sends the note to the server: POST for a new note, PUT for an existing one.</source>
        <translation>Sendet die Notiz an den Server: POST für eine neue, PUT für eine vorhandene Notiz.</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Neu &amp;laden</translation>
    </message>
    <message>
        <source>Fetches the notes from the server again.</source>
        <translation>Holt die Notizen erneut vom Server.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>Te&amp;xt:</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Notes on the server: %1</source>
        <translation>Notizen auf dem Server: %1</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>„%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Sa&amp;ve New Note</source>
        <translation>Neue Notiz spei&amp;chern</translation>
    </message>
    <message>
        <source>Sa&amp;ve Changes</source>
        <translation>Änderungen spei&amp;chern</translation>
    </message>
    <message>
        <source>The request failed: %1</source>
        <translation>Die Anfrage ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>&amp;Sign In…</source>
        <translation>&amp;Anmelden …</translation>
    </message>
    <message>
        <source>Opens the sign-in dialog.</source>
        <translation>Öffnet den Anmeldedialog.</translation>
    </message>
    <message>
        <source>Signed out: sign in to see and edit your notes.</source>
        <translation>Abgemeldet: Melden Sie sich an, um Ihre Notizen zu sehen und zu bearbeiten.</translation>
    </message>
    <message>
        <source>Saving “%1”…</source>
        <translation>„%1“ wird gespeichert …</translation>
    </message>
    <message>
        <source>Loading the notes waits until you sign in again.</source>
        <translation>Das Laden der Notizen wartet, bis Sie sich erneut anmelden.</translation>
    </message>
    <message>
        <source>Saving “%1” waits until you sign in again.</source>
        <translation>Das Speichern von „%1“ wartet, bis Sie sich erneut anmelden.</translation>
    </message>
    <message>
        <source>New Note</source>
        <translation>Neue Notiz</translation>
    </message>
    <message>
        <source>Editing “%1”</source>
        <translation>„%1“ bearbeiten</translation>
    </message>
</context>
<context>
    <name>JwtScreenshotTour</name>
    <message>
        <source>Shopping list</source>
        <translation>Einkaufsliste</translation>
    </message>
    <message>
        <source>Ideas for the talk</source>
        <translation>Ideen für den Vortrag</translation>
    </message>
    <message>
        <source>Call the bank</source>
        <translation>Bank anrufen</translation>
    </message>
    <message>
        <source>Written in the JwtSession demo.</source>
        <translation>In der JwtSession-Demo geschrieben.</translation>
    </message>
    <message>
        <source>Saved after a refresh</source>
        <translation>Nach einer Erneuerung gespeichert</translation>
    </message>
    <message>
        <source>The POST body was replayed.</source>
        <translation>Der POST-Inhalt wurde wiederholt gesendet.</translation>
    </message>
    <message>
        <source>Packing list</source>
        <translation>Packliste</translation>
    </message>
</context>
<context>
    <name>JwtWidgetsDemo</name>
    <message>
        <source>JwtSession demo: a notes application whose session survives expired tokens, revoked refresh credentials and server outages.</source>
        <translation>JwtSession-Demo: eine Notizanwendung, deren Sitzung abgelaufene Tokens, widerrufene Erneuerungsnachweise und Serverausfälle übersteht.</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>User interface language: de, fr or en.</source>
        <translation>Sprache der Oberfläche: de, fr oder en.</translation>
    </message>
    <message>
        <source>language</source>
        <translation>sprache</translation>
    </message>
    <message>
        <source>Refresh through the OAuth 2 token endpoint instead of the HttpOnly cookie flow.</source>
        <translation>Über den OAuth-2-Token-Endpunkt statt über das HttpOnly-Cookie erneuern.</translation>
    </message>
    <message>
        <source>Lifetime of the embedded server&apos;s access tokens, in seconds (default 30).</source>
        <translation>Gültigkeitsdauer der Zugriffstokens des eingebetteten Servers in Sekunden (Standard 30).</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>sekunden</translation>
    </message>
    <message>
        <source>directory</source>
        <translation>verzeichnis</translation>
    </message>
    <message>
        <source>The embedded demo server could not start.</source>
        <translation>Der eingebettete Demo-Server konnte nicht starten.</translation>
    </message>
    <message>
        <source>JwtSession Demo</source>
        <translation>JwtSession-Demo</translation>
    </message>
    <message>
        <source>Use the auth server at &lt;%1&gt; instead of the embedded one.</source>
        <translation>Den Anmeldeserver unter &lt;%1&gt; statt des eingebetteten verwenden.</translation>
    </message>
    <message>
        <source>Walk through the demo by itself, save PNGs into &lt;%1&gt; and quit.</source>
        <translation>Die Demo selbstständig durchlaufen, PNG-Bilder in &lt;%1&gt; speichern und beenden.</translation>
    </message>
    <message>
        <source>How the session is renewed: cookie (HttpOnly refresh cookie, the default), json (refresh token in a JSON body, Django SimpleJWT&apos;s routes) or oauth (OAuth 2 token endpoint).</source>
        <translation>Wie die Sitzung erneuert wird: cookie (HttpOnly-Erneuerungs-Cookie, Standard), json (Aktualisierungstoken im JSON-Inhalt, die Routen von Django SimpleJWT) oder oauth (OAuth-2-Token-Endpunkt).</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>art</translation>
    </message>
    <message>
        <source>Offer signing in through the web browser (authorization code with PKCE); implies --oauth.</source>
        <translation>Die Anmeldung über den Webbrowser anbieten (Autorisierungscode mit PKCE); impliziert --oauth.</translation>
    </message>
    <message>
        <source>Unknown backend &quot;%1&quot;: use cookie, json or oauth.</source>
        <translation>Unbekanntes Backend „%1“: Verwenden Sie cookie, json oder oauth.</translation>
    </message>
</context>
</TS>
