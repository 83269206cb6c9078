//! Diagnostics: what is wrong with a scenario file, where, and how to fix it.
//!
//! A [`Diagnostic`] holds byte spans into its [`SourceFile`]; [`SourceFile::render`] turns a
//! list of them into rustc-style text (via `codespan-reporting`), and
//! [`SourceFile::record`] into a flat record for JSON output.

use std::ops::Range;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;
use serde::Serialize;

use crate::code::Code;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; does not stop rendering.
    Warning,
    /// The file cannot be used as it is.
    Error,
}

/// A place in the source that a diagnostic points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Byte range in the source text.
    pub span: Range<usize>,
    /// What is at that place; may be empty.
    pub message: String,
    /// The main place (drawn with `^`) rather than a secondary one (`-`).
    pub primary: bool,
}

/// One problem found in a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code, e.g. `E0007`.
    pub code: Code,
    /// One line saying what is wrong.
    pub message: String,
    /// Where; the first primary label gives the reported line and column.
    pub labels: Vec<Label>,
    /// How to fix it, where a fix is known.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity and no labels yet.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            severity: code.default_severity(),
            code,
            message: message.into(),
            labels: Vec::new(),
            help: None,
        }
    }

    /// Adds the primary label.
    pub fn at(mut self, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        if let Some(span) = span {
            self.labels.push(Label {
                span,
                message: message.into(),
                primary: true,
            });
        }
        self
    }

    /// Adds a secondary label.
    pub fn also(mut self, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        if let Some(span) = span {
            self.labels.push(Label {
                span,
                message: message.into(),
                primary: false,
            });
        }
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The primary span, if the diagnostic has one.
    pub fn primary_span(&self) -> Option<Range<usize>> {
        self.labels
            .iter()
            .find(|l| l.primary)
            .map(|l| l.span.clone())
    }
}

/// A scenario file's name and text, which diagnostics point into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// The name shown in diagnostics, usually the path as given.
    pub name: String,
    /// The text (empty when the file could not be decoded).
    pub text: String,
}

/// A diagnostic flattened for JSON output: one object per line of a `--format json` stream.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Record {
    /// File name as given.
    pub file: String,
    /// 1-based line, or 0 when the diagnostic has no position.
    pub line: usize,
    /// 1-based column in characters, or 0 when the diagnostic has no position.
    pub column: usize,
    /// `error` or `warning`.
    pub severity: Severity,
    /// Stable code.
    pub code: Code,
    /// One line saying what is wrong.
    pub message: String,
    /// How to fix it, where known.
    pub help: Option<String>,
}

impl SourceFile {
    /// A named source text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset);
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    }

    /// The flat record of one diagnostic.
    pub fn record(&self, d: &Diagnostic) -> Record {
        let (line, column) = d.primary_span().map_or((0, 0), |s| self.line_col(s.start));
        Record {
            file: self.name.clone(),
            line,
            column,
            severity: d.severity,
            code: d.code,
            message: d.message.clone(),
            help: d.help.clone(),
        }
    }

    /// Renders diagnostics as rustc-style text: `error[E0007]: ...`, the file, line and
    /// column, the source line with a caret, and the help line.
    pub fn render(&self, diagnostics: &[Diagnostic], style: Style) -> String {
        let file = SimpleFile::new(self.name.as_str(), self.text.as_str());
        let config = term::Config::default();
        let mut out = String::new();
        for d in diagnostics {
            let diagnostic = self.to_codespan(d);
            let rendered = match style {
                Style::Plain => term::emit_into_string(&config, &file, &diagnostic),
                Style::Ansi => {
                    let mut buf = Vec::new();
                    term::emit_to_write_style(
                        &mut term::termcolor::Ansi::new(&mut buf),
                        &config,
                        &file,
                        &diagnostic,
                    )
                    .map(|()| String::from_utf8_lossy(&buf).into_owned())
                }
            };
            // Rendering only fails when a span lies outside the text, which spans built by
            // the loader never do; fall back to the header line rather than lose the message.
            match rendered {
                Ok(text) => out.push_str(&text),
                Err(_) => out.push_str(&format!(
                    "{}[{}]: {}\n",
                    severity_word(d.severity),
                    d.code,
                    d.message
                )),
            }
        }
        out
    }

    fn to_codespan(&self, d: &Diagnostic) -> cs::Diagnostic<()> {
        let severity = match d.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
        };
        let labels = d
            .labels
            .iter()
            .map(|l| {
                let start = floor_char_boundary(&self.text, l.span.start);
                let end = floor_char_boundary(&self.text, l.span.end.max(start));
                let style = if l.primary {
                    cs::LabelStyle::Primary
                } else {
                    cs::LabelStyle::Secondary
                };
                cs::Label::new(style, (), start..end).with_message(l.message.clone())
            })
            .collect();
        let notes = d.help.iter().map(|h| format!("help: {h}")).collect();
        cs::Diagnostic::new(severity)
            .with_code(d.code.as_str())
            .with_message(d.message.clone())
            .with_labels(labels)
            .with_notes(notes)
    }
}

/// Whether rendered diagnostics carry terminal colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Style {
    /// No escape codes (files, pipes, `NO_COLOR`).
    #[default]
    Plain,
    /// ANSI colours for a terminal.
    Ansi,
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
