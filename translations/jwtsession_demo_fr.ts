<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>JwtDemoWindow</name>
    <message>
        <source>Event log: what the interceptor does</source>
        <translation>Journal des événements : ce que fait l&apos;intercepteur</translation>
    </message>
    <message>
        <source>Signed-in user</source>
        <translation>Utilisateur connecté</translation>
    </message>
    <message>
        <source>Access token lifetime</source>
        <translation>Durée de validité du jeton d&apos;accès</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Serveur : %1</translation>
    </message>
    <message>
        <source>Sign &amp;In…</source>
        <translation>Se &amp;connecter…</translation>
    </message>
    <message>
        <source>Opens the sign-in dialog.</source>
        <translation>Ouvre la boîte de dialogue de connexion.</translation>
    </message>
    <message>
        <source>Sign &amp;Out</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <source>Ends the session and forgets the tokens.</source>
        <translation>Termine la session et oublie les jetons.</translation>
    </message>
    <message>
        <source>&amp;Expire Access Token Now</source>
        <translation>Faire &amp;expirer le jeton d&apos;accès</translation>
    </message>
    <message>
        <source>The server refuses the current access token; the next request collects a 401, refreshes and replays.</source>
        <translation>Le serveur refuse le jeton d&apos;accès actuel ; la requête suivante reçoit un 401, renouvelle la session et est rejouée.</translation>
    </message>
    <message>
        <source>&amp;Revoke Refresh Credential</source>
        <translation>&amp;Révoquer le justificatif de renouvellement</translation>
    </message>
    <message>
        <source>The next refresh is rejected: the session expires and the sign-in dialog opens.</source>
        <translation>Le prochain renouvellement est refusé : la session expire et la boîte de dialogue de connexion s&apos;ouvre.</translation>
    </message>
    <message>
        <source>Simulate Server &amp;Outage</source>
        <translation>Simuler une &amp;panne du serveur</translation>
    </message>
    <message>
        <source>Refresh calls fail with 503: a transient failure, you stay signed in.</source>
        <translation>Les appels de renouvellement échouent avec 503 : une panne passagère, vous restez connecté.</translation>
    </message>
    <message>
        <source>&amp;Burst: %1 Parallel Requests</source>
        <translation>&amp;Rafale : %1 requêtes parallèles</translation>
    </message>
    <message>
        <source>Sends %1 requests at once: at most one refresh, every request replayed.</source>
        <translation>Envoie %1 requêtes à la fois : au plus un renouvellement, chaque requête est rejouée.</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Session</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Demo</source>
        <translation>&amp;Démo</translation>
    </message>
    <message>
        <source>&amp;Clear Event Log</source>
        <translation>E&amp;ffacer le journal</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>À &amp;propos</translation>
    </message>
    <message>
        <source>About JwtSession Demo</source>
        <translation>À propos de la démo JwtSession</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;JwtSession Demo&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Keeps a Qt application&apos;s JWT session alive: bearer tokens, single-flight refresh, replay.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Démo JwtSession&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Maintient en vie la session JWT d&apos;une application Qt : jetons Bearer, un seul renouvellement à la fois, rejeu.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Demo Controls</source>
        <translation>Commandes de la démo</translation>
    </message>
    <message>
        <source>#%1 ← HTTP %2 %3</source>
        <translation>#%1 ← HTTP %2 %3</translation>
    </message>
    <message>
        <source>#%1 failed: %2</source>
        <translation>#%1 a échoué : %2</translation>
    </message>
    <message>
        <source>#%1 → %2 (token generation %3)</source>
        <translation>#%1 → %2 (génération de jeton %3)</translation>
    </message>
    <message>
        <source>#%1 → %2 (no token)</source>
        <translation>#%1 → %2 (sans jeton)</translation>
    </message>
    <message>
        <source>#%1 ← HTTP %2: the access token was refused (hidden from the caller)</source>
        <translation>#%1 ← HTTP %2 : le jeton d&apos;accès a été refusé (masqué à l&apos;appelant)</translation>
    </message>
    <message>
        <source>#%1 is held until you sign in again</source>
        <translation>#%1 est retenue jusqu&apos;à votre reconnexion</translation>
    </message>
    <message>
        <source>#%1 waits for the refresh</source>
        <translation>#%1 attend le renouvellement</translation>
    </message>
    <message>
        <source>#%1 is replayed with the new token</source>
        <translation>#%1 est rejouée avec le nouveau jeton</translation>
    </message>
    <message>
        <source>Refresh started (one call for every waiting request)</source>
        <translation>Renouvellement lancé (un seul appel pour toutes les requêtes en attente)</translation>
    </message>
    <message>
        <source>Refresh succeeded: token generation %1, valid until %2</source>
        <translation>Renouvellement réussi : génération de jeton %1, valable jusqu&apos;à %2</translation>
    </message>
    <message>
        <source>Refresh rejected: %1</source>
        <translation>Renouvellement refusé : %1</translation>
    </message>
    <message>
        <source>Refresh failed transiently: %1 You stay signed in as %2; a later request tries again.</source>
        <translation>Échec passager du renouvellement : %1 Vous restez connecté en tant que %2 ; une requête ultérieure réessaiera.</translation>
    </message>
    <message>
        <source>Session expired: the sign-in dialog opens, waiting requests are held until then</source>
        <translation>Session expirée : la boîte de dialogue de connexion s&apos;ouvre, les requêtes en attente sont retenues jusque-là</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Connecté en tant que %1</translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation>Échec de la connexion : %1</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Déconnecté</translation>
    </message>
    <message>
        <source>Sign-in canceled: held requests fail, nothing is replayed</source>
        <translation>Connexion annulée : les requêtes retenues échouent, rien n&apos;est rejoué</translation>
    </message>
    <message>
        <source>server: %1 %2 → %3</source>
        <translation>serveur : %1 %2 → %3</translation>
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
        <source>Access token: none</source>
        <translation>Jeton d&apos;accès : aucun</translation>
    </message>
    <message>
        <source>Access token: lifetime unknown</source>
        <translation>Jeton d&apos;accès : durée inconnue</translation>
    </message>
    <message>
        <source>Access token: %1 left</source>
        <translation>Jeton d&apos;accès : encore %1</translation>
    </message>
    <message>
        <source>Access token: expired</source>
        <translation>Jeton d&apos;accès : expiré</translation>
    </message>
    <message>
        <source>The server did not accept %1: %2</source>
        <translation>Le serveur n&apos;a pas accepté %1 : %2</translation>
    </message>
    <message>
        <source>Sign in to %1.
