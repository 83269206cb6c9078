//! Times refarch in-process on scenario files, for `benches/compare.sh`.
//!
//! `cargo run --release -p refarch-benches --example timings -- [--render] [--export DIR] FILE...`
//!
//! Each file is loaded once (without the loader's size limits), then laid out repeatedly (at least 3 runs, up to ~2 s); with
//! `--render` its SVG, PNG (scale 1 and 2) and PDF are drawn repeatedly too. One JSON object
//! per file goes to stdout: `name`, `components`, `links`, the median times in milliseconds
//! (`layout_ms`, and `svg_ms`, `png1_ms`, `png2_ms`, `pdf_ms` with `--render`), and the
//! layout's `crossings` and hard `faults` from `refarch::layout::metrics`. With `--export DIR`
//! the model is also written there as `<name>.dot` (for when the CLI is not at hand).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use refarch::layout::LayoutOptions;
use refarch::render::PngOptions;
use refarch::{ExportFormat, Format, Options};

/// The command line's allocator, so the times are the ones it gets.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Median wall time of `f` in milliseconds: at least 3 runs, more while under the budget.
fn time<T>(mut f: impl FnMut() -> T) -> f64 {
    let budget = Duration::from_secs(2);
    let start = Instant::now();
    let mut samples = Vec::new();
    while samples.len() < 3 || (start.elapsed() < budget && samples.len() < 200) {
        let t = Instant::now();
        std::hint::black_box(f());
        samples.push(t.elapsed().as_secs_f64() * 1e3);
    }
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() -> ExitCode {
    let mut render = false;
    let mut export_dir: Option<PathBuf> = None;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--render" => render = true,
            "--export" => export_dir = args.next().map(PathBuf::from),
            _ => files.push(PathBuf::from(a)),
        }
    }
    if files.is_empty() {
        eprintln!("usage: timings [--render] [--export DIR] FILE...");
        return ExitCode::from(2);
    }
    let mut status = ExitCode::SUCCESS;
    for file in &files {
        // No size limits: the 3,000-component model is over the CLI's default of 2,000.
        let checked = refarch::core::check_path_with(file, &refarch::core::Limits::unlimited());
        let Some(model) = checked.model else {
            eprintln!("{}: invalid scenario", file.display());
            status = ExitCode::from(1);
            continue;
        };
        let name = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(dir) = &export_dir {
            let path = Path::new(dir).join(format!("{name}.dot"));
            if let Err(e) = std::fs::write(&path, refarch::export(&model, ExportFormat::Dot)) {
                eprintln!("{}: {e}", path.display());
                return ExitCode::from(3);
            }
        }
        let options = LayoutOptions::default();
        let layout_ms = time(|| refarch::diagram(&model, &options));
        let diagram = refarch::diagram(&model, &options);
        let metrics = refarch::layout::metrics(&diagram);
        let mut out = serde_json::json!({
            "name": name,
            "components": model.components().len(),
            "links": model.links().len(),
            "layout_ms": layout_ms,
            "crossings": metrics.crossings,
            "faults": metrics.faults.total(),
        });
        if render {
            let png2 = Options {
                png: PngOptions {
                    scale: 2.0,
                    ..PngOptions::default()
                },
                ..Options::default()
            };
            let plain = Options::default();
            for (key, format, opts) in [
                ("svg_ms", Format::Svg, &plain),
                ("png1_ms", Format::Png, &plain),
                ("png2_ms", Format::Png, &png2),
                ("pdf_ms", Format::Pdf, &plain),
            ] {
                if let Err(e) = refarch::draw(&diagram, format, opts) {
                    eprintln!("{name}: {format:?}: {e}");
                    status = ExitCode::from(3);
                    continue;
                }
                out[key] = time(|| refarch::draw(&diagram, format, opts)).into();
            }
        }
        println!("{out}");
    }
    status
}
