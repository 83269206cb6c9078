//! `refarch check`: diagnostics for every file, then a summary.

use anyhow::Result;
use refarch::core::Severity;

use crate::args::{CheckArgs, DiagnosticFormat};
use crate::{EXIT_INVALID, EXIT_OK, out, term};

pub(crate) fn run(args: &CheckArgs) -> Result<u8> {
    let files = refarch::scenario_files(&args.paths)?;
    let policy = args.policy.policy();
    let limits = args.limits.limits();
    let (mut errors, mut warnings) = (0, 0);
    let style = term::stderr_style();
    let mut checked_files = Vec::new();
    for path in &files {
        let checked = refarch::finish_check(refarch::core::check_path_with(path, &limits), &policy);
        for d in &checked.diagnostics {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
        }
        match args.format {
            DiagnosticFormat::Human => {
                eprint!("{}", checked.source.render(&checked.diagnostics, style));
            }
            DiagnosticFormat::Json => {
                for d in &checked.diagnostics {
                    out::print_line(&serde_json::to_string(&checked.source.record(d))?)?;
                }
            }
            DiagnosticFormat::Sarif => {}
        }
        checked_files.push(checked);
    }
    if args.format == DiagnosticFormat::Sarif {
        let runs: Vec<_> = checked_files
            .iter()
            .map(|c| (&c.source, c.diagnostics.as_slice()))
            .collect();
        out::print_line(&refarch::core::sarif(&runs))?;
    }
    if !args.quiet {
        let failed = if errors > 0 { "failed" } else { "ok" };
        eprintln!(
            "check {failed}: {} file{}, {errors} error{}, {warnings} warning{}",
            files.len(),
            plural(files.len()),
            plural(errors),
            plural(warnings)
        );
    }
    Ok(if errors > 0 { EXIT_INVALID } else { EXIT_OK })
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
