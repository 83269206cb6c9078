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
#    `timings` example), `refarch layout FILE` wall time (one process, best of 3), the
#    `dot -Tjson` wall time (one process, best of DOT_RUNS), dot's time over ours, and the
#    link crossings of both: ours from `refarch layout --metrics` (field `crossings`), dot's
#    from its -Tjson splines by benches/dot_crossings.py (flattened curves; in brackets the
#    coarser control-polygon count).
# 2. Drawing, per bundled scenario: our SVG, PNG (scale 1 and 2) and PDF times from laid-out
#    geometry (in-process medians), our layout + drawing, and `dot -Tsvg` / `dot -Tpng`
#    (96 dpi, and 192 dpi for scale 2) wall times, which include dot's layout and start-up;
#    `refarch render --format png --scale 2` wall time (one process, like dot), and dot's
#    192-dpi PNG time over ours, in-process and whole-CLI.
#
# Environment: SIZES (synthetic sizes), SEED (42), DOT_RUNS (3; 1 for models over 500
# components), DOT_TIMEOUT (seconds per dot run, 900), DOT_MAX (skip dot for models with more
# components; dot took over 25 minutes on the 1,000-component model on a busy 2-core machine),
# KEEP=1 keeps the temp folder.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SIZES=${SIZES:-"50 200 1000 3000"}
SEED=${SEED:-42}
DOT_RUNS=${DOT_RUNS:-3}
DOT_TIMEOUT=${DOT_TIMEOUT:-900}

source "$ROOT/benches/need.sh"
need dot graphviz
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 3; }

echo "building (release)..." >&2
cargo build --release --quiet -p refarch-cli -p refarch-benches --examples --bins >&2
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}/release
REFARCH=$TARGET/refarch
TIMINGS=$TARGET/examples/timings
SYNTH=$TARGET/examples/synth

