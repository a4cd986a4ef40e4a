#!/usr/bin/env bash
# Benchmark (not a test): the exercise proof with every deciding test run N
# times while one core is kept busy by a spinning process. Every solution
# must pass all its tests on every run, every starter fail, and every wrong
# solution be caught by the tests its header names on every run: a mistake
# caught only sometimes is not caught. Prints "N variants, each deciding
# test run N times: K problems" and, for each problem, on how many runs.
#
#   bash benches/proof_loop.sh [N] [CHAPTER]      e.g. 20, or 20 ch04
#
# N defaults to 20. CHAPTER (an exercise id prefix such as ch04) limits the
# run to one chapter. Takes long: the deciding tests of a wrong solution
# that deadlocks wait out the proof's 5 s deadline on every run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
case $runs in '' | *[!0-9]*) echo "proof_loop.sh: N must be a number, not '$runs'" >&2; exit 2 ;; esac
if [ -n "${2:-}" ]; then export WORKBOOK_EXERCISES=$2; fi

# One core busy for the whole run.
( while :; do :; done ) &
spinner=$!
trap 'kill $spinner 2>/dev/null || true' EXIT

start=$(date +%s)
log=target/proof_loop${2:+-$2}.log
mkdir -p target
status=0
WORKBOOK_PROOF_REPEAT=$runs cargo test -q -p workbook --test exercises \
    solutions_pass_starters_fail -- --nocapture >"$log" 2>&1 || status=$?
grep -E 'variants, each|runs\]|does not compile|test result' "$log" || true
echo "proof_loop.sh: $runs runs in $(( $(date +%s) - start )) s, load $(cut -d' ' -f1-3 /proc/loadavg), exit $status (log: $log)"
exit "$status"
