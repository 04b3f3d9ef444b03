// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include "jwtdemoapi.h"

#include "jwtdemoauthority.h"
#include "jwtdemojsonroutes.h"
#include "jwtdemoauthorization.h"

#include <QtCore/qdatetime.h>
#include <QtCore/qendian.h>
#include <QtCore/qhash.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qurlquery.h>

/*!
    \class JwtDemoApi
    \brief The routes of the demo auth server, as plain request-in, response-out functions.

    Front ends (Qt HTTP Server for the demo binary, a socket server in the tests) translate their
    requests into JwtDemoRequest and write the JwtDemoResponse back, so that both serve exactly
    the same behaviour. Every request handled emits requestHandled() once.
*/

QByteArray JwtDemoRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

void JwtDemoResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    headers.removeIf([&name](const QPair<QByteArray, QByteArray> &h) {
        return h.first.compare(name, Qt::CaseInsensitive) == 0;
    });
    headers.append({name, value});
}

QByteArray JwtDemoResponse::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

namespace {

const QByteArray RefreshCookie = QByteArrayLiteral("refresh_token");

JwtDemoResponse jsonResponse(int status, const QJsonDocument &document)
{
    JwtDemoResponse response;
    response.status = status;
    response.setHeader("Content-Type", "application/json");
    response.body = document.toJson(QJsonDocument::Compact);
    return response;
}

JwtDemoResponse jsonResponse(int status, const QJsonObject &object)
{
    return jsonResponse(status, QJsonDocument(object));
}

JwtDemoResponse errorResponse(int status, const QString &error, const QString &description = {})
{
    QJsonObject object {{QStringLiteral("error"), error}};
    if (!description.isEmpty())
        object.insert(QStringLiteral("error_description"), description);
    return jsonResponse(status, object);
}

JwtDemoResponse emptyResponse(int status)
{
    JwtDemoResponse response;
    response.status = status;
    return response;
}

bool hasContentType(const JwtDemoRequest &request, const QByteArray &type)
{
    const QByteArray value = request.header("Content-Type");
    const qsizetype semicolon = value.indexOf(';');
    return (semicolon < 0 ? value : value.left(semicolon))
                   .trimmed()
                   .compare(type, Qt::CaseInsensitive)
            == 0;
}

QByteArray cookieValue(const JwtDemoRequest &request, const QByteArray &name)
{
    for (const auto &h : request.headers) {
        if (h.first.compare("Cookie", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray &pair : h.second.split(';')) {
            const QByteArray trimmed = pair.trimmed();
            const qsizetype equals = trimmed.indexOf('=');
            if (equals > 0 && trimmed.left(equals) == name)
                return trimmed.mid(equals + 1);
        }
    }
    return {};
}

// No Secure attribute: the demo serves plain http on loopback, where a Secure cookie would
// never be sent back. A real deployment serves https and must add Secure.
QByteArray refreshCookie(const QByteArray &value, qint64 maxAgeSeconds)
{
    return RefreshCookie + '=' + value + "; HttpOnly; Path=/auth; SameSite=Strict; Max-Age="
            + QByteArray::number(maxAgeSeconds);
}

// application/x-www-form-urlencoded, where '+' is a space (QUrlQuery alone does not know that).
// Returns false when a parameter is repeated, which RFC 6749 §3.2 forbids.
bool parseForm(const QByteArray &body, QHash<QString, QString> *form)
{
    QByteArray encoded = body;
    encoded.replace('+', "%20");
    const QUrlQuery query(QString::fromLatin1(encoded));
    for (const auto &item : query.queryItems(QUrl::FullyDecoded)) {
        if (form->contains(item.first))
            return false;
        form->insert(item.first, item.second);
    }
    return true;
}

// RFC 6750 §3.1: a request without credentials gets no error code in its challenge.
QByteArray bearerChallenge(const QString &reason)
{
    QByteArray challenge = "Bearer realm=\"jwt-demo\"";
    if (reason != QStringLiteral("missing"))
        challenge += ", error=\"invalid_token\", error_description=\"" + reason.toLatin1() + '"';
    return challenge;
}

quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xffffffffu;
    for (const char byte : data) {
        crc ^= static_cast<quint8>(byte);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

QByteArray pngChunk(const QByteArray &type, const QByteArray &data)
{
    QByteArray chunk(4, Qt::Uninitialized);
    qToBigEndian<quint32>(quint32(data.size()), chunk.data());
    const QByteArray typed = type + data;
    QByteArray crc(4, Qt::Uninitialized);
    qToBigEndian<quint32>(crc32(typed), crc.data());
    return chunk + typed + crc;
}

// A 16x16 solid-colour RGB PNG, built by hand so that the server needs no QtGui.
QByteArray makeAvatarPng()
{
    constexpr int Size = 16;
    QByteArray header(13, '\0');
    qToBigEndian<quint32>(Size, header.data());
    qToBigEndian<quint32>(Size, header.data() + 4);
    header[8] = 8; // bit depth
    header[9] = 2; // colour type: truecolour RGB
    // compression, filter and interlace methods stay 0

    QByteArray pixels;
    for (int y = 0; y < Size; ++y) {
        pixels.append('\0'); // filter type None
        for (int x = 0; x < Size; ++x)
            pixels.append("\x41\x7c\xc4", 3);
    }
    // qCompress() emits a zlib stream behind a 4-byte length prefix of its own.
    const QByteArray zlib = qCompress(pixels).mid(4);

    return QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", header) + pngChunk("IDAT", zlib)
            + pngChunk("IEND", {});
}

struct Note
{
    int id = 0;
    QString title;
    QString body;
    QDateTime updated;

    QJsonObject toJson() const
    {
        return {{QStringLiteral("id"), id},
                {QStringLiteral("title"), title},
                {QStringLiteral("body"), body},
                {QStringLiteral("updated"), updated.toString(Qt::ISODateWithMs)}};
    }
};

enum class Route {
    None,
    Login,
    Refresh,
    Logout,
    Token,
    Revoke,
    Authorize,
    Discovery,
    Me,
    Notes,
    Note,
    Avatar,
    ExpireAccess,
    RevokeRefresh,
    Outage,
};

Route routeOf(const QString &path)
{
    static const QHash<QString, Route> routes {
            {QStringLiteral("/auth/login"), Route::Login},
            {QStringLiteral("/auth/refresh"), Route::Refresh},
            {QStringLiteral("/auth/logout"), Route::Logout},
            {QStringLiteral("/oauth/token"), Route::Token},
            {QStringLiteral("/oauth/revoke"), Route::Revoke},
            {QStringLiteral("/oauth/authorize"), Route::Authorize},
            {QStringLiteral("/.well-known/openid-configuration"), Route::Discovery},
            {QStringLiteral("/api/me"), Route::Me},
            {QStringLiteral("/api/notes"), Route::Notes},
            {QStringLiteral("/api/avatar.png"), Route::Avatar},
            {QStringLiteral("/admin/expire-access"), Route::ExpireAccess},
            {QStringLiteral("/admin/revoke-refresh"), Route::RevokeRefresh},
            {QStringLiteral("/admin/outage"), Route::Outage},
    };
    const auto it = routes.constFind(path);
    if (it != routes.constEnd())
        return *it;
    const QString notePrefix = QStringLiteral("/api/notes/");
    if (path.startsWith(notePrefix) && path.size() > notePrefix.size()
        && !path.mid(notePrefix.size()).contains(QLatin1Char('/'))) {
        return Route::Note;
    }
    return Route::None;
}

bool methodAllowed(Route route, const QByteArray &method)
{
    switch (route) {
    case Route::Me:
    case Route::Avatar:
    case Route::Authorize:
    case Route::Discovery:
        return method == "GET";
    case Route::Notes:
        return method == "GET" || method == "POST";
    case Route::Note:
        return method == "PUT";
    case Route::None:
        return false;
    default:
        return method == "POST";
    }
}

} // namespace

struct JwtDemoApi::Private
{
    JwtDemoAuthority *authority = nullptr;
    std::unique_ptr<JwtDemoJsonRoutes> jsonRoutes; // SimpleJWT's /api/token/ routes
    std::unique_ptr<JwtDemoAuthorization> authorization; // the browser sign-in routes
    bool outage = false;
    int nextNoteId = 1;
    QHash<QString, QList<Note>> notes; // by user
    QByteArray avatar = makeAvatarPng();

    JwtDemoResponse dispatch(Route route, const JwtDemoRequest &request);

    JwtDemoResponse login(const JwtDemoRequest &request);
    JwtDemoResponse cookieRefresh(const JwtDemoRequest &request);
    JwtDemoResponse logout(const JwtDemoRequest &request);
    JwtDemoResponse token(const JwtDemoRequest &request);
    JwtDemoResponse passwordGrant(const QHash<QString, QString> &form);
    JwtDemoResponse refreshTokenGrant(const QHash<QString, QString> &form);
    JwtDemoResponse revoke(const JwtDemoRequest &request);
    JwtDemoResponse outageResponse() const;
    JwtDemoResponse protectedRoute(Route route, const JwtDemoRequest &request);
    JwtDemoResponse listNotes(const QString &user) const;
    JwtDemoResponse createNote(const QString &user, const JwtDemoRequest &request);
    JwtDemoResponse editNote(const QString &user, const JwtDemoRequest &request);
    JwtDemoResponse admin(Route route, const JwtDemoRequest &request);

    JwtDemoResponse cookieTokenResponse(const JwtDemoAuthority::Tokens &tokens) const;
    JwtDemoResponse oauthTokenResponse(const JwtDemoAuthority::Tokens &tokens) const;
    static JwtDemoResponse oauthError(const QString &error, const QString &description);
    static JwtDemoResponse clearCookie(JwtDemoResponse response);
};

JwtDemoResponse JwtDemoApi::Private::dispatch(Route route, const JwtDemoRequest &request)
{
    switch (route) {
    case Route::Login:
        return login(request);
    case Route::Refresh:
        return cookieRefresh(request);
    case Route::Logout:
        return logout(request);
    case Route::Token:
        return token(request);
    case Route::Revoke:
        return revoke(request);
    case Route::Authorize:
        return authorization->authorize(request);
    case Route::Discovery:
        return authorization->discovery(request);
    case Route::Me:
    case Route::Notes:
    case Route::Note:
    case Route::Avatar:
        return protectedRoute(route, request);
    case Route::ExpireAccess:
    case Route::RevokeRefresh:
    case Route::Outage:
        return admin(route, request);
    case Route::None:
        break;
    }
    return errorResponse(404, QStringLiteral("not_found"));
}

JwtDemoResponse JwtDemoApi::Private::cookieTokenResponse(
        const JwtDemoAuthority::Tokens &tokens) const
{
    JwtDemoResponse response = jsonResponse(
            200,
            QJsonObject {{QStringLiteral("access_token"), QString::fromLatin1(tokens.accessToken)},
                         {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                         {QStringLiteral("expires_in"), tokens.expiresIn},
                         {QStringLiteral("user"), tokens.user}});
    response.setHeader("Cache-Control", "no-store");
    const qint64 maxAge = (authority->refreshTokenLifetime().count() + 999) / 1000;
    response.headers.append({"Set-Cookie", refreshCookie(tokens.refreshToken, maxAge)});
    return response;
}

JwtDemoResponse JwtDemoApi::Private::clearCookie(JwtDemoResponse response)
{
    response.headers.append({"Set-Cookie", refreshCookie({}, 0)});
    return response;
}

JwtDemoResponse JwtDemoApi::Private::outageResponse() const
{
    JwtDemoResponse response = errorResponse(503, QStringLiteral("temporarily_unavailable"),
                                             QStringLiteral("simulated outage"));
    response.setHeader("Retry-After", "1");
    return response;
}

JwtDemoResponse JwtDemoApi::Private::login(const JwtDemoRequest &request)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QJsonValue user = body.value(QStringLiteral("username"));
    const QJsonValue password = body.value(QStringLiteral("password"));
    if (!hasContentType(request, "application/json") || !user.isString() || !password.isString())
        return errorResponse(400, QStringLiteral("invalid_request"),
                             QStringLiteral("expected JSON {username, password}"));
    JwtDemoAuthority::Tokens tokens;
    if (authority->login(user.toString(), password.toString(), &tokens)
        != JwtDemoAuthority::Outcome::Ok) {
        return errorResponse(401, QStringLiteral("invalid_credentials"),
                             QStringLiteral("wrong user name or password"));
    }
    return cookieTokenResponse(tokens);
}

JwtDemoResponse JwtDemoApi::Private::cookieRefresh(const JwtDemoRequest &request)
{
    if (outage)
        return outageResponse();
    // A missing cookie goes to the authority too, so that it counts as a refresh attempt.
    JwtDemoAuthority::Tokens tokens;
    const auto outcome = authority->refresh(cookieValue(request, RefreshCookie), &tokens);
    if (outcome != JwtDemoAuthority::Outcome::Ok) {
        return clearCookie(errorResponse(401, QStringLiteral("invalid_refresh"),
                                         outcome == JwtDemoAuthority::Outcome::ReusedCredential
                                                 ? QStringLiteral("refresh credential reused")
                                                 : QStringLiteral("no valid refresh credential")));
    }
    return cookieTokenResponse(tokens);
}

JwtDemoResponse JwtDemoApi::Private::logout(const JwtDemoRequest &request)
{
    authority->revoke(cookieValue(request, RefreshCookie));
    return clearCookie(emptyResponse(204));
}

JwtDemoResponse JwtDemoApi::Private::oauthError(const QString &error, const QString &description)
{
    JwtDemoResponse response = errorResponse(400, error, description);
    response.setHeader("Cache-Control", "no-store");
    return response;
}

JwtDemoResponse JwtDemoApi::Private::oauthTokenResponse(
        const JwtDemoAuthority::Tokens &tokens) const
{
    // RFC 6749 §5.1
    JwtDemoResponse response = jsonResponse(
            200,
            QJsonObject {
                    {QStringLiteral("access_token"), QString::fromLatin1(tokens.accessToken)},
                    {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                    {QStringLiteral("expires_in"), tokens.expiresIn},
                    {QStringLiteral("refresh_token"), QString::fromLatin1(tokens.refreshToken)}});
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
    return response;
}

JwtDemoResponse JwtDemoApi::Private::token(const JwtDemoRequest &request)
{
    // The whole token endpoint is down during an outage, as a real authorization server would be.
    if (outage)
        return outageResponse();
    QHash<QString, QString> form;
    if (!hasContentType(request, "application/x-www-form-urlencoded")
        || !parseForm(request.body, &form)) {
        return oauthError(QStringLiteral("invalid_request"),
                          QStringLiteral("expected a form without repeated parameters"));
    }
    // client_id is accepted whatever it is: the demo has public clients only.
    const QString grantType = form.value(QStringLiteral("grant_type"));
    if (grantType.isEmpty())
        return oauthError(QStringLiteral("invalid_request"), QStringLiteral("grant_type missing"));
    if (grantType == QStringLiteral("password"))
        return passwordGrant(form);
    if (grantType == QStringLiteral("refresh_token"))
        return refreshTokenGrant(form);
    if (grantType == QStringLiteral("authorization_code"))
        return authorization->exchangeCode(form);
    return oauthError(QStringLiteral("unsupported_grant_type"),
                      QStringLiteral("password, refresh_token and authorization_code only"));
}

JwtDemoResponse JwtDemoApi::Private::passwordGrant(const QHash<QString, QString> &form)
{
    const QString user = form.value(QStringLiteral("username"));
    if (user.isEmpty() || !form.contains(QStringLiteral("password"))) {
        return oauthError(QStringLiteral("invalid_request"),
                          QStringLiteral("username and password required"));
    }
    JwtDemoAuthority::Tokens tokens;
    if (authority->login(user, form.value(QStringLiteral("password")), &tokens)
        != JwtDemoAuthority::Outcome::Ok) {
        return oauthError(QStringLiteral("invalid_grant"),
                          QStringLiteral("wrong user name or password"));
    }
    return oauthTokenResponse(tokens);
}

JwtDemoResponse JwtDemoApi::Private::refreshTokenGrant(const QHash<QString, QString> &form)
{
    const QString refreshToken = form.value(QStringLiteral("refresh_token"));
    if (refreshToken.isEmpty())
        return oauthError(QStringLiteral("invalid_request"),
                          QStringLiteral("refresh_token missing"));
    JwtDemoAuthority::Tokens tokens;
    const auto outcome = authority->refresh(refreshToken.toLatin1(), &tokens);
    if (outcome == JwtDemoAuthority::Outcome::ReusedCredential)
        return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("refresh token reused"));
    if (outcome != JwtDemoAuthority::Outcome::Ok)
        return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("unknown refresh token"));
    return oauthTokenResponse(tokens);
}

JwtDemoResponse JwtDemoApi::Private::revoke(const JwtDemoRequest &request)
{
    // RFC 7009 §2.2: 200 whether or not the token was valid, so that the answer tells nothing.
    QHash<QString, QString> form;
    if (parseForm(request.body, &form))
        authority->revoke(form.value(QStringLiteral("token")).toLatin1());
    return emptyResponse(200);
}

JwtDemoResponse JwtDemoApi::Private::protectedRoute(Route route, const JwtDemoRequest &request)
{
    const JwtDemoAuthority::Access access = authority->verify(request.header("Authorization"));
    if (!access.ok) {
        JwtDemoResponse response = errorResponse(401, QStringLiteral("invalid_token"));
        response.setHeader("WWW-Authenticate", bearerChallenge(access.reason));
        return response;
    }
    switch (route) {
    case Route::Me:
        return jsonResponse(
                200,
                QJsonObject {{QStringLiteral("user"), access.user},
                             {QStringLiteral("generation"), qint64(access.generation)}});
    case Route::Notes:
        return request.method.compare("POST", Qt::CaseInsensitive) == 0
                ? createNote(access.user, request)
                : listNotes(access.user);
    case Route::Note:
        return editNote(access.user, request);
    default:
        break;
    }
    JwtDemoResponse response = emptyResponse(200);
    response.setHeader("Content-Type", "image/png");
    response.body = avatar;
    return response;
}

JwtDemoResponse JwtDemoApi::Private::listNotes(const QString &user) const
{
    QJsonArray array;
    for (const Note &note : notes.value(user))
        array.append(note.toJson());
    return jsonResponse(200, QJsonDocument(array));
}

JwtDemoResponse JwtDemoApi::Private::createNote(const QString &user, const JwtDemoRequest &request)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    if (!body.value(QStringLiteral("title")).isString())
        return errorResponse(400, QStringLiteral("invalid_request"),
                             QStringLiteral("expected JSON {title, body}"));
    Note note {nextNoteId++, body.value(QStringLiteral("title")).toString(),
               body.value(QStringLiteral("body")).toString(), QDateTime::currentDateTimeUtc()};
    notes[user].append(note);
    return jsonResponse(201, note.toJson());
}

