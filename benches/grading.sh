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

# CPU time of the grader and everything it starts, sandboxed processes
# included, from a cpuacct control group where one can be made (root, cgroup
# v1); a busy machine distorts it far less than wall time.
cpu_group=/sys/fs/cgroup/cpuacct/threadwork-bench-$$
mkdir "$cpu_group" 2>/dev/null || cpu_group=
cleanup() { rm -rf "$work"; [ -n "$cpu_group" ] && rmdir "$cpu_group" 2>/dev/null; true; }
trap cleanup EXIT

run() {
    local label=$1; shift
    local start end cpu=""
    [ -n "$cpu_group" ] && echo 0 >"$cpu_group/cpuacct.usage"
    start=$(date +%s.%N)
    sh -c 'if [ -n "$1" ]; then echo $$ > "$1/cgroup.procs"; fi; shift; exec "$@"' sh "$cpu_group" \
        "$workbook" grade --exercises "$exercises" --jobs 2 --out "$work/grades-$label" "$@" "$work/class" >"$work/$label.log"
    end=$(date +%s.%N)
    [ -n "$cpu_group" ] && cpu=$(awk '{printf "cpu %6.1f s", $1 / 1e9}' "$cpu_group/cpuacct.usage")
    printf '%-20s wall %6.1f s   %s   %s\n' "$label" "$(echo "$end - $start" | bc)" "$cpu" \
        "$(grep -c 'tests passed' "$work/$label.log") students graded"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1 /proc/loadavg); $students students × ${#ids[@]} exercises"
run "sandbox, cold"    --deps-cache "$work/deps"
run "sandbox, warm"    --deps-cache "$work/deps"
run "no sandbox, warm" --no-sandbox --deps-cache "$work/deps"
echo "load at the end: $(cut -d' ' -f1 /proc/loadavg)"
