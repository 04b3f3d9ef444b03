<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>JwtAccessManager</name>
    <message>
        <source>The request could not be sent again: its body device was deleted.</source>
        <translation>La requête n&apos;a pas pu être renvoyée : le périphérique contenant son corps a été supprimé.</translation>
    </message>
    <message numerus="yes">
        <source>The request could not be sent again: its body came from a sequential device larger than the replay buffer (%n bytes).</source>
        <translation>
            <numerusform>La requête n&apos;a pas pu être renvoyée : son corps provenait d&apos;un périphérique séquentiel plus grand que la mémoire tampon de renvoi (%n octet).</numerusform>
            <numerusform>La requête n&apos;a pas pu être renvoyée : son corps provenait d&apos;un périphérique séquentiel plus grand que la mémoire tampon de renvoi (%n octets).</numerusform>
        </translation>
    </message>
    <message>
        <source>The request could not be sent again: its body device could not be rewound.</source>
        <translation>La requête n&apos;a pas pu être renvoyée : le périphérique contenant son corps n&apos;a pas pu être rembobiné.</translation>
    </message>
</context>
<context>
    <name>JwtBrowserSignIn</name>
    <message>
        <source>The sign-in was declined in the browser (access_denied).</source>
        <translation>La connexion a été déclinée dans le navigateur (access_denied).</translation>
    </message>
    <message>
        <source>The authorization server could not sign you in (%1): try again later.</source>
        <translation>Le serveur d&apos;autorisation n&apos;a pas pu vous connecter (%1) : réessayez plus tard.</translation>
    </message>
    <message>
        <source>The authorization server refused the sign-in (%1).</source>
        <translation>Le serveur d&apos;autorisation a refusé la connexion (%1).</translation>
    </message>
    <message>
        <source>The browser brought back an answer that is not for this sign-in (the state does not match).</source>
        <translation>Le navigateur a renvoyé une réponse qui n&apos;est pas destinée à cette connexion (le paramètre state ne correspond pas).</translation>
    </message>
    <message>
        <source>The browser brought back no authorization code.</source>
        <translation>Le navigateur n&apos;a renvoyé aucun code d&apos;autorisation.</translation>
    </message>
    <message>
        <source>You are signed in. You can close this page and return to %1.</source>
        <translation>Vous êtes connecté. Vous pouvez fermer cette page et revenir à %1.</translation>
    </message>
    <message>
        <source>The sign-in failed: %1</source>
        <translation>La connexion a échoué : %1</translation>
    </message>
    <message>
        <source>it was stopped.</source>
        <translation>elle a été interrompue.</translation>
    </message>
    <message numerus="yes">
        <source>The sign-in in the browser did not finish within %n second(s).</source>
        <translation>
            <numerusform>La connexion dans le navigateur ne s&apos;est pas terminée dans un délai de %n seconde.</numerusform>
            <numerusform>La connexion dans le navigateur ne s&apos;est pas terminée dans un délai de %n secondes.</numerusform>
        </translation>
    </message>
    <message>
        <source>The browser sign-in was canceled.</source>
        <translation>La connexion par le navigateur a été annulée.</translation>
    </message>
    <message>
        <source>A sign-in in the browser is already in progress.</source>
        <translation>Une connexion dans le navigateur est déjà en cours.</translation>
    </message>
    <message>
        <source>No authorization endpoint is configured.</source>
        <translation>Aucun point de terminaison d&apos;autorisation n&apos;est configuré.</translation>
    </message>
    <message>
        <source>No client ID is configured.</source>
        <translation>Aucun identifiant client n&apos;est configuré.</translation>
    </message>
    <message>
        <source>Cannot wait for the browser on 127.0.0.1 port %1: %2</source>
        <translation>Impossible d&apos;attendre le navigateur sur 127.0.0.1, port %1 : %2</translation>
    </message>
    <message>
        <source>The browser could not be opened for the sign-in.</source>
        <translation>Le navigateur n&apos;a pas pu être ouvert pour la connexion.</translation>
    </message>
