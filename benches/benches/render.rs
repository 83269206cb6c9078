//! Criterion groups `svg`, `png` (scale 1 and 2) and `pdf`: drawing the seven bundled
//! scenarios from their laid-out geometry (layout excluded), with the default options; `svg`
//! also draws dense models (see `refarch_benches::dense_ron`), up to the default limits of
//! 2,000 components, 1,000 zones and 4,000 links, where boundary gates dominate.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use refarch::layout::{Diagram, LayoutOptions};
use refarch::render::PngOptions;
use refarch::{Format, Options};

/// The command line's allocator, so the times are the ones it gets.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn diagrams() -> Vec<(String, Diagram)> {
    refarch_benches::bundled()
        .into_iter()
        .map(|(name, model)| {
            let d = refarch::diagram(&model, &LayoutOptions::default());
            (name, d)
        })
        .collect()
}

fn draw(d: &Diagram, format: Format, options: &Options) -> Vec<u8> {
    match refarch::draw(d, format, options) {
        Ok(bytes) => bytes,
        Err(e) => panic!("{format:?}: {e}"),
    }
}

fn svg(c: &mut Criterion) {
    let options = Options::default();
    let mut group = c.benchmark_group("svg");
    for (name, d) in diagrams() {
        group.bench_with_input(BenchmarkId::from_parameter(&name), &d, |b, d| {
            b.iter(|| draw(black_box(d), Format::Svg, &options));
        });
    }
    for (n, z, l) in [(500, 250, 1_000), (2_000, 1_000, 4_000)] {
        let text = refarch_benches::dense_ron(n, z, l, 42);
        let Some(model) = refarch::check("dense.ron", &text, &Default::default()).model else {
            panic!("the dense model {n}x{z}x{l} does not validate");
        };
        let d = refarch::diagram(&model, &LayoutOptions::default());
        group.measurement_time(Duration::from_secs(if n >= 2_000 { 10 } else { 3 }));
        group.bench_with_input(
            BenchmarkId::new("dense", format!("{n}x{z}x{l}")),
            &d,
            |b, d| {
                b.iter(|| draw(black_box(d), Format::Svg, &options));
            },
        );
    }
    group.finish();
}

fn png(c: &mut Criterion) {
    let mut group = c.benchmark_group("png");
    let all = diagrams();
    for scale in [1.0, 2.0] {
        let options = Options {
            png: PngOptions {
                scale,
                ..PngOptions::default()
            },
            ..Options::default()
        };
        for (name, d) in &all {
            group.bench_with_input(
                BenchmarkId::new(format!("scale{scale}"), name),
                d,
                |b, d| {
                    b.iter(|| draw(black_box(d), Format::Png, &options));
                },
            );
        }
    }
    group.finish();
}

fn pdf(c: &mut Criterion) {
    let options = Options::default();
    let mut group = c.benchmark_group("pdf");
    for (name, d) in diagrams() {
        group.bench_with_input(BenchmarkId::from_parameter(&name), &d, |b, d| {
            b.iter(|| draw(black_box(d), Format::Pdf, &options));
        });
    }
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
}

criterion_group! {
    name = benches;
    config = config();
    targets = svg, png, pdf
}
criterion_main!(benches);
