// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

// The redirect rules of a proxy reply, without a server: where a hop goes, which are refused
// and why, how the method and body change, which headers a hop carries. tst_redirects checks
// the same end to end, on what servers received.

#include "jwtredirect_p.h"

#include <QtTest/qtest.h>

using Kind = JwtRedirect::Verdict::Kind;
using Policy = QNetworkRequest::RedirectPolicy;
using Op = QNetworkAccessManager::Operation;

class tst_RedirectRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verdict_data();
    void verdict();
    void limitCountsFollowedHops();
    void methodAndBody_data();
    void methodAndBody();
    void dropBodyClearsBodyHeaders();
    void hopHeaders_data();
    void hopHeaders();
};

void tst_RedirectRules::verdict_data()
{
    QTest::addColumn<int>("policy");
    QTest::addColumn<int>("status");
    QTest::addColumn<QUrl>("from");
    QTest::addColumn<QUrl>("location");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QUrl>("target");
    QTest::addColumn<int>("error");

    const QUrl api(QStringLiteral("https://api.example/v1/items"));
    const int noLess = QNetworkRequest::NoLessSafeRedirectPolicy;
    const int sameOrigin = QNetworkRequest::SameOriginRedirectPolicy;
    const int userVerified = QNetworkRequest::UserVerifiedRedirectPolicy;
    const int manual = QNetworkRequest::ManualRedirectPolicy;
    const int follow = int(Kind::Follow);
    const int refuse = int(Kind::Refuse);
    const int notFollowed = int(Kind::NotFollowed);

    QTest::newRow("200 is no redirect") << noLess << 200 << api << QUrl() << notFollowed << QUrl()
                                        << int(QNetworkReply::NoError);
    QTest::newRow("304 is no redirect") << noLess << 304 << api << QUrl(QStringLiteral("/x"))
                                        << notFollowed << QUrl() << int(QNetworkReply::NoError);
    QTest::newRow("manual policy leaves it to the caller")
            << manual << 302 << api << QUrl(QStringLiteral("/x")) << notFollowed << QUrl()
            << int(QNetworkReply::NoError);
    for (int status : {301, 302, 303, 307, 308}) {
        QTest::addRow("%d relative", status)
                << noLess << status << api << QUrl(QStringLiteral("../v2/items")) << follow
                << QUrl(QStringLiteral("https://api.example/v2/items"))
                << int(QNetworkReply::NoError);
    }
    QTest::newRow("protocol-relative keeps the scheme")
            << noLess << 302 << api << QUrl(QStringLiteral("//cdn.example/a")) << follow
            << QUrl(QStringLiteral("https://cdn.example/a")) << int(QNetworkReply::NoError);
    QTest::newRow("missing Location") << noLess << 302 << api << QUrl() << refuse << QUrl()
                                      << int(QNetworkReply::ProtocolUnknownError);
    QTest::newRow("unsupported scheme")
            << noLess << 302 << api << QUrl(QStringLiteral("ftp://files.example/a")) << refuse
            << QUrl() << int(QNetworkReply::ProtocolUnknownError);
    QTest::newRow("https to http refused")
            << noLess << 302 << api << QUrl(QStringLiteral("http://api.example/a")) << refuse
            << QUrl() << int(QNetworkReply::InsecureRedirectError);
    QTest::newRow("https to http, user verified")
            << userVerified << 302 << api << QUrl(QStringLiteral("http://api.example/a")) << follow
            << QUrl(QStringLiteral("http://api.example/a")) << int(QNetworkReply::NoError);
    QTest::newRow("same origin policy, other origin")
            << sameOrigin << 302 << api << QUrl(QStringLiteral("https://api.example:8443/a"))
            << refuse << QUrl() << int(QNetworkReply::InsecureRedirectError);
    QTest::newRow("same origin policy, same origin")
            << sameOrigin << 307 << api << QUrl(QStringLiteral("/a")) << follow
            << QUrl(QStringLiteral("https://api.example/a")) << int(QNetworkReply::NoError);
}

void tst_RedirectRules::verdict()
{
    QFETCH(int, policy);
    QFETCH(int, status);
    QFETCH(QUrl, from);
    QFETCH(QUrl, location);
    QFETCH(int, kind);
    QFETCH(QUrl, target);
    QFETCH(int, error);
    JwtRedirect redirect(Policy(policy), 50);
    const JwtRedirect::Verdict verdict = redirect.consider(status, from, location);
    QCOMPARE(int(verdict.kind), kind);
    QCOMPARE(verdict.target, target);
    QCOMPARE(int(verdict.error), error);
    QCOMPARE(verdict.message.isEmpty(), kind != int(Kind::Refuse));
}

