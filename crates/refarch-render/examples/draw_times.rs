//! Times `svg`, `png` (scale 1 and 2) and `pdf` on geometry JSON files
//! (`refarch render --format json` output) and prints sizes.
//!
//! ```text
//! cargo run --release -p refarch-render --example draw_times -- out/*.json
//! ```

use std::time::Instant;

use refarch_layout::Diagram;
use refarch_render::{PdfOptions, PngOptions, SvgOptions, pdf, png, svg};

fn time<T>(runs: u32, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut out = f();
    let start = Instant::now();
    for _ in 0..runs {
        out = f();
    }
    (
        start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs),
        out,
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!(
        "scenario                      svg ms  svg KB   png1 ms  png2 ms  png2 KB   pdf ms  pdf KB"
    );
    for path in std::env::args().skip(1) {
        let d: Diagram = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
        let (svg_ms, text) = time(50, || svg(&d, &SvgOptions::default()));
        if let Some(n) = std::env::var_os("MEASURE_SVG_ONLY") {
            let n: u32 = n.to_str().and_then(|s| s.parse().ok()).unwrap_or(1000);
            let (ms, _) = time(n, || svg(&d, &SvgOptions::default()));
            println!("{}: svg {ms:.3} ms", d.scenario);
            continue;
        }
        if std::env::var_os("MEASURE_SVG_PARTS").is_some() {
            let bare = SvgOptions {
                header: false,
                legend: false,
                ..SvgOptions::default()
            };
            let (bare_ms, _) = time(50, || svg(&d, &bare));
            let no_links = Diagram {
                links: vec![],
                ..d.clone()
            };
            let (nolinks_ms, _) = time(50, || svg(&no_links, &bare));
            eprintln!(
                "{}: bare {bare_ms:.3} ms, bare without links {nolinks_ms:.3} ms",
                d.scenario
            );
        }
        let opts = usvg::Options::default();
        let tree = usvg::Tree::from_str(&text, &opts)?;
        let (b, size) = (tree.root().abs_stroke_bounding_box(), tree.size());
        if b.left() < 0.0 || b.top() < 0.0 || b.right() > size.width() || b.bottom() > size.height()
        {
            eprintln!(
                "{}: drawing {b:?} exceeds the view box {size:?}",
                d.scenario
            );
        }
        let (png1_ms, _) = time(3, || png(&d, &PngOptions::default()));
        let two = PngOptions {
            scale: 2.0,
            ..PngOptions::default()
        };
        let (png2_ms, png2) = time(3, || png(&d, &two));
        let small = PngOptions {
            compression: refarch_render::PngCompression::Small,
            ..two.clone()
        };
        let (small_ms, small_png) = time(3, || png(&d, &small));
        eprintln!(
            "{}: png2 small {small_ms:.1} ms {:.1} KB",
            d.scenario,
            small_png?.len() as f64 / 1024.0
        );
        let (pdf_ms, doc) = time(3, || pdf(&[&d], &PdfOptions::default()));
        println!(
            "{:<28} {svg_ms:>7.3} {:>7.1} {png1_ms:>8.1} {png2_ms:>8.1} {:>8.1} {pdf_ms:>8.1} {:>7.1}",
            d.scenario,
            text.len() as f64 / 1024.0,
            png2?.len() as f64 / 1024.0,
            doc?.len() as f64 / 1024.0
        );
    }
    Ok(())
}
