//! Browser fidelity: headless Chromium draws each bundled SVG the way our PNG does.
//!
//! Measure: both images are compared pixel by pixel over RGB; the test asserts the mean
//! absolute difference stays under 0.5% of full scale and that at least 99% of pixels are
//! within 40 levels on every channel. Antialiasing differs between Skia in Chromium and
//! tiny-skia, so edges are never identical: measured on the seven scenarios, the mean is
//! 0.11–0.33% and 99.15–99.9% of pixels are within bounds (the same with the whole faces
//! embedded as with the subsets `embed_font` writes). The same SVG without the embedded
//! font (Chromium falling back to another sans-serif) measures 0.66–1.25% and 97.5–98.7%,
//! so a wrong font, a missing box or a moved label fails. On failure a diff image is
//! written to `tests/current/`.
//!
//! Chromium comes from Debian's `chromium` package (`.ci/run` installs it). Without it the
//! test passes with a note outside CI, and fails under `CI`.

use std::path::{Path, PathBuf};
use std::process::Command;

use refarch::render::{PngOptions, SvgOptions, Theme};
use refarch::{Format, Options};
use resvg::tiny_skia::Pixmap;

use crate::util::{bundled_scenarios, compare};

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            let ok = Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success());
            ok.then(|| PathBuf::from(name))
        })
}

/// Screenshots `svg` (width × height CSS pixels) in headless Chromium.
fn screenshot(browser: &Path, dir: &Path, svg: &str, width: u32, height: u32) -> Pixmap {
    let page = dir.join("page.html");
    let shot = dir.join("shot.png");
    std::fs::write(
        &page,
        format!(
            "<!doctype html><html><body style=\"margin:0;background:#fff\">{svg}</body></html>"
        ),
    )
    .expect("write page");
    let profile = tempfile::tempdir().expect("profile dir");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--force-color-profile=srgb",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--window-size={width},{height}"))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        shot.exists(),
        "no screenshot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Pixmap::decode_png(&std::fs::read(&shot).expect("read screenshot")).expect("decode screenshot")
}

#[test]
fn chromium_matches_our_png() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is missing under CI"
        );
        eprintln!("skipped: chromium is not installed (apt-get install chromium)");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let files = bundled_scenarios();
    assert_eq!(files.len(), 7);
    let mut failures = Vec::new();
    for path in files {
        let checked = refarch::check_path(&path);
        let model = checked.model.expect("bundled scenarios are valid");
        // The browser has no Inter installed: the SVG carries the font itself.
        let svg_options = SvgOptions {
            theme: Theme::Light,
            embed_font: true,
            ..SvgOptions::default()
        };
        let options = Options {
            svg: svg_options.clone(),
            png: PngOptions {
                svg: svg_options,
                ..PngOptions::default()
            },
            ..Options::default()
        };
        let diagram = refarch::diagram(&model, &options.layout);
        let svg = String::from_utf8(refarch::draw(&diagram, Format::Svg, &options).expect("svg"))
            .expect("utf-8");
        let ours =
            Pixmap::decode_png(&refarch::draw(&diagram, Format::Png, &options).expect("png"))
                .expect("decode");
        let theirs = screenshot(&browser, dir.path(), &svg, ours.width(), ours.height());
        let diff_path = Path::new("current").join(format!("{}-browser-diff.png", model.id()));
        let d = compare(&ours, &theirs);
        eprintln!(
            "{}: mean difference {:.4}, {:.2}% of pixels within 40 levels",
            model.id(),
            d.mean,
            d.within * 100.0
        );
        if !d.acceptable() {
            d.save(&diff_path);
            failures.push(format!(
                "{}: mean {:.4}, within {:.4} (diff: {})",
                model.id(),
                d.mean,
                d.within,
                diff_path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
