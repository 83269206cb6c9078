#!/usr/bin/env bash
# How layout work grows with model size, in instructions rather than time: callgrind counts
# repeat exactly whatever else the machine is doing, where wall times on a shared 2-core
# machine vary by a fifth from run to run.
#
#   bash benches/scaling.sh                  # synthetic models of 1,000 and 3,000 components
#   SIZES="200 1000 3000" bash benches/scaling.sh
#   bash benches/scaling.sh scenarios/mission-partner.ron   # given files instead
#
# For each model it prints the instructions of one warm layout on one thread: callgrind's
# count for the `layouts` example with 2 layouts after a warm-up, minus its count with 1, so
# loading and the cold text measurement cancel out (whole-process counts: the search runs on
# rayon's worker thread). Then each model's count over the first one's. Counts repeat to
# about 0.2% (rayon's idle worker spins a little). Environment: SIZES, SEED (42). Installs
# valgrind with apt-get when it is missing.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SIZES=${SIZES:-"1000 3000"}
SEED=${SEED:-42}

source "$ROOT/benches/need.sh"
need valgrind valgrind

source "$ROOT/benches/models.sh" "$@"

# Instructions of `layouts FILE N`, on one thread.
count() {
    RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.out" \
        "$TARGET/examples/layouts" "$1" "$2" 2>&1 >/dev/null |
        sed -n 's/.*refs: *\([0-9,]*\).*/\1/p' | tr -d ,
}

printf '%-28s %16s %8s\n' model instructions ratio
first=""
for f in "${FILES[@]}"; do
    one=$(count "$f" 1)
    two=$(count "$f" 2)
    warm=$((two - one))
    [ -n "$first" ] || first=$warm
    ratio=$(python3 -c "print(f'{$warm / $first:.2f}')")
    printf '%-28s %16d %8s\n' "$(basename "$f" .ron)" "$warm" "$ratio"
done
