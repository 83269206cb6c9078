//! Prints a seeded synthetic deployment as a scenario file (RON).
//!
//! `cargo run -p refarch-benches --example synth -- COMPONENTS [SEED]` (seed 42 by default).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parse = |i: usize, default: Option<u64>| -> Option<u64> {
        match args.get(i) {
            Some(a) => a.parse().ok(),
            None => default,
        }
    };
    let (Some(n), Some(seed)) = (parse(0, None), parse(1, Some(42))) else {
        eprintln!("usage: synth COMPONENTS [SEED]");
        return ExitCode::from(2);
    };
    print!("{}", refarch_benches::synthetic_ron(n as usize, seed));
    ExitCode::SUCCESS
}