JwtDemoResponse JwtDemoApi::Private::editNote(const QString &user, const JwtDemoRequest &request)
{
    bool isNumber = false;
    const int id = request.url.path().section(QLatin1Char('/'), -1).toInt(&isNumber);
    QList<Note> &userNotes = notes[user];
    const auto it = std::find_if(userNotes.begin(), userNotes.end(),
                                 [id](const Note &note) { return note.id == id; });
    if (!isNumber || it == userNotes.end())
        return errorResponse(404, QStringLiteral("not_found"), QStringLiteral("no such note"));
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    if (body.isEmpty())
        return errorResponse(400, QStringLiteral("invalid_request"),
                             QStringLiteral("expected JSON {title, body}"));
    if (body.contains(QStringLiteral("title")))
        it->title = body.value(QStringLiteral("title")).toString();
    if (body.contains(QStringLiteral("body")))
        it->body = body.value(QStringLiteral("body")).toString();
    it->updated = QDateTime::currentDateTimeUtc();
    return jsonResponse(200, it->toJson());
}

// Switches for demos and tests on loopback. A real authorization server never lets an
// unauthenticated request expire tokens or fake an outage.
JwtDemoResponse JwtDemoApi::Private::admin(Route route, const JwtDemoRequest &request)
{
    if (route == Route::ExpireAccess) {
        authority->expireAccessTokensNow();
    } else if (route == Route::RevokeRefresh) {
        authority->revokeAllRefreshTokens();
    } else {
        const QString on = QUrlQuery(request.url).queryItemValue(QStringLiteral("on"));
        if (on != QStringLiteral("1") && on != QStringLiteral("0"))
            return errorResponse(400, QStringLiteral("invalid_request"),
                                 QStringLiteral("on=1 or on=0"));
        outage = on == QStringLiteral("1");
    }
    return emptyResponse(204);
}

