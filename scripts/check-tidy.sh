#!/usr/bin/env bash
# Runs clang-tidy (the checks in .clang-tidy, every finding an error) over the libraries'
# sources: src/ with src/qml and src/widgets. Exits non-zero on any finding.
#
#   scripts/check-tidy.sh
#   TIDY_BUILD_DIR=…  where to configure (default: build/tidy); nothing is compiled there, so
#                     the check takes a minute or two on two cores
#   JOBS=N            parallel clang-tidy processes (default: nproc)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${TIDY_BUILD_DIR:-$root/build/tidy}
jobs=${JOBS:-$(nproc)}
started=$SECONDS

# clang's view of the flags, so that clang-tidy parses exactly what clang would build.
echo "== configure ($build)"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
    -DBUILD_TESTING=OFF -DJWTSESSION_BUILD_EXAMPLES=OFF \
    -DJWTSESSION_BUILD_BENCHMARKS=OFF -DJWTSESSION_BUILD_FUZZERS=OFF >/dev/null
# Nothing is built: no source in src/ includes moc output, and the export headers are written
# at configure time. (A source that does `#include "moc_x.cpp"` would need the *_autogen
# targets built here first.)

# Only the project's own sources: the anchored path keeps out the moc files in the build tree.
echo "== clang-tidy"
run-clang-tidy -p "$build" -j "$jobs" -quiet "^$root/src/.*\\.cpp\$" >"$build/clang-tidy.log" 2>&1 \
    && status=0 || status=$?
grep -E '(warning|error): ' "$build/clang-tidy.log" | sed 's/\x1b\[[0-9;]*m//g' | sort -u || true
if [ "$status" != 0 ]; then
    echo "clang-tidy reported findings (full log: $build/clang-tidy.log)" >&2
    exit 1
fi
echo "== clang-tidy clean after $((SECONDS - started)) s"
