//! The one-call pipeline: scenario text → checked model → geometry → SVG, PNG, PDF or JSON.

use std::collections::BTreeSet;
use std::fmt;
use std::ops::Range;

use refarch_core::{Checked, Limits, Model, Policy};
use refarch_core::{Code, Diagnostic, Severity};
use refarch_layout::{Diagram, Finding, FindingSeverity, FindingTarget, LayoutOptions};
use refarch_render::{FontMetrics, PdfOptions, PngOptions, RenderError, SvgOptions};

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// An accessible, standalone SVG document.
    Svg,
    /// A PNG image.
    Png,
    /// A vector PDF, one page.
    Pdf,
    /// The geometry JSON (the layout contract).
    Json,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 4] = [Format::Svg, Format::Png, Format::Pdf, Format::Json];

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::Json => "json",
        }
    }
}

/// Everything that shapes the output. Each part's `Default` is the documented default.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// Layout spacing, direction and target aspect.
    pub layout: LayoutOptions,
    /// Theme, fonts, ids, header and legend for SVG (and, through it, PNG and PDF).
    /// With [`SvgOptions::findings`] on, [`render`] also places the scenario's diagnostics
    /// on the diagram ([`findings`]); callers of [`draw`] fill [`Diagram::findings`] themselves.
    pub svg: SvgOptions,
    /// Scale and background for PNG; its `svg` field is replaced by [`Options::svg`].
    pub png: PngOptions,
    /// Page setup for PDF; its `svg` field is replaced by [`Options::svg`].
    pub pdf: PdfOptions,
    /// Which diagnostics are errors, and which are not reported.
    pub policy: Policy,
    /// What a scenario may hold: file size, counts, zone nesting, text length
    /// ([`Limits::default`] documents the defaults). [`render`] refuses a scenario over
    /// them with a diagnostic (`E0015`, `E0018`, `E0019`, `E0020`).
    pub limits: Limits,
}

