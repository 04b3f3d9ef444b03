// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwtqmlwebsocket.h>

/*!
    \class JwtQmlWebSocket
    \brief JwtWebSocket for QML: \c WebSocket in \c{import JwtSession}.

    The same socket as JwtWebSocket, with what QML needs on top: \c active opens the socket
    when set (after the component is complete, so that the order of the bindings does not
    matter) and closes it when cleared, and the backoff delays are plain milliseconds.

    \code
    import JwtSession

    Session { id: appSession; baseUrl: "https://api.example.com" }
    WebSocket {
        session: appSession
        url: "wss://api.example.com/live"
        active: appSession.signedIn
        onTextMessageReceived: (message) => notes.apply(JSON.parse(message))
    }
    \endcode

    QtWebSockets also has a type named \c WebSocket. In a file that imports both modules,
    import this one with a qualifier (\c{import JwtSession as Jwt}, then \c{Jwt.WebSocket}) so
    that the name means what it says.
*/

/*!
    \property JwtQmlWebSocket::active
    \brief Whether the socket is open (or trying to be); setting it opens or closes it.
*/
/*!
    \property JwtQmlWebSocket::reconnectBaseDelay
    \brief JwtWebSocket::reconnectBaseDelay() in milliseconds.
*/
/*!
    \property JwtQmlWebSocket::reconnectMaxDelay
    \brief JwtWebSocket::reconnectMaxDelay() in milliseconds.
*/
/*!
    \fn void JwtQmlWebSocket::activeChanged(bool active)
    Emitted when active changed.
*/
/*!
    \fn void JwtQmlWebSocket::reconnectDelaysChanged()
    Emitted when a backoff delay changed.
*/

/*! Creates a socket; set \c session and \c url, then \c active. */
JwtQmlWebSocket::JwtQmlWebSocket(QObject *parent) : JwtWebSocket(parent)
{
    // Closed for good (given up, signed out): active follows, so that setting it again opens.
    connect(this, &JwtWebSocket::stateChanged, this, [this](State state) {
        if (state == State::Closed && m_active) {
            m_active = false;
            Q_EMIT activeChanged(false);
        }
    });
}

/*! Destroys the socket. */
JwtQmlWebSocket::~JwtQmlWebSocket() = default;

/*! Whether the socket is open or trying to be. */
bool JwtQmlWebSocket::isActive() const
{
    return m_active;
}

/*! Opens the socket when \a active is true, closes it otherwise. */
void JwtQmlWebSocket::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    Q_EMIT activeChanged(active);
    if (!m_complete)
        return;
    if (active)
        open();
    else
        close();
}

/*! The first step of the backoff, in milliseconds. */
int JwtQmlWebSocket::reconnectBaseDelayMSecs() const
{
    return int(reconnectBaseDelay().count());
}

/*! Sets the first step of the backoff to \a milliseconds. */
void JwtQmlWebSocket::setReconnectBaseDelayMSecs(int milliseconds)
{
    setReconnectBaseDelay(std::chrono::milliseconds(milliseconds));
    Q_EMIT reconnectDelaysChanged();
}

/*! The cap of the backoff, in milliseconds. */
int JwtQmlWebSocket::reconnectMaxDelayMSecs() const
{
    return int(reconnectMaxDelay().count());
}

/*! Sets the cap of the backoff to \a milliseconds. */
void JwtQmlWebSocket::setReconnectMaxDelayMSecs(int milliseconds)
{
    setReconnectMaxDelay(std::chrono::milliseconds(milliseconds));
    Q_EMIT reconnectDelaysChanged();
}

/*! \reimp */
void JwtQmlWebSocket::classBegin() { }

/*! \reimp */
void JwtQmlWebSocket::componentComplete()
{
    m_complete = true;
    if (m_active)
        open();
}
