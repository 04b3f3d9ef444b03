<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>JwtAccessManager</name>
    <message>
        <source>The request could not be sent again: its body device was deleted.</source>
        <translation>Die Anfrage konnte nicht erneut gesendet werden: Das Gerät mit ihrem Inhalt wurde gelöscht.</translation>
    </message>
    <message numerus="yes">
        <source>The request could not be sent again: its body came from a sequential device larger than the replay buffer (%n bytes).</source>
        <translation>
            <numerusform>Die Anfrage konnte nicht erneut gesendet werden: Ihr Inhalt kam von einem sequenziellen Gerät, das größer ist als der Wiederholungspuffer (%n Byte).</numerusform>
            <numerusform>Die Anfrage konnte nicht erneut gesendet werden: Ihr Inhalt kam von einem sequenziellen Gerät, das größer ist als der Wiederholungspuffer (%n Bytes).</numerusform>
        </translation>
    </message>
    <message>
        <source>The request could not be sent again: its body device could not be rewound.</source>
        <translation>Die Anfrage konnte nicht erneut gesendet werden: Das Gerät mit ihrem Inhalt konnte nicht zurückgespult werden.</translation>
    </message>
</context>
<context>
    <name>JwtCookieRefresher</name>
    <message>
        <source>No refresh URL is configured.</source>
        <translation>Es ist keine URL zum Erneuern der Sitzung eingerichtet.</translation>
    </message>
    <message>
        <source>There is no refresh credential: please sign in again.</source>
        <translation>Es gibt keinen Erneuerungsnachweis: Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>No login URL is configured.</source>
        <translation>Es ist keine Anmelde-URL eingerichtet.</translation>
    </message>
    <message>
        <source>The user name or password is incorrect.</source>
        <translation>Der Benutzername oder das Passwort ist falsch.</translation>
    </message>
    <message>
        <source>The authentication server sent a refresh cookie that cannot be used.</source>
        <translation>Der Anmeldeserver hat ein unbrauchbares Erneuerungs-Cookie gesendet.</translation>
    </message>
    <message>
        <source>The refresh credential cannot be used: please sign in again.</source>
        <translation>Der Erneuerungsnachweis ist unbrauchbar: Bitte melden Sie sich erneut an.</translation>
    </message>
</context>
<context>
    <name>JwtKeychainStore</name>
    <message>
        <source>The system keychain is not available. On Linux, a Secret Service such as GNOME Keyring or KWallet must be running and unlocked.</source>
        <translation>Der Schlüsselbund des Systems ist nicht verfügbar. Unter Linux muss ein Secret Service wie GNOME Keyring oder KWallet laufen und entsperrt sein.</translation>
    </message>
    <message>
        <source>Access to the system keychain was denied.</source>
        <translation>Der Zugriff auf den Schlüsselbund des Systems wurde verweigert.</translation>
    </message>
    <message>
        <source>The system keychain reported an error.</source>
        <translation>Der Schlüsselbund des Systems hat einen Fehler gemeldet.</translation>
    </message>
    <message>
        <source>The saved sign-in could not be read.</source>
        <translation>Die gespeicherte Anmeldung konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The sign-in could not be saved.</source>
        <translation>Die Anmeldung konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>The saved sign-in could not be removed.</source>
        <translation>Die gespeicherte Anmeldung konnte nicht entfernt werden.</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Details: %1</translation>
    </message>