/// Why [`render`] produced no output.
#[derive(Debug)]
pub enum Error {
    /// The scenario has errors; the [`Checked`] holds them and the source they point into.
    Invalid(Box<Checked>),
    /// Rendering failed (e.g. a PNG over the pixel budget).
    Render(RenderError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(c) => {
                let n = c.diagnostics.iter().filter(|d| d.is_error()).count();
                write!(f, "{}: {n} error(s) in the scenario", c.source.name)
            }
            Error::Render(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

impl From<RenderError> for Error {
    fn from(e: RenderError) -> Self {
        Error::Render(e)
    }
}

/// Checks scenario text: parsing, validation and the trust lints, with `policy` applied.
/// The model is present only when no diagnostic is an error.
pub fn check(name: &str, text: &str, policy: &Policy) -> Checked {
    finish_check(refarch_core::check_str(name, text), policy)
}

/// Adds the trust lints to a checked file and applies the policy.
pub fn finish_check(mut checked: Checked, policy: &Policy) -> Checked {
    if let Some(model) = &checked.model {
        checked.diagnostics.extend(refarch_core::lint(model));
        let hints = hint_warnings(model, &checked.source.text);
        checked.diagnostics.extend(hints);
        let undrawable = font_warnings(model, &checked.variants, &checked.source.text);
        checked.diagnostics.extend(undrawable);
    }
    policy.apply(&mut checked.diagnostics);
    checked
        .diagnostics
        .sort_by_key(|d| d.primary_span().map_or(0, |s| s.start));
    if checked.has_errors() {
        checked.model = None;
    }
    checked
}

/// W0003 for each layout hint the default layout does not honour, pointing at the hint.
fn hint_warnings(model: &Model, text: &str) -> Vec<Diagnostic> {
    let hinted = model.zones().iter().any(|z| z.direction.is_some());
    if !hinted {
        return Vec::new();
    }
    let d = diagram(model, &LayoutOptions::default());
    refarch_layout::unsupported_hints(model, &d)
        .into_iter()
        .map(|(z, message)| {
            let at = refarch_core::field_span(text, "zones", z, "direction")
                .unwrap_or_else(|| model.zones()[z].span.clone());
            Diagnostic::new(Code::HintNotHonoured, message)
                .at(Some(at), "not honoured")
                .help(
                    "remove the zone's `direction` or set the scenario's to match; \
                     `arrange` on the zone shapes its contents",
                )
        })
        .collect()
}

/// W0004 for each text with characters the bundled font cannot draw, pointing at the first
/// of them in the item that holds the text (the scenario's own texts, and those a variant
/// brings: its first place in the file).
fn font_warnings(model: &Model, variants: &[Model], text: &str) -> Vec<Diagnostic> {
    let font = FontMetrics::new();
    let mut out = Vec::new();
    let mut check = |s: &str, within: Range<usize>| {
        let mut missing: Vec<char> = Vec::new();
        for c in s.chars().filter(|&c| !font.draws(c)) {
            if !missing.contains(&c) {
                missing.push(c);
            }
        }
        let Some(&first) = missing.first() else {
            return;
        };
        let at = text
            .get(within.clone())
            .and_then(|t| t.find(first))
            .map_or(within.clone(), |i| {
                within.start + i..within.start + i + first.len_utf8()
            });
        let mut named: Vec<String> = missing
            .iter()
            .take(4)
            .map(|c| format!("`{c}` (U+{:04X})", u32::from(*c)))
            .collect();
        if missing.len() > 4 {
            named.push(format!("and {} more", missing.len() - 4));
        }
        out.push(
            Diagnostic::new(
                Code::UndrawableText,
                format!("the bundled font cannot draw {}", named.join(", ")),
            )
            .at(Some(at), "drawn as an empty box")
            .help(
                "the bundled font covers the Latin, Greek and Cyrillic scripts; \
                 `refarch explain W0004` says more",
            ),
        );
    };
    let whole = 0..text.len();
    for (s, within) in texts_of(model) {
        check(s, within.unwrap_or(whole.clone()));
    }
    // A variant's own texts (its title, relabels, sizes): once each, anywhere in the file.
    let mut seen: BTreeSet<&str> = texts_of(model).map(|(s, _)| s).collect();
    for variant in variants {
        for (s, _) in texts_of(variant) {
            if seen.insert(s) {
                check(s, whole.clone());
            }
        }
    }
    out
}

/// Every text of `model` drawn on its diagram, with the span of the item that holds it
/// (none for the scenario's own texts).
fn texts_of(model: &Model) -> impl Iterator<Item = (&str, Option<Range<usize>>)> {
    let whole = std::iter::once(model.title())
        .chain(model.summary())
        .chain(model.doc())
        .map(|s| (s, None));
    let zones = model.zones().iter().flat_map(|z| {
        std::iter::once(&z.label)
            .chain(&z.caption)
            .map(|s| (s.as_str(), Some(z.span.clone())))
    });
    let components = model.components().iter().flat_map(|c| {
        [Some(&c.label), c.tech.as_ref(), c.note.as_ref()]
            .into_iter()
            .flatten()
            .chain(&c.capabilities)
            .map(|s| (s.as_str(), Some(c.span.clone())))
    });
    let links = model.links().iter().flat_map(|l| {
        [l.protocol.as_ref(), l.label.as_ref(), l.note.as_ref()]
            .into_iter()
            .flatten()
            .map(|s| (s.as_str(), Some(l.span.clone())))
    });
    whole.chain(zones).chain(components).chain(links)
}

/// Lays a model out, measuring text with the bundled font.
pub fn diagram(model: &Model, options: &LayoutOptions) -> Diagram {
    refarch_layout::layout(model, options, &FontMetrics::new())
}

/// Maps diagnostics onto the parts of a model they point at, for drawing on its diagram.
///
/// Each diagnostic's primary span is matched against the source spans of the model's
/// links, components and zones; the smallest span containing it wins (a link written
/// inside a zone's text is the link, not the zone). Diagnostics without a span, or
/// pointing elsewhere (the scenario header, a variant), are left out. Link targets are
/// indices into [`Model::links`], which are also the indices of [`Diagram::links`].
pub fn findings(model: &Model, diagnostics: &[Diagnostic]) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in diagnostics {
        let Some(span) = d.primary_span() else {
            continue;
        };
        let mut best: Option<(usize, FindingTarget)> = None;
        let mut consider = |s: &std::ops::Range<usize>, target: FindingTarget| {
            let contains = s.start < s.end && s.start <= span.start && span.end <= s.end;
            let size = s.end - s.start;
            if contains && best.as_ref().is_none_or(|(b, _)| size < *b) {
                best = Some((size, target));
            }
        };
        for (i, l) in model.links().iter().enumerate() {
            consider(&l.span, FindingTarget::Link(i));
        }
        for c in model.components() {
            consider(&c.span, FindingTarget::Component(c.id.clone()));
        }
        for z in model.zones() {
            consider(&z.span, FindingTarget::Zone(z.id.clone()));
        }
        if let Some((_, target)) = best {
            out.push(Finding {
                code: d.code.as_str().to_owned(),
                severity: match d.severity {
                    Severity::Warning => FindingSeverity::Warning,
                    Severity::Error => FindingSeverity::Error,
                },
                target,
                message: d.message.clone(),
            });
        }
    }
    out
}

/// Draws a laid-out diagram in one format.
pub fn draw(diagram: &Diagram, format: Format, options: &Options) -> Result<Vec<u8>, RenderError> {
    Ok(match format {
        Format::Svg => refarch_render::svg(diagram, &options.svg).into_bytes(),
        Format::Png => {
            let png = PngOptions {
                svg: options.svg.clone(),
                ..options.png.clone()
            };
            refarch_render::png(diagram, &png)?
        }
        Format::Pdf => {
            let pdf = PdfOptions {
                svg: options.svg.clone(),
                ..options.pdf.clone()
            };
            refarch_render::pdf(&[diagram], &pdf)?
        }
        Format::Json => geometry_json(diagram).into_bytes(),
    })
}

/// The geometry JSON of a diagram (pretty-printed, ending in a newline).
pub fn geometry_json(diagram: &Diagram) -> String {
    // Serialising plain data with string keys cannot fail.
    let mut json = serde_json::to_string_pretty(diagram).unwrap_or_default();
    json.push('\n');
    json
}

/// Scenario text in, one output out: check, lay out and draw in one call.
///
/// ```
/// use refarch::{Format, Options};
///
/// let text = r#"Scenario(
///     id: "demo",
///     title: "Demo",
///     zones: [Zone(id: "dmz", label: "DMZ", trust: Perimeter)],
///     components: [
///         Component(id: "web", label: "Browser", kind: Client),
///         Component(id: "proxy", label: "NGINX", kind: Proxy, zone: "dmz"),
///     ],
///     links: [Link(from: "web", to: "proxy", protocol: "HTTPS", port: 443, encrypted: true)],
/// )"#;
/// let svg = refarch::render("demo.ron", text, Format::Svg, &Options::default())?;
/// let svg = String::from_utf8(svg)?;
/// assert!(svg.starts_with("<svg"));
/// assert!(svg.contains("NGINX"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`Error::Invalid`] with every diagnostic when the scenario has errors;
/// [`Error::Render`] when drawing fails.
pub fn render(name: &str, text: &str, format: Format, options: &Options) -> Result<Vec<u8>, Error> {
    let checked = finish_check(
        refarch_core::check_str_with(name, text, &options.limits),
        &options.policy,
    );
    let Some(model) = &checked.model else {
        return Err(Error::Invalid(Box::new(checked)));
    };
    let mut diagram = diagram(model, &options.layout);
    if options.svg.findings {
        diagram.findings = findings(model, &checked.diagnostics);
    }
    Ok(draw(&diagram, format, options)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_point_at_the_link_or_component_they_are_about() {
        let text = r#"Scenario(
    id: "demo",
    title: "Demo",
    zones: [Zone(id: "dmz", label: "DMZ", trust: Perimeter)],
    components: [
        Component(id: "web", label: "Browser", kind: Client),
        Component(id: "proxy", label: "NGINX", kind: Proxy, zone: "dmz"),
        Component(id: "lonely", label: "Spare", kind: AppServer, zone: "dmz"),
    ],
    links: [Link(from: "web", to: "proxy", protocol: "HTTP", port: 80, encrypted: false)],
)"#;
        let checked = check("demo.ron", text, &Policy::default());
        let model = checked.model.as_ref().expect("valid");
        let found: Vec<(String, FindingTarget)> = findings(model, &checked.diagnostics)
            .into_iter()
            .map(|f| (f.code, f.target))
            .collect();
        assert!(
            found.contains(&("L0001".into(), FindingTarget::Link(0))),
            "{found:?}"
        );
        assert!(
            found.contains(&("W0002".into(), FindingTarget::Component("lonely".into()))),
            "{found:?}"
        );
        let options = Options {
            svg: SvgOptions {
                findings: true,
                ..SvgOptions::default()
            },
            ..Options::default()
        };
        let svg = String::from_utf8(render("demo.ron", text, Format::Svg, &options).expect("svg"))
            .expect("utf-8");
        assert!(svg.contains(">L0001</text>") && svg.contains(">W0002</text>"));
    }
}
