//! Reading scenario files: bytes → text → [`Scenario`], with every problem as a diagnostic.
//!
//! `ron` stops at the first error. To report all of a file's problems at once, each item of
//! the `zones`, `components` and `links` lists is read on its own, and the top level is read
//! with those lists blanked out (spaces keep every byte offset where it was).

use std::path::Path;

use ron::error::{Error as RonError, Position, SpannedError};
use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use crate::code::Code;
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::ron_index::{self, Node, Span};
use crate::scenario::{Component, Link, Scenario, Zone};
use crate::suggest::{did_you_mean, kind_alias};

/// Limits on what refarch accepts: the file's size when reading it, and the model's size,
/// nesting and text lengths when validating it ([`crate::validate_with`]).
///
/// Scenario files often come from pull requests and end up in CI pipelines, so nothing a
/// file says may make refarch run for minutes or exhaust memory. The defaults are far above
/// any real architecture diagram (the bundled ones have under 40 components and 4 levels of
/// zones) and keep the layout of the largest accepted model within seconds and a few
/// hundred megabytes. Going over a limit is an error with its own code: `E0015` (file
/// size), `E0018` (counts), `E0019` (nesting) and `E0020` (text and id length).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted file, in bytes. Default: 4 MiB.
    pub max_file_bytes: u64,
    /// Most components in one scenario. Default: 2,000.
    pub max_components: usize,
    /// Most zones in one scenario. Default: 1,000.
    pub max_zones: usize,
    /// Most links in one scenario. Default: 4,000.
    pub max_links: usize,
    /// Most variants in one scenario (each is a diagram of its own). Default: 100.
    pub max_variants: usize,
    /// Deepest zone nesting: a top-level zone is at depth 1, a zone inside it at depth 2.
    /// Default: 16.
    pub max_zone_depth: usize,
    /// Longest title, label, caption, note, protocol, technology or other text, in
    /// characters (Unicode scalar values). Longer text is refused; text up to this length
    /// is accepted and wrapped or cut short with an ellipsis by the renderer.
    /// Default: 10,000.
    pub max_text_chars: usize,
    /// Longest id of a scenario, variant, zone or component, in characters. Ids name output
    /// files, and file systems refuse names over 255 bytes. Default: 100.
    pub max_id_chars: usize,
}

impl Limits {
    /// No limit on anything but the file size (4 MiB): for trusted input and tests.
    pub fn unlimited() -> Self {
        Self {
            max_components: usize::MAX,
            max_zones: usize::MAX,
            max_links: usize::MAX,
            max_variants: usize::MAX,
            max_zone_depth: usize::MAX,
            max_text_chars: usize::MAX,
            max_id_chars: usize::MAX,
            ..Self::default()
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 4 * 1024 * 1024,
            max_components: 2_000,
            max_zones: 1_000,
            max_links: 4_000,
            max_variants: 100,
            max_zone_depth: 16,
            max_text_chars: 10_000,
            max_id_chars: 100,
        }
    }
}

/// A scenario read from text, with the span index validation uses to point into the text.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// The scenario as written.
    pub scenario: Scenario,
    pub(crate) index: Option<Node>,
}

/// A file that cannot be used as scenario text, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    /// The file's name and whatever text could be decoded (for the caret).
    pub source: SourceFile,
    /// What is wrong with it.
    pub diagnostic: Diagnostic,
}

/// Reads a file from disk into a [`SourceFile`], refusing unreadable, oversized, empty and
/// non-UTF-8 files with a diagnostic.
pub fn read_source(path: &Path, limits: &Limits) -> Result<SourceFile, Box<Unreadable>> {
    let name = path.display().to_string();
    let too_large = |size: u64| {
        Diagnostic::new(
            Code::TooLarge,
            format!(
                "file is {size} bytes; the limit is {} bytes",
                limits.max_file_bytes
            ),
        )
        .help("scenario files are small text models; check that this is the file you meant")
    };
    let size = match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            let d = Diagnostic::new(Code::Io, "is a folder, not a scenario file")
                .help("pass the folder itself to check every `.ron` file in it");
            return Err(unreadable(SourceFile::new(name, ""), d));
        }
        Ok(meta) => meta.len(),
        Err(e) => {
            let d = Diagnostic::new(Code::Io, io_message(&e));
            return Err(unreadable(SourceFile::new(name, ""), d));
        }
    };
    if size > limits.max_file_bytes {
        return Err(unreadable(SourceFile::new(name, ""), too_large(size)));
    }
    match std::fs::read(path) {
        Ok(bytes) => decode(name, bytes, limits),
        Err(e) => Err(unreadable(
            SourceFile::new(name, ""),
            Diagnostic::new(Code::Io, io_message(&e)),
        )),
    }
}

