#!/usr/bin/env bash
# Builds JwtSession and runs its whole test suite. On a fresh Debian 12 machine, run as root,
# it first installs the packages it needs. Exits non-zero on any failure.
#
#   scripts/test.sh              configure, build, run ctest
#   BUILD_DIR=… scripts/test.sh  build somewhere else (default: build/test)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=deps.sh
source "$root/scripts/deps.sh"
jwtsession_ensure_packages

build=${BUILD_DIR:-$root/build/test}
jobs=${JOBS:-$(nproc)}

echo "== configure ($build)"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DJWTSESSION_BUILD_EXAMPLES=ON -DJWTSESSION_BUILD_TESTS=ON -DJWTSESSION_WERROR=ON
echo "== build"
cmake --build "$build" --parallel "$jobs"
echo "== test"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$build" --output-on-failure --parallel "$jobs" --timeout 300
