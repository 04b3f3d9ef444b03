#!/usr/bin/env bash
# Runs a test binary against a real Secret Service: a private D-Bus session bus
# (dbus-run-session) with gnome-keyring-daemon serving org.freedesktop.secrets, unlocked, in a
# throw-away keyring. Works headless, as root, with no session bus beforehand.
#
#   run-with-keyring.sh <test-binary> [test arguments...]
#
# The test runs with HOME, XDG_CONFIG_HOME, XDG_DATA_HOME and XDG_CACHE_HOME in an empty
# directory, which must still be empty afterwards: a credential must never land in QSettings or
# a plain file. The keyring daemon keeps its own files elsewhere. Never skips: when the keyring
# cannot be started, this fails with a message saying why.
set -euo pipefail

fail() {
    echo "run-with-keyring.sh: FAIL: $*" >&2
    exit 1
}

[ $# -ge 1 ] || fail "usage: run-with-keyring.sh <test-binary> [arguments...]"

if [ -z "${JWT_KEYRING_INNER:-}" ]; then
    for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
        command -v "$tool" >/dev/null ||
            fail "'$tool' is missing: install the Debian packages dbus and gnome-keyring"
    done
    export JWT_KEYRING_INNER=1
    exec dbus-run-session -- "$0" "$@"
fi

# From here on: inside the private session bus.
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || fail "dbus-run-session did not provide a session bus"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/jwtsession-keyring.XXXXXX")
daemon_pid=
cleanup() {
    # Stop the daemon this script started before removing its files, so it cannot write after.
    if [ -n "$daemon_pid" ]; then
        kill "$daemon_pid" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$daemon_pid" 2>/dev/null || break
            sleep 0.1
        done
    fi
    rm -rf "$scratch"
}
trap cleanup EXIT
keyring="$scratch/keyring" # the daemon's HOME, data (keyrings) and runtime directories
home="$scratch/home" # the test's HOME: must stay empty
mkdir -p "$keyring/home" "$keyring/data" "$keyring/config" "$keyring/run" "$home"
chmod 700 "$keyring/run"

# --unlock reads the password of the login keyring on stdin and creates that keyring if needed.
if ! printf '%s' test | env HOME="$keyring/home" XDG_DATA_HOME="$keyring/data" \
    XDG_CONFIG_HOME="$keyring/config" XDG_RUNTIME_DIR="$keyring/run" \
    gnome-keyring-daemon --unlock --components=secrets >"$scratch/daemon.log" 2>&1; then
    cat "$scratch/daemon.log" >&2
    fail "gnome-keyring-daemon --unlock --components=secrets did not start"
fi

# The daemon forks; wait until it owns the Secret Service name on the bus (at most 10 s).
for _ in $(seq 1 100); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q 'boolean true'; then
        ready=1
        break
    fi
    sleep 0.1
done
if [ -z "${ready:-}" ]; then
    cat "$scratch/daemon.log" >&2
    fail "gnome-keyring-daemon started but never served org.freedesktop.secrets on the bus"
fi

daemon_pid=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null |
    awk '/uint32/ { print $2 }')

mkdir -p "$scratch/run"
chmod 700 "$scratch/run"
status=0
env HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
    XDG_CACHE_HOME="$home/.cache" XDG_RUNTIME_DIR="$scratch/run" "$@" || status=$?

leftovers=$(find "$home" -mindepth 1 | head -20)
if [ -n "$leftovers" ]; then
    echo "run-with-keyring.sh: FAIL: the test wrote files outside the keychain:" >&2
    echo "$leftovers" >&2
    [ "$status" -ne 0 ] || status=1
fi
exit "$status"
