#!/usr/bin/env bash
# Checks that every C++ file of the repository is formatted with the repository's .clang-format
# (Qt's style). Exits non-zero and lists the differences otherwise.
#
#   scripts/check-format.sh          check
#   scripts/check-format.sh --fix    reformat the files in place instead
#
# The files are what git tracks plus new files it does not ignore, so a build directory or a
# generated file is never checked.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
clang_format=${CLANG_FORMAT:-clang-format}
"$clang_format" --version

mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.cpp' '*.h')
if [ "${1:-}" = "--fix" ]; then
    "$clang_format" -i -- "${files[@]}"
    echo "formatted ${#files[@]} files"
    exit 0
fi
if ! "$clang_format" --dry-run --Werror -- "${files[@]}"; then
    echo "Not formatted (above); run scripts/check-format.sh --fix" >&2
    exit 1
fi
echo "${#files[@]} files formatted"
