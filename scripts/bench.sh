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
#       collected only inside the scenario: independent of the machine's load
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
    -DJWTSESSION_BUILD_TESTS=ON -DJWTSESSION_BUILD_BENCHMARKS=ON \
    -DJWTSESSION_BUILD_EXAMPLES=OFF -DJWTSESSION_BUILD_QML=OFF -DJWTSESSION_BUILD_WIDGETS=OFF \
    >/dev/null
echo "== build" >&2
cmake --build "$build" --parallel "$jobs" --target jwt-bench jwt-bench-server >&2

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

if [ "${1:-}" = "--callgrind" ]; then
    requests=${2:-1000}
    inflight=${3:-1}
    command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
    out=$build/callgrind
    mkdir -p "$out"
    coproc SERVER { exec "$server" --exit-on-eof; }
    read -r -t 10 _ port <&"${SERVER[0]}" || { echo "jwt-bench-server did not start" >&2; exit 1; }
    trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
    # Every thread counts (Qt's HTTP thread too). Start-up, sign-in and warm-up are the same in
    # both runs of a variant, so the difference between N and 2N requests is the cost of N.
    echo "== callgrind: $requests vs $((2 * requests)) GETs, $inflight in flight, port $port" >&2
    for variant in baseline session; do
        for n in "$requests" "$((2 * requests))"; do
            file=$out/callgrind.overhead-$inflight.$variant.$n
            valgrind --tool=callgrind --callgrind-out-file="$file" \
                "$bench" --server "http://127.0.0.1:$port" --child overhead \
                --variant "$variant" --requests "$n" --in-flight "$inflight" \
                >/dev/null 2>"$file.log"
            total=$(callgrind_annotate "$file" 2>/dev/null \
                | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
            eval "ir_${variant}_$n=$total"
        done
        eval "delta=\$(( ir_${variant}_$((2 * requests)) - ir_${variant}_$requests ))"
        eval "ir_$variant=$delta"
        awk -v v="$variant" -v d="$delta" -v n="$requests" \
            'BEGIN { printf "%-9s %8.0f instructions per request\n", v, d / n }'
    done
    # shellcheck disable=SC2154
    awk -v s="$ir_session" -v b="$ir_baseline" \
        'BEGIN { printf "instructions JwtSession/baseline: %.3f\n", s / b }'
    echo "profiles: $out (callgrind_annotate --inclusive=yes <file>)" >&2
    exit 0
fi

JWT_BENCH_COMMAND="scripts/bench.sh $*" exec "$bench" --json "$build/results.json" "$@"
