#!/usr/bin/env bash
# Benchmark (not a test): mutation testing of the exercise solutions with
# cargo-mutants. Each mutant is a small change to a solution (a function body
# replaced by a default value, an operator swapped); the exercise's tests
# should fail on it ("caught"). Prints, per chapter, how many mutants the
# tests caught, how many survived ("missed") and the score, and checks that
# every survivor is listed with its reason in the chapter's
# exercises/<chapter>/mutants.toml. Figures go in CONTRIBUTING.md.
#
#   bash benches/mutants.sh [--rev REV] [CHAPTER...]     e.g. ch05 ch08
#
# --rev REV measures the exercises as they were at commit REV (a git
# worktree in target/), for a before/after comparison; survivors are then
# only reported, not checked against mutants.toml. Needs cargo-mutants
# (`cargo install cargo-mutants --locked`, tested with 27.1). Takes about a
# minute per chapter on 2 cores, more for chapters with timing tests.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
rev=""
if [ "${1:-}" = "--rev" ]; then
    rev=$2
    shift 2
fi
command -v cargo-mutants >/dev/null ||
    { echo "mutants.sh: cargo-mutants is not installed: cargo install cargo-mutants --locked" >&2; exit 2; }

tree=$repo
label=current
if [ -n "$rev" ]; then
    label=$(git rev-parse --short "$rev")
    tree=$repo/target/mutants/tree-$label
    [ -d "$tree" ] || git worktree add --detach "$tree" "$rev" >/dev/null
fi
out=$repo/target/mutants/$label
mkdir -p "$out"

chapters=("$@")
if [ ${#chapters[@]} -eq 0 ]; then
    for dir in "$tree"/exercises/ch*/; do
        name=$(basename "$dir")
        chapters+=("${name%%-*}")
    done
fi

for chapter in "${chapters[@]}"; do
    dir=$(ls -d "$tree"/exercises/"$chapter"-*)
    package=$(sed -n 's/^name = "\(.*\)"/\1/p' "$dir/Cargo.toml" | head -1)
    echo "== $package ($label)" >&2
    # One job at a time: the exercises' tests time real work, and a second
    # build competing for the two cores is load they were not written for.
    # A mutant that makes a test hang is ended by the test's own deadline or
    # by cargo-mutants' timeout, and counts as caught. `--test canonical`:
    # the exercises' tests are not default test targets (test = false).
    (cd "$tree" && cargo mutants --package "$package" --jobs 1 --no-shuffle \
        --timeout 120 --output "$out/$chapter" -- --test canonical \
        >"$out/$chapter.log" 2>&1) || true
done

python3 - "$out" "$tree" "$label" "$rev" "${chapters[@]}" <<'EOF'
import glob, json, os, sys, tomllib
out, tree, label, rev, chapters = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
unlisted = []
totals = dict(caught=0, missed=0, timeout=0, unviable=0)
print(f"{'chapter':8} {'mutants':>7} {'caught':>6} {'timeout':>7} {'missed':>6} {'unviable':>8} {'score':>6}   ({label})")
for chapter in chapters:
    path = os.path.join(out, chapter, "mutants.out", "outcomes.json")
    try:
        outcomes = json.load(open(path))
    except OSError:
        print(f"{chapter:8} no outcomes: see {out}/{chapter}.log")
        unlisted.append(f"{chapter}: cargo-mutants did not finish")
        continue
    counts = dict(caught=0, missed=0, timeout=0, unviable=0)
    missed = []
    for o in outcomes["outcomes"]:
        if o["scenario"] == "Baseline":
            continue
        summary = o["summary"]
        key = {"CaughtMutant": "caught", "MissedMutant": "missed", "Timeout": "timeout",
               "Unviable": "unviable"}.get(summary)
        if key is None:
            unlisted.append(f"{chapter}: unexpected outcome {summary}")
            continue
        counts[key] += 1
        if key == "missed":
            m = o["scenario"]["Mutant"]
            # "src/retry.rs: replace < with <= in retry": the exercise's file
            # and the change, without the line, which moves with every edit.
            file = m["file"].split("/", 2)[2]
            missed.append(f'{file}: {m["name"].split(": ", 1)[1]}')
    for k in totals:
        totals[k] += counts[k]
    viable = counts["caught"] + counts["timeout"] + counts["missed"]
    score = 100 * (counts["caught"] + counts["timeout"]) / viable if viable else 100
    print(f"{chapter:8} {viable + counts['unviable']:7} {counts['caught']:6} {counts['timeout']:7}"
          f" {counts['missed']:6} {counts['unviable']:8} {score:5.0f}%")
    listed = set()
    listing = glob.glob(os.path.join(tree, "exercises", chapter + "-*", "mutants.toml"))
    if listing:
        for s in tomllib.load(open(listing[0], "rb")).get("survivor", []):
            if not s.get("reason", "").strip():
                unlisted.append(f"{chapter}: mutants.toml lists {s['mutant']} without a reason")
            listed.add(s["mutant"])
    for m in missed:
        if m not in listed:
            unlisted.append(f"{chapter}: survived, not listed in mutants.toml: {m}")
viable = totals["caught"] + totals["timeout"] + totals["missed"]
score = 100 * (totals["caught"] + totals["timeout"]) / viable if viable else 100
print(f"{'all':8} {viable + totals['unviable']:7} {totals['caught']:6} {totals['timeout']:7}"
      f" {totals['missed']:6} {totals['unviable']:8} {score:5.0f}%")
if unlisted:
    print("\n".join(unlisted), file=sys.stderr)
    sys.exit(0 if rev else 1)
EOF
