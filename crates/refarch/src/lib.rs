//! refarch: architecture diagrams with trust boundaries, from a small text model.
//!
//! This facade puts the pipeline behind a few calls: [`render()`] takes scenario text to SVG,
//! PNG, PDF or geometry JSON in one call; [`check`] reports every problem of a file;
//! [`diagram`] and [`draw`] split the pipeline for callers that want the geometry; and
//! [`scenario_files`] finds the scenario files under a folder.
//! The stages live in their own crates, re-exported here: [`core`] (model, loading,
//! diagnostics), [`layout`] (geometry) and [`render`](mod@render) (SVG, PNG, PDF).
//!
//! ```
//! let text = r#"Scenario(
//!     id: "demo",
//!     title: "Demo",
//!     components: [
//!         Component(id: "web", label: "Browser", kind: Client),
//!         Component(id: "app", label: "App server", kind: AppServer),
//!     ],
//!     links: [Link(from: "web", to: "ap", protocol: "HTTPS", port: 443)],
//! )"#;
//! let checked = refarch::check_str("demo.ron", text);
//! let report = checked.source.render(&checked.diagnostics, refarch::core::Style::Plain);
//! assert!(report.contains("unknown component or zone `ap`"));
//! assert!(report.contains("did you mean `app`?"));
//! ```

mod docs;
mod export;
mod files;
mod pipeline;

pub use docs::{Figure, TocEntry, myst_figure, rst_figure, same_document, toctree};
pub use export::{ExportFormat, export};
pub use files::{ScenarioFilesError, scenario_files};
pub use pipeline::{
    Error, Format, Options, check, diagram, draw, findings, finish_check, geometry_json, render,
};
pub use refarch_core as core;
pub use refarch_core::{Checked, Code, Diagnostic, Model, Severity, SourceFile};
pub use refarch_layout as layout;
pub use refarch_render as render;

use std::path::Path;

/// Reads, parses and validates one scenario file.
pub fn check_path(path: &Path) -> Checked {
    refarch_core::check_path(path)
}

/// Parses and validates scenario text; `name` is what diagnostics call the file.
pub fn check_str(name: &str, text: &str) -> Checked {
    refarch_core::check_str(name, text)
}
