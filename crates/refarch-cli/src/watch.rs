//! `refarch watch`: re-render on save, print diagnostics, keep going.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};
use refarch::Options;

use crate::args::WatchArgs;
use crate::emit::emit;
use crate::render::render_one;
use crate::term;

pub(crate) fn run(args: &WatchArgs) -> Result<u8> {
    let mut options = Options::default();
    options.svg.theme = args.theme.theme();
    let mut formats: Vec<_> = args.format.iter().map(|f| f.format()).collect();
    formats.sort();
    formats.dedup();

    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).context("cannot watch files")?;
    for path in &args.paths {
        watcher
            .watch(path, RecursiveMode::NonRecursive)
            .with_context(|| format!("cannot watch {}", path.display()))?;
    }
    for file in refarch::scenario_files(&args.paths)? {
        build(&file, &formats, &options, &args.out);
    }
    eprintln!("watching {} (Ctrl-C to stop)", display(&args.paths));
    while let Ok(event) = rx.recv() {
        let mut changed: Vec<PathBuf> = Vec::new();
        let mut collect = |e: notify::Result<notify::Event>| {
            if let Ok(e) = e
                && (e.kind.is_modify() || e.kind.is_create())
            {
                changed.extend(e.paths.into_iter().filter(|p| is_scenario(p)));
            }
        };
        collect(event);
        // Editors save in several steps: gather what arrives in the next moment too.
        while let Ok(e) = rx.recv_timeout(Duration::from_millis(150)) {
            collect(e);
        }
        changed.sort();
        changed.dedup();
        for file in changed {
            build(&file, &formats, &options, &args.out);
        }
    }
    Ok(crate::EXIT_OK)
}

fn is_scenario(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "ron") && p.is_file()
}

/// Renders one file and reports; errors are printed, never fatal.
fn build(file: &Path, formats: &[refarch::Format], options: &Options, out: &Path) {
    let r = render_one(file, formats, options, false);
    if !r.checked.diagnostics.is_empty() {
        eprint!(
            "{}",
            r.checked
                .source
                .render(&r.checked.diagnostics, term::stderr_style())
        );
    }
    if let Some(e) = &r.error {
        eprintln!("refarch: error: {}: {e}", file.display());
    }
    let outputs: Vec<_> = r
        .outputs
        .into_iter()
        .map(|(name, bytes)| (out.join(name), bytes))
        .collect();
    match emit(&outputs, false, false) {
        Ok(_) if !r.checked.has_errors() => {
            eprintln!(
                "{}: {} file(s) written to {}",
                file.display(),
                outputs.len(),
                out.display()
            );
        }
        Ok(_) => eprintln!("{}: not rendered (errors above)", file.display()),
        Err(e) => eprintln!("refarch: error: {e:#}"),
    }
}

fn display(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