Demo accounts: alice (password “wonderland”), bob (password “builder”).</source>
        <translation>Connectez-vous à %1.
Comptes de démo : alice (mot de passe « wonderland »), bob (mot de passe « builder »).</translation>
    </message>
    <message>
        <source>Demo started against %1</source>
        <translation>Démo lancée sur %1</translation>
    </message>
    <message>
        <source>The server now refuses every access token issued so far; reloading the notes</source>
        <translation>Le serveur refuse désormais tous les jetons d&apos;accès émis jusqu&apos;ici ; rechargement des notes</translation>
    </message>
    <message>
        <source>The server revoked the refresh credential and expired the access token; reloading the notes</source>
        <translation>Le serveur a révoqué le justificatif de renouvellement et fait expirer le jeton d&apos;accès ; rechargement des notes</translation>
    </message>
    <message>
        <source>Outage over: refresh calls work again</source>
        <translation>Fin de la panne : les appels de renouvellement fonctionnent de nouveau</translation>
    </message>
    <message>
        <source>Outage: refresh calls now fail with 503, and the access token was expired; reloading the notes</source>
        <translation>Panne : les appels de renouvellement échouent désormais avec 503 et le jeton d&apos;accès a expiré ; rechargement des notes</translation>
    </message>
    <message>
        <source>Burst: sending %1 requests at once</source>
        <translation>Rafale : envoi de %1 requêtes à la fois</translation>
    </message>
    <message>
        <source>Burst finished: %1 of %2 requests succeeded; refresh calls during the burst: %3</source>
        <translation>Rafale terminée : %1 requêtes sur %2 ont réussi ; appels de renouvellement pendant la rafale : %3</translation>
    </message>
    <message>
        <source>The server now refuses every access token issued so far</source>
        <translation>Le serveur refuse désormais tous les jetons d&apos;accès émis jusqu&apos;ici</translation>
    </message>
    <message>
        <source>Expire Token</source>
        <translation>Expirer le jeton</translation>
    </message>
    <message>
        <source>Revoke Refresh</source>
        <translation>Révoquer le renouvellement</translation>
    </message>
    <message>
        <source>Outage</source>
        <translation>Panne</translation>
    </message>
    <message>
        <source>Burst ×%1</source>
        <translation>Rafale ×%1</translation>
    </message>
    <message>
        <source>Status message</source>
        <translation>Message d&apos;état</translation>
    </message>
    <message>
        <source>Live: the notes changed on the server; reloading</source>
        <translation>En direct : les notes ont changé sur le serveur ; rechargement</translation>
    </message>