fn unreadable(source: SourceFile, diagnostic: Diagnostic) -> Box<Unreadable> {
    Box::new(Unreadable { source, diagnostic })
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => format!("cannot read the file: {e}"),
    }
}

/// Turns bytes into a [`SourceFile`], refusing oversized, empty and non-UTF-8 input.
pub fn decode(
    name: impl Into<String>,
    bytes: Vec<u8>,
    limits: &Limits,
) -> Result<SourceFile, Box<Unreadable>> {
    let name = name.into();
    if bytes.len() as u64 > limits.max_file_bytes {
        let d = Diagnostic::new(
            Code::TooLarge,
            format!(
                "file is {} bytes; the limit is {} bytes",
                bytes.len(),
                limits.max_file_bytes
            ),
        );
        return Err(unreadable(SourceFile::new(name, ""), d));
    }
    match String::from_utf8(bytes) {
        Ok(text) if text.trim().is_empty() => {
            let d = Diagnostic::new(Code::EmptyFile, "the file is empty")
                .help("a scenario file holds one `Scenario(id: ..., title: ..., ...)`");
            Err(unreadable(SourceFile::new(name, text), d))
        }
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            // Keep the valid prefix so the caret can point at the bad byte.
            let text = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let d = Diagnostic::new(
                Code::NotUtf8,
                format!(
                    "the file is not UTF-8: invalid byte 0x{:02X} at offset {valid}",
                    bytes[valid]
                ),
            )
            .at(Some(valid..valid), "invalid UTF-8 starts here")
            .help("re-save the file with UTF-8 encoding");
            Err(unreadable(SourceFile::new(name, text), d))
        }
    }
}

/// Parses scenario text, reporting every syntax, field, variant and type error it can find.
pub fn parse(text: &str) -> Result<Parsed, Vec<Diagnostic>> {
    let Some(root) = ron_index::index(text) else {
        // Not well-formed: let `ron` say where it stopped. If `ron` accepts what the index
        // does not understand, use its result without spans.
        return match read::<Scenario>(text) {
            Ok(scenario) => Ok(Parsed {
                scenario,
                index: None,
            }),
            Err(e) => Err(vec![to_diagnostic(&e, text, 0, None)]),
        };
    };
    let lists = ["zones", "components", "links"];
    let mut errors = Vec::new();
    let mut blanked = text.as_bytes().to_vec();
    for list in lists {
        let Some(field) = root.field(list) else {
            continue;
        };
        // Blank the whole inside of the brackets, commas included: `[` ... `]` stays.
        let list = &field.value.span;
        if list.len() >= 2 {
            for b in &mut blanked[list.start + 1..list.end - 1] {
                if *b != b'\n' {
                    *b = b' ';
                }
            }
        }
    }
    let blanked = String::from_utf8(blanked).unwrap_or_default();
    let top = match read::<Scenario>(&blanked) {
        Ok(s) => Some(s),
        Err(e) => {
            errors.push(to_diagnostic(&e, &blanked, 0, Some(&root)));
            None
        }
    };
    let zones = read_items::<Zone>(text, &root, "zones", &mut errors);
    let components = read_items::<Component>(text, &root, "components", &mut errors);
    let links = read_items::<Link>(text, &root, "links", &mut errors);
    match top {
        Some(mut scenario) if errors.is_empty() => {
            scenario.zones = zones;
            scenario.components = components;
            scenario.links = links;
            Ok(Parsed {
                scenario,
                index: Some(root),
            })
        }
        _ => Err(errors),
    }
}

