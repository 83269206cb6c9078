//! The refarch model: scenario files, their validation, and diagnostics.
//!
//! A scenario is one diagram: components, the data flows (links) between them, and the
//! trust boundaries (zones) they sit in, written in RON. This crate reads it
//! ([`parse`]), checks it ([`validate()`]) and produces a [`Model`] in which every
//! reference is resolved, or [`Diagnostic`]s that say what is wrong, where, and how to fix
//! it. [`check_str`] and [`check_path`] do all of that in one call.
//!
//! ```
//! use refarch_core::{check_str, Style};
//!
//! let text = r#"Scenario(
//!     id: "demo",
//!     title: "Demo",
//!     zones: [Zone(id: "dmz", label: "DMZ", trust: Perimeter)],
//!     components: [
//!         Component(id: "proxy", label: "NGINX", kind: Proxy, zone: "dmz"),
//!         Component(id: "app", label: "App server", kind: AppServer, zone: "dmzz"),
//!     ],
//!     links: [Link(from: "proxy", to: "app", protocol: "HTTP", port: 8065)],
//! )"#;
//! let checked = check_str("demo.ron", text);
//! assert!(checked.model.is_none());
//! let report = checked.source.render(&checked.diagnostics, Style::Plain);
//! assert!(report.contains("error[E0007]: unknown zone `dmzz`"));
//! assert!(report.contains("did you mean `dmz`?"));
//! println!("{report}");
//!
//! // Fixed, it validates into a model with resolved references.
//! let checked = check_str("demo.ron", &text.replace("dmzz", "dmz"));
//! let model = checked.model.expect("valid");
//! assert_eq!(model.components().len(), 2);
//! assert_eq!(model.zone(model.components()[1].zone.unwrap()).label, "DMZ");
//! ```

mod analysis;
mod code;
mod diagnostic;
mod load;
mod model;
mod ron_index;
mod scenario;
mod suggest;
mod validate;
mod variant;

use std::path::Path;

pub use analysis::{
    Crossing, Flow, FlowEnd, FlowZone, Policy, TrustDirection, crossings, flows, flows_csv,
    flows_json, flows_markdown, lint, sarif,
};
pub use code::{Code, UnknownCode};
pub use diagnostic::{Diagnostic, Label, Record, Severity, SourceFile, Style};
pub use load::{Limits, Parsed, Unreadable, decode, parse, read_source};
pub use model::{Component, ComponentId, Endpoint, Link, LinkId, Model, Placement, Zone, ZoneId};
pub use scenario::{
    Arrange, Component as ComponentSpec, ComponentKind, Direction, Link as LinkSpec, Place,
    Scenario, Trust, Zone as ZoneSpec, ZoneKind,
};
pub use suggest::did_you_mean;
pub use validate::{Validated, field_span, validate, validate_with};
pub use variant::{Variant, expand_variants, validate_variants, validate_variants_in};

/// A scenario file after reading and validation.
#[derive(Clone, Debug)]
pub struct Checked {
    /// The file's name and text, which the diagnostics point into.
    pub source: SourceFile,
    /// The resolved model, when the file has no errors.
    pub model: Option<Model>,
    /// The resolved models of the scenario's variants, in file order (empty when the file
    /// has errors).
    pub variants: Vec<Model>,
    /// Every error and warning, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parses and validates scenario text within the default [`Limits`]. `name` is what
/// diagnostics call the file.
pub fn check_str(name: &str, text: &str) -> Checked {
    check_str_with(name, text, &Limits::default())
}

/// Parses and validates scenario text within `limits` (including the file size limit).
pub fn check_str_with(name: &str, text: &str, limits: &Limits) -> Checked {
    if text.len() as u64 > limits.max_file_bytes {
        return check_read(decode(name, text.as_bytes().to_vec(), limits), limits);
    }
    check_source_with(SourceFile::new(name, text), limits)
}

/// Reads, parses and validates a scenario file, with the default [`Limits`].
pub fn check_path(path: &Path) -> Checked {
    check_path_with(path, &Limits::default())
}

/// Reads, parses and validates a scenario file within `limits`.
pub fn check_path_with(path: &Path, limits: &Limits) -> Checked {
    check_read(read_source(path, limits), limits)
}

/// Checks a source that was read and decoded, or reports why it could not be.
fn check_read(read: Result<SourceFile, Box<Unreadable>>, limits: &Limits) -> Checked {
    match read {
        Ok(source) => check_source_with(source, limits),
        Err(e) => Checked {
            source: e.source,
            model: None,
            variants: Vec::new(),
            diagnostics: vec![e.diagnostic],
        },
    }
}

/// Parses and validates an already decoded source file within the default [`Limits`].
pub fn check_source(source: SourceFile) -> Checked {
    check_source_with(source, &Limits::default())
}

/// Parses and validates an already decoded source file within `limits` (its size is not
/// checked again: that is [`decode`]'s job).
pub fn check_source_with(source: SourceFile, limits: &Limits) -> Checked {
    match parse(&source.text) {
        Ok(parsed) => {
            let v = validate::validate_with_spans(&parsed.scenario, parsed.index.as_ref(), limits);
            let mut diagnostics = v.diagnostics;
            // Over a count limit, the variants (full expansions each) are not looked at.
            if !diagnostics.iter().any(|d| d.code == Code::TooMany) {
                diagnostics.extend(validate_variants_in(&parsed.scenario, &source.text));
            }
            diagnostics.sort_by_key(|d| d.primary_span().map_or(0, |s| s.start));
            let ok = !diagnostics.iter().any(Diagnostic::is_error);
            let variants = if ok {
                // Overrides were checked against the base above, so each expansion is valid.
                expand_variants(&parsed.scenario)
                    .iter()
                    .filter_map(|s| validate_with(s, limits).model)
                    .collect()
            } else {
                Vec::new()
            };
            Checked {
                source,
                model: v.model.filter(|_| ok),
                variants,
                diagnostics,
            }
        }
        Err(mut diagnostics) => {
            diagnostics.sort_by_key(|d| d.primary_span().map_or(0, |s| s.start));
            Checked {
                source,
                model: None,
                variants: Vec::new(),
                diagnostics,
            }
        }
    }
}
