//! Prints a seeded dense model (random links across deeply nested zones) as a scenario file:
//! the hostile end of the input limits, for measuring time and memory with `/usr/bin/time -v`.
//!
//! `cargo run -p refarch-benches --example dense -- COMPONENTS ZONES LINKS [SEED]`
//! (seed 1 by default).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let (Some(&c), Some(&z), Some(&l)) = (args.first(), args.get(1), args.get(2)) else {
        eprintln!("usage: dense COMPONENTS ZONES LINKS [SEED]");
        return ExitCode::from(2);
    };
    let seed = args.get(3).copied().unwrap_or(1);
    print!("{}", refarch_benches::dense_ron(c, z, l, seed as u64));
    ExitCode::SUCCESS
}