fn read_items<T: DeserializeOwned>(
    text: &str,
    root: &Node,
    list: &str,
    errors: &mut Vec<Diagnostic>,
) -> Vec<T> {
    let Some(field) = root.field(list) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in field.value.items() {
        let slice = &text[item.span.clone()];
        match read::<T>(slice) {
            Ok(v) => out.push(v),
            Err(e) => errors.push(to_diagnostic(&e, slice, item.span.start, Some(item))),
        }
    }
    out
}

fn read<T: DeserializeOwned>(text: &str) -> Result<T, SpannedError> {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .from_str(text)
}

/// Byte offset of a `ron` position (1-based line, 1-based column in characters).
fn offset_of(text: &str, pos: &Position) -> usize {
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i + 1 == pos.line {
            return offset
                + line
                    .char_indices()
                    .nth(pos.col.saturating_sub(1))
                    .map_or(line.len(), |(b, _)| b);
        }
        offset += line.len();
    }
    text.len()
}

/// Turns a `ron` error in `text` (which starts at `base` in the file) into a diagnostic.
/// `node` is the span tree of the item being read, used to point at a field's name.
fn to_diagnostic(e: &SpannedError, text: &str, base: usize, node: Option<&Node>) -> Diagnostic {
    let start = base + offset_of(text, &e.span.start);
    let end = (base + offset_of(text, &e.span.end)).max(start);
    let source = (text, base);
    let span = Some(start..end);
    let field_span = |name: &str| {
        node.and_then(|n| n.field(name))
            .map(|f| f.name_span.clone())
    };
    match &e.code {
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let what = outer.as_deref().unwrap_or("this item");
            let d = Diagnostic::new(
                Code::UnknownField,
                format!("unknown field `{found}` in `{what}`"),
            )
            .at(field_span(found).or(span), "unknown field");
            d.help(choices_help(found, expected, "fields", None))
        }
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let what = outer.as_deref().map_or("variant", describe_enum);
            // A kind by another tool's name (`Worker`, `LB`, `Subnet`) is no typo of ours.
            let alias = outer.as_deref().and_then(|kinds| kind_alias(kinds, found));
            Diagnostic::new(Code::UnknownVariant, format!("unknown {what} `{found}`"))
                .at(span, format!("not a {what}"))
                .help(choices_help(found, expected, "values", alias))
        }
        RonError::ExpectedDifferentStructName { expected, found } => Diagnostic::new(
            Code::UnknownVariant,
            format!("expected `{expected}(...)`, found `{found}(...)`"),
        )
        .at(span, format!("should be `{expected}`")),
        RonError::MissingStructField { field, outer } => {
            let what = outer.as_deref().unwrap_or("this item");
            let at = node.map(|n| n.span.start..n.span.start + what.len().min(n.span.len()));
            Diagnostic::new(
                Code::MissingField,
                format!("missing field `{field}` in `{what}`"),
            )
            .at(at.or(span), format!("`{field}` is required here"))
            .help(format!("add `{field}: ...` to this `{what}`"))
        }
        RonError::DuplicateStructField { field, .. } => Diagnostic::new(
            Code::DuplicateField,
            format!("field `{field}` is written twice"),
        )
        .at(span, "second time here")
        .help("keep one of the two"),
        RonError::InvalidValueForType { expected, found } => wrong_type(
            node,
            start,
            format!("expected {expected}, found {found}"),
            span,
            source,
        ),
        RonError::Message(m) => wrong_type(node, start, m.clone(), span, source),
        RonError::IntegerOutOfBounds => {
            wrong_type(node, start, "number out of range".to_owned(), span, source)
        }
        code @ (RonError::ExpectedString
        | RonError::ExpectedStringEnd
        | RonError::ExpectedInteger
        | RonError::ExpectedBoolean
        | RonError::ExpectedFloat
        | RonError::ExpectedArray
        | RonError::ExpectedOption
        | RonError::ExpectedNamedStructLike(_)
        | RonError::ExpectedStructLike) => {
            wrong_type(node, start, lower_first(&code.to_string()), span, source)
        }
        RonError::ExpectedComma => {
            // `ron` notices the missing comma at the next token; it belongs after the
            // previous one.
            let before = base + text[..start - base].trim_end().len();
            Diagnostic::new(Code::Syntax, "expected `,`")
                .at(Some(before..before), "a `,` is missing here")
                .help(syntax_help(&e.code))
        }
        RonError::TrailingCharacters => {
            let rest = &text[start - base..];
            let after = start + (rest.len() - rest.trim_start().len());
            Diagnostic::new(Code::Syntax, "unexpected text after the scenario")
                .at(Some(after..after), "the scenario ended before this")
                .help(syntax_help(&e.code))
        }
        code => Diagnostic::new(Code::Syntax, lower_first(&code.to_string()))
            .at(span, "here")
            .help(syntax_help(code)),
    }
}

