#!/usr/bin/env bash
# Renders the widgets demo on a virtual X server (Xvfb) and saves PNGs of the login dialog and of
# the main window after some activity, in English, German and French:
#   build/screenshots/*.png, build/screenshots/de/*.png, build/screenshots/fr/*.png
# The demo takes the pictures itself (--screenshot DIR, QWidget::grab and the X screen).
#
#   scripts/screenshot.sh              build (build/demo) and take the pictures
#   BUILD_DIR=… OUT_DIR=… scripts/screenshot.sh
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=deps.sh
source "$root/scripts/deps.sh"
jwtsession_ensure_packages

# Only the pictures need these: the SVG icon plugin (libqt6svg6), and the X server itself.
extras=()
for package in libqt6svg6 xvfb xauth; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
        || extras+=("$package")
done
if [ ${#extras[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "Screenshots need: sudo apt-get install -y --no-install-recommends ${extras[*]}" >&2
        exit 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${extras[@]}"
fi

build=${BUILD_DIR:-$root/build/demo}
out=${OUT_DIR:-$root/build/screenshots}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DJWTSESSION_BUILD_EXAMPLES=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" --parallel "${JOBS:-$(nproc)}" --target jwtsession-widgets-demo

demo="$build/examples/widgets-demo/jwtsession-widgets-demo"
export QT_QPA_PLATFORM=xcb
for lang in en de fr; do
    dir="$out"
    [ "$lang" = en ] || dir="$out/$lang"
    rm -rf "$dir"/*.png
    echo "== $lang -> $dir"
    xvfb-run --auto-servernum --server-args="-screen 0 1280x900x24" \
        "$demo" --lang "$lang" --screenshot "$dir"
done
echo "Screenshots:"
find "$out" -name '*.png' | sort