</context>
<context>
    <name>JwtCookieRefresher</name>
    <message>
        <source>No refresh URL is configured.</source>
        <translation>Aucune URL de renouvellement n&apos;est configurée.</translation>
    </message>
    <message>
        <source>There is no refresh credential: please sign in again.</source>
        <translation>Il n&apos;y a pas de justificatif de renouvellement : veuillez vous reconnecter.</translation>
    </message>
    <message>
        <source>No login URL is configured.</source>
        <translation>Aucune URL de connexion n&apos;est configurée.</translation>
    </message>
    <message>
        <source>The user name or password is incorrect.</source>
        <translation>Le nom d&apos;utilisateur ou le mot de passe est incorrect.</translation>
    </message>
    <message>
        <source>The authentication server sent a refresh cookie that cannot be used.</source>
        <translation>Le serveur d&apos;authentification a envoyé un cookie de renouvellement inutilisable.</translation>
    </message>
    <message>
        <source>The refresh credential cannot be used: please sign in again.</source>
        <translation>Le justificatif de renouvellement est inutilisable : veuillez vous reconnecter.</translation>
    </message>
</context>
<context>
    <name>JwtCookieRules</name>
    <message>
        <source>The login answer set several cookies for the refresh URL (%1) and none is clearly the refresh cookie. Set cookieName.</source>
        <translation>La réponse de connexion a défini plusieurs cookies pour l&apos;URL de renouvellement (%1) et aucun n&apos;est clairement le cookie de renouvellement. Définissez cookieName.</translation>
    </message>
</context>
<context>
    <name>JwtJsonFields</name>
    <message>
        <source>The answer had no access token: looked for %1; it had fields %2. Set accessTokenField.</source>
        <translation>La réponse ne contenait aucun jeton d&apos;accès : champs recherchés : %1 ; champs présents : %2. Définissez accessTokenField.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>The answer&apos;s field %1 is not a usable access token.</source>
        <translation>Le champ %1 de la réponse n&apos;est pas un jeton d&apos;accès utilisable.</translation>
    </message>
    <message>
        <source>The answer&apos;s field %1 is not a usable refresh token.</source>
        <translation>Le champ %1 de la réponse n&apos;est pas un jeton d&apos;actualisation utilisable.</translation>
    </message>
</context>
<context>
    <name>JwtJsonRefresher</name>
    <message>
        <source>No login URL is configured.</source>
        <translation>Aucune URL de connexion n&apos;est configurée.</translation>
    </message>
    <message>
        <source>No refresh URL is configured.</source>
        <translation>Aucune URL de renouvellement n&apos;est configurée.</translation>
    </message>
    <message>
        <source>There is no refresh token: please sign in again.</source>
        <translation>Il n&apos;y a pas de jeton d&apos;actualisation : veuillez vous reconnecter.</translation>
    </message>
    <message>
        <source>The server refused the sign-in request (HTTP status 400): does it expect the fields %1 and %2? Set usernameField and passwordField.</source>
        <translation>Le serveur a refusé la requête de connexion (statut HTTP 400) : attend-il les champs %1 et %2 ? Définissez usernameField et passwordField.</translation>
    </message>
    <message>
        <source>The user name or password is incorrect.</source>
        <translation>Le nom d&apos;utilisateur ou le mot de passe est incorrect.</translation>
    </message>
