#!/usr/bin/env bash
# Builds the JwtSession benchmarks in Release (build/bench) and runs them: a plain
# QNetworkAccessManager and JwtSession, alternately, in the same run, against a loopback server
# in its own process. Prints a table; writes build/bench/results.json.
#
#   scripts/bench.sh                          the full plan (several minutes)
#   scripts/bench.sh --quick                  small sizes, one round (what CI runs via ctest)
#   scripts/bench.sh --only overhead-1,storm --rounds 7     any other jwt-bench option
#   scripts/bench.sh --callgrind [REQUESTS] [IN_FLIGHT]
#       instruction counts (valgrind --tool=callgrind) of the overhead scenario, both variants,
#       all threads and the caller's thread: independent of the machine's load
#   scripts/bench.sh --callgrind-floor [REQUESTS]
#       the instructions a bare forwarding QNetworkReply adds per request (no JwtSession)
#   BUILD_DIR=… scripts/bench.sh              build somewhere else
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=deps.sh
source "$root/scripts/deps.sh"
jwtsession_ensure_packages

build=${BUILD_DIR:-$root/build/bench}
jobs=${JOBS:-$(nproc)}

echo "== configure ($build, Release)" >&2
# -g only adds symbols for the profilers; the code is the same as a plain Release build.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS=-g \
    -DBUILD_TESTING=ON -DJWTSESSION_BUILD_BENCHMARKS=ON \
    -DJWTSESSION_BUILD_EXAMPLES=OFF -DJWTSESSION_BUILD_QML=OFF -DJWTSESSION_BUILD_WIDGETS=OFF \
    >/dev/null
echo "== build" >&2
cmake --build "$build" --parallel "$jobs" --target jwt-bench jwt-bench-server jwt-bench-floor >&2

bench=$build/tests/benchmarks/jwt-bench
server=$build/tests/benchmarks/jwt-bench-server
export QT_QPA_PLATFORM=offscreen

# Which library was measured: the commit, and whether src/ or include/ had local changes.
source_state=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "not a git checkout")
if [ -n "$(git -C "$root" status --porcelain -- src include 2>/dev/null)" ]; then
    source_state="$source_state with uncommitted changes in src/ or include/"
fi
source_state="$source_state, sources $(cat "$root"/src/*.cpp "$root"/src/*.h \
    "$root"/include/JwtSession/*.h 2>/dev/null | sha256sum | cut -c1-12)"
export JWT_BENCH_SOURCE=$source_state
echo "== library: $source_state" >&2

# Instructions in a callgrind profile written with --separate-threads=yes: all threads, or
# only the first (the thread that owns the replies: the caller's).
ir_of() { # FILE all|main
    local files=("$1"-[0-9]*)
    [ "$2" = main ] && files=("$1-01")
    cat "${files[@]}" | awk '/^totals:/ { s += $2 } END { print s + 0 }'
}

# Runs "$@ N" and "$@ 2N" under callgrind (name prefix $1) and sets ir_all / ir_main to the
# instructions of N requests: start-up and set-up are the same in both runs.
callgrind_pair() { # NAME REQUESTS COMMAND...
    local name=$1 n=$2
    shift 2
    local small=$out/callgrind.$name.$n large=$out/callgrind.$name.$((2 * n))
    rm -f "$small"-* "$large"-*
    valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$small" \
        "$@" "$n" >/dev/null 2>"$small.log" || { cat "$small.log" >&2; exit 1; }
    valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$large" \
        "$@" "$((2 * n))" >/dev/null 2>"$large.log" || { cat "$large.log" >&2; exit 1; }
    ir_all=$(($(ir_of "$large" all) - $(ir_of "$small" all)))
    ir_main=$(($(ir_of "$large" main) - $(ir_of "$small" main)))
    awk -v v="$name" -v a="$ir_all" -v m="$ir_main" -v n="$n" 'BEGIN {
        printf "%-22s %8.0f instructions per request, %8.0f of them on the caller'"'"'s thread\n",
               v, a / n, m / n }'
}

if [ "${1:-}" = "--callgrind" ] || [ "${1:-}" = "--callgrind-floor" ]; then
    command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
    out=$build/callgrind
    mkdir -p "$out"
fi

if [ "${1:-}" = "--callgrind" ]; then
    requests=${2:-1000}
    inflight=${3:-1}
    coproc SERVER { exec "$server" --exit-on-eof; }
    read -r -t 10 _ port <&"${SERVER[0]}" || { echo "jwt-bench-server did not start" >&2; exit 1; }
    trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
    # Every thread counts (Qt's HTTP thread too), and the caller's thread on its own: with many
    # requests in flight it is the one that limits the wall time.
    echo "== callgrind: $requests vs $((2 * requests)) GETs, $inflight in flight, port $port" >&2
    callgrind_pair "overhead-$inflight.baseline" "$requests" "$bench" \
        --server "http://127.0.0.1:$port" --child overhead --variant baseline \
        --in-flight "$inflight" --requests
    base_all=$ir_all base_main=$ir_main
    callgrind_pair "overhead-$inflight.session" "$requests" "$bench" \
        --server "http://127.0.0.1:$port" --child overhead --variant session \
        --in-flight "$inflight" --requests
    awk -v sa="$ir_all" -v ba="$base_all" -v sm="$ir_main" -v bm="$base_main" 'BEGIN {
        printf "instructions JwtSession/baseline: %.3f (caller'"'"'s thread %.3f)\n", sa / ba, sm / bm }'
    echo "profiles: $out (callgrind_annotate --inclusive=yes <file>-01)" >&2
    exit 0
fi

if [ "${1:-}" = "--callgrind-floor" ]; then
    requests=${2:-2000}
    floor=$build/tests/benchmarks/jwt-bench-floor
    # What a proxy reply costs with nothing of JwtSession in it, next to the baseline reply's
    # cost on the caller's thread (--callgrind above): the least any proxy design adds.
    echo "== callgrind: the floor of a proxy reply, $requests vs $((2 * requests)) replies" >&2
    callgrind_pair floor.plain "$requests" "$floor" plain
    plain=$ir_main
    callgrind_pair floor.forwarded "$requests" "$floor" forwarded
    awk -v f="$ir_main" -v p="$plain" -v n="$requests" 'BEGIN {
        printf "a forwarding reply adds %.0f instructions per request\n", (f - p) / n }'
    exit 0
fi

JWT_BENCH_COMMAND="scripts/bench.sh $*" exec "$bench" --json "$build/results.json" "$@"