</context>
<context>
    <name>JwtLoginDialog</name>
    <message>
        <source>Sign In</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Remember me on this computer</source>
        <translation>Auf diesem Computer &amp;angemeldet bleiben</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft …</translation>
    </message>
    <message>
        <source>&amp;Sign In</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Your user name</source>
        <translation>Ihr Benutzername</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>Ihr Passwort</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>The name you sign in with.</source>
        <translation>Der Name, mit dem Sie sich anmelden.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Your password. It is not stored.</source>
        <translation>Ihr Passwort. Es wird nicht gespeichert.</translation>
    </message>
    <message>
        <source>Remember me</source>
        <translation>Angemeldet bleiben</translation>
    </message>
    <message>
        <source>Keep me signed in on this computer, in the system keychain.</source>
        <translation>Auf diesem Computer angemeldet bleiben, gespeichert im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>Sends the user name and password to the server.</source>
        <translation>Sendet Benutzername und Passwort an den Server.</translation>
    </message>
    <message>
        <source>Closes the dialog without signing in.</source>
        <translation>Schließt den Dialog, ohne sich anzumelden.</translation>
    </message>
    <message>
        <source>Sign-in error</source>
        <translation>Anmeldefehler</translation>
    </message>
    <message>
        <source>Signing in</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>Waiting for the server to check the user name and password.</source>
        <translation>Warten, bis der Server Benutzername und Passwort geprüft hat.</translation>
    </message>
    <message>
        <source>Application logo</source>
        <translation>Logo der Anwendung</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>Geben Sie Ihren Benutzernamen und Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Hide password</source>
        <translation>Passwort verbergen</translation>
    </message>
    <message>
        <source>Show password</source>
        <translation>Passwort anzeigen</translation>
    </message>
    <message>
        <source>Shows or hides the characters of the password.</source>
        <translation>Zeigt die Zeichen des Passworts an oder verbirgt sie.</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>Geben Sie Ihren Benutzernamen ein.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Geben Sie Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>The user name or password is incorrect.</source>
        <translation>Der Benutzername oder das Passwort ist falsch.</translation>
    </message>
    <message>
        <source>The server could not be reached. Check the connection and try again.</source>
        <translation>Der Server ist nicht erreichbar. Prüfen Sie die Verbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The server sent an answer that cannot be used. Try again later.</source>
        <translation>Der Server hat eine unbrauchbare Antwort gesendet. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>Signing in was canceled.</source>
        <translation>Die Anmeldung wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>JwtLoginPrompt</name>
    <message>
        <source>Your session has expired. Sign in again to continue; waiting requests are sent afterwards.</source>
        <translation>Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an, um fortzufahren; wartende Anfragen werden danach gesendet.</translation>
    </message>
</context>
<context>
    <name>JwtOAuth2Refresher</name>
    <message>
        <source>There is no refresh token: please sign in again.</source>
        <translation>Es gibt kein Aktualisierungstoken: Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>No token endpoint is configured.</source>
        <translation>Es ist kein Token-Endpunkt eingerichtet.</translation>
    </message>
    <message>
        <source>The user name or password is incorrect.</source>
        <translation>Der Benutzername oder das Passwort ist falsch.</translation>
    </message>
</context>
<context>
    <name>JwtProxyReply</name>
    <message>
        <source>Refused to send the access token to %1 over unencrypted http.</source>
        <translation>Das Zugriffstoken wird nicht über unverschlüsseltes HTTP an %1 gesendet.</translation>
    </message>
    <message>
        <source>Your session has expired. Please sign in again.</source>
        <translation>Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Your session has expired and nobody signed in again in time.</source>
        <translation>Ihre Sitzung ist abgelaufen, und niemand hat sich rechtzeitig erneut angemeldet.</translation>
    </message>
    <message>
        <source>The session could not be renewed in time.</source>
        <translation>Die Sitzung konnte nicht rechtzeitig erneuert werden.</translation>
    </message>
    <message>
        <source>The network access manager was destroyed.</source>
        <translation>Der Netzwerkzugriffsmanager wurde zerstört.</translation>
    </message>
    <message>
        <source>The server sent a redirect without a valid Location.</source>
        <translation>Der Server hat eine Weiterleitung ohne gültiges Ziel (Location) gesendet.</translation>
    </message>
    <message>
        <source>Refused to follow a redirect to an unsupported scheme.</source>
        <translation>Einer Weiterleitung auf ein nicht unterstütztes Schema wird nicht gefolgt.</translation>
    </message>
    <message>
        <source>Too many redirects.</source>
        <translation>Zu viele Weiterleitungen.</translation>
    </message>
    <message>
        <source>Refused to follow a redirect from https to http.</source>
        <translation>Einer Weiterleitung von HTTPS auf HTTP wird nicht gefolgt.</translation>
    </message>
    <message>
        <source>Refused to follow a redirect to another origin.</source>
        <translation>Einer Weiterleitung zu einem anderen Ursprung wird nicht gefolgt.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>Operation canceled</source>
        <translation>Vorgang abgebrochen</translation>
    </message>
    <message>
        <source>The connection closed before the whole answer arrived.</source>
        <translation>Die Verbindung wurde geschlossen, bevor die ganze Antwort eingetroffen war.</translation>
    </message>
