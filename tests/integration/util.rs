//! Shared test helpers.

use std::path::{Path, PathBuf};

use resvg::tiny_skia::Pixmap;

/// The seven bundled scenario files, sorted by name.
pub(crate) fn bundled_scenarios() -> Vec<PathBuf> {
    ron_files("../scenarios")
}

/// The `.ron` files in folder `dir` (relative to `tests/`), sorted by name.
pub(crate) fn ron_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

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

/// How far two images are apart.
pub(crate) struct Difference {
    /// Mean absolute difference over RGB, 0 to 1.
    pub(crate) mean: f64,
    /// Share of pixels within 40 levels on every channel.
    pub(crate) within: f64,
    /// Red where the images differ, brighter for larger differences.
    image: Pixmap,
}

impl Difference {
    /// Whether the images count as the same drawing: mean under 0.5%, 99% of pixels close.
    pub(crate) fn acceptable(&self) -> bool {
        self.mean < 0.005 && self.within >= 0.99
    }

    /// Writes the diff image (creating its folder).
    pub(crate) fn save(&self, path: &Path) {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = self.image.save_png(path);
    }
}

/// Compares two images pixel by pixel over their common area; a size mismatch counts every
/// missing pixel as entirely different.
pub(crate) fn compare(a: &Pixmap, b: &Pixmap) -> Difference {
    let (w, h) = (a.width().min(b.width()), a.height().min(b.height()));
    let mut image = Pixmap::new(w.max(1), h.max(1)).expect("diff pixmap");
    let (mut total, mut close) = (0u64, 0u64);
    for y in 0..h {
        for x in 0..w {
            let pa = a.pixel(x, y).expect("in a").demultiply();
            let pb = b.pixel(x, y).expect("in b").demultiply();
            let d = [
                pa.red().abs_diff(pb.red()),
                pa.green().abs_diff(pb.green()),
                pa.blue().abs_diff(pb.blue()),
            ];
            total += d.iter().map(|&v| u64::from(v)).sum::<u64>();
            let worst = d.into_iter().max().unwrap_or(0);
            if worst <= 40 {
                close += 1;
            }
            let i = (y * w + x) as usize * 4;
            image.data_mut()[i..i + 4].copy_from_slice(&[worst.saturating_mul(4), 0, 0, 255]);
        }
    }
    let all = f64::from(a.width().max(b.width())) * f64::from(a.height().max(b.height()));
    let missing = all - f64::from(w) * f64::from(h);
    Difference {
        mean: (total as f64 / (3.0 * 255.0) + missing) / all.max(1.0),
        within: close as f64 / all.max(1.0),
        image,
    }
}