</context>
<context>
    <name>JwtKeychainStore</name>
    <message>
        <source>The system keychain is not available. On Linux, a Secret Service such as GNOME Keyring or KWallet must be running and unlocked.</source>
        <translation>Le trousseau du système n&apos;est pas disponible. Sous Linux, un service Secret Service comme GNOME Keyring ou KWallet doit être lancé et déverrouillé.</translation>
    </message>
    <message>
        <source>Access to the system keychain was denied.</source>
        <translation>L&apos;accès au trousseau du système a été refusé.</translation>
    </message>
    <message>
        <source>The system keychain reported an error.</source>
        <translation>Le trousseau du système a signalé une erreur.</translation>
    </message>
    <message>
        <source>The saved sign-in could not be read.</source>
        <translation>La connexion enregistrée n&apos;a pas pu être lue.</translation>
    </message>
    <message>
        <source>The sign-in could not be saved.</source>
        <translation>La connexion n&apos;a pas pu être enregistrée.</translation>
    </message>
    <message>
        <source>The saved sign-in could not be removed.</source>
        <translation>La connexion enregistrée n&apos;a pas pu être supprimée.</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Détails : %1</translation>
    </message>
</context>
<context>
    <name>JwtLoginDialog</name>
    <message>
        <source>Sign In</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Nom d&apos;&amp;utilisateur :</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>&amp;Remember me on this computer</source>
        <translation>Se souvenir de moi sur cet o&amp;rdinateur</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Connexion en cours…</translation>
    </message>
    <message>
        <source>&amp;Sign In</source>
        <translation>Se &amp;connecter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Your user name</source>
        <translation>Votre nom d&apos;utilisateur</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>Votre mot de passe</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nom d&apos;utilisateur</translation>
    </message>
    <message>
        <source>The name you sign in with.</source>
        <translation>Le nom avec lequel vous vous connectez.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Your password. It is not stored.</source>
        <translation>Votre mot de passe. Il n&apos;est pas enregistré.</translation>
    </message>
    <message>
        <source>Remember me</source>
        <translation>Se souvenir de moi</translation>
    </message>
    <message>
        <source>Keep me signed in on this computer, in the system keychain.</source>
        <translation>Rester connecté sur cet ordinateur, grâce au trousseau du système.</translation>
    </message>
    <message>
        <source>Sends the user name and password to the server.</source>
        <translation>Envoie le nom d&apos;utilisateur et le mot de passe au serveur.</translation>
    </message>
    <message>
        <source>Closes the dialog without signing in.</source>
        <translation>Ferme la boîte de dialogue sans se connecter.</translation>
    </message>
    <message>
        <source>Sign-in error</source>
        <translation>Erreur de connexion</translation>
    </message>
    <message>
        <source>Signing in</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Waiting for the server to check the user name and password.</source>
        <translation>En attente de la vérification du nom d&apos;utilisateur et du mot de passe par le serveur.</translation>
    </message>
    <message>
        <source>Application logo</source>
        <translation>Logo de l&apos;application</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>Saisissez votre nom d&apos;utilisateur et votre mot de passe.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Hide password</source>
        <translation>Masquer le mot de passe</translation>
    </message>
    <message>
        <source>Show password</source>
        <translation>Afficher le mot de passe</translation>
    </message>
    <message>
        <source>Shows or hides the characters of the password.</source>
        <translation>Affiche ou masque les caractères du mot de passe.</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>Saisissez votre nom d&apos;utilisateur.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Saisissez votre mot de passe.</translation>
    </message>
    <message>
        <source>The user name or password is incorrect.</source>
        <translation>Le nom d&apos;utilisateur ou le mot de passe est incorrect.</translation>
    </message>
    <message>
        <source>The server could not be reached. Check the connection and try again.</source>
        <translation>Le serveur est injoignable. Vérifiez la connexion et réessayez.</translation>
    </message>
    <message>
        <source>The server sent an answer that cannot be used. Try again later.</source>
        <translation>Le serveur a envoyé une réponse inutilisable. Réessayez plus tard.</translation>
    </message>
    <message>
        <source>Signing in was canceled.</source>
        <translation>La connexion a été annulée.</translation>
    </message>
    <message>
        <source>Waiting for the browser…</source>
        <translation>En attente du navigateur…</translation>
    </message>
    <message>
        <source>Sign in with your &amp;browser</source>
        <translation>Se connecter avec votre &amp;navigateur</translation>
    </message>
    <message>
        <source>Opens the sign-in page in your web browser; the dialog waits until you are back.</source>
        <translation>Ouvre la page de connexion dans votre navigateur web ; la boîte de dialogue attend votre retour.</translation>
    </message>
    <message>
        <source>The sign-in in the browser was declined or refused.</source>
        <translation>La connexion dans le navigateur a été déclinée ou refusée.</translation>
    </message>
