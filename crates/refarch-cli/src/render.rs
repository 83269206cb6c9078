//! `refarch render`: scenarios to files, in parallel, atomically; or `--check` for staleness.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use refarch::core::Checked;
use refarch::layout::Diagram;
use refarch::{Format, Options};

use crate::args::{Preset, RenderArgs};
use crate::check::plural;
use crate::emit::{Outputs, emit};
use crate::{EXIT_INVALID, EXIT_OK, term};

/// One scenario file after checking and rendering in memory.
pub(crate) struct Rendered {
    pub(crate) checked: Checked,
    pub(crate) diagram: Option<Diagram>,
    /// File name and bytes of each output.
    pub(crate) outputs: Vec<(String, Vec<u8>)>,
    /// A rendering failure (e.g. the PNG pixel budget).
    pub(crate) error: Option<String>,
}

pub(crate) fn run(args: &RenderArgs) -> Result<u8> {
    let start = Instant::now();
    let files = refarch::scenario_files(&args.paths)?;
    if files.is_empty() {
        bail!("no scenario files found in {}", display_paths(&args.paths));
    }
    let options = options(args);
    let mut formats: Vec<Format> = args.format.iter().map(|f| f.format()).collect();
    formats.sort();
    formats.dedup();
    let deck = formats == [Format::Pdf] && args.out.extension().is_some_and(|e| e == "pdf");

    let bar = progress(files.len(), args.quiet);
    let rendered: Vec<Rendered> = files
        .par_iter()
        .map(|path| {
            let r = render_one(path, &formats, &options, deck);
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();

    let style = term::stderr_style();
    let mut invalid = 0;
    for r in &rendered {
        let worth_printing = !args.quiet || r.checked.has_errors();
        if !r.checked.diagnostics.is_empty() && worth_printing {
            eprint!("{}", r.checked.source.render(&r.checked.diagnostics, style));
        }
        if r.checked.has_errors() {
            invalid += 1;
        }
        if let Some(e) = &r.error {
            eprintln!("refarch: error: {}: {e}", r.checked.source.name);
            invalid += 1;
        }
    }

    let mut outputs: Outputs = Vec::new();
    if deck {
        let mut diagrams: Vec<&Diagram> =
            rendered.iter().filter_map(|r| r.diagram.as_ref()).collect();
        if let Some(toctree) = &args.toctree {
            order_by_toctree(&mut diagrams, toctree, &rendered)?;
        }
        if !diagrams.is_empty() {
            let bytes = refarch::render::pdf(&diagrams, &options.pdf)?;
            outputs.push((args.out.clone(), bytes));
        }
    } else {
        for r in rendered {
            for (name, bytes) in r.outputs {
                outputs.push((args.out.join(name), bytes));
            }
        }
    }

    let stale = emit(&outputs, args.check, args.verbose)?;
    if args.check {
        if !args.quiet {
            eprintln!(
                "check {}: {} output{} compared, {stale} stale",
                if stale + invalid > 0 { "failed" } else { "ok" },
                outputs.len(),
                plural(outputs.len())
            );
        }
        return Ok(if stale + invalid > 0 {
            EXIT_INVALID
        } else {
            EXIT_OK
        });
    }
    if !args.quiet {
        let secs = start.elapsed().as_secs_f64();
        eprintln!(
            "rendered {} scenario file{}: {} file{} written to {} in {secs:.2} s{}",
            files.len(),
            plural(files.len()),
            outputs.len(),
            plural(outputs.len()),
            args.out.display(),
            if invalid > 0 {
                format!("; {invalid} failed")
            } else {
                String::new()
            },
        );
    }
    Ok(if invalid > 0 { EXIT_INVALID } else { EXIT_OK })
}

fn options(args: &RenderArgs) -> Options {
    let mut o = Options {
        policy: args.policy.policy(),
        limits: args.limits.limits(),
        ..Options::default()
    };
    o.svg.theme = args.theme.theme();
    // A diagram is usually shown as an image, which sees none of the page's fonts.
    o.svg.embed_font = !args.no_embed_font;
    o.svg.text_as_paths = args.text_as_paths;
    o.svg.findings = args.findings;
    o.png.scale = args.scale;
    if let Some(max) = args.max_pixels {
        o.png.max_pixels = max;
    }
    o.png.transparent = args.transparent;
    args.shape.apply(&mut o.layout);
    if args.preset == Some(Preset::Slide) {
        o.pdf.slide = true;
        o.png.slide = true;
        o.layout.aspect = 16.0 / 9.0;
    }
    o
}

pub(crate) fn render_one(
    path: &Path,
    formats: &[Format],
    options: &Options,
    deck: bool,
) -> Rendered {
    let checked = refarch::finish_check(
        refarch::core::check_path_with(path, &options.limits),
        &options.policy,
    );
    let Some(model) = &checked.model else {
        return Rendered {
            checked,
            diagram: None,
            outputs: Vec::new(),
            error: None,
        };
    };
    let diagram = with_findings(
        refarch::diagram(model, &options.layout),
        model,
        &checked,
        options,
    );
    let mut outputs = Vec::new();
    let mut error = None;
    if !deck {
        // The scenario, then each of its variants, as files of their own.
        let variants = checked.variants.iter().map(|m| {
            (
                m,
                with_findings(refarch::diagram(m, &options.layout), m, &checked, options),
            )
        });
        'models: for (model, diagram) in std::iter::once((model, diagram.clone())).chain(variants) {
            for &format in formats {
                match refarch::draw(&diagram, format, options) {
                    Ok(bytes) => {
                        outputs.push((format!("{}.{}", model.id(), format.extension()), bytes))
                    }
                    Err(e) => {
                        error = Some(format!("{}: {e}", model.id()));
                        break 'models;
                    }
                }
            }
        }
    }
    Rendered {
        checked,
        diagram: Some(diagram),
        outputs,
        error,
    }
}

/// The diagram with the file's diagnostics placed on it, when `--findings` asks for them.
fn with_findings(
    mut d: Diagram,
    model: &refarch::Model,
    checked: &Checked,
    o: &Options,
) -> Diagram {
    if o.svg.findings {
        d.findings = refarch::findings(model, &checked.diagnostics);
    }
    d
}

/// Sorts deck pages in the order their `doc` appears in the toctree; diagrams the toctree
/// does not name keep their order after the named ones.
fn order_by_toctree(
    diagrams: &mut [&Diagram],
    toctree: &Path,
    rendered: &[Rendered],
) -> Result<()> {
    let rst = std::fs::read_to_string(toctree)
        .with_context(|| format!("cannot read {}", toctree.display()))?;
    let entries = refarch::toctree(&rst);
    let doc_of = |d: &Diagram| {
        rendered
            .iter()
            .filter_map(|r| r.checked.model.as_ref())
            .find(|m| m.id() == d.scenario)
            .and_then(|m| m.doc().map(str::to_owned))
    };
    let rank = |d: &Diagram| {
        doc_of(d)
            .and_then(|doc| {
                entries
                    .iter()
                    .position(|e| refarch::same_document(&doc, &e.target))
            })
            .unwrap_or(usize::MAX)
    };
    diagrams.sort_by_key(|d| rank(d));
    Ok(())
}

/// A progress bar on a terminal for more than one file; hidden otherwise.
fn progress(files: usize, quiet: bool) -> ProgressBar {
    if quiet || files < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} scenarios") {
        bar.set_style(style);
    }
    bar
}

fn display_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
