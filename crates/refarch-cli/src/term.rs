//! Terminal details: whether to use colour.

use std::io::IsTerminal;

use refarch::core::Style;

/// Colour on stderr when it is a terminal and `NO_COLOR` is unset or empty.
pub(crate) fn stderr_style() -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if !no_color && std::io::stderr().is_terminal() {
        Style::Ansi
    } else {
        Style::Plain
    }
}
