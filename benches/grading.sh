#!/usr/bin/env bash
# Benchmark (not a test): grade a class of 30 students × 5 exercises with
# `workbook grade`: with the bubblewrap sandbox cold (the shared dependencies
# not yet compiled) and warm, and without the sandbox warm; prints wall and CPU
# times.
# Figures go in CONTRIBUTING.md ("Benchmarks"). Needs bwrap; takes minutes.
#
#   bash benches/grading.sh [STUDENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
students=${1:-30}
exercises=ch02-parallel-sum,ch04-bounded-buffer,ch06-pipeline,ch08-word-count,ch10-shared-tally
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --quiet -p workbook
workbook=${CARGO_TARGET_DIR:-target}/debug/workbook

# Every student hands in the solutions: the slow case, where every test
# runs to its end instead of failing early.
"$workbook" pack --exercises "$exercises" --out "$work/pack" >/dev/null
IFS=, read -ra ids <<<"$exercises"
for n in $(seq -w 1 "$students"); do
    for id in "${ids[@]}"; do
        chapter=${id%%-*}
        dir=$(ls -d exercises/"$chapter"-*)
        module=$(grep -A1 "id = \"$id\"" "$dir/exercises.toml" | sed -n 's/module = "\(.*\)"/\1/p')
        mkdir -p "$work/class/student$n/$id/src"
        cp "$dir/src/$module.rs" "$work/class/student$n/$id/src/lib.rs"
    done
done

run() {
    local label=$1; shift
    # Wall time, and the CPU time of the grader and everything it ran (which
    # a busy machine distorts far less than wall time).
    /usr/bin/time -f "%e %U %S" -o "$work/time" \
        "$workbook" grade --exercises "$exercises" --jobs 2 --out "$work/grades-$label" "$@" "$work/class" >"$work/$label.log"
    read -r wall user sys <"$work/time"
    printf '%-20s wall %6.1f s   cpu %6.1f s   %s\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" \
        "$(grep -c 'tests passed' "$work/$label.log") students graded"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1 /proc/loadavg); $students students × ${#ids[@]} exercises"
run "sandbox, cold"    --deps-cache "$work/deps"
run "sandbox, warm"    --deps-cache "$work/deps"
run "no sandbox, warm" --no-sandbox --deps-cache "$work/deps"
echo "load at the end: $(cut -d' ' -f1 /proc/loadavg)"
