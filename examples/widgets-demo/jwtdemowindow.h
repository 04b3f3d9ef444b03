// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTDEMOWINDOW_H
#define JWTDEMOWINDOW_H

#include <QtCore/qurl.h>
#include <QtWidgets/qmainwindow.h>

#include <functional>
#include <memory>

class JwtDemoApi;
class JwtEventLog;
class JwtLoginPrompt;
class JwtNotesPanel;
class JwtSession;
class QNetworkAccessManager;

// The demo's main window: notes from the API, the event log, the demo controls and a status bar
// with the signed-in user and the access token's remaining lifetime.
class JwtDemoWindow : public QMainWindow
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl baseUrl;
        bool oauth = false; // OAuth 2 token endpoint instead of the HttpOnly-cookie flow
        bool json = false; // refresh token in JSON bodies (the server's SimpleJWT routes)
        bool browser = false; // with oauth: the login dialog offers the browser sign-in
        JwtDemoApi *embeddedApi = nullptr; // the embedded server's routes, for the log
        QUrl liveUrl; // the server's live channel: note changes pushed over a JwtWebSocket
    };

    explicit JwtDemoWindow(const Options &options, QWidget *parent = nullptr);
    ~JwtDemoWindow() override;

    JwtSession *session() const;
    QNetworkAccessManager *networkAccessManager() const;
    JwtLoginPrompt *loginPrompt() const;
    JwtNotesPanel *notes() const;
    JwtEventLog *eventLog() const;
    bool isBurstRunning() const;

public Q_SLOTS:
    void start();
    //! \a thenReload: reload the notes right away, so that the expiry shows at once.
    void expireAccessToken(bool thenReload = true);
    void revokeRefreshCredential();
    void setOutage(bool on);
    void burst();
    //! Shows \a message in the status bar for \a timeout ms (0: until the next one), elided
    //! to the room left of the permanent parts; the full text is the tooltip.
    void showStatusMessage(const QString &message, int timeout = 6000);

Q_SIGNALS:
    void adminCallFinished();
    void burstFinished(int succeeded, int total);

protected:
    bool event(QEvent *event) override;

private:
    struct Private;
    std::unique_ptr<Private> const d;
    Q_DISABLE_COPY_MOVE(JwtDemoWindow)
};

#endif // JWTDEMOWINDOW_H