</context>
<context>
    <name>JwtLoginPrompt</name>
    <message>
        <source>Your session has expired. Sign in again to continue; waiting requests are sent afterwards.</source>
        <translation>Votre session a expiré. Reconnectez-vous pour continuer ; les requêtes en attente seront envoyées ensuite.</translation>
    </message>
</context>
<context>
    <name>JwtOAuth2Refresher</name>
    <message>
        <source>There is no refresh token: please sign in again.</source>
        <translation>Il n&apos;y a pas de jeton d&apos;actualisation : veuillez vous reconnecter.</translation>
    </message>
    <message>
        <source>No token endpoint is configured.</source>
        <translation>Aucun point de terminaison de jeton n&apos;est configuré.</translation>
    </message>
    <message>
        <source>The user name or password is incorrect.</source>
        <translation>Le nom d&apos;utilisateur ou le mot de passe est incorrect.</translation>
    </message>
    <message>
        <source>The issuer must be an absolute https URL.</source>
        <translation>L&apos;émetteur (issuer) doit être une URL HTTPS absolue.</translation>
    </message>
    <message>
        <source>The issuer must be an https URL.</source>
        <translation>L&apos;émetteur (issuer) doit être une URL HTTPS.</translation>
    </message>
    <message>
        <source>The server refused the sign-in code (invalid_grant): please sign in again.</source>
        <translation>Le serveur a refusé le code de connexion (invalid_grant) : veuillez vous reconnecter.</translation>
    </message>
</context>
<context>
    <name>JwtOidcDiscovery</name>
    <message>
        <source>The provider configuration has no valid &quot;%1&quot;: expected an absolute https URL.</source>
        <translation>La configuration du fournisseur ne contient pas de « %1 » valide : une URL HTTPS absolue était attendue.</translation>
    </message>
    <message>
        <source>The provider configuration is not a JSON object.</source>
        <translation>La configuration du fournisseur n&apos;est pas un objet JSON.</translation>
    </message>
    <message>
        <source>The provider configuration is for another issuer: expected &quot;%1&quot;, the document names &quot;%2&quot;.</source>
        <translation>La configuration du fournisseur concerne un autre émetteur : « %1 » attendu, le document indique « %2 ».</translation>
    </message>
    <message>
        <source>The provider does not support PKCE with S256 (code_challenge_methods_supported).</source>
        <translation>Le fournisseur ne prend pas en charge PKCE avec S256 (code_challenge_methods_supported).</translation>
    </message>
    <message>
        <source>The provider configuration could not be read: HTTP %1, expected 200.</source>
        <translation>La configuration du fournisseur n&apos;a pas pu être lue : HTTP %1, 200 attendu.</translation>
    </message>
    <message>
        <source>The provider configuration could not be read: %1</source>
        <translation>La configuration du fournisseur n&apos;a pas pu être lue : %1</translation>
    </message>
    <message>
        <source>The provider configuration is larger than 64 KiB.</source>
        <translation>La configuration du fournisseur dépasse 64 Kio.</translation>
    </message>
