// Copyright (C) 2026 the JwtSession authors
// SPDX-License-Identifier: BSD-3-Clause

#include <JwtSession/jwttranslations.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qdir.h>
#include <QtCore/qmutex.h>
#include <QtCore/qpointer.h>
#include <QtCore/qtranslator.h>

/*!
    \class JwtTranslations
    \brief Loads the German, French, … translations embedded in the JwtSession library.

    The build compiles \c{translations/jwtsession_\<language\>.ts} and embeds the result in the
    core library as \c{:/i18n/jwtsession_\<language\>.qm}; it holds the strings of the core and of
    JwtSessionWidgets.

    \b{Nothing to do with the widgets or QML layer.} The first JwtLoginDialog, JwtLoginPrompt or
    QML \c Session an application creates calls autoInstall(), which installs the library catalog
    for QLocale() (the user's language, or what QLocale::setDefault() chose before) on the
    application. An application that wants another language, or the core's messages (the
    errors of replies, JwtSession::signInFailed()) translated before any of these exists, calls
    install() itself, next to its own translator:

    \code
    JwtTranslations::install(QLocale()); // the messages of JwtSession, in the user's language
    \endcode

    install() of the library catalog replaces the library translator installed before (by
    install() or autoInstall()), so switching the language, to English too, takes one call.
    An application that loads the catalogs itself turns autoInstall() off with
    setAutoInstallEnabled(false) before it creates a dialog or a \c Session.

    Other catalogs embedded under \c{:/i18n/} (a demo's own strings, for example) load the same
    way by name. English needs no translator: install() returns null for it.
*/

namespace {

const QString resourceDirectory()
{
    return QStringLiteral(":/i18n");
}

// The library catalog's translator on the application, and what autoInstall() already did.
struct InstallState
{
    QMutex mutex;
    QPointer<QTranslator> library;
    QPointer<QCoreApplication> autoInstalledFor; // the application autoInstall() ran for
    bool autoInstallEnabled = true;
};

InstallState &installState()
{
    static InstallState state;
    return state;
}

void removeLibraryTranslator(InstallState &state)
{
    if (QTranslator *old = state.library.data()) {
        QCoreApplication::removeTranslator(old);
        delete old;
    }
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

/*!
    Installs \a catalog for \a locale on the application and returns the translator (a child
    of the application), or null when there is no translation, such as for English, or no
    application. For the library catalog, the library translator installed before (by install()
    or autoInstall()) is removed first: the last call decides the language.
*/
QTranslator *JwtTranslations::install(const QLocale &locale, const QString &catalog)
{
    QCoreApplication *app = QCoreApplication::instance();
    if (!app)
        return nullptr;
    const bool library = catalog == libraryCatalog();
    InstallState &state = installState();
    QMutexLocker locker(&state.mutex);
    if (library) {
        removeLibraryTranslator(state);
        state.autoInstalledFor = app; // the application chose: autoInstall() has nothing to do
    }
    auto *translator = new QTranslator(app);
    if (!load(translator, locale, catalog) || !QCoreApplication::installTranslator(translator)) {
        delete translator;
        return nullptr;
    }
    if (library)
        state.library = translator;
    return translator;
}

/*!
    Installs the library catalog for QLocale() on the application, once per application: not
    when install() installed it before, nor when setAutoInstallEnabled(false) turned this off.
    JwtLoginDialog, JwtLoginPrompt and the QML \c Session call it when they are created.
    Returns the library translator in use, or null (English, no application, turned off).
*/
QTranslator *JwtTranslations::autoInstall()
{
    QCoreApplication *app = QCoreApplication::instance();
    InstallState &state = installState();
    {
        QMutexLocker locker(&state.mutex);
        if (!app || !state.autoInstallEnabled || state.autoInstalledFor == app)
            return state.library;
    }
    QTranslator *translator = install(QLocale(), libraryCatalog());
    return translator;
}

/*!
    Turns autoInstall() on or off (\a enabled); on by default. Turn it off before the first
    dialog or \c Session is created when the application loads the library catalog itself.
*/
void JwtTranslations::setAutoInstallEnabled(bool enabled)
{
    InstallState &state = installState();
    QMutexLocker locker(&state.mutex);
    state.autoInstallEnabled = enabled;
}

/*! Whether autoInstall() installs the library catalog; true by default. */
bool JwtTranslations::isAutoInstallEnabled()
{
    InstallState &state = installState();
    QMutexLocker locker(&state.mutex);
    return state.autoInstallEnabled;
}
