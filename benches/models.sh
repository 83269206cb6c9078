# Sourced by the bench scripts that run the `layouts` example, after ROOT, SIZES and SEED are
# set: builds the examples, sets TARGET (the release directory) and TMP (a scratch directory,
# removed on exit), and fills FILES with the scenario files given as arguments, or else with
# the synthetic models of SIZES components (seed SEED), written to TMP.
#
#   source "$ROOT/benches/models.sh" "$@"
echo "building (release)..." >&2
cargo build --release --quiet -p refarch-benches --examples >&2
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}/release
TMP=$(mktemp -d "${TMPDIR:-/tmp}/refarch-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

if [ $# -gt 0 ]; then
    FILES=("$@")
else
    FILES=()
    for n in $SIZES; do
        "$TARGET/examples/synth" "$n" "$SEED" > "$TMP/synthetic-$n.ron"
        FILES+=("$TMP/synthetic-$n.ron")
    done
fi