</context>
<context>
    <name>JwtEventLog</name>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>Journal des événements</translation>
    </message>
    <message>
        <source>What the interceptor, the session and the demo server did, with times.</source>
        <translation>Ce qu&apos;ont fait l&apos;intercepteur, la session et le serveur de démo, avec l&apos;heure.</translation>
    </message>
</context>
<context>
    <name>JwtNotesPanel</name>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Your notes, as the server lists them.</source>
        <translation>Vos notes, telles que le serveur les liste.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Note title</source>
        <translation>Titre de la note</translation>
    </message>
    <message>
        <source>The title of the note being edited.</source>
        <translation>Le titre de la note en cours de modification.</translation>
    </message>
    <message>
        <source>Write something; it is sent when you save.</source>
        <translation>Écrivez quelque chose ; c&apos;est envoyé à l&apos;enregistrement.</translation>
    </message>
    <message>
        <source>Note text</source>
        <translation>Texte de la note</translation>
    </message>
    <message>
        <source>The text of the note being edited.</source>
        <translation>Le texte de la note en cours de modification.</translation>
    </message>
    <message>
        <source>&amp;New Note</source>
        <translation>&amp;Nouvelle note</translation>
    </message>
    <message>
        <source>Starts a new, empty note.</source>
        <translation>Commence une nouvelle note vide.</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Sends the note to the server: POST for a new note, PUT for an existing one.</source>
        <translation>Envoie la note au serveur : POST pour une nouvelle note, PUT pour une note existante.</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>&amp;Recharger</translation>
    </message>
    <message>
        <source>Fetches the notes from the server again.</source>
        <translation>Récupère de nouveau les notes sur le serveur.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titre :</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>Te&amp;xte :</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Notes on the server: %1</source>
        <translation>Notes sur le serveur : %1</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>« %1 » enregistrée.</translation>
    </message>
    <message>
        <source>Sa&amp;ve New Note</source>
        <translation>&amp;Enregistrer la nouvelle note</translation>
    </message>
    <message>
        <source>Sa&amp;ve Changes</source>
        <translation>&amp;Enregistrer les modifications</translation>
    </message>
    <message>
        <source>The request failed: %1</source>
        <translation>La requête a échoué : %1</translation>
    </message>
    <message>
        <source>&amp;Sign In…</source>
        <translation>Se &amp;connecter…</translation>
    </message>
    <message>
        <source>Opens the sign-in dialog.</source>
        <translation>Ouvre la boîte de dialogue de connexion.</translation>
    </message>
    <message>
        <source>Signed out: sign in to see and edit your notes.</source>
        <translation>Déconnecté : connectez-vous pour voir et modifier vos notes.</translation>
    </message>
    <message>
        <source>Saving “%1”…</source>
        <translation>Enregistrement de « %1 »…</translation>
    </message>
    <message>
        <source>Loading the notes waits until you sign in again.</source>
        <translation>Le chargement des notes attend que vous vous reconnectiez.</translation>
    </message>
    <message>
        <source>Saving “%1” waits until you sign in again.</source>
        <translation>L&apos;enregistrement de « %1 » attend que vous vous reconnectiez.</translation>
    </message>
    <message>
        <source>New Note</source>
        <translation>Nouvelle note</translation>
    </message>
    <message>
        <source>Editing “%1”</source>
        <translation>Modification de « %1 »</translation>
    </message>