fn syntax_help(code: &RonError) -> String {
    match code {
        RonError::ExpectedComma => "items and fields are separated by `,`".to_owned(),
        RonError::Eof => "the file ends early: a `)` or `]` is probably missing".to_owned(),
        RonError::ExpectedStructLikeEnd | RonError::ExpectedArrayEnd => {
            "a closing bracket is missing, or a `,` before the next field".to_owned()
        }
        RonError::ExpectedIdentifier => {
            "a field name was expected here; a `)` may be missing before it".to_owned()
        }
        RonError::TrailingCharacters => {
            "a scenario file holds exactly one `Scenario(...)`; remove what follows it".to_owned()
        }
        _ => "see the format reference in the README".to_owned(),
    }
}

/// Friendly names for the enums of the format.
fn describe_enum(name: &str) -> &'static str {
    match name {
        "ComponentKind" => "component kind",
        "Trust" => "trust level",
        "ZoneKind" => "zone kind",
        "Direction" => "direction",
        _ => "variant",
    }
}

/// The help for `found` where one of `expected` (the valid `noun`) belongs: the one it is
/// likely an `alias` for, or a typo of, and the list.
fn choices_help(found: &str, expected: &[&str], noun: &str, alias: Option<&str>) -> String {
    let list = expected
        .iter()
        .map(|e| format!("`{e}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match alias.or_else(|| did_you_mean(found, expected.iter().copied())) {
        Some(s) => format!("did you mean `{s}`? valid {noun}: {list}"),
        None => format!("valid {noun}: {list}"),
    }
}

/// A wrong-type diagnostic that names the field whose value is wrong, when the error lies
/// inside one of `node`'s fields. `source` is the text read and where it starts in the
/// file: a value written `Some(...)` where no `Some` is taken (a flag) gets the bare form
/// as help.
fn wrong_type(
    node: Option<&Node>,
    at: usize,
    message: String,
    fallback: Option<Span>,
    source: (&str, usize),
) -> Diagnostic {
    let field = node.and_then(|n| match &n.kind {
        crate::ron_index::NodeKind::Struct(fields) => fields
            .iter()
            .find(|f| f.name_span.end <= at && at <= f.value.span.end),
        _ => None,
    });
    match field {
        Some(f) => {
            let d = Diagnostic::new(Code::WrongType, format!("`{}`: {message}", f.name))
                .at(Some(f.value.span.clone()), "wrong type");
            match inside_some(source, &f.value.span) {
                Some(inner) => d.help(format!(
                    "write the value without `Some`: `{}: {inner}`",
                    f.name
                )),
                None => d,
            }
        }
        None => Diagnostic::new(Code::WrongType, message).at(fallback, "wrong type"),
    }
}

/// What a value written `Some(...)` at `span` holds; `text` starts at `base` in the file.
fn inside_some<'t>((text, base): (&'t str, usize), span: &Span) -> Option<&'t str> {
    let value = text.get(span.start.checked_sub(base)?..span.end.checked_sub(base)?)?;
    Some(
        value
            .trim()
            .strip_prefix("Some(")?
            .strip_suffix(')')?
            .trim(),
    )
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}
