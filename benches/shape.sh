#!/usr/bin/env bash
# Page shape of seeded synthetic deployments: for every size and seed, lays the model out with
# `refarch layout --metrics` and prints its aspect ratio (width / height) and legibility scale,
# then how many fall outside 1:2 … 2:1 (issue 9's goal for models up to 200 components).
#
#   bash benches/shape.sh                          # sizes 10 … 200, seeds 1 … 12
#   SIZES="20 50" SEEDS="1 2 3" bash benches/shape.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SIZES=${SIZES:-"10 15 20 25 30 40 50 60 80 100 120 150 200"}
SEEDS=${SEEDS:-$(seq 1 12)}

echo "building (release)..." >&2
# `--bins` too: `--examples` alone would leave the `refarch` binary out (or stale).
cargo build --release --quiet -p refarch-cli -p refarch-benches --examples --bins >&2
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}/release
TMP=$(mktemp -d "${TMPDIR:-/tmp}/refarch-shape.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

printf 'size\tseed\taspect\tlegibility\tdetached labels\n'
for n in $SIZES; do
    for s in $SEEDS; do
        "$TARGET/examples/synth" "$n" "$s" > "$TMP/m.ron"
        "$TARGET/refarch" layout --metrics "$TMP/m.ron" 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
a = d["width"] / d["height"]
flag = "" if 0.5 <= a <= 2.0 else "\tOUTSIDE"
print("%s\t%s\t%.3f\t%.3f\t%d%s" % (sys.argv[1], sys.argv[2], a, d["legibility_scale"],
      d["faults"]["labels_detached"], flag))' "$n" "$s"
    done
done | tee "$TMP/rows.tsv"
total=$(wc -l < "$TMP/rows.tsv")
outside=$(grep -c OUTSIDE "$TMP/rows.tsv" || true)
echo "outside 1:2 … 2:1: $outside of $total models"
