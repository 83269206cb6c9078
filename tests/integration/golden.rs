//! Golden outputs of the seven bundled scenarios: the SVG byte for byte, and a reference PNG
//! at scale 0.5 compared with a tolerance (the measure of [`crate::util::compare`]).
//!
//! A changed drawing fails here until it is looked at and re-blessed with
//! `REFARCH_BLESS=1 cargo test -p refarch-tests golden` (refused under `CI`). Failing
//! outputs and a diff image go to `tests/current/`.

use std::path::Path;

use refarch::render::PngOptions;
use refarch::{Format, Options};
use resvg::tiny_skia::Pixmap;

use crate::util::{bless_or_compare, bundled_scenarios, compare};

/// Renders one bundled scenario; returns its id (the file stem) and the bytes.
fn render(path: &Path, format: Format, options: &Options) -> (String, Vec<u8>) {
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("name")
        .to_owned();
    let text = std::fs::read_to_string(path).expect("read");
    let bytes = refarch::render(&path.display().to_string(), &text, format, options)
        .expect("bundled scenarios render");
    (id, bytes)
}

fn blessing() -> bool {
    std::env::var_os("REFARCH_BLESS").is_some_and(|v| v == "1")
}

#[test]
fn svgs_match_golden_files() {
    let mut failures = Vec::new();
    for path in bundled_scenarios() {
        let (id, svg) = render(&path, Format::Svg, &Options::default());
        let svg = String::from_utf8(svg).expect("utf-8");
        let golden = Path::new("golden").join(format!("{id}.svg"));
        if let Err(diff) = bless_or_compare(&golden, &svg) {
            let current = Path::new("current").join(format!("{id}.svg"));
            let _ = std::fs::create_dir_all("current");
            let _ = std::fs::write(&current, &svg);
            let first = diff.lines().take(6).collect::<Vec<_>>().join("\n");
            failures.push(format!(
                "{id}.svg differs (now in {}):\n{first}",
                current.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn pngs_match_reference_images() {
    let mut failures = Vec::new();
    for path in bundled_scenarios() {
        let options = Options {
            png: PngOptions {
                scale: 0.5,
                ..PngOptions::default()
            },
            ..Options::default()
        };
        let (id, png) = render(&path, Format::Png, &options);
        let reference = Path::new("golden").join(format!("{id}.png"));
        if blessing() {
            assert!(
                std::env::var_os("CI").is_none(),
                "refusing to re-bless under CI"
            );
            std::fs::write(&reference, &png).expect("write reference");
            continue;
        }
        let want = Pixmap::decode_png(&std::fs::read(&reference).expect("reference PNG exists"))
            .expect("decode");
        let got = Pixmap::decode_png(&png).expect("decode ours");
        let d = compare(&want, &got);
        if !d.acceptable() || (want.width(), want.height()) != (got.width(), got.height()) {
            let _ = std::fs::create_dir_all("current");
            let _ = std::fs::write(Path::new("current").join(format!("{id}.png")), &png);
            let diff = Path::new("current").join(format!("{id}-diff.png"));
            d.save(&diff);
            failures.push(format!(
                "{id}.png: mean {:.4}, {:.2}% within, {}x{} vs {}x{} (diff: {})",
                d.mean,
                d.within * 100.0,
                got.width(),
                got.height(),
                want.width(),
                want.height(),
                diff.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
