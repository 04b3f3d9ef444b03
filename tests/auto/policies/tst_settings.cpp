// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// Every setting of JwtSession and JwtAccessManager is a property with a change signal, emitted
// once per change and never for the value it already has (as in Qt NetworkAuth). Server-free.

#include <JwtSession/jwtaccessmanager.h>
#include <JwtSession/jwtsession.h>

#include <QtCore/qmetaobject.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

using namespace std::chrono_literals;

class tst_Settings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void changeSignals_data();
    void changeSignals();
};

void tst_Settings::changeSignals_data()
{
    QTest::addColumn<bool>("onManager");
    QTest::addColumn<QByteArray>("property");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QVariant>("stored"); // what the getter returns after the change

    const auto ms = [](std::chrono::milliseconds value) {
        return QVariant::fromValue(value);
    };
    QTest::newRow("refreshTimeout") << false << QByteArray("refreshTimeout") << ms(5s) << ms(5s);
    QTest::newRow("maxWaitTime") << false << QByteArray("maxWaitTime") << ms(2s) << ms(2s);
    QTest::newRow("holdTimeout") << false << QByteArray("holdTimeout") << ms(9s) << ms(9s);
    QTest::newRow("refreshLeeway") << false << QByteArray("refreshLeeway") << ms(4s) << ms(4s);
    // A negative duration counts as 0 (a timer started with -1 would never fire).
    for (const char *name : {"refreshTimeout", "maxWaitTime", "holdTimeout", "refreshLeeway"}) {
        QTest::addRow("%s, clamped", name)
                << false << QByteArray(name) << ms(std::chrono::milliseconds(-5)) << ms(0ms);
    }
    QTest::newRow("maxRefreshAttempts")
            << false << QByteArray("maxRefreshAttempts") << QVariant(5) << QVariant(5);
    QTest::newRow("maxReplayBufferSize") << false << QByteArray("maxReplayBufferSize")
                                         << QVariant(qint64(1024)) << QVariant(qint64(1024));
    QTest::newRow("maxReplayBufferSize, clamped") << false << QByteArray("maxReplayBufferSize")
                                                  << QVariant(qint64(-5)) << QVariant(qint64(0));
    QTest::newRow("authFailureStatusCodes") << false << QByteArray("authFailureStatusCodes")
                                            << QVariant::fromValue(QList<int> {401, 403})
                                            << QVariant::fromValue(QList<int> {401, 403});
    QTest::newRow("expiryPolicy") << false << QByteArray("expiryPolicy")
                                  << QVariant::fromValue(JwtSession::ExpiryPolicy::HoldForSignIn)
                                  << QVariant::fromValue(JwtSession::ExpiryPolicy::HoldForSignIn);
    QTest::newRow("crossProcessLock")
            << false << QByteArray("crossProcessLock") << QVariant(false) << QVariant(false);
    QTest::newRow("crossProcessLockTimeout")
            << false << QByteArray("crossProcessLockTimeout") << ms(3s) << ms(3s);
    QTest::newRow("crossProcessLockTimeout, clamped")
            << false << QByteArray("crossProcessLockTimeout") << ms(10min) << ms(2min);
    QTest::newRow("maxActiveRequestsPerOrigin")
            << true << QByteArray("maxActiveRequestsPerOrigin") << QVariant(3) << QVariant(3);
    QTest::newRow("maxActiveRequestsPerOrigin, clamped")
            << true << QByteArray("maxActiveRequestsPerOrigin") << QVariant(-7) << QVariant(-1);
}

void tst_Settings::changeSignals()
{
    QFETCH(bool, onManager);
    QFETCH(QByteArray, property);
    QFETCH(QVariant, value);
    QFETCH(QVariant, stored);
    JwtSession session;
    JwtAccessManager manager(&session);
    QObject *object = onManager ? static_cast<QObject *>(&manager) : &session;
    const QMetaObject *meta = object->metaObject();
    const QMetaProperty metaProperty = meta->property(meta->indexOfProperty(property));
    QVERIFY2(metaProperty.isValid(), property.constData());
    QVERIFY2(metaProperty.hasNotifySignal(), property.constData());
    QVERIFY(metaProperty.isWritable());

    // A clamped value that equals the default changes nothing: start elsewhere.
    const QVariant initial = metaProperty.read(object);
    if (initial == stored) {
        QVERIFY(metaProperty.write(object,
                                   value.metaType() == QMetaType::fromType<int>()
                                           ? QVariant(42)
                                           : QVariant(qint64(42))));
    }
    QSignalSpy changed(object, metaProperty.notifySignal());
    QVERIFY(changed.isValid());
    QVERIFY(metaProperty.write(object, value));
    QCOMPARE(metaProperty.read(object), stored);
    QCOMPARE(changed.count(), 1);
    if (changed.at(0).size() == 1)
        QCOMPARE(changed.at(0).at(0), stored);
    QVERIFY(metaProperty.write(object, value)); // the same again: no signal
    QVERIFY(metaProperty.write(object, stored));
    QCOMPARE(changed.count(), 1);
}

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_settings.moc"
