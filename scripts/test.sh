#!/usr/bin/env bash
# Builds JwtSession and runs its whole test suite. On a fresh Debian 12 machine, run as root,
# it first installs the packages it needs. Exits non-zero on any failure.
#
# Three stages, each in its own build directory:
#   1. a Debug build of everything (library, examples, benchmarks, tests; warnings are errors)
#      with AddressSanitizer + UndefinedBehaviorSanitizer (LeakSanitizer on), and ctest: any
#      failure or sanitizer report fails. One build serves both, which keeps CI short;
#   1b. code health: formatting, clang-tidy on src/, the API docs (Doxygen, warnings are errors),
#       and an install into a temporary prefix consumed by tests/consumer as a user would;
#   2. the libFuzzer targets (clang), each run for a bounded time from its seed corpus.
#
#   scripts/test.sh                    every stage
#   BUILD_DIR=… scripts/test.sh        stage 1 elsewhere (default: build/test)
#   FUZZ_BUILD_DIR=…                   stage 2 elsewhere (default: build/fuzz)
#   JWTSESSION_SKIP_SANITIZERS=1       stage 1 without sanitizers (a quicker local run)
#   JWTSESSION_SKIP_FUZZ=1             leave stage 2 out
#   JWTSESSION_SKIP_CHECKS=1           leave stage 1b out
#   JWTSESSION_FUZZ_SECONDS=N          seconds per fuzz target (default 15; 4 targets)
#   JWTSESSION_TSAN=1                  add stage 3: the threaded tests under ThreadSanitizer
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=deps.sh
source "$root/scripts/deps.sh"
jwtsession_ensure_packages

build=${BUILD_DIR:-$root/build/test}
fuzz_build=${FUZZ_BUILD_DIR:-$root/build/fuzz}
jobs=${JOBS:-$(nproc)}
fuzz_seconds=${JWTSESSION_FUZZ_SECONDS:-15}
export QT_QPA_PLATFORM=offscreen
started=$SECONDS

stage_time() {
    echo "== $1 done after $((SECONDS - started)) s"
}

# Only the project's own code is instrumented (JWTSESSION_SANITIZE acts on the targets that link
# jwtsession_project_options: the libraries, examples, benchmarks and tests).
sanitize="address;undefined"
[ -z "${JWTSESSION_SKIP_SANITIZERS:-}" ] || sanitize=""
echo "== configure ($build, sanitizers: ${sanitize:-none})"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DJWTSESSION_SANITIZE="$sanitize" -DJWTSESSION_BUILD_EXAMPLES=ON \
    -DJWTSESSION_BUILD_BENCHMARKS=ON -DBUILD_TESTING=ON -DJWTSESSION_WERROR=ON
