#!/usr/bin/env bash
# Compares refarch with Graphviz `dot` on the seven bundled scenarios and seeded synthetic
# deployments of 50, 200, 1,000 and 3,000 components, in one run on this machine.
#
#   bash benches/compare.sh            # everything
#   SIZES="50 200" bash benches/compare.sh
#
# Installs Graphviz with apt-get when `dot` is missing, builds the release binary and the
# bench examples, writes every model to a temporary folder, exports each to DOT with
# `refarch export --format dot` and prints two tables:
#
# 1. Layout, per model: our layout time (median of repeated in-process runs, by the
#    `measure` example), `refarch layout FILE` wall time (one process, best of 3), the
#    `dot -Tjson` wall time (one process, best of DOT_RUNS), dot's time over ours, and the
#    link crossings of both: ours from `refarch layout --metrics` (field `crossings`), dot's
#    from its -Tjson splines by benches/dot_crossings.py (flattened curves; in brackets the
#    coarser control-polygon count).
# 2. Drawing, per bundled scenario: our SVG, PNG (scale 1 and 2) and PDF times from laid-out
#    geometry (in-process medians), our layout + drawing, and `dot -Tsvg` / `dot -Tpng`
#    (96 dpi, and 192 dpi for scale 2) wall times, which include dot's layout and start-up.
#
# Environment: SIZES (synthetic sizes), SEED (42), DOT_RUNS (3; 1 for models over 500
# components), DOT_TIMEOUT (seconds per dot run, 900), KEEP=1 keeps the temp folder.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SIZES=${SIZES:-"50 200 1000 3000"}
SEED=${SEED:-42}
DOT_RUNS=${DOT_RUNS:-3}
DOT_TIMEOUT=${DOT_TIMEOUT:-900}

if ! command -v dot >/dev/null 2>&1; then
    echo "installing graphviz..." >&2
    if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq graphviz >&2
fi
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 3; }

echo "building (release)..." >&2
cargo build --release --quiet -p refarch-cli -p refarch-benches --examples --bins >&2
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}/release
REFARCH=$TARGET/refarch
MEASURE=$TARGET/examples/measure
SYNTH=$TARGET/examples/synth

