#!/usr/bin/env bash
# Benchmark (not a test): how long a cold build of the workbook tool takes
# with the book verbs (the default) and without them (`--no-default-features`,
# what learners and graders install). Figures go in CONTRIBUTING.md.
set -euo pipefail
cd "$(dirname "$0")/.."
for features in "" "--no-default-features"; do
    target=$(mktemp -d)
    start=$(date +%s.%N)
    CARGO_TARGET_DIR=$target cargo build --quiet --locked -p workbook $features
    end=$(date +%s.%N)
    printf 'cargo build -p workbook %-24s %6.0f s (%d cores)\n' "$features" "$(echo "$end - $start" | bc)" "$(nproc)"
    rm -rf "$target"
done
