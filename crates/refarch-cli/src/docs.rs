//! `refarch docs`: one figure snippet (and its SVG and PNG) per toctree entry.

use anyhow::{Context, Result};
use refarch::core::Model;
use refarch::render::Theme;
use refarch::{Figure, Format, Options};

use crate::args::{DenyArg, DocsArgs};
use crate::emit::{Outputs, emit};
use crate::{EXIT_INVALID, EXIT_OK, term};

pub(crate) fn run(args: &DocsArgs) -> Result<u8> {
    let rst = std::fs::read_to_string(&args.toctree)
        .with_context(|| format!("cannot read {}", args.toctree.display()))?;
    let entries = refarch::toctree(&rst);
    let folder = match &args.scenarios {
        Some(f) => f.clone(),
        None => match args.toctree.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => ".".into(),
        },
    };
    let deny_warnings = args.policy.deny.contains(&DenyArg::Warnings);
    let policy = args.policy.policy();
    let limits = args.limits.limits();
    let style = term::stderr_style();

    let mut invalid = 0;
    let mut models: Vec<Model> = Vec::new();
    for path in refarch::scenario_files(std::slice::from_ref(&folder))? {
        let checked =
            refarch::finish_check(refarch::core::check_path_with(&path, &limits), &policy);
        if !checked.diagnostics.is_empty() {
            eprint!("{}", checked.source.render(&checked.diagnostics, style));
        }
        match checked.model {
            Some(m) => models.push(m),
            None => invalid += 1,
        }
    }

    let mut warnings = Vec::new();
    let mut outputs: Outputs = Vec::new();
    let mut used = vec![false; models.len()];
    for entry in &entries {
        let found = models.iter().position(|m| {
            m.doc()
                .is_some_and(|d| refarch::same_document(d, &entry.target))
        });
        let Some(i) = found else {
            warnings.push(format!(
                "{}:{}: toctree entry `{}` has no scenario whose `doc` names it",
                args.toctree.display(),
                entry.line,
                entry.target
            ));
            continue;
        };
        used[i] = true;
        outputs.extend(figure(&models[i], args)?);
    }
    for (m, used) in models.iter().zip(&used) {
        if !used {
            warnings.push(format!(
                "scenario `{}` ({}) is not in the toctree {}",
                m.id(),
                m.doc().unwrap_or("no `doc`"),
                args.toctree.display()
            ));
        }
    }
    for w in &warnings {
        let level = if deny_warnings { "error" } else { "warning" };
        eprintln!("{level}: {w}");
    }
    if deny_warnings {
        invalid += warnings.len();
    }
    let stale = emit(&outputs, args.check, false)?;
    if !args.quiet {
        let verb = if args.check { "checked" } else { "wrote" };
        eprintln!(
            "docs: {} toctree entries, {verb} {} files in {}{}",
            entries.len(),
            outputs.len(),
            args.out.display(),
            if args.check {
                format!(", {stale} stale")
            } else {
                String::new()
            }
        );
    }
    Ok(if invalid + stale > 0 {
        EXIT_INVALID
    } else {
        EXIT_OK
    })
}

/// The SVG, PNG fallback and snippet of one diagram. Snippets end in `.inc` so that Sphinx
/// does not take them for pages of their own.
fn figure(model: &Model, args: &DocsArgs) -> Result<Outputs> {
    let mut options = Options::default();
    options.svg.theme = args.theme.theme();
    // A page shows the SVG as an image, which sees no web fonts of the page: without the
    // embedded subset (about 20 KB) readers without Inter get a wider fallback font that
    // overflows the cards.
    options.svg.embed_font = true;
    args.shape.apply(&mut options.layout);
    let diagram = refarch::diagram(model, &options.layout);
    let svg = refarch::draw(&diagram, Format::Svg, &options)?;
    // Images have no media queries: the fallback uses the light palette for `auto`.
    if options.svg.theme == Theme::Auto {
        options.svg.theme = Theme::Light;
    }
    let png = refarch::draw(&diagram, Format::Png, &options)?;
    let alt = refarch::render::describe(&diagram);
    let base = match &args.image_base {
        Some(b) => b.clone(),
        None if args.out.is_relative() => {
            let out = args.out.to_string_lossy().replace('\\', "/");
            format!("/{}/", out.trim_start_matches("./").trim_matches('/'))
        }
        None => String::new(),
    };
    let fig = Figure {
        id: model.id(),
        image_base: &base,
        caption: model.title(),
        alt: &alt,
    };
    let (snippet, ext) = if args.markdown {
        (refarch::myst_figure(&fig), "md.inc")
    } else {
        (refarch::rst_figure(&fig), "rst.inc")
    };
    let out = &args.out;
    Ok(vec![
        (out.join(format!("{}.svg", model.id())), svg),
        (out.join(format!("{}.png", model.id())), png),
        (
            out.join(format!("{}.{ext}", model.id())),
            snippet.into_bytes(),
        ),
    ])
}