TMP=$(mktemp -d "${TMPDIR:-/tmp}/refarch-compare.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then echo "temp folder: $TMP" >&2; else trap 'rm -rf "$TMP"' EXIT; fi

# Milliseconds since the epoch, with fractions.
now_ms() { echo $(( $(date +%s%N) / 1000 )); }   # microseconds, really
# Best wall time in ms of N runs of a command (stdout to /dev/null); "timeout" or "failed".
best_ms() {
    local runs=$1; shift
    local best=""
    for _ in $(seq "$runs"); do
        local t0 t1
        t0=$(now_ms)
        local rc=0
        timeout "$DOT_TIMEOUT" "$@" >/dev/null 2>>"$TMP/stderr.log" || rc=$?
        if [ "$rc" = 124 ]; then echo "timeout"; return; fi
        if [ "$rc" != 0 ]; then echo "failed"; return; fi
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

# DOT export: through the CLI, or the timings example's own export when the CLI has none.
for m in "${MODELS[@]}"; do
    dotfile=${m%.ron}.dot
    if ! "$REFARCH" export --format dot "$m" > "$dotfile" 2>>"$TMP/stderr.log"; then
        echo "note: \`refarch export\` refused $(basename "$m"); exporting through the timings example" >&2
        "$TIMINGS" --export "$TMP" "$m" >/dev/null
    fi
done

# Prints a tab-separated file as an aligned Markdown table (first line: the header).
table() {
    python3 - "$1" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
w = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
def line(r):
    return "| " + " | ".join(c.ljust(w[i]) if i == 0 else c.rjust(w[i]) for i, c in enumerate(r)) + " |"
print(line(rows[0]))
print("|" + "|".join("-" * (x + 2) for x in w) + "|")
for r in rows[1:]:
    print(line(r))
PY
}
num() { awk -v x="$1" -v f="$2" 'BEGIN { if (x == "" || x == "-" || x == "timeout" || x == "failed") print (x == "" ? "-" : x); else printf f, x }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.1f×", a / b; else print "-" }'; }
# dot's time over ours; when dot timed out, its time is at least DOT_TIMEOUT, so the ratio is
# a lower bound (">").
dot_ratio() {
    if [ "$1" = timeout ]; then echo ">$(ratio "$((DOT_TIMEOUT * 1000))" "$2")"; else ratio "$1" "$2"; fi
}

echo >&2 "timing layouts..."
ROWS=$TMP/layout.tsv
printf 'model\tcomps\tlinks\tours ms\tours cli ms\tdot -Tjson ms\tdot/ours\tdot/cli\tours crossings\tours as hinted\tdot crossings (poly)\tour faults\n' > "$ROWS"
# Crossings from `refarch layout --metrics [FLAGS] MODEL`, empty when the CLI refuses it.
cli_crossings() {
    "$REFARCH" layout --metrics "$@" 2>>"$TMP/stderr.log" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["crossings"])' 2>/dev/null || true
}
for m in "${MODELS[@]}"; do
    name=$(basename "${m%.ron}")
    echo >&2 "  $name"
    ours=$("$TIMINGS" "$m" 2>>"$TMP/stderr.log" || true)
    if [ -z "$ours" ]; then
        printf '%s\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-\n' "$name" >> "$ROWS"; continue
    fi
    comps=$(field "$ours" components); links=$(field "$ours" links)
    layout_ms=$(field "$ours" layout_ms); faults=$(field "$ours" faults)
    cli_ms=$(best_ms 3 "$REFARCH" layout "$m")
    # The CLI refuses models over its default limits (2,000 components): then the same
    # metrics function, in-process, marked with *.
    ours_x=$(cli_crossings "$m"); ours_x=${ours_x:-"$(field "$ours" crossings)*"}
    hinted_x=$(cli_crossings --as-hinted "$m"); hinted_x=${hinted_x:--}
    runs=$DOT_RUNS; [ "$comps" -gt 500 ] && runs=1
    if [ -n "${DOT_MAX:-}" ] && [ "$comps" -gt "$DOT_MAX" ]; then
        dot_ms=skipped
    else
        dot_ms=$(best_ms "$runs" dot -Tjson "${m%.ron}.dot" -o "${m%.ron}.json")
    fi
    dot_x=-
    if [[ "$dot_ms" =~ ^[0-9.]+$ ]]; then
        read -r curve poly < <(python3 "$ROOT/benches/dot_crossings.py" "${m%.ron}.json")
        dot_x="$curve ($poly)"
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$comps" "$links" \
        "$(num "$layout_ms" %.3f)" "$cli_ms" "$dot_ms" "$(dot_ratio "$dot_ms" "$layout_ms")" \
        "$(dot_ratio "$dot_ms" "$cli_ms")" "$ours_x" "$hinted_x" "$dot_x" "$faults" >> "$ROWS"
done

echo >&2 "timing drawing..."
DRAW=$TMP/draw.tsv
printf 'scenario\tsvg ms\tpng×1 ms\tpng×2 ms\tpdf ms\tlayout+svg\tlayout+png×2\tcli png×2\tdot -Tsvg\tdot -Tpng\tdot -Tpng 192dpi\tdot192/(layout+png×2)\tdot192/cli png×2\n' > "$DRAW"
for f in scenarios/*.ron; do
    m="$TMP/$(basename "$f")"
    name=$(basename "${m%.ron}")
    echo >&2 "  $name"
    ours=$("$TIMINGS" --render "$m" 2>>"$TMP/stderr.log" || true)
    if [ -n "$ours" ]; then
        lay=$(field "$ours" layout_ms); svg=$(field "$ours" svg_ms); png1=$(field "$ours" png1_ms)
        png2=$(field "$ours" png2_ms); pdf=$(field "$ours" pdf_ms)
    else
        lay=-; svg=-; png1=-; png2=-; pdf=-
    fi
    dsvg=$(best_ms "$DOT_RUNS" dot -Tsvg "${m%.ron}.dot" -o "$TMP/dot.svg")
    dpng=$(best_ms "$DOT_RUNS" dot -Tpng "${m%.ron}.dot" -o "$TMP/dot.png")
    dpng2=$(best_ms "$DOT_RUNS" dot -Tpng -Gdpi=192 "${m%.ron}.dot" -o "$TMP/dot2.png")
    # Our whole CLI at scale 2, one process like dot: start-up, parsing, checking, layout,
    # drawing and writing the file (and the file's variants, where it has any).
    cli2=$(best_ms "$DOT_RUNS" "$REFARCH" render --format png --scale 2 -o "$TMP/cli-png" "$m")
    sum() { awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN { if (a == "-" || b == "-") print "-"; else printf f, a + b }'; }
    lay_png2=$(sum "$lay" "$png2" %.1f)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$(num "$svg" %.3f)" \
        "$(num "$png1" %.1f)" "$(num "$png2" %.1f)" "$(num "$pdf" %.1f)" "$(sum "$lay" "$svg" %.3f)" \
        "$lay_png2" "$cli2" "$dsvg" "$dpng" "$dpng2" "$(ratio "$dpng2" "$lay_png2")" \
        "$(ratio "$dpng2" "$cli2")" >> "$DRAW"
done

echo
echo "## Layout: refarch vs dot -Tjson ($(dot -V 2>&1 | sed 's/^dot - //'), $(nproc) cores)"
echo
table "$ROWS"
echo
echo "ours ms: in-process median of repeated layouts. ours cli, dot -Tjson: one process each, wall"
echo "time including start-up and file I/O (best of 3; dot: best of $DOT_RUNS, 1 run over 500"
echo "components; \"timeout\" after DOT_TIMEOUT=${DOT_TIMEOUT} s). dot/ours, dot/cli: dot's time over"
echo "ours (\">\": dot timed out, so the ratio is at least this). Crossings: ours from"
echo "\`refarch layout --metrics\` (* in-process, same function, where the CLI refuses the model"
echo "as over its 2,000-component limit: then ours cli is \"failed\"); as hinted: with"
echo "\`--as-hinted\`, the file's direction and hints only, like dot (no page-shape search, which"
echo "trades crossings for a larger scale); dot's from its splines flattened (control polygons"
echo "in brackets)."
echo
echo "## Drawing: refarch vs dot -Tsvg / -Tpng (bundled scenarios, times in ms)"
echo
table "$DRAW"
echo
echo "svg/png/pdf: our in-process medians from laid-out geometry; layout+…: plus our layout. dot:"
echo "one process, wall time including its layout and start-up (best of $DOT_RUNS); 192dpi is"
echo "-Gdpi=192, the pixel size of our scale 2. cli png×2: \`refarch render --format png --scale 2\`,"
echo "one process, wall time (best of $DOT_RUNS; includes the file's variants). dot192/…: dot -Tpng"
echo "-Gdpi=192 time over ours (above 1× means ours is faster). Our PNGs use the default"
echo "PngCompression::Fast (fdeflate, adaptive row filters; dot uses zlib through cairo)."

