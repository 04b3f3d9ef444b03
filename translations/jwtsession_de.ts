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
    <name>JwtBrowserSignIn</name>
    <message>
        <source>The sign-in was declined in the browser (access_denied).</source>
        <translation>Die Anmeldung wurde im Browser abgelehnt (access_denied).</translation>
    </message>
    <message>
        <source>The authorization server could not sign you in (%1): try again later.</source>
        <translation>Der Autorisierungsserver konnte Sie nicht anmelden (%1): Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The authorization server refused the sign-in (%1).</source>
        <translation>Der Autorisierungsserver hat die Anmeldung abgelehnt (%1).</translation>
    </message>
    <message>
        <source>The browser brought back an answer that is not for this sign-in (the state does not match).</source>
        <translation>Der Browser hat eine Antwort zurückgeliefert, die nicht zu dieser Anmeldung gehört (der Parameter state stimmt nicht überein).</translation>
    </message>
    <message>
        <source>The browser brought back no authorization code.</source>
        <translation>Der Browser hat keinen Autorisierungscode zurückgeliefert.</translation>
    </message>
    <message>
        <source>You are signed in. You can close this page and return to %1.</source>
        <translation>Sie sind angemeldet. Sie können diese Seite schließen und zu %1 zurückkehren.</translation>
    </message>
    <message>
        <source>The sign-in failed: %1</source>
        <translation>Die Anmeldung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>it was stopped.</source>
        <translation>Der Vorgang wurde abgebrochen.</translation>
    </message>
    <message numerus="yes">
        <source>The sign-in in the browser did not finish within %n second(s).</source>
        <translation>
            <numerusform>Die Anmeldung im Browser wurde nicht innerhalb von %n Sekunde abgeschlossen.</numerusform>
            <numerusform>Die Anmeldung im Browser wurde nicht innerhalb von %n Sekunden abgeschlossen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The browser sign-in was canceled.</source>
        <translation>Die Anmeldung im Browser wurde abgebrochen.</translation>
    </message>
    <message>
        <source>A sign-in in the browser is already in progress.</source>
        <translation>Es läuft bereits eine Anmeldung im Browser.</translation>
    </message>
    <message>
        <source>No authorization endpoint is configured.</source>
        <translation>Es ist kein Autorisierungs-Endpunkt eingerichtet.</translation>
    </message>
    <message>
        <source>No client ID is configured.</source>
        <translation>Es ist keine Client-ID eingerichtet.</translation>
    </message>
    <message>
        <source>Cannot wait for the browser on 127.0.0.1 port %1: %2</source>
        <translation>Auf den Browser kann nicht an 127.0.0.1, Port %1, gewartet werden: %2</translation>
    </message>
    <message>
        <source>The browser could not be opened for the sign-in.</source>
        <translation>Der Browser konnte für die Anmeldung nicht geöffnet werden.</translation>
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
    <name>JwtCookieRules</name>
    <message>
        <source>The login answer set several cookies for the refresh URL (%1) and none is clearly the refresh cookie. Set cookieName.</source>
        <translation>Die Antwort auf die Anmeldung hat mehrere Cookies für die URL zum Erneuern der Sitzung gesetzt (%1), und keines ist eindeutig das Erneuerungs-Cookie. Setzen Sie cookieName.</translation>
    </message>
</context>
<context>
    <name>JwtJsonFields</name>
    <message>
        <source>The answer had no access token: looked for %1; it had fields %2. Set accessTokenField.</source>
        <translation>Die Antwort enthielt kein Zugriffstoken: gesuchte Felder: %1; vorhandene Felder: %2. Setzen Sie accessTokenField.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>The answer&apos;s field %1 is not a usable access token.</source>
        <translation>Das Feld %1 der Antwort ist kein brauchbares Zugriffstoken.</translation>
    </message>
    <message>
        <source>The answer&apos;s field %1 is not a usable refresh token.</source>
        <translation>Das Feld %1 der Antwort ist kein brauchbares Aktualisierungstoken.</translation>
    </message>
</context>
<context>
    <name>JwtJsonRefresher</name>
    <message>
        <source>No login URL is configured.</source>
        <translation>Es ist keine Anmelde-URL eingerichtet.</translation>
    </message>
    <message>
        <source>No refresh URL is configured.</source>
        <translation>Es ist keine URL zum Erneuern der Sitzung eingerichtet.</translation>
    </message>
    <message>
        <source>There is no refresh token: please sign in again.</source>
        <translation>Es gibt kein Aktualisierungstoken: Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The server refused the sign-in request (HTTP status 400): does it expect the fields %1 and %2? Set usernameField and passwordField.</source>
        <translation>Der Server hat die Anmeldeanfrage abgelehnt (HTTP-Status 400): Erwartet er die Felder %1 und %2? Setzen Sie usernameField und passwordField.</translation>
    </message>
    <message>
        <source>The user name or password is incorrect.</source>
        <translation>Der Benutzername oder das Passwort ist falsch.</translation>
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
    <message>
        <source>Waiting for the browser…</source>
        <translation>Warten auf den Browser …</translation>
    </message>
    <message>
        <source>Sign in with your &amp;browser</source>
        <translation>Mit Ihrem Bro&amp;wser anmelden</translation>
    </message>
    <message>
        <source>Opens the sign-in page in your web browser; the dialog waits until you are back.</source>
        <translation>Öffnet die Anmeldeseite in Ihrem Webbrowser; der Dialog wartet, bis Sie zurück sind.</translation>
    </message>
    <message>
        <source>The sign-in in the browser was declined or refused.</source>
        <translation>Die Anmeldung im Browser wurde abgelehnt oder verweigert.</translation>
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
    <message>
        <source>The issuer must be an absolute https URL.</source>
        <translation>Der Aussteller (issuer) muss eine absolute HTTPS-URL sein.</translation>
    </message>
    <message>
        <source>The issuer must be an https URL.</source>
        <translation>Der Aussteller (issuer) muss eine HTTPS-URL sein.</translation>
    </message>
    <message>
        <source>The server refused the sign-in code (invalid_grant): please sign in again.</source>
        <translation>Der Server hat den Anmeldecode abgelehnt (invalid_grant): Bitte melden Sie sich erneut an.</translation>
    </message>
