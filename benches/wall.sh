#!/usr/bin/env bash
# Wall-clock layout times that hold up on a busy machine: the models (and builds) take turns,
# round after round, so a slow minute slows all of them alike. Each turn runs the `layouts`
# example (one warm-up, then N timed layouts); the best time and the median of each model's
# turns are printed, each over the first model's too. On a shared machine medians still swing
# by a fifth between runs; best times repeat better.
#
#   bash benches/wall.sh                        # synthetic models of 1,000 and 3,000 components
#   SIZES="200 1000 3000" ROUNDS=12 bash benches/wall.sh
#   bash benches/wall.sh scenarios/mission-partner.ron   # given files instead
#   BASE=/path/to/other/target bash benches/wall.sh ...  # also that build's `layouts`, in turn
#
# Environment: SIZES, SEED (42), ROUNDS (8), N (5), BASE (a target directory holding
# release/examples/layouts from another commit, timed alongside this one).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SIZES=${SIZES:-"1000 3000"}
SEED=${SEED:-42}
ROUNDS=${ROUNDS:-8}
N=${N:-5}

source "$ROOT/benches/models.sh" "$@"
BUILDS=("$TARGET/examples/layouts")
[ -z "${BASE:-}" ] || BUILDS+=("$BASE/release/examples/layouts")

# One line per turn: build, model, best ms, median ms.
for _ in $(seq "$ROUNDS"); do
    for f in "${FILES[@]}"; do
        for b in "${!BUILDS[@]}"; do
            times=$("${BUILDS[$b]}" "$f" "$N" 2>&1 >/dev/null)
            echo "$b $(basename "$f" .ron) $times"
        done
    done
done > "$TMP/turns"

python3 - "$TMP/turns" "${#BUILDS[@]}" <<'EOF'
import statistics, sys
turns = [line.split() for line in open(sys.argv[1])]
builds = int(sys.argv[2])
names = list(dict.fromkeys(t[1] for t in turns))
print(f"{'build':6} {'model':28} {'best ms':>9} {'ratio':>6} {'median ms':>10} {'ratio':>6}")
for b in range(builds):
    label = "this" if b == 0 else "base"
    first = None
    for name in names:
        mine = [t for t in turns if int(t[0]) == b and t[1] == name]
        best = min(float(t[2]) for t in mine)
        median = statistics.median(float(t[3]) for t in mine)
        first = first or (best, median)
        print(
            f"{label:6} {name:28} {best:9.2f} {best / first[0]:6.2f}"
            f" {median:10.2f} {median / first[1]:6.2f}"
        )
EOF
