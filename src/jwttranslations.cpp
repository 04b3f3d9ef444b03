// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwttranslations.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qdir.h>
#include <QtCore/qtranslator.h>

/*!
    \class JwtTranslations
    \brief Loads the German, French, … translations embedded in the JwtSession library.

    The build compiles \c{translations/jwtsession_\<language\>.ts} and embeds the result in the
    core library as \c{:/i18n/jwtsession_\<language\>.qm}; it holds the strings of the core and of
    JwtSessionWidgets. Applications install it next to their own translator:

    \code
    JwtTranslations::install(QLocale()); // the messages of JwtSession, in the user's language
    \endcode

    Other catalogs embedded under \c{:/i18n/} (a demo's own strings, for example) load the same
    way by name. English needs no translator: install() returns null for it.
*/

namespace {

const QString resourceDirectory()
{
    return QStringLiteral(":/i18n");
}

} // namespace

QString JwtTranslations::libraryCatalog()
{
    return QStringLiteral("jwtsession");
}

QStringList JwtTranslations::availableLanguages()
{
    const QString prefix = libraryCatalog() + QLatin1Char('_');
    QStringList languages;
    const QStringList files =
            QDir(resourceDirectory())
                    .entryList({prefix + QStringLiteral("*.qm")}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        languages << file.mid(prefix.size()).chopped(3);
    return languages;
}

bool JwtTranslations::load(QTranslator *translator, const QLocale &locale, const QString &catalog)
{
    Q_ASSERT(translator);
    // QTranslator walks the locale's UI languages (de_AT, de, …) and takes the first it finds.
    return translator->load(locale, catalog, QStringLiteral("_"), resourceDirectory());
}

QTranslator *JwtTranslations::install(const QLocale &locale, const QString &catalog)
{
    QCoreApplication *app = QCoreApplication::instance();
    if (!app)
        return nullptr;
    auto *translator = new QTranslator(app);
    if (!load(translator, locale, catalog) || !QCoreApplication::installTranslator(translator)) {
        delete translator;
        return nullptr;
    }
    return translator;
}
