#!/usr/bin/env bash
# Builds and runs the JwtSession demo against the embedded demo auth server: no other set-up.
# On a fresh Debian 12 machine, run as root, it first installs the packages it needs.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=deps.sh
source "$root/scripts/deps.sh"
jwtsession_ensure_packages

build=${BUILD_DIR:-$root/build/demo}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DJWTSESSION_BUILD_EXAMPLES=ON -DJWTSESSION_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target jwtsession-console

echo "Running the console walkthrough (embedded demo server on loopback)."
exec "$build/examples/console/jwtsession-console" "$@"
