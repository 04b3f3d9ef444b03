#!/usr/bin/env bash
# Installs JwtSession into a temporary prefix and builds and runs tests/consumer against it, the
# way an application would use the package. Exits non-zero on any failure.
#
#   scripts/check-install.sh
#   CHECK_INSTALL_DIR=… scripts/check-install.sh   work there (build, prefix, consumer build)
#                                                  instead of a temporary directory; kept afterwards
#   JOBS=N                                         parallel build jobs (default: nproc)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jobs=${JOBS:-$(nproc)}
if [ -n "${CHECK_INSTALL_DIR:-}" ]; then
    work=$CHECK_INSTALL_DIR
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
build=$work/build
prefix=$work/prefix
consumer_build=$work/consumer
started=$SECONDS

# The API reference is installed too when Doxygen is there (scripts/deps.sh installs it).
docs=OFF
command -v doxygen >/dev/null && docs=ON
echo "== configure a Release build ($build)"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DJWTSESSION_BUILD_EXAMPLES=OFF -DBUILD_TESTING=OFF \
    -DJWTSESSION_BUILD_BENCHMARKS=OFF -DJWTSESSION_BUILD_FUZZERS=OFF \
    -DJWTSESSION_BUILD_DOCS="$docs"
echo "== build"
cmake --build "$build" --parallel "$jobs"
echo "== install ($prefix)"
cmake --install "$build"

# GNUInstallDirs picks lib or lib64 (or lib/<multiarch> under /usr), and the QML and translation
# directories are Qt's: ask the build, don't guess.
libdir=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:PATH=//p' "$build/CMakeCache.txt")
qmldir=$(sed -n 's/^JWTSESSION_INSTALL_QMLDIR:PATH=//p' "$build/CMakeCache.txt")
translationsdir=$(sed -n 's/^JWTSESSION_INSTALL_TRANSLATIONSDIR:PATH=//p' "$build/CMakeCache.txt")
# GNUInstallDirs leaves CMAKE_INSTALL_DOCDIR empty in the cache: <datarootdir>/doc/JwtSession.
docdir=$(sed -n 's/^CMAKE_INSTALL_DOCDIR:PATH=//p' "$build/CMakeCache.txt")
[ -n "$docdir" ] || docdir="$(sed -n 's/^CMAKE_INSTALL_DATAROOTDIR:PATH=//p' \
    "$build/CMakeCache.txt")/doc/JwtSession"
qchdir=$(sed -n 's/^JWTSESSION_INSTALL_QCHDIR:PATH=//p' "$build/CMakeCache.txt")
docs_files=()
if [ "$docs" = ON ]; then
    docs_files+=("$docdir/html/index.html")
    grep -q '^JWTSESSION_QHELPGENERATOR:FILEPATH=/' "$build/CMakeCache.txt" \
        && docs_files+=("$qchdir/jwtsession.qch")
fi
echo "== installed files"
missing=0
for file in "${docs_files[@]}" \
    "include/JwtSession/jwtsession.h" \
    "include/JwtSession/jwtsession_export.h" \
    "include/JwtSession/jwtsessionversion.h" \
    "include/JwtSession/JwtSession" \
    "include/JwtSession/JwtSessionVersion" \
    "include/JwtSession/JwtAccessManager" \
    "include/JwtSession/JwtWebSocket" \
    "include/JwtSession/JwtQmlWebSocket" \
    "include/JwtSession/jwtqmlsession.h" \
    "include/JwtSession/JwtQmlSession" \
    "include/JwtSession/JwtSessionQml" \
    "include/JwtSessionWidgets/jwtlogindialog.h" \
    "include/JwtSessionWidgets/jwtsessionwidgets_export.h" \
    "include/JwtSessionWidgets/JwtSessionWidgets" \
    "include/JwtSessionWidgets/JwtLoginDialog" \
    "$libdir/libJwtSession.so.0" \
    "$libdir/libJwtSessionWidgets.so.0" \
    "$libdir/libJwtSessionQml.so.0" \
    "$libdir/cmake/JwtSession/JwtSessionConfig.cmake" \
    "$libdir/cmake/JwtSession/JwtSessionConfigVersion.cmake" \
    "$libdir/cmake/JwtSession/JwtSessionTargets.cmake" \
    "$libdir/pkgconfig/JwtSession.pc" \
    "$libdir/pkgconfig/JwtSessionWidgets.pc" \
    "$libdir/pkgconfig/JwtSessionQml.pc" \
    "$qmldir/JwtSession/qmldir" \
    "$qmldir/JwtSession/JwtSession.qmltypes" \
    "$qmldir/JwtSession/libjwtsessionqmlplugin.so" \
    "$translationsdir/jwtsession_de.qm" \
    "$translationsdir/jwtsession_fr.qm"; do
    if [ ! -e "$prefix/$file" ]; then
        echo "missing: $file" >&2
        missing=1
    fi
done
[ "$missing" = 0 ] || exit 1
# Only the public headers: a private header in the prefix would become API by accident.
if find "$prefix/include" -name '*_p.h' | grep .; then
    echo "private headers installed (above)" >&2
    exit 1
fi
# The core's metatypes feed the QML module's foreign registration in the build tree only: an
# exported target naming that file would break every consumer of the prefix.
if grep -rl 'metatypes' "$prefix/$libdir/cmake"; then
    echo "the exported targets name a build-tree metatypes file (above)" >&2
    exit 1
fi
(cd "$prefix" && find . -type f | sort)

echo "== build tests/consumer against the prefix ($consumer_build)"
# Nothing from the source or build tree: only the prefix (and the system's Qt) is searched.
cmake -S "$root/tests/consumer" -B "$consumer_build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
cmake --build "$consumer_build" --parallel "$jobs"

echo "== build a program with pkg-config alone"
export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
# shellcheck disable=SC2046
c++ -std=c++17 -fPIC -o "$consumer_build/pkgconfig_consumer" "$root/tests/consumer/pkgconfig.cpp" \
    $(pkg-config --cflags --libs JwtSessionWidgets) -Wl,-rpath,"$prefix/$libdir"
QT_QPA_PLATFORM=offscreen "$consumer_build/pkgconfig_consumer"

echo "== run the consumer"
export QT_QPA_PLATFORM=offscreen
# The installed QML module; Qt 6 reads QML_IMPORT_PATH, older tooling QML2_IMPORT_PATH.
export QML_IMPORT_PATH="$prefix/$qmldir"
export QML2_IMPORT_PATH="$prefix/$qmldir"
# The installed libraries carry a $ORIGIN run path and the consumer a build-tree run path, so
# no LD_LIBRARY_PATH is set: the run fails if the installed libraries cannot find each other.
ctest --test-dir "$consumer_build" --output-on-failure

echo "== install check passed after $((SECONDS - started)) s"
