#!/usr/bin/env bash
# Builds and runs the JwtSession demo against the embedded demo auth server: no other set-up.
# With a display (DISPLAY or WAYLAND_DISPLAY) it starts the widgets demo, otherwise the console
# walkthrough. On a fresh Debian 12 machine, run as root, it first installs the packages it needs.
#
#   scripts/demo.sh                     the GUI, or the console walkthrough without a display
#   scripts/demo.sh --lang de           arguments go to the program (GUI: --server URL, --oauth,
#                                       --lang de|fr|en, --access-lifetime SECONDS; see --help)
#   JWTSESSION_DEMO=console scripts/demo.sh   the console walkthrough even with a display
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=deps.sh
source "$root/scripts/deps.sh"
jwtsession_ensure_packages

mode=${JWTSESSION_DEMO:-}
if [ -z "$mode" ]; then
    if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
        mode=gui
    else
        mode=console
    fi
fi

# The GUI's icons are SVG: without Qt's SVG plugin it works, but shows no icons.
if [ "$mode" = gui ] && ! dpkg-query -W -f='${Status}' libqt6svg6 2>/dev/null | grep -q 'install ok installed'; then
    if [ "$(id -u)" -eq 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libqt6svg6
    else
        echo "For the demo's icons: sudo apt-get install -y --no-install-recommends libqt6svg6" >&2
    fi
fi

build=${BUILD_DIR:-$root/build/demo}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DJWTSESSION_BUILD_EXAMPLES=ON -DBUILD_TESTING=OFF >/dev/null

if [ "$mode" = gui ]; then
    cmake --build "$build" --parallel "$(nproc)" --target jwtsession-widgets-demo
    echo "A display is available: starting the widgets demo (embedded demo server on loopback)."
    exec "$build/examples/widgets-demo/jwtsession-widgets-demo" "$@"
fi
cmake --build "$build" --parallel "$(nproc)" --target jwtsession-console
echo "No display (DISPLAY/WAYLAND_DISPLAY unset): running the console walkthrough" \
    "(embedded demo server on loopback)."
exec "$build/examples/console/jwtsession-console" "$@"
