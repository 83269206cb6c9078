//! Shared test helpers.

use std::path::Path;

/// Compares `actual` with the committed file at `expected`. With `REFARCH_BLESS=1` (and
/// `CI` unset) the file is rewritten instead. Returns a readable diff on mismatch.
pub(crate) fn bless_or_compare(expected: &Path, actual: &str) -> Result<(), String> {
    let bless = std::env::var_os("REFARCH_BLESS").is_some_and(|v| v == "1");
    if bless {
        assert!(
            std::env::var_os("CI").is_none(),
            "refusing to re-bless under CI"
        );
        std::fs::write(expected, actual).expect("write expected file");
        return Ok(());
    }
    let want = std::fs::read_to_string(expected).map_err(|e| {
        format!(
            "cannot read {}: {e} (bless with REFARCH_BLESS=1)",
            expected.display()
        )
    })?;
    if want == actual {
        return Ok(());
    }
    let mut diff = String::new();
    for (i, (w, a)) in want.lines().zip(actual.lines()).enumerate() {
        if w != a {
            diff.push_str(&format!(
                "line {}:\n  expected: {w}\n  actual:   {a}\n",
                i + 1
            ));
        }
    }
    let (wl, al) = (want.lines().count(), actual.lines().count());
    if wl != al {
        diff.push_str(&format!("expected {wl} lines, got {al}\n"));
    }
    Err(diff)
}
