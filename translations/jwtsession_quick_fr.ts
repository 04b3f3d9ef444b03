<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>JwtQuickLoginBackend</name>
    <message>
        <source>Revoke refresh credential</source>
        <translation>Révoquer le jeton de renouvellement</translation>
    </message>
    <message>
        <source>Expire access token</source>
        <translation>Faire expirer le jeton d&apos;accès</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <source>Your session has expired</source>
        <translation>Votre session a expiré</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Sign in again: requests that were waiting will complete.</source>
        <translation>Reconnectez-vous : les requêtes en attente se termineront ensuite.</translation>
    </message>
    <message>
        <source>Demo users: alice / wonderland, bob / builder. Server: %1</source>
        <translation>Utilisateurs de démo : alice / wonderland, bob / builder. Serveur : %1</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nom d&apos;utilisateur</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Cancel (waiting for the browser…)</source>
        <translation>Annuler (en attente du navigateur…)</translation>
    </message>
    <message>
        <source>Sign in with your browser</source>
        <translation>Se connecter avec votre navigateur</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>JwtSession – Quick login</source>
        <translation>JwtSession – Connexion Quick</translation>
    </message>
    <message>
        <source>Session expired: sign in again to resume held requests</source>
        <translation>Session expirée : reconnectez-vous pour reprendre les requêtes retenues</translation>
    </message>
    <message>
        <source>Refresh failed: %1</source>
        <translation>Échec du renouvellement : %1</translation>
    </message>
    <message>
        <source>Refreshing the access token…</source>
        <translation>Renouvellement du jeton d&apos;accès…</translation>
    </message>
    <message>
        <source>Refresh succeeded: new access token, waiting requests replayed</source>
        <translation>Renouvellement réussi : nouveau jeton d&apos;accès, requêtes en attente rejouées</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Connecté en tant que %1</translation>
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
        <translation>GET /api/notes a répondu %1</translation>
    </message>
    <message>
        <source>POST /api/notes</source>
        <translation>POST /api/notes</translation>
    </message>
    <message>
        <source>POST /api/notes answered %1</source>
        <translation>POST /api/notes a répondu %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fait</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>Avatar failed to load</source>
        <translation>Impossible de charger l&apos;avatar</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Connecté en tant que %1</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>Access token: refreshing…</source>
        <translation>Jeton d&apos;accès : renouvellement…</translation>
    </message>
    <message>
        <source>Access token: no expiry known</source>
        <translation>Jeton d&apos;accès : expiration inconnue</translation>
    </message>
    <message>
        <source>Access token expires in %1 s</source>
        <translation>Le jeton d&apos;accès expire dans %1 s</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Recharger</translation>
    </message>
    <message>
        <source>Expire access token</source>
        <translation>Faire expirer le jeton d&apos;accès</translation>
    </message>
    <message>
        <source>Revoke refresh credential</source>
        <translation>Révoquer le jeton de renouvellement</translation>
    </message>
    <message>
        <source>New note</source>
        <translation>Nouvelle note</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>No notes yet: add one above.</source>
        <translation>Pas encore de notes : ajoutez-en une ci-dessus.</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>JwtSession in Qt Quick: sign in, use the API, survive token expiry.</source>
        <translation>JwtSession dans Qt Quick : se connecter, utiliser l&apos;API, survivre à l&apos;expiration du jeton.</translation>
    </message>
    <message>
        <source>Use the demo server at &lt;url&gt; instead of starting one in-process.</source>
        <translation>Utiliser le serveur de démo à &lt;url&gt; au lieu d&apos;en démarrer un dans le processus.</translation>
    </message>
    <message>
        <source>Access-token lifetime of the in-process server, in seconds.</source>
        <translation>Durée de vie des jetons d&apos;accès du serveur dans le processus, en secondes.</translation>
    </message>
    <message>
        <source>User interface language: de, fr or en.</source>
        <translation>Langue de l&apos;interface : de, fr ou en.</translation>
    </message>
    <message>
        <source>Sign in through the web browser (OAuth 2 authorization code with PKCE).</source>
        <translation>Se connecter via le navigateur web (code d&apos;autorisation OAuth 2 avec PKCE).</translation>
    </message>
</context>
</TS>