void tst_RedirectRules::limitCountsFollowedHops()
{
    const QUrl from(QStringLiteral("https://api.example/a"));
    const QUrl to(QStringLiteral("/b"));
    JwtRedirect redirect(QNetworkRequest::NoLessSafeRedirectPolicy, 2);
    QCOMPARE(redirect.consider(200, from, QUrl()).kind, Kind::NotFollowed); // not counted
    QCOMPARE(redirect.consider(302, from, to).kind, Kind::Follow);
    QCOMPARE(redirect.consider(302, from, to).kind, Kind::Follow);
    const JwtRedirect::Verdict third = redirect.consider(302, from, to);
    QCOMPARE(third.kind, Kind::Refuse);
    QCOMPARE(third.error, QNetworkReply::TooManyRedirectsError);
}

void tst_RedirectRules::methodAndBody_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("op");
    QTest::addColumn<bool>("toGet");
    const int post = QNetworkAccessManager::PostOperation;
    const int put = QNetworkAccessManager::PutOperation;
    const int head = QNetworkAccessManager::HeadOperation;
    const int custom = QNetworkAccessManager::CustomOperation;
    QTest::newRow("301 POST") << 301 << post << true;
    QTest::newRow("302 POST") << 302 << post << true;
    QTest::newRow("301 PUT keeps") << 301 << put << false;
    QTest::newRow("303 PUT") << 303 << put << true;
    QTest::newRow("303 custom verb") << 303 << custom << true;
    QTest::newRow("303 HEAD keeps") << 303 << head << false;
    QTest::newRow("307 POST keeps") << 307 << post << false;
    QTest::newRow("308 POST keeps") << 308 << post << false;
}

void tst_RedirectRules::methodAndBody()
{
    QFETCH(int, status);
    QFETCH(int, op);
    QFETCH(bool, toGet);
    QCOMPARE(JwtRedirect::turnsIntoGet(status, Op(op)), toGet);
}

void tst_RedirectRules::dropBodyClearsBodyHeaders()
{
    QNetworkRequest request(QUrl(QStringLiteral("https://api.example/a")));
    request.setAttribute(QNetworkRequest::CustomVerbAttribute, QByteArray("PATCH"));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setHeader(QNetworkRequest::ContentLengthHeader, 12);
    request.setRawHeader("X-Trace", "1");
    JwtRedirect::dropBody(request);
    QVERIFY(!request.attribute(QNetworkRequest::CustomVerbAttribute).isValid());
    QVERIFY(!request.hasRawHeader("Content-Type"));
    QVERIFY(!request.hasRawHeader("Content-Length"));
    QCOMPARE(request.rawHeader("X-Trace"), QByteArray("1"));
}

void tst_RedirectRules::hopHeaders_data()
{
    QTest::addColumn<bool>("authorized");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<bool>("sameOrigin");
    QTest::addColumn<QByteArray>("expectedAuthorization");
    QTest::addColumn<bool>("keepsCookie");
    const QByteArray bearer("Bearer new");
    QTest::newRow("authorized, same origin") << true << bearer << true << bearer << true;
    QTest::newRow("authorized, other origin") << true << bearer << false << bearer << false;
    QTest::newRow("authorized, no token yet")
            << true << QByteArray() << true << QByteArray("Bearer caller") << true;
    QTest::newRow("elsewhere") << false << bearer << false << QByteArray() << false;
}

// The caller's own Authorization and Cookie headers are in the request when the rules apply.
void tst_RedirectRules::hopHeaders()
{
    QFETCH(bool, authorized);
    QFETCH(QByteArray, authorization);
    QFETCH(bool, sameOrigin);
    QFETCH(QByteArray, expectedAuthorization);
    QFETCH(bool, keepsCookie);
    QNetworkRequest request(QUrl(QStringLiteral("https://api.example/a")));
    request.setRawHeader("Authorization", "Bearer caller");
    request.setRawHeader("Cookie", "theme=dark");
    JwtRedirect::setHopHeaders(request, authorized, authorization, sameOrigin);
    QCOMPARE(request.rawHeader("Authorization"), expectedAuthorization);
    QCOMPARE(request.rawHeader("Cookie"), keepsCookie ? QByteArray("theme=dark") : QByteArray());
}

QTEST_APPLESS_MAIN(tst_RedirectRules)
#include "tst_redirectrules.moc"
