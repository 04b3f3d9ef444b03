#!/usr/bin/env bash
# Builds the API reference with Doxygen and fails on any warning: an undocumented public class,
# function, property, signal or enum, or a broken doc command. Prints the warnings when there
# are any. On a fresh Debian 12 machine, run as root, it first installs the packages it needs.
#
#   scripts/docs.sh                     HTML in build/docs/docs/html/index.html
#   DOCS_BUILD_DIR=… scripts/docs.sh    build somewhere else
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=deps.sh
source "$root/scripts/deps.sh"
jwtsession_ensure_packages

build=${DOCS_BUILD_DIR:-$root/build/docs}
log=$build/docs/warnings.log

# Configure when there is no build yet, or when it was configured before Doxygen was installed.
if [ ! -f "$build/CMakeCache.txt" ] || [ ! -f "$build/docs/Doxyfile" ]; then
    echo "== configure ($build)"
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
        -DBUILD_TESTING=OFF -DJWTSESSION_BUILD_EXAMPLES=OFF \
        -DJWTSESSION_BUILD_BENCHMARKS=OFF
fi
if [ ! -f "$build/docs/Doxyfile" ]; then
    echo "CMake did not find Doxygen: install the Debian package doxygen" >&2
    exit 1
fi

# Doxygen does not report undocumented enum values: every enumerator of a public header needs a
# //!< after it (or a //! line before it).
undocumented_enum_values=$(awk '
    /^[[:space:]]*enum( class)? [A-Za-z]+/ { inEnum = 1; previous = ""; next }
    inEnum && /^[[:space:]]*};/ { inEnum = 0; next }
    inEnum {
        if ($0 ~ /^[[:space:]]*\/\/!/) { previous = "doc"; next }
        if ($0 ~ /^[[:space:]]*[A-Za-z_][A-Za-z0-9_]*[[:space:]]*(=|,|$)/ && $0 !~ /\/\/!</ \
            && previous != "doc")
            printf "%s:%d: undocumented enum value:%s\n", FILENAME, FNR, $0
        previous = ""
    }' "$root"/include/*/*.h)
if [ -n "$undocumented_enum_values" ]; then
    echo "$undocumented_enum_values" >&2
    exit 1
fi

echo "== docs"
rm -f "$log"
status=0
cmake --build "$build" --target docs || status=$?
if [ -s "$log" ]; then
    echo "Doxygen warnings ($(grep -c ': \(warning\|error\):' "$log") in $log):" >&2
    cat "$log" >&2
    exit 1
fi
if [ "$status" -ne 0 ]; then
    echo "Doxygen failed (exit status $status)" >&2
    exit "$status"
fi
echo "API reference: $build/docs/html/index.html (0 warnings)"
