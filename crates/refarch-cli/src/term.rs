//! Terminal details: colour, and printing a file's diagnostics.

use std::io::IsTerminal;
use std::path::Path;

use refarch::core::{Limits, Model, Style};

/// Colour on stderr when it is a terminal and `NO_COLOR` is unset or empty.
pub(crate) fn stderr_style() -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if !no_color && std::io::stderr().is_terminal() {
        Style::Ansi
    } else {
        Style::Plain
    }
}

/// The model of a single-file command (`layout`, `flows`, `export`) within `limits`; on
/// errors, prints them and gives `None`.
pub(crate) fn valid_model(path: &Path, limits: &Limits) -> Option<Model> {
    let checked = refarch::core::check_path_with(path, limits);
    if checked.has_errors() {
        eprint!(
            "{}",
            checked.source.render(&checked.diagnostics, stderr_style())
        );
    }
    checked.model
}
