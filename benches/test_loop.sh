#!/usr/bin/env bash
# Benchmark (not a test): how long the test loop takes on this machine.
#   cold  `cargo test --workspace` with a fresh target folder
#   warm  the same again, nothing changed
#   edit  the same after appending a comment to one listing source file
#         (listings/ch02-threads/src/main.rs by default)
# Prints a table of wall times with `nproc` and the load average before and
# after each run. Figures go in CONTRIBUTING.md ("Benchmarks", "Test loop").
#
#   bash benches/test_loop.sh [--rev REV] [--keep DIR] [--edit-file PATH] [--listings] [cold] [warm] [edit]
#
# --listings runs `cargo test -p ch01 … -p ch10` (the packages in listings/)
# instead of `--workspace`: the loop of someone changing a listing, without
# the workbook's tests and the exercise proof, which take most of a warm
# workspace run; measurable in minutes on a busy machine.
# No measurement named: all three. The tree measured is a copy of commit REV
# (default HEAD; uncommitted changes are not measured) extracted with
# `git archive` into a temporary folder with its own target folder, so the
# repository is never modified and the edit happens in the copy. Without
# `cold`, whatever is not built yet is built first, untimed
# (`cargo test --no-run`).
# --keep DIR keeps the copy and its target folder in DIR (made if missing)
# and reuses them on the next run with the same DIR, so that `warm` and
# `edit` can be measured again without a cold build; the copy is refreshed
# from REV (cargo sees only files whose contents changed).
# A cold run takes many minutes on 2 cores (about 16 at issue 19's start).
# The test runs (`--no-fail-fast`, so that a failure does not cut a run
# short) write their output to DIR/<measurement>.log; a failing run is
# reported in the table (its time is then not comparable).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
rev=HEAD
keep=""
edit_file=listings/ch02-threads/src/main.rs
scope=(--workspace)
want=()
while [ $# -gt 0 ]; do
    case $1 in
        --rev) rev=$2; shift 2 ;;
        --keep) keep=$2; shift 2 ;;
        --edit-file) edit_file=$2; shift 2 ;;
        --listings) scope=(listings); shift ;;
        cold | warm | edit) want+=("$1"); shift ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "test_loop.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
[ ${#want[@]} -eq 0 ] && want=(cold warm edit)
commit=$(git rev-parse --short "$rev^{commit}")

if [ -n "$keep" ]; then
    mkdir -p "$keep"
    work=$(cd "$keep" && pwd)
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
tree=$work/tree
target=$work/target
# A fresh copy of the commit, written only where contents differ so that a
# kept target folder stays warm; a changed file gets a new modification time
# (cp without -p), which cargo needs to see it as changed.
rm -rf "$work/new"
mkdir -p "$work/new" "$tree"
git archive "$commit" | tar -x -C "$work/new"
(
    cd "$work/new"
    find . -type f | while read -r f; do
        cmp -s "$f" "$tree/$f" || { mkdir -p "$tree/$(dirname "$f")" && cp "$f" "$tree/$f"; }
    done
)
(cd "$tree" && find . -type f) | while read -r f; do
    [ -e "$work/new/$f" ] || rm -f "$tree/$f"
done
rm -rf "$work/new"
[ -f "$tree/$edit_file" ] || { echo "test_loop.sh: $edit_file is not in $commit" >&2; exit 2; }
if [ "${scope[0]}" = listings ]; then
    scope=()
    for manifest in "$tree"/listings/*/Cargo.toml; do
        scope+=(-p "$(sed -n 's/^name = "\(.*\)"/\1/p' "$manifest" | head -1)")
    done
fi

load() { cut -d' ' -f1-3 /proc/loadavg; }
results=()
# run LABEL: one timed `cargo test --workspace` in the copy.
run() {
    local label=$1 start end status=ok before
    before=$(load)
    start=$(date +%s.%N)
    (cd "$tree" && CARGO_TARGET_DIR=$target CARGO_TERM_COLOR=never \
        cargo test "${scope[@]}" --locked --no-fail-fast >"$work/$label.log" 2>&1) || status="FAILED (see $work/$label.log)"
    end=$(date +%s.%N)
    results+=("$(printf '| %-5s | %7.1f s | %-14s | %-14s | %s |' "$label" "$(echo "$end - $start" | bc)" \
        "$before" "$(load)" "$status")")
    echo "test_loop.sh: $label done" >&2
}

echo "test_loop.sh: measuring ${want[*]} on $commit in $work" >&2
for m in "${want[@]}"; do
    if [ "$m" = cold ]; then
        rm -rf "$target"
        run cold
    fi
done
if [[ " ${want[*]} " != *" cold "* ]]; then
    echo "test_loop.sh: building what is not built yet (untimed)" >&2
    (cd "$tree" && CARGO_TARGET_DIR=$target cargo test "${scope[@]}" --locked --no-run >"$work/warm-up.log" 2>&1)
fi
for m in "${want[@]}"; do
    case $m in
        warm) run warm ;;
        edit)
            printf '\n// test_loop.sh: an edit\n' >>"$tree/$edit_file"
            run edit
            ;;
    esac
done

echo
echo "cargo test ${scope[*]} on commit $commit, $(nproc) cores ($(uname -m)), $(free -g | awk '/Mem:/ {print $2}') GiB; edit: $edit_file"
echo "| run   | wall      | load before    | load after     | result |"
echo "|-------|-----------|----------------|----------------|--------|"
printf '%s\n' "${results[@]}"