</context>
<context>
    <name>JwtOidcDiscovery</name>
    <message>
        <source>The provider configuration has no valid &quot;%1&quot;: expected an absolute https URL.</source>
        <translation>Die Anbieterkonfiguration enthält kein gültiges „%1“: Erwartet wurde eine absolute HTTPS-URL.</translation>
    </message>
    <message>
        <source>The provider configuration is not a JSON object.</source>
        <translation>Die Anbieterkonfiguration ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>The provider configuration is for another issuer: expected &quot;%1&quot;, the document names &quot;%2&quot;.</source>
        <translation>Die Anbieterkonfiguration gehört zu einem anderen Aussteller: erwartet „%1“, das Dokument nennt „%2“.</translation>
    </message>
    <message>
        <source>The provider does not support PKCE with S256 (code_challenge_methods_supported).</source>
        <translation>Der Anbieter unterstützt PKCE mit S256 nicht (code_challenge_methods_supported).</translation>
    </message>
    <message>
        <source>The provider configuration could not be read: HTTP %1, expected 200.</source>
        <translation>Die Anbieterkonfiguration konnte nicht gelesen werden: HTTP %1, erwartet 200.</translation>
    </message>
    <message>
        <source>The provider configuration could not be read: %1</source>
        <translation>Die Anbieterkonfiguration konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The provider configuration is larger than 64 KiB.</source>
        <translation>Die Anbieterkonfiguration ist größer als 64 KiB.</translation>
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
    <name>JwtQmlSession</name>
    <message>
        <source>Signing in with the browser is not configured.</source>
        <translation>Die Anmeldung über den Browser ist nicht eingerichtet.</translation>
    </message>
</context>
<context>
    <name>JwtRefreshCall</name>
    <message>
        <source>Refused to send credentials to %1 over unencrypted http.</source>
        <translation>Anmeldedaten werden nicht über unverschlüsseltes HTTP an %1 gesendet.</translation>
    </message>
    <message>
        <source>The address %1 is relative and no base URL is set.</source>
        <translation>Die Adresse %1 ist relativ, und es ist keine Basis-URL gesetzt.</translation>
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
    <message>
        <source>You signed out in another instance of the application.</source>
        <translation>Sie haben sich in einer anderen Instanz der Anwendung abgemeldet.</translation>
    </message>
    <message numerus="yes">
        <source>Another instance of the application is renewing the session and did not finish within %n second(s).</source>
        <translation>
            <numerusform>Eine andere Instanz der Anwendung erneuert die Sitzung und ist nicht innerhalb von %n Sekunde fertig geworden.</numerusform>
            <numerusform>Eine andere Instanz der Anwendung erneuert die Sitzung und ist nicht innerhalb von %n Sekunden fertig geworden.</numerusform>
        </translation>
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
<context>
    <name>JwtWebSocket</name>
    <message>
        <source>The session could not be renewed in time.</source>
        <translation>Die Sitzung konnte nicht rechtzeitig erneuert werden.</translation>
    </message>
    <message>
        <source>The access token cannot be sent as a WebSocket subprotocol: a subprotocol must be an HTTP token, and the token or the prefix holds other characters.</source>
        <translation>Das Zugriffstoken kann nicht als WebSocket-Subprotokoll gesendet werden: Ein Subprotokoll muss ein HTTP-Token sein, und das Zugriffstoken oder das Präfix enthält andere Zeichen.</translation>
    </message>
    <message>
        <source>The access token cannot be sent as a query parameter: no parameter name is set (tokenQueryParameter).</source>
        <translation>Das Zugriffstoken kann nicht als Abfrageparameter der URL gesendet werden: Es ist kein Parametername festgelegt (tokenQueryParameter).</translation>
    </message>
    <message>
        <source>The session was signed out.</source>
        <translation>Die Sitzung wurde abgemeldet.</translation>
    </message>
    <message>
        <source>Expected an absolute ws:// or wss:// URL, got &quot;%1&quot;.</source>
        <translation>Erwartet wurde eine absolute ws://- oder wss://-URL, erhalten wurde „%1“.</translation>
    </message>
    <message>
        <source>Refused to send the access token to %1 over unencrypted ws.</source>
        <translation>Das Zugriffstoken wird nicht über eine unverschlüsselte ws-Verbindung an %1 gesendet.</translation>
    </message>
    <message>
        <source>The server refused the connection, and the session is signed out.</source>
        <translation>Der Server hat die Verbindung abgelehnt, und die Sitzung ist abgemeldet.</translation>
    </message>
    <message>
        <source>The server closed the connection: the access token expired.</source>
        <translation>Der Server hat die Verbindung geschlossen: Das Zugriffstoken ist abgelaufen.</translation>
    </message>
    <message>
        <source>The server closed the connection (code %1): %2</source>
        <translation>Der Server hat die Verbindung geschlossen (Code %1): %2</translation>
    </message>
    <message>
        <source>The server refused the connection with a fresh access token.</source>
        <translation>Der Server hat die Verbindung auch mit einem neuen Zugriffstoken abgelehnt.</translation>
    </message>
</context>
</TS>
