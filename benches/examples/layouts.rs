//! Lays one scenario out `1 + N` times in one process: the first layout warms the text
//! measure's cache, the other `N` are timed. Prints the best and the median time in
//! milliseconds on stderr, `best median`.
//!
//! `cargo run --release -p refarch-benches --example layouts -- FILE [N]` (N is 10 by default).
//!
//! `benches/scaling.sh` runs it under callgrind with N = 1 and N = 2: the difference is the
//! instruction count of one warm layout, which, unlike time, repeats on a busy machine.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use refarch::layout::LayoutOptions;

/// The command line's allocator, so the times are the ones it gets.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(file), Some(n)) = (
        args.first(),
        args.get(1).map_or(Some(10), |a| a.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: layouts FILE [N]");
        return ExitCode::from(2);
    };
    // No size limits: the 3,000-component model is over the CLI's default of 2,000.
    let checked =
        refarch::core::check_path_with(Path::new(file), &refarch::core::Limits::unlimited());
    let Some(model) = checked.model else {
        eprintln!("{file}: invalid scenario");
        return ExitCode::from(1);
    };
    let options = LayoutOptions::default();
    std::hint::black_box(refarch::diagram(&model, &options));
    let mut times: Vec<f64> = (0..n)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(refarch::diagram(&model, &options));
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    if let (Some(best), Some(median)) = (times.first(), times.get(times.len() / 2)) {
        eprintln!("{best:.2} {median:.2}");
    }
    ExitCode::SUCCESS
}