</context>
<context>
    <name>JwtProxyReply</name>
    <message>
        <source>Refused to send the access token to %1 over unencrypted http.</source>
        <translation>Refus d&apos;envoyer le jeton d&apos;accès à %1 via HTTP non chiffré.</translation>
    </message>
    <message>
        <source>Your session has expired. Please sign in again.</source>
        <translation>Votre session a expiré. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <source>Your session has expired and nobody signed in again in time.</source>
        <translation>Votre session a expiré et personne ne s&apos;est reconnecté à temps.</translation>
    </message>
    <message>
        <source>The session could not be renewed in time.</source>
        <translation>La session n&apos;a pas pu être renouvelée à temps.</translation>
    </message>
    <message>
        <source>The network access manager was destroyed.</source>
        <translation>Le gestionnaire d&apos;accès réseau a été détruit.</translation>
    </message>
    <message>
        <source>The server sent a redirect without a valid Location.</source>
        <translation>Le serveur a envoyé une redirection sans en-tête Location valide.</translation>
    </message>
    <message>
        <source>Refused to follow a redirect to an unsupported scheme.</source>
        <translation>Refus de suivre une redirection vers un schéma non pris en charge.</translation>
    </message>
    <message>
        <source>Too many redirects.</source>
        <translation>Trop de redirections.</translation>
    </message>
    <message>
        <source>Refused to follow a redirect from https to http.</source>
        <translation>Refus de suivre une redirection de HTTPS vers HTTP.</translation>
    </message>
    <message>
        <source>Refused to follow a redirect to another origin.</source>
        <translation>Refus de suivre une redirection vers une autre origine.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Le serveur n&apos;a pas répondu à temps.</translation>
    </message>
    <message>
        <source>Operation canceled</source>
        <translation>Opération annulée</translation>
    </message>
    <message>
        <source>The connection closed before the whole answer arrived.</source>
        <translation>La connexion a été fermée avant que toute la réponse soit arrivée.</translation>
    </message>
</context>
<context>
    <name>JwtQmlSession</name>
    <message>
        <source>Signing in with the browser is not configured.</source>
        <translation>La connexion par le navigateur n&apos;est pas configurée.</translation>
    </message>
</context>
<context>
    <name>JwtRefreshCall</name>
    <message>
        <source>Refused to send credentials to %1 over unencrypted http.</source>
        <translation>Refus d&apos;envoyer les identifiants à %1 via HTTP non chiffré.</translation>
    </message>
    <message>
        <source>The address %1 is relative and no base URL is set.</source>
        <translation>L&apos;adresse %1 est relative et aucune URL de base n&apos;est définie.</translation>
    </message>
</context>
<context>
    <name>JwtRefreshJob</name>
    <message>
        <source>The refresh was canceled.</source>
        <translation>Le renouvellement a été annulé.</translation>
    </message>
    <message>
        <source>The server sent a refresh credential that cannot be used.</source>
        <translation>Le serveur a envoyé un justificatif de renouvellement inutilisable.</translation>
    </message>
