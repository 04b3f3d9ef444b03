#!/usr/bin/env bash
# Shared by scripts/test.sh and scripts/demo.sh: makes sure the Debian 12 packages JwtSession
# builds and tests with are installed. As root it installs what is missing (apt-get update once,
# --no-install-recommends); otherwise it prints the exact command and fails.
set -euo pipefail

JWTSESSION_PACKAGES=(
    cmake ninja-build g++ clang libclang-rt-14-dev pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-declarative-dev qt6-httpserver-dev qt6-websockets-dev qtkeychain-qt6-dev qt6-networkauth-dev
    qml6-module-qttest qml6-module-qtquick qml6-module-qtquick-controls
    qml6-module-qtquick-layouts qml6-module-qtquick-window qml6-module-qtquick-templates
    qml6-module-qtqml-workerscript qt6-qpa-plugins libgl-dev
    dbus gnome-keyring libsecret-1-0 xvfb xauth
    openssl doxygen qt6-documentation-tools clang-format clang-tidy
)

jwtsession_missing_packages() {
    local missing=()
    for package in "${JWTSESSION_PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$package")
        fi
    done
    echo "${missing[@]:-}"
}

jwtsession_ensure_packages() {
    local missing
    missing=$(jwtsession_missing_packages)
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "JwtSession needs these Debian packages. Install them with:" >&2
        echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $missing" >&2
        return 1
    fi
    echo "Installing missing packages: $missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing
}
