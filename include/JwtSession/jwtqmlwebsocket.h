// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTQMLWEBSOCKET_H
#define JWTQMLWEBSOCKET_H

#include <JwtSession/jwtsessionqml_export.h>
#include <JwtSession/jwtwebsocket.h>

#include <QtQml/qqml.h>
#include <QtQml/qqmlparserstatus.h>

class JWTSESSIONQML_EXPORT JwtQmlWebSocket : public JwtWebSocket, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_NAMED_ELEMENT(WebSocket)
    Q_PROPERTY(bool active READ isActive WRITE setActive NOTIFY activeChanged)
    Q_PROPERTY(int reconnectBaseDelay READ reconnectBaseDelayMSecs WRITE setReconnectBaseDelayMSecs
                       NOTIFY reconnectDelaysChanged)
    Q_PROPERTY(int reconnectMaxDelay READ reconnectMaxDelayMSecs WRITE setReconnectMaxDelayMSecs
                       NOTIFY reconnectDelaysChanged)

public:
    explicit JwtQmlWebSocket(QObject *parent = nullptr);
    ~JwtQmlWebSocket() override;

    bool isActive() const;
    void setActive(bool active);
    int reconnectBaseDelayMSecs() const;
    void setReconnectBaseDelayMSecs(int milliseconds);
    int reconnectMaxDelayMSecs() const;
    void setReconnectMaxDelayMSecs(int milliseconds);

    void classBegin() override;
    void componentComplete() override;

Q_SIGNALS:
    void activeChanged(bool active);
    void reconnectDelaysChanged();

private:
    bool m_active = false;
    bool m_complete = false;
    Q_DISABLE_COPY_MOVE(JwtQmlWebSocket)
};

#endif // JWTQMLWEBSOCKET_H
