//! The `refarch` command line: check, lay out and render architecture diagrams.
//!
//! All logic lives in the libraries; this binary turns arguments into calls and results
//! into output and an exit code.

mod args;
mod check;
mod explain;
mod layout;
mod render;
mod term;
mod write;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

/// Exit code: success.
const EXIT_OK: u8 = 0;
/// Exit code: invalid input (errors in a scenario) or stale outputs.
const EXIT_INVALID: u8 = 1;
/// Exit code: usage error (clap uses it too).
const EXIT_USAGE: u8 = 2;
/// Exit code: an output could not be written, or an internal failure.
const EXIT_FAILURE: u8 = 3;

fn main() -> ExitCode {
    // clap exits with 2 on usage errors by itself.
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(a) => check::run(&a),
        Command::Render(a) => render::run(&a),
        Command::Layout(a) => layout::run(&a),
        Command::Explain(a) => explain::run(&a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("refarch: error: {e:#}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}
