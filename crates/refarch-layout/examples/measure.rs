//! Lays out seeded synthetic models and prints their metrics and timing.
//!
//! `cargo run --release -p refarch-layout --example measure -- [N...]`

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

use refarch_layout::{ApproxMeasure, LayoutOptions, layout, metrics};

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if args.is_empty() {
        vec![50, 200, 1000, 3000]
    } else {
        args
    };
    for n in sizes {
        let m = common::synthetic(n, 42);
        let t = Instant::now();
        let d = layout(&m, &LayoutOptions::default(), &ApproxMeasure);
        let el = t.elapsed();
        let mt = metrics(&d);
        println!(
            "n={n:5} time={:8.2}ms faults={} crossings={} bends={} size={:.0}x{:.0} aspect={:.2} scale={:.2} {:?}",
            el.as_secs_f64() * 1e3,
            mt.faults.total(),
            mt.crossings,
            mt.bends,
            mt.width,
            mt.height,
            mt.aspect_ratio,
            mt.legibility_scale,
            if mt.faults.total() > 0 {
                Some(&mt.faults)
            } else {
                None
            },
        );
    }
}
