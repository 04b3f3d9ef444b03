// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#ifndef JWTTRANSLATIONS_H
#define JWTTRANSLATIONS_H

#include <JwtSession/jwtsession_export.h>

#include <QtCore/qlocale.h>
#include <QtCore/qstringlist.h>

class QObject;
class QTranslator;

// Loads the translations JwtSession embeds as :/i18n/<catalog>_<language>.qm.
class JWTSESSION_EXPORT JwtTranslations
{
public:
    //! The catalog of the JwtSession libraries (core and widgets).
    static QString libraryCatalog();
    //! The languages the library catalog is translated into, e.g. "de", "fr".
    static QStringList availableLanguages();

    //! Loads \a catalog for \a locale into \a translator. False when there is no translation.
    static bool load(QTranslator *translator, const QLocale &locale = QLocale(),
                     const QString &catalog = libraryCatalog());
    //! Loads and installs \a catalog for \a locale on the application. Returns the installed
    //! translator (a child of the application), or null when there is no translation.
    static QTranslator *install(const QLocale &locale = QLocale(),
                                const QString &catalog = libraryCatalog());
    //! Installs the library catalog for QLocale() once, unless installed already or turned off.
    static QTranslator *autoInstall();
    //! Turns autoInstall() on (the default) or off (\a enabled).
    static void setAutoInstallEnabled(bool enabled);
    //! Whether autoInstall() installs the library catalog.
    static bool isAutoInstallEnabled();

    JwtTranslations() = delete;
};

#endif // JWTTRANSLATIONS_H