echo "== build"
cmake --build "$build" --parallel "$jobs"
echo "== test"
# Every report goes to a file of its own (one per process, children included), so none can
# hide behind a test that ignores an exit code: any file there fails the stage.
reports="$build/sanitizer-reports"
rm -rf "$reports" && mkdir -p "$reports"
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:strict_string_checks=1:check_initialization_order=1:log_path=$reports/asan"
export LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$reports/ubsan"
ctest_status=0
ctest --test-dir "$build" --output-on-failure --parallel "$jobs" --timeout 600 || ctest_status=$?
if [ -n "$(ls -A "$reports")" ]; then
    for report in "$reports"/*; do
        echo "---- $report" >&2
        cat "$report" >&2
    done
    echo "Sanitizer reports above (in $reports)" >&2
    exit 1
fi
[ "$ctest_status" -eq 0 ] || exit "$ctest_status"
unset ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS
stage_time "stage 1 (build and test${sanitize:+ with sanitizers})"

if [ -z "${JWTSESSION_SKIP_CHECKS:-}" ]; then
    echo "== formatting"
    bash "$root/scripts/check-format.sh"
    echo "== API documentation"
    bash "$root/scripts/docs.sh"
    echo "== install and consume"
    bash "$root/scripts/check-install.sh"
    echo "== clang-tidy"
    bash "$root/scripts/check-tidy.sh"
    stage_time "stage 1b (code health)"
fi

if [ -z "${JWTSESSION_SKIP_FUZZ:-}" ]; then
    # The library only, with clang: fuzzer-no-link gives libFuzzer coverage of the parsers.
    echo "== configure fuzzers ($fuzz_build)"
    cmake -S "$root" -B "$fuzz_build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
        -DCMAKE_CXX_COMPILER=clang++ -DJWTSESSION_BUILD_FUZZERS=ON \
        -DJWTSESSION_SANITIZE="address;undefined;fuzzer-no-link" \
        -DBUILD_TESTING=OFF -DJWTSESSION_BUILD_EXAMPLES=OFF \
        -DJWTSESSION_BUILD_BENCHMARKS=OFF -DJWTSESSION_BUILD_QML=OFF \
        -DJWTSESSION_BUILD_WIDGETS=OFF -DJWTSESSION_WITH_KEYCHAIN=OFF
    targets=(fuzz_jwttoken fuzz_refreshresponse fuzz_httpdate fuzz_origin)
    echo "== build fuzzers"
    cmake --build "$fuzz_build" --parallel "$jobs" --target "${targets[@]}"
    echo "== fuzz (${fuzz_seconds} s per target)"
    export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1"
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
    mkdir -p "$fuzz_build/artifacts"
    for target in "${targets[@]}"; do
        # New inputs go to a scratch directory, never into the seed corpus in the repository.
        scratch=$(mktemp -d)
        log="$fuzz_build/artifacts/$target.log"
        echo "-- $target"
        if ! "$fuzz_build/tests/fuzz/$target" -max_total_time="$fuzz_seconds" -seed=1 -timeout=10 \
            -rss_limit_mb=2048 -print_final_stats=1 \
            -artifact_prefix="$fuzz_build/artifacts/$target-" \
            "$scratch" "$root/tests/fuzz/corpus/${target#fuzz_}" >"$log" 2>&1; then
            tail -n 60 "$log" >&2
            echo "$target failed; the input is in $fuzz_build/artifacts/" >&2
            exit 1
        fi
        rm -rf "$scratch"
        grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || true
    done
    unset ASAN_OPTIONS UBSAN_OPTIONS
    stage_time "stage 2 (fuzzing)"
fi

if [ -n "${JWTSESSION_TSAN:-}" ]; then
    # Optional: managers on several threads sharing one session. Only the project's code is
    # instrumented; Debian's Qt is not, so the reports are filtered to the races between two
    # pieces of JwtSession code (tests/sanitizers/tsan-own-races.awk says why and what that
    # leaves out).
    tsan_build=${TSAN_BUILD_DIR:-$root/build/tsan}
    tsan_tests=(tst_qmlthreads)
    echo "== configure with ThreadSanitizer ($tsan_build)"
    cmake -S "$root" -B "$tsan_build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
        -DJWTSESSION_SANITIZE=thread -DBUILD_TESTING=ON \
        -DJWTSESSION_BUILD_EXAMPLES=OFF -DJWTSESSION_BUILD_BENCHMARKS=OFF \
        -DJWTSESSION_BUILD_WIDGETS=OFF -DJWTSESSION_WITH_KEYCHAIN=OFF -DJWTSESSION_WERROR=ON
    echo "== build with ThreadSanitizer"
    cmake --build "$tsan_build" --parallel "$jobs" --target "${tsan_tests[@]}"
    echo "== test with ThreadSanitizer"
    reports="$tsan_build/sanitizer-reports"
    rm -rf "$reports" && mkdir -p "$reports"
    # Reports are judged by the filter below, not by the exit code TSan gives a run with any.
    export TSAN_OPTIONS="halt_on_error=0:exitcode=0:second_deadlock_stack=1:log_path=$reports/tsan"
    ctest --test-dir "$tsan_build" --output-on-failure --timeout 600 \
        -R "^($(IFS='|'; echo "${tsan_tests[*]}"))\$"
    unset TSAN_OPTIONS
    if [ -n "$(ls -A "$reports")" ]; then
        echo "$(cat "$reports"/* | grep -c 'WARNING: ThreadSanitizer') reports in $reports;" \
            "those between two pieces of JwtSession code fail the stage:"
        awk -v srcdir="$root/src/" -f "$root/tests/sanitizers/tsan-own-races.awk" "$reports"/* >&2
    fi
    stage_time "stage 3 (ThreadSanitizer)"
fi
