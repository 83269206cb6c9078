//! Criterion group `layout`: the seven bundled scenarios and seeded synthetic deployments of
//! 50, 200, 1,000 and 3,000 components, laid out with the bundled font's metrics.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use refarch::layout::LayoutOptions;

/// The command line's allocator, so the times are the ones it gets.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn layout(c: &mut Criterion) {
    let options = LayoutOptions::default();
    let mut group = c.benchmark_group("layout");
    for (name, model) in refarch_benches::bundled() {
        group.bench_with_input(BenchmarkId::new("scenario", &name), &model, |b, m| {
            b.iter(|| refarch::diagram(black_box(m), &options));
        });
    }
    for n in [50, 200, 1000, 3000] {
        let model = refarch_benches::synthetic_model(n, 42);
        if n >= 1000 {
            // Hundreds of milliseconds each: the minimum ten samples, no more.
            group.measurement_time(Duration::from_secs(if n >= 3000 { 12 } else { 5 }));
        }
        group.bench_with_input(BenchmarkId::new("synthetic", n), &model, |b, m| {
            b.iter(|| refarch::diagram(black_box(m), &options));
        });
    }
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = layout
}
criterion_main!(benches);