</context>
<context>
    <name>JwtRefreshCall</name>
    <message>
        <source>Refused to send credentials to %1 over unencrypted http.</source>
        <translation>Anmeldedaten werden nicht über unverschlüsseltes HTTP an %1 gesendet.</translation>
    </message>
</context>
<context>
    <name>JwtRefreshJob</name>
    <message>
        <source>The refresh was canceled.</source>
        <translation>Die Erneuerung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The server sent a refresh credential that cannot be used.</source>
        <translation>Der Server hat einen unbrauchbaren Erneuerungsnachweis gesendet.</translation>
    </message>
</context>
<context>
    <name>JwtRefreshResponse</name>
    <message>
        <source>The authentication server did not answer in time.</source>
        <translation>Der Anmeldeserver hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The authentication server could not be found.</source>
        <translation>Der Anmeldeserver wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>A secure connection to the authentication server could not be established.</source>
        <translation>Es konnte keine sichere Verbindung zum Anmeldeserver hergestellt werden.</translation>
    </message>
    <message>
        <source>The authentication server could not be reached.</source>
        <translation>Der Anmeldeserver ist nicht erreichbar.</translation>
    </message>
    <message>
        <source>The authentication server sent an empty answer.</source>
        <translation>Der Anmeldeserver hat eine leere Antwort gesendet.</translation>
    </message>
    <message>
        <source>The authentication server&apos;s answer is not UTF-8 text.</source>
        <translation>Die Antwort des Anmeldeservers ist kein UTF-8-Text.</translation>
    </message>
    <message>
        <source>The authentication server&apos;s answer is not a JSON object.</source>
        <translation>Die Antwort des Anmeldeservers ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>The authentication server redirected the request (HTTP status %1); token requests do not follow redirects.</source>
        <translation>Der Anmeldeserver hat die Anfrage weitergeleitet (HTTP-Status %1); Token-Anfragen folgen keinen Weiterleitungen.</translation>
    </message>
    <message>
        <source>The authentication server answered with the unexpected HTTP status %1.</source>
        <translation>Der Anmeldeserver hat mit dem unerwarteten HTTP-Status %1 geantwortet.</translation>
    </message>
    <message>
        <source>The authentication server&apos;s answer is too large.</source>
        <translation>Die Antwort des Anmeldeservers ist zu groß.</translation>
    </message>
    <message>
        <source>The authentication server sent no access token.</source>
        <translation>Der Anmeldeserver hat kein Zugriffstoken gesendet.</translation>
    </message>
    <message>
        <source>The authentication server sent an invalid access token.</source>
        <translation>Der Anmeldeserver hat ein ungültiges Zugriffstoken gesendet.</translation>
    </message>
    <message>
        <source>The authentication server issued a token that is not a Bearer token.</source>
        <translation>Der Anmeldeserver hat ein Token ausgestellt, das kein Bearer-Token ist.</translation>
    </message>
    <message>
        <source>The authentication server sent an invalid refresh token.</source>
        <translation>Der Anmeldeserver hat ein ungültiges Aktualisierungstoken gesendet.</translation>
    </message>
    <message>
        <source>The authentication server refused the credentials (HTTP status %1, %2).</source>
        <translation>Der Anmeldeserver hat die Anmeldedaten abgelehnt (HTTP-Status %1, %2).</translation>
    </message>
    <message>
        <source>The authentication server refused the request (HTTP status %1, %2).</source>
        <translation>Der Anmeldeserver hat die Anfrage abgelehnt (HTTP-Status %1, %2).</translation>
    </message>
    <message>
        <source>The authentication server refused the credentials (HTTP status %1).</source>
        <translation>Der Anmeldeserver hat die Anmeldedaten abgelehnt (HTTP-Status %1).</translation>
    </message>
    <message>
        <source>The authentication server is busy (HTTP status 429, too many requests).</source>
        <translation>Der Anmeldeserver ist ausgelastet (HTTP-Status 429, zu viele Anfragen).</translation>
    </message>
    <message>
        <source>The authentication server is unavailable (HTTP status %1).</source>
        <translation>Der Anmeldeserver ist nicht verfügbar (HTTP-Status %1).</translation>
    </message>
    <message>
        <source>The authentication server answered with HTTP status %1.</source>
        <translation>Der Anmeldeserver hat mit HTTP-Status %1 geantwortet.</translation>
    </message>