TMP=$(mktemp -d "${TMPDIR:-/tmp}/refarch-compare.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then echo "temp folder: $TMP" >&2; else trap 'rm -rf "$TMP"' EXIT; fi

# Milliseconds since the epoch, with fractions.
now_ms() { echo $(( $(date +%s%N) / 1000 )); }   # microseconds, really
# Best wall time in ms of N runs of a command (stdout to /dev/null); "timeout" on timeout.
best_ms() {
    local runs=$1; shift
    local best=""
    for _ in $(seq "$runs"); do
        local t0 t1
        t0=$(now_ms)
        if ! timeout "$DOT_TIMEOUT" "$@" >/dev/null 2>>"$TMP/stderr.log"; then
            echo "timeout"; return
        fi
        t1=$(now_ms)
        local d=$(( t1 - t0 ))
        if [ -z "$best" ] || [ "$d" -lt "$best" ]; then best=$d; fi
    done
    awk -v us="$best" 'BEGIN { printf "%.1f", us / 1000 }'
}
field() { python3 -c 'import json,sys; v=json.loads(sys.argv[1]).get(sys.argv[2]); print("-" if v is None else v)' "$1" "$2"; }

# The models: bundled scenarios (base diagrams; variants are not separate files) and synthetic.
MODELS=()
for f in scenarios/*.ron; do
    cp "$f" "$TMP/"
    MODELS+=("$TMP/$(basename "$f")")
done
for n in $SIZES; do
    "$SYNTH" "$n" "$SEED" > "$TMP/synthetic-$n.ron"
    MODELS+=("$TMP/synthetic-$n.ron")
done

# DOT export: through the CLI, or the measure example's own export when the CLI has none.
for m in "${MODELS[@]}"; do
    dotfile=${m%.ron}.dot
    if ! "$REFARCH" export --format dot "$m" > "$dotfile" 2>>"$TMP/stderr.log"; then
        echo "note: \`refarch export\` failed; exporting through the measure example" >&2
        "$MEASURE" --export "$TMP" "$m" >/dev/null
    fi
done

echo
echo "## Layout: refarch vs dot -Tjson ($(dot -V 2>&1 | sed 's/^dot - //'), $(nproc) cores)"
echo
printf '| %-26s | %6s | %5s | %10s | %9s | %12s | %9s | %9s | %16s | %6s |\n' \
    model comps links "ours ms" "ours cli" "dot -Tjson" "dot/ours" "ours ×" "dot × (poly)" faults
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..28})" --------  ------- \
    ------------ ----------- -------------- ----------- ----------- ------------------ --------
for m in "${MODELS[@]}"; do
    name=$(basename "${m%.ron}")
    ours=$("$MEASURE" "$m")
    comps=$(field "$ours" components); links=$(field "$ours" links)
    layout_ms=$(field "$ours" layout_ms); faults=$(field "$ours" faults)
    cli_ms=$(best_ms 3 "$REFARCH" layout "$m")
    ours_x=$("$REFARCH" layout --metrics "$m" | python3 -c 'import json,sys; print(json.load(sys.stdin)["crossings"])')
    runs=$DOT_RUNS; [ "$comps" -gt 500 ] && runs=1
    dot_ms=$(best_ms "$runs" dot -Tjson "${m%.ron}.dot" -o "${m%.ron}.json")
    if [ "$dot_ms" = timeout ]; then
        ratio="-"; dot_x="-"
    else
        ratio=$(awk -v a="$dot_ms" -v b="$layout_ms" 'BEGIN { printf "%.0f×", a / b }')
        read -r curve poly < <(python3 benches/dot_crossings.py "${m%.ron}.json")
        dot_x="$curve ($poly)"
    fi
    printf '| %-26s | %6s | %5s | %10.3f | %9s | %12s | %9s | %9s | %16s | %6s |\n' \
        "$name" "$comps" "$links" "$layout_ms" "$cli_ms" "$dot_ms" "$ratio" "$ours_x" "$dot_x" "$faults"
done
echo
echo "ours ms: in-process median; ours cli / dot: one process each, wall time including start-up."
echo "dot/ours: dot -Tjson wall time over our in-process layout time."

echo
echo "## Drawing: refarch vs dot -Tsvg / -Tpng (bundled scenarios)"
echo
printf '| %-26s | %8s | %8s | %8s | %8s | %10s | %11s | %8s | %8s | %12s |\n' \
    scenario "svg ms" "png×1" "png×2" "pdf ms" "lay+svg" "lay+png×2" "dot svg" "dot png" "dot png 192" 
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..28})" ---------- ---------- \
    ---------- ---------- ------------ ------------- ---------- ---------- --------------
for f in scenarios/*.ron; do
    m="$TMP/$(basename "$f")"
    name=$(basename "${m%.ron}")
    ours=$("$MEASURE" --render "$m")
    read -r lay svg png1 png2 pdf < <(python3 -c 'import json,sys; o=json.loads(sys.argv[1]); print(*(o[k] for k in ("layout_ms","svg_ms","png1_ms","png2_ms","pdf_ms")))' "$ours")
    dsvg=$(best_ms "$DOT_RUNS" dot -Tsvg "${m%.ron}.dot" -o "$TMP/dot.svg")
    dpng=$(best_ms "$DOT_RUNS" dot -Tpng "${m%.ron}.dot" -o "$TMP/dot.png")
    dpng2=$(best_ms "$DOT_RUNS" dot -Tpng -Gdpi=192 "${m%.ron}.dot" -o "$TMP/dot2.png")
    awk -v n="$name" -v lay="$lay" -v svg="$svg" -v p1="$png1" -v p2="$png2" -v pdf="$pdf" \
        -v ds="$dsvg" -v dp="$dpng" -v dp2="$dpng2" 'BEGIN {
        printf "| %-26s | %8.3f | %8.2f | %8.2f | %8.2f | %10.3f | %11.2f | %8s | %8s | %12s |\n",
            n, svg, p1, p2, pdf, lay + svg, lay + p2, ds, dp, dp2 }'
done
echo
echo "ours: in-process medians from laid-out geometry (lay+…: plus the layout); dot: one process,"
echo "wall time including its layout and start-up (best of $DOT_RUNS). dot png 192: -Gdpi=192 (our scale 2)."
