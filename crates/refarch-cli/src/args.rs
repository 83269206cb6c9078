//! Command-line arguments (clap derive); doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Architecture diagrams with trust boundaries, from a small text model.
///
/// Exit codes: 0 success; 1 invalid input (a scenario has errors) or stale outputs;
/// 2 usage error; 3 an output could not be written or another failure.
#[derive(Debug, Parser)]
#[command(name = "refarch", version, about, long_about, max_term_width = 100)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check scenario files and print every problem found, with file, line and column.
    Check(CheckArgs),
    /// Explain a diagnostic code, e.g. `refarch explain E0007`; without a code, list all.
    Explain(ExplainArgs),
}

/// What to treat as an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Deny {
    /// Warnings count as errors (exit 1).
    Warnings,
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum DiagnosticFormat {
    /// rustc-style text with the source line and a caret.
    #[default]
    Human,
    /// One JSON object per diagnostic and line: file, line, column, severity, code,
    /// message, help.
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Scenario files, or folders whose `.ron` files are checked.
    #[arg(default_value = "scenarios")]
    pub(crate) paths: Vec<PathBuf>,
    /// Output format of the diagnostics.
    #[arg(long, value_enum, default_value_t)]
    pub(crate) format: DiagnosticFormat,
    /// Treat warnings as errors.
    #[arg(long, value_enum)]
    pub(crate) deny: Vec<Deny>,
    /// Do not print the summary line.
    #[arg(long, short)]
    pub(crate) quiet: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// The code, e.g. `E0007` (any letter case).
    pub(crate) code: Option<String>,
}