</context>
<context>
    <name>JwtRefresher</name>
    <message>
        <source>Signing in is not supported by this refresher.</source>
        <translation>Dieses Erneuerungsverfahren unterstützt keine Anmeldung.</translation>
    </message>
</context>
<context>
    <name>JwtSession</name>
    <message>
        <source>The session was closed.</source>
        <translation>Die Sitzung wurde geschlossen.</translation>
    </message>
    <message>
        <source>No sign-in method is configured.</source>
        <translation>Es ist keine Anmeldemethode eingerichtet.</translation>
    </message>
    <message>
        <source>You signed out.</source>
        <translation>Sie haben sich abgemeldet.</translation>
    </message>
    <message>
        <source>Sign-in was canceled.</source>
        <translation>Die Anmeldung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>No refresher is configured; sign in again.</source>
        <translation>Es ist kein Erneuerungsverfahren eingerichtet; melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The server sent an access token that cannot be used.</source>
        <translation>Der Server hat ein unbrauchbares Zugriffstoken gesendet.</translation>
    </message>
    <message>
        <source>Your session has expired. Please sign in again.</source>
        <translation>Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The session could not be renewed: %1</source>
        <translation>Die Sitzung konnte nicht erneuert werden: %1</translation>
    </message>
    <message>
        <source>The sign-in was canceled: you signed out.</source>
        <translation>Die Anmeldung wurde abgebrochen: Sie haben sich abgemeldet.</translation>
    </message>
</context>
<context>
    <name>JwtToken</name>
    <message>
        <source>The token is empty.</source>
        <translation>Das Token ist leer.</translation>
    </message>
    <message>
        <source>The token exceeds the maximum size of %1 bytes.</source>
        <translation>Das Token überschreitet die Höchstgröße von %1 Bytes.</translation>
    </message>
    <message>
        <source>The token does not consist of three parts separated by dots.</source>
        <translation>Das Token besteht nicht aus drei durch Punkte getrennten Teilen.</translation>
    </message>
    <message>
        <source>A part of the token is not valid base64url.</source>
        <translation>Ein Teil des Tokens ist kein gültiges base64url.</translation>
    </message>
    <message>
        <source>The token header or payload is not a JSON object.</source>
        <translation>Kopf oder Nutzdaten des Tokens sind kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>The token field &quot;%1&quot; is missing, of the wrong type or out of range.</source>
        <translation>Das Token-Feld „%1“ fehlt, hat den falschen Typ oder liegt außerhalb des gültigen Bereichs.</translation>
    </message>
</context>
</TS>