</context>
<context>
    <name>JwtRefreshResponse</name>
    <message>
        <source>The authentication server did not answer in time.</source>
        <translation>Le serveur d&apos;authentification n&apos;a pas répondu à temps.</translation>
    </message>
    <message>
        <source>The authentication server could not be found.</source>
        <translation>Le serveur d&apos;authentification est introuvable.</translation>
    </message>
    <message>
        <source>A secure connection to the authentication server could not be established.</source>
        <translation>Impossible d&apos;établir une connexion sécurisée avec le serveur d&apos;authentification.</translation>
    </message>
    <message>
        <source>The authentication server could not be reached.</source>
        <translation>Le serveur d&apos;authentification est injoignable.</translation>
    </message>
    <message>
        <source>The authentication server sent an empty answer.</source>
        <translation>Le serveur d&apos;authentification a envoyé une réponse vide.</translation>
    </message>
    <message>
        <source>The authentication server&apos;s answer is not UTF-8 text.</source>
        <translation>La réponse du serveur d&apos;authentification n&apos;est pas du texte UTF-8.</translation>
    </message>
    <message>
        <source>The authentication server&apos;s answer is not a JSON object.</source>
        <translation>La réponse du serveur d&apos;authentification n&apos;est pas un objet JSON.</translation>
    </message>
    <message>
        <source>The authentication server redirected the request (HTTP status %1); token requests do not follow redirects.</source>
        <translation>Le serveur d&apos;authentification a redirigé la requête (statut HTTP %1) ; les requêtes de jeton ne suivent pas les redirections.</translation>
    </message>
    <message>
        <source>The authentication server answered with the unexpected HTTP status %1.</source>
        <translation>Le serveur d&apos;authentification a répondu avec le statut HTTP inattendu %1.</translation>
    </message>
    <message>
        <source>The authentication server&apos;s answer is too large.</source>
        <translation>La réponse du serveur d&apos;authentification est trop volumineuse.</translation>
    </message>
    <message>
        <source>The authentication server sent no access token.</source>
        <translation>Le serveur d&apos;authentification n&apos;a envoyé aucun jeton d&apos;accès.</translation>
    </message>
    <message>
        <source>The authentication server sent an invalid access token.</source>
        <translation>Le serveur d&apos;authentification a envoyé un jeton d&apos;accès invalide.</translation>
    </message>
    <message>
        <source>The authentication server issued a token that is not a Bearer token.</source>
        <translation>Le serveur d&apos;authentification a émis un jeton qui n&apos;est pas de type Bearer.</translation>
    </message>
    <message>
        <source>The authentication server sent an invalid refresh token.</source>
        <translation>Le serveur d&apos;authentification a envoyé un jeton d&apos;actualisation invalide.</translation>
    </message>
    <message>
        <source>The authentication server refused the credentials (HTTP status %1, %2).</source>
        <translation>Le serveur d&apos;authentification a refusé les identifiants (statut HTTP %1, %2).</translation>
    </message>
    <message>
        <source>The authentication server refused the request (HTTP status %1, %2).</source>
        <translation>Le serveur d&apos;authentification a refusé la requête (statut HTTP %1, %2).</translation>
    </message>
    <message>
        <source>The authentication server refused the credentials (HTTP status %1).</source>
        <translation>Le serveur d&apos;authentification a refusé les identifiants (statut HTTP %1).</translation>
    </message>
    <message>
        <source>The authentication server is busy (HTTP status 429, too many requests).</source>
        <translation>Le serveur d&apos;authentification est surchargé (statut HTTP 429, trop de requêtes).</translation>
    </message>
    <message>
        <source>The authentication server is unavailable (HTTP status %1).</source>
        <translation>Le serveur d&apos;authentification est indisponible (statut HTTP %1).</translation>
    </message>
    <message>
        <source>The authentication server answered with HTTP status %1.</source>
        <translation>Le serveur d&apos;authentification a répondu avec le statut HTTP %1.</translation>
    </message>
</context>
<context>
    <name>JwtRefresher</name>
    <message>
        <source>Signing in is not supported by this refresher.</source>
        <translation>Ce mécanisme de renouvellement ne permet pas de se connecter.</translation>
    </message>