JwtDemoApi::JwtDemoApi(JwtDemoAuthority *authority, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->authority = authority;
    d->jsonRoutes = std::make_unique<JwtDemoJsonRoutes>(authority);
    d->authorization = std::make_unique<JwtDemoAuthorization>(authority);
}

JwtDemoApi::~JwtDemoApi() = default;

JwtDemoAuthority *JwtDemoApi::authority() const
{
    return d->authority;
}

bool JwtDemoApi::handles(const JwtDemoRequest &request) const
{
    return routeOf(request.url.path()) != Route::None
            || JwtDemoJsonRoutes::handles(request.url.path());
}

/*!
    Answers \a request: 404 for paths that are not routes, 405 for a known path with another
    method, otherwise whatever the route says. Emits requestHandled() once.
*/
JwtDemoResponse JwtDemoApi::handle(const JwtDemoRequest &request)
{
    const QString path = request.url.path();
    const Route route = routeOf(path);
    const QByteArray method = request.method.toUpper();
    JwtDemoResponse response;
    if (JwtDemoJsonRoutes::handles(path)) {
        response = d->jsonRoutes->handle(request, d->outage);
    } else if (route == Route::None) {
        response = errorResponse(404, QStringLiteral("not_found"));
    } else if (!methodAllowed(route, method)) {
        response = errorResponse(405, QStringLiteral("method_not_allowed"));
    } else {
        response = d->dispatch(route, request);
    }
    Q_EMIT requestHandled(method, path, response.status);
    return response;
}

void JwtDemoApi::setOutage(bool on)
{
    d->outage = on;
}

bool JwtDemoApi::outage() const
{
    return d->outage;
}