</context>
<context>
    <name>JwtScreenshotTour</name>
    <message>
        <source>Shopping list</source>
        <translation>Liste de courses</translation>
    </message>
    <message>
        <source>Ideas for the talk</source>
        <translation>Idées pour l&apos;exposé</translation>
    </message>
    <message>
        <source>Call the bank</source>
        <translation>Appeler la banque</translation>
    </message>
    <message>
        <source>Written in the JwtSession demo.</source>
        <translation>Écrit dans la démo JwtSession.</translation>
    </message>
    <message>
        <source>Saved after a refresh</source>
        <translation>Enregistrée après un renouvellement</translation>
    </message>
    <message>
        <source>The POST body was replayed.</source>
        <translation>Le corps du POST a été rejoué.</translation>
    </message>
    <message>
        <source>Packing list</source>
        <translation>Liste de bagages</translation>
    </message>
</context>
<context>
    <name>JwtWidgetsDemo</name>
    <message>
        <source>JwtSession demo: a notes application whose session survives expired tokens, revoked refresh credentials and server outages.</source>
        <translation>Démo JwtSession : une application de notes dont la session survit aux jetons expirés, aux justificatifs de renouvellement révoqués et aux pannes du serveur.</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>User interface language: de, fr or en.</source>
        <translation>Langue de l&apos;interface : de, fr ou en.</translation>
    </message>
    <message>
        <source>language</source>
        <translation>langue</translation>
    </message>
    <message>
        <source>Refresh through the OAuth 2 token endpoint instead of the HttpOnly cookie flow.</source>
        <translation>Renouveler via le point de terminaison de jeton OAuth 2 au lieu du cookie HttpOnly.</translation>
    </message>
    <message>
        <source>Lifetime of the embedded server&apos;s access tokens, in seconds (default 30).</source>
        <translation>Durée de validité des jetons d&apos;accès du serveur intégré, en secondes (30 par défaut).</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>secondes</translation>
    </message>
    <message>
        <source>directory</source>
        <translation>répertoire</translation>
    </message>
    <message>
        <source>The embedded demo server could not start.</source>
        <translation>Le serveur de démo intégré n&apos;a pas pu démarrer.</translation>
    </message>
    <message>
        <source>JwtSession Demo</source>
        <translation>Démo JwtSession</translation>
    </message>
    <message>
        <source>Use the auth server at &lt;%1&gt; instead of the embedded one.</source>
        <translation>Utiliser le serveur d&apos;authentification à &lt;%1&gt; au lieu du serveur intégré.</translation>
    </message>
    <message>
        <source>Walk through the demo by itself, save PNGs into &lt;%1&gt; and quit.</source>
        <translation>Parcourir la démo seule, enregistrer des PNG dans &lt;%1&gt; et quitter.</translation>
    </message>
    <message>
        <source>How the session is renewed: cookie (HttpOnly refresh cookie, the default), json (refresh token in a JSON body, Django SimpleJWT&apos;s routes) or oauth (OAuth 2 token endpoint).</source>
        <translation>Mode de renouvellement de la session : cookie (cookie de renouvellement HttpOnly, par défaut), json (jeton d&apos;actualisation dans un corps JSON, routes de Django SimpleJWT) ou oauth (point de terminaison de jeton OAuth 2).</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>type</translation>
    </message>
    <message>
        <source>Offer signing in through the web browser (authorization code with PKCE); implies --oauth.</source>
        <translation>Proposer la connexion via le navigateur web (code d&apos;autorisation avec PKCE) ; implique --oauth.</translation>
    </message>
    <message>
        <source>Unknown backend &quot;%1&quot;: use cookie, json or oauth.</source>
        <translation>Backend inconnu « %1 » : utilisez cookie, json ou oauth.</translation>
    </message>
</context>
</TS>