</context>
<context>
    <name>JwtSession</name>
    <message>
        <source>The session was closed.</source>
        <translation>La session a été fermée.</translation>
    </message>
    <message>
        <source>No sign-in method is configured.</source>
        <translation>Aucune méthode de connexion n&apos;est configurée.</translation>
    </message>
    <message>
        <source>You signed out.</source>
        <translation>Vous vous êtes déconnecté.</translation>
    </message>
    <message>
        <source>Sign-in was canceled.</source>
        <translation>La connexion a été annulée.</translation>
    </message>
    <message>
        <source>No refresher is configured; sign in again.</source>
        <translation>Aucun mécanisme de renouvellement n&apos;est configuré ; reconnectez-vous.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Le serveur n&apos;a pas répondu à temps.</translation>
    </message>
    <message>
        <source>The server sent an access token that cannot be used.</source>
        <translation>Le serveur a envoyé un jeton d&apos;accès inutilisable.</translation>
    </message>
    <message>
        <source>Your session has expired. Please sign in again.</source>
        <translation>Votre session a expiré. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <source>The session could not be renewed: %1</source>
        <translation>La session n&apos;a pas pu être renouvelée : %1</translation>
    </message>
    <message>
        <source>The sign-in was canceled: you signed out.</source>
        <translation>La connexion a été annulée : vous vous êtes déconnecté.</translation>
    </message>
    <message>
        <source>You signed out in another instance of the application.</source>
        <translation>Vous vous êtes déconnecté dans une autre instance de l&apos;application.</translation>
    </message>
    <message numerus="yes">
        <source>Another instance of the application is renewing the session and did not finish within %n second(s).</source>
        <translation>
            <numerusform>Une autre instance de l&apos;application renouvelle la session et n&apos;a pas terminé dans un délai de %n seconde.</numerusform>
            <numerusform>Une autre instance de l&apos;application renouvelle la session et n&apos;a pas terminé dans un délai de %n secondes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JwtToken</name>
    <message>
        <source>The token is empty.</source>
        <translation>Le jeton est vide.</translation>
    </message>
    <message>
        <source>The token exceeds the maximum size of %1 bytes.</source>
        <translation>Le jeton dépasse la taille maximale de %1 octets.</translation>
    </message>
    <message>
        <source>The token does not consist of three parts separated by dots.</source>
        <translation>Le jeton ne comporte pas trois parties séparées par des points.</translation>
    </message>
    <message>
        <source>A part of the token is not valid base64url.</source>
        <translation>Une partie du jeton n&apos;est pas du base64url valide.</translation>
    </message>
    <message>
        <source>The token header or payload is not a JSON object.</source>
        <translation>L&apos;en-tête ou la charge utile du jeton n&apos;est pas un objet JSON.</translation>
    </message>
    <message>
        <source>The token field &quot;%1&quot; is missing, of the wrong type or out of range.</source>
        <translation>Le champ « %1 » du jeton est absent, de type incorrect ou hors limites.</translation>
    </message>
</context>
<context>
    <name>JwtWebSocket</name>
    <message>
        <source>The session could not be renewed in time.</source>
        <translation>La session n&apos;a pas pu être renouvelée à temps.</translation>
    </message>
    <message>
        <source>The access token cannot be sent as a WebSocket subprotocol: a subprotocol must be an HTTP token, and the token or the prefix holds other characters.</source>
        <translation>Le jeton d&apos;accès ne peut pas être envoyé comme sous-protocole WebSocket : un sous-protocole doit être un token HTTP, et le jeton ou le préfixe contient d&apos;autres caractères.</translation>
    </message>
    <message>
        <source>The access token cannot be sent as a query parameter: no parameter name is set (tokenQueryParameter).</source>
        <translation>Le jeton d&apos;accès ne peut pas être envoyé comme paramètre de requête dans l&apos;URL : aucun nom de paramètre n&apos;est défini (tokenQueryParameter).</translation>
    </message>
    <message>
        <source>The session was signed out.</source>
        <translation>La session a été déconnectée.</translation>
    </message>
    <message>
        <source>Expected an absolute ws:// or wss:// URL, got &quot;%1&quot;.</source>
        <translation>URL ws:// ou wss:// absolue attendue, « %1 » reçue.</translation>
    </message>
    <message>
        <source>Refused to send the access token to %1 over unencrypted ws.</source>
        <translation>Refus d&apos;envoyer le jeton d&apos;accès à %1 via une connexion ws non chiffrée.</translation>
    </message>
    <message>
        <source>The server refused the connection, and the session is signed out.</source>
        <translation>Le serveur a refusé la connexion, et la session est déconnectée.</translation>
    </message>
    <message>
        <source>The server closed the connection: the access token expired.</source>
        <translation>Le serveur a fermé la connexion : le jeton d&apos;accès a expiré.</translation>
    </message>
    <message>
        <source>The server closed the connection (code %1): %2</source>
        <translation>Le serveur a fermé la connexion (code %1) : %2</translation>
    </message>
    <message>
        <source>The server refused the connection with a fresh access token.</source>
        <translation>Le serveur a refusé la connexion même avec un nouveau jeton d&apos;accès.</translation>
    </message>
</context>
</TS>
