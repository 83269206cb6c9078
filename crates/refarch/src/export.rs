//! The model in other tools' languages: Graphviz DOT, Mermaid, D2 and plain JSON.
//!
//! Zones become nested clusters (DOT), subgraphs (Mermaid) or containers (D2); components
//! become nodes with their labels; links become edges labelled with their text (protocol and
//! port, or the explicit label) and note. Output follows file order and is the same bytes for
//! the same model. Labels are escaped for each language, and ids are written so that no id can
//! break out of its place or clash with a keyword.
//!
//! ```
//! use refarch::{ExportFormat, export};
//!
//! let text = r#"Scenario(
//!     id: "demo",
//!     title: "Demo",
//!     zones: [Zone(id: "dmz", label: "DMZ", trust: Perimeter)],
//!     components: [
//!         Component(id: "web", label: "Browser", kind: Client),
//!         Component(id: "proxy", label: "NGINX", kind: Proxy, zone: "dmz"),
//!     ],
//!     links: [Link(from: "web", to: "proxy", protocol: "HTTPS", port: 443)],
//! )"#;
//! let model = refarch::check_str("demo.ron", text).model.expect("valid");
//! let dot = export(&model, ExportFormat::Dot);
//! assert!(dot.contains(r#"subgraph "cluster_dmz" {"#));
//! assert!(dot.contains(r#""web" -> "proxy" [label="HTTPS :443"];"#));
//! let d2 = export(&model, ExportFormat::D2);
//! assert!(d2.contains(r#"web -> dmz.proxy: "HTTPS :443""#));
//! ```

use std::fmt::{self, Write as _};
use std::str::FromStr;

use refarch_core::{
    Component, ComponentId, ComponentKind, Direction, Endpoint, Link, Model, Trust, ZoneId,
    ZoneKind,
};
use serde::Serialize;

/// A language [`export`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ExportFormat {
    /// Graphviz DOT: zones as nested `cluster_<id>` subgraphs.
    Dot,
    /// A Mermaid flowchart: zones as nested subgraphs.
    Mermaid,
    /// D2: zones as nested containers, edges between `zone.sub.component` paths.
    D2,
    /// The model as plain JSON data with resolved references.
    Json,
}

impl ExportFormat {
    /// Every format.
    pub const ALL: [ExportFormat; 4] = [Self::Dot, Self::Mermaid, Self::D2, Self::Json];

    /// The name used on the command line: `dot`, `mermaid`, `d2` or `json`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Dot => "dot",
            Self::Mermaid => "mermaid",
            Self::D2 => "d2",
            Self::Json => "json",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Dot => "dot",
            Self::Mermaid => "mmd",
            Self::D2 => "d2",
            Self::Json => "json",
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ExportFormat {
    type Err = String;

    /// Parses a name as printed by [`ExportFormat::name`] (case-insensitive).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!("unknown export format `{s}` (expected dot, mermaid, d2 or json)")
            })
    }
}

/// Writes the model in another tool's language. Infallible; the text ends in a newline.
pub fn export(model: &Model, format: ExportFormat) -> String {
    match format {
        ExportFormat::Dot => dot(model),
        ExportFormat::Mermaid => mermaid(model),
        ExportFormat::D2 => d2(model),
        ExportFormat::Json => json(model),
    }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

/// A component's lines: label, then tech, then `×N` for replicas.
fn component_lines(c: &Component) -> Vec<String> {
    let mut lines = vec![c.label.clone()];
    if let Some(tech) = &c.tech {
        lines.push(tech.clone());
    }
    if c.replicas > 1 {
        lines.push(format!("×{}", c.replicas));
    }
    lines
}

/// A link's text and note as lines (possibly none).
fn link_lines(link: &Link) -> Vec<String> {
    link.text().into_iter().chain(link.note.clone()).collect()
}

/// Collapses a text to one line for comments.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// An identifier made only of `[a-z0-9_]` and upper-case escapes, injective on all strings:
/// `[a-z0-9]` stay, `-` becomes `_`, anything else becomes `U<hex>U`. Author ids are
/// `[a-z0-9-]+`, so they come out readable (`db-writer` → `db_writer`).
fn plain_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            '-' => out.push('_'),
            _ => {
                let _ = write!(out, "U{:X}U", u32::from(c));
            }
        }
    }
    if out.is_empty() {
        out.push_str("Z_");
    }
    out
}

/// [`plain_id`], prefixed with `Z` (never produced by `plain_id`) when it is a keyword or
/// could be read as something else.
fn keyword_safe(id: &str, reserved: &[&str]) -> String {
    let plain = plain_id(id);
    if reserved.contains(&plain.as_str())
        || plain.starts_with(|c: char| c.is_ascii_digit() || c == '_')
    {
        format!("Z{plain}")
    } else {
        plain
    }
}

/// The first component of a zone, its own before its children's, depth first.
fn first_component(model: &Model, zone: ZoneId) -> Option<ComponentId> {
    let z = model.zone(zone);
    z.components.first().copied().or_else(|| {
        z.children
            .iter()
            .find_map(|&child| first_component(model, child))
    })
}

fn trust_name(t: Trust) -> &'static str {
    match t {
        Trust::Untrusted => "Untrusted",
        Trust::Partner => "Partner",
        Trust::Perimeter => "Perimeter",
        Trust::Internal => "Internal",
        Trust::Restricted => "Restricted",
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

// ---------------------------------------------------------------------------------------------
// Graphviz DOT

/// A DOT double-quoted string. Backslashes and quotes are escaped, `&` becomes `&amp;`
/// (Graphviz decodes entities in labels), newlines become `\n` and other control characters
/// spaces.
fn dot_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn dot_label(lines: &[String]) -> String {
    dot_str(&lines.join("\n"))
}

fn dot_cluster(id: &str) -> String {
    dot_str(&format!("cluster_{id}"))
}

/// The shape a component kind is drawn as in the other tools' languages.
#[derive(Clone, Copy)]
enum Shape {
    /// A database, a file store or an object store.
    Cylinder,
    Person,
    Queue,
    Box,
}

impl Shape {
    fn of(kind: ComponentKind) -> Shape {
        match kind {
            ComponentKind::Database | ComponentKind::FileStore | ComponentKind::ObjectStore => {
                Shape::Cylinder
            }
            ComponentKind::User => Shape::Person,
            ComponentKind::Queue => Shape::Queue,
            _ => Shape::Box,
        }
    }
}

fn dot_shape(kind: ComponentKind) -> &'static str {
    match Shape::of(kind) {
        Shape::Cylinder => "cylinder",
        Shape::Person => "ellipse",
        Shape::Queue => "box3d",
        Shape::Box => "box",
    }
}

fn dot(model: &Model) -> String {
    let mut out = String::new();
    let rankdir = match model.direction() {
        Direction::LeftToRight => "LR",
        Direction::TopToBottom => "TB",
    };
    let _ = writeln!(out, "digraph {} {{", dot_str(model.id()));
    let mut title = model.title().to_string();
    if let Some(summary) = model.summary() {
        title.push('\n');
        title.push_str(summary);
    }
    let _ = writeln!(
        out,
        "  graph [label={}, labelloc=t, rankdir={rankdir}, compound=true, fontname=\"Helvetica\"];",
        dot_str(&title)
    );
    out.push_str("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=10];\n");

    // Zones used as link ends get an invisible node when they hold no component to anchor to.
    let mut anchor_node = vec![false; model.zones().len()];
    for link in model.links() {
        for end in [link.from, link.to] {
            if let Endpoint::Zone(z) = end
                && first_component(model, z).is_none()
            {
                anchor_node[z.index()] = true;
            }
        }
    }

    for c in model.loose_components() {
        dot_component(&mut out, model, c, 1);
    }
    for z in model.root_zones() {
        dot_zone(&mut out, model, z, 1, &anchor_node);
    }

    for link in model.links() {
        let (tail, ltail) = dot_end(model, link.from, link.to);
        let (head, lhead) = dot_end(model, link.to, link.from);
        let mut attrs = Vec::new();
        let lines = link_lines(link);
        if !lines.is_empty() {
            attrs.push(format!("label={}", dot_label(&lines)));
        }
        if link.bidirectional {
            attrs.push("dir=both".to_string());
        }
        if link.intermittent {
            attrs.push("style=dashed".to_string());
        }
        if let Some(z) = ltail {
            attrs.push(format!("ltail={}", dot_cluster(z)));
        }
        if let Some(z) = lhead {
            attrs.push(format!("lhead={}", dot_cluster(z)));
        }
        let _ = write!(out, "  {} -> {}", dot_str(&tail), dot_str(&head));
        if !attrs.is_empty() {
            let _ = write!(out, " [{}]", attrs.join(", "));
        }
        out.push_str(";\n");
    }
    out.push_str("}\n");
    out
}

/// The node an end is drawn to, and the cluster to clip at when the end is a zone (unless the
/// other end sits inside that zone, which Graphviz cannot clip).
fn dot_end(model: &Model, end: Endpoint, other: Endpoint) -> (String, Option<&str>) {
    match end {
        Endpoint::Component(c) => (model.component(c).id.clone(), None),
        Endpoint::Zone(z) => {
            let node = match first_component(model, z) {
                Some(c) => model.component(c).id.clone(),
                None => model.zone(z).id.clone(),
            };
            let inside = model
                .endpoint_zone(other)
                .is_some_and(|o| model.zone_within(o, z));
            (node, (!inside).then_some(model.zone(z).id.as_str()))
        }
    }
}

fn dot_component(out: &mut String, model: &Model, c: ComponentId, depth: usize) {
    let comp = model.component(c);
    indent(out, depth);
    let mut style = "rounded".to_string();
    if comp.optional {
        style.push_str(",dashed");
    }
    let _ = writeln!(
        out,
        "{} [label={}, shape={}, style={}];",
        dot_str(&comp.id),
        dot_label(&component_lines(comp)),
        dot_shape(comp.kind),
        dot_str(&style)
    );
}

fn dot_zone(out: &mut String, model: &Model, z: ZoneId, depth: usize, anchor_node: &[bool]) {
    let zone = model.zone(z);
    indent(out, depth);
    let _ = writeln!(out, "subgraph {} {{", dot_cluster(&zone.id));
    let mut label = zone.label.clone();
    if let Some(caption) = &zone.caption {
        label.push('\n');
        label.push_str(caption);
    }
    let style = match zone.trust {
        Trust::Untrusted | Trust::Partner => "dashed,rounded",
        Trust::Perimeter | Trust::Internal => "rounded",
        Trust::Restricted => "bold,rounded",
    };
    indent(out, depth + 1);
    let _ = writeln!(
        out,
        "label={}; style={}; // trust: {}",
        dot_label(&[label]),
        dot_str(style),
        trust_name(zone.trust)
    );
    if anchor_node[z.index()] {
        indent(out, depth + 1);
        let _ = writeln!(
            out,
            "{} [label=\"\", shape=point, style=invis, width=0.01];",
            dot_str(&zone.id)
        );
    }
    for &c in &zone.components {
        dot_component(out, model, c, depth + 1);
    }
    for &child in &zone.children {
        dot_zone(out, model, child, depth + 1, anchor_node);
    }
    indent(out, depth);
    out.push_str("}\n");
}

// ---------------------------------------------------------------------------------------------
// Mermaid

/// Words a Mermaid flowchart reads as syntax when written as a node id.
const MERMAID_RESERVED: &[&str] = &[
    "end",
    "graph",
    "flowchart",
    "subgraph",
    "direction",
    "style",
    "linkstyle",
    "classdef",
    "class",
    "click",
    "call",
    "href",
    "default",
    "interpolate",
];

fn mermaid_id(id: &str) -> String {
    keyword_safe(id, MERMAID_RESERVED)
}

/// Mermaid label text for inside `"…"`: entity codes (`#quot;`, `#lt;`, …) for everything
/// Mermaid or the HTML it makes would read, `<br>` for newlines.
fn mermaid_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '#' => out.push_str("#35;"),
            '|' => out.push_str("#124;"),
            '`' => out.push_str("#96;"),
            '%' => out.push_str("#37;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn mermaid_label(lines: &[String]) -> String {
    format!("\"{}\"", mermaid_text(&lines.join("\n")))
}

/// A YAML double-quoted scalar (for the front-matter title).
fn yaml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn mermaid_dir(d: Direction) -> &'static str {
    match d {
        Direction::LeftToRight => "LR",
        Direction::TopToBottom => "TB",
    }
}

fn mermaid(model: &Model) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "---\ntitle: {}\n---", yaml_str(model.title()));
    let _ = writeln!(out, "flowchart {}", mermaid_dir(model.direction()));
    for c in model.loose_components() {
        mermaid_component(&mut out, model, c, 1);
    }
    for z in model.root_zones() {
        mermaid_zone(&mut out, model, z, 1);
    }
    for link in model.links() {
        let arrow = match (link.bidirectional, link.intermittent) {
            (false, false) => "-->",
            (false, true) => "-.->",
            (true, false) => "<-->",
            (true, true) => "<-.->",
        };
        let lines = link_lines(link);
        let text = if lines.is_empty() {
            String::new()
        } else {
            format!("|{}|", mermaid_label(&lines))
        };
        let _ = writeln!(
            out,
            "  {} {arrow}{text} {}",
            mermaid_id(model.endpoint_id(link.from)),
            mermaid_id(model.endpoint_id(link.to))
        );
    }
    out
}

fn mermaid_component(out: &mut String, model: &Model, c: ComponentId, depth: usize) {
    let comp = model.component(c);
    let label = mermaid_label(&component_lines(comp));
    let (open, close) = match Shape::of(comp.kind) {
        Shape::Cylinder => ("[(", ")]"),
        Shape::Person => ("([", "])"),
        Shape::Queue | Shape::Box => ("[", "]"),
    };
    indent(out, depth);
    let _ = writeln!(out, "{}{open}{label}{close}", mermaid_id(&comp.id));
}

fn mermaid_zone(out: &mut String, model: &Model, z: ZoneId, depth: usize) {
    let zone = model.zone(z);
    let mut label = vec![zone.label.clone()];
    label.extend(zone.caption.clone());
    indent(out, depth);
    let _ = writeln!(
        out,
        "subgraph {}[{}]",
        mermaid_id(&zone.id),
        mermaid_label(&label)
    );
    if let Some(d) = zone.direction {
        indent(out, depth + 1);
        let _ = writeln!(out, "direction {}", mermaid_dir(d));
    }
    for &c in &zone.components {
        mermaid_component(out, model, c, depth + 1);
    }
    for &child in &zone.children {
        mermaid_zone(out, model, child, depth + 1);
    }
    indent(out, depth);
    out.push_str("end\n");
}

// ---------------------------------------------------------------------------------------------
// D2

/// Keys D2 reads as attributes or special names when written as a shape key.
const D2_RESERVED: &[&str] = &[
    "label",
    "shape",
    "icon",
    "style",
    "width",
    "height",
    "direction",
    "near",
    "tooltip",
    "link",
    "class",
    "classes",
    "vars",
    "layers",
    "scenarios",
    "steps",
    "constraint",
    "top",
    "left",
    "grid",
    "null",
    "true",
    "false",
    "title",
];

fn d2_key(id: &str) -> String {
    keyword_safe(id, D2_RESERVED)
}

/// A D2 double-quoted string: `\` escapes for quotes, backslashes and `$` (substitutions),
/// `\n` for newlines.
fn d2_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '$' => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The dotted path of a zone (`outer.inner`), from the top level.
fn d2_zone_path(model: &Model, z: ZoneId) -> String {
    let mut chain = model.ancestors(Some(z));
    chain.reverse();
    chain
        .iter()
        .map(|&z| d2_key(&model.zone(z).id))
        .collect::<Vec<_>>()
        .join(".")
}

fn d2_path(model: &Model, end: Endpoint) -> String {
    match end {
        Endpoint::Zone(z) => d2_zone_path(model, z),
        Endpoint::Component(c) => {
            let comp = model.component(c);
            match comp.zone {
                Some(z) => format!("{}.{}", d2_zone_path(model, z), d2_key(&comp.id)),
                None => d2_key(&comp.id),
            }
        }
    }
}

fn d2(model: &Model) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}", one_line(model.title()));
    let dir = match model.direction() {
        Direction::LeftToRight => "right",
        Direction::TopToBottom => "down",
    };
    let _ = writeln!(out, "direction: {dir}");
    for c in model.loose_components() {
        d2_component(&mut out, model, c, 0);
    }
    for z in model.root_zones() {
        d2_zone(&mut out, model, z, 0);
    }
    for link in model.links() {
        let arrow = if link.bidirectional { "<->" } else { "->" };
        let _ = write!(
            out,
            "{} {arrow} {}",
            d2_path(model, link.from),
            d2_path(model, link.to)
        );
        let lines = link_lines(link);
        if !lines.is_empty() {
            let _ = write!(out, ": {}", d2_str(&lines.join("\n")));
        }
        if link.intermittent {
            out.push_str(" {style.stroke-dash: 3}");
        }
        out.push('\n');
    }
    out
}

fn d2_component(out: &mut String, model: &Model, c: ComponentId, depth: usize) {
    let comp = model.component(c);
    indent(out, depth);
    let _ = write!(
        out,
        "{}: {}",
        d2_key(&comp.id),
        d2_str(&component_lines(comp).join("\n"))
    );
    let mut attrs = Vec::new();
    match Shape::of(comp.kind) {
        Shape::Cylinder => attrs.push("shape: cylinder"),
        Shape::Person => attrs.push("shape: person"),
        Shape::Queue => attrs.push("shape: queue"),
        Shape::Box => {}
    }
    if comp.optional {
        attrs.push("style.stroke-dash: 3");
    }
    if !attrs.is_empty() {
        let _ = write!(out, " {{{}}}", attrs.join("; "));
    }
    out.push('\n');
}

fn d2_zone(out: &mut String, model: &Model, z: ZoneId, depth: usize) {
    let zone = model.zone(z);
    let mut label = zone.label.clone();
    if let Some(caption) = &zone.caption {
        label.push('\n');
        label.push_str(caption);
    }
    indent(out, depth);
    let _ = writeln!(out, "{}: {} {{", d2_key(&zone.id), d2_str(&label));
    if matches!(zone.trust, Trust::Untrusted | Trust::Partner) {
        indent(out, depth + 1);
        out.push_str("style.stroke-dash: 3\n");
    }
    if let Some(d) = zone.direction {
        indent(out, depth + 1);
        let _ = writeln!(
            out,
            "direction: {}",
            match d {
                Direction::LeftToRight => "right",
                Direction::TopToBottom => "down",
            }
        );
    }
    for &c in &zone.components {
        d2_component(out, model, c, depth + 1);
    }
    for &child in &zone.children {
        d2_zone(out, model, child, depth + 1);
    }
    indent(out, depth);
    out.push_str("}\n");
}

// ---------------------------------------------------------------------------------------------
// JSON

#[derive(Serialize)]
struct JsonModel<'m> {
    id: &'m str,
    title: &'m str,
    doc: Option<&'m str>,
    summary: Option<&'m str>,
    direction: Direction,
    high_availability: bool,
    zones: Vec<JsonZone<'m>>,
    components: Vec<JsonComponent<'m>>,
    links: Vec<JsonLink<'m>>,
}

#[derive(Serialize)]
struct JsonZone<'m> {
    id: &'m str,
    label: &'m str,
    /// Resolved: inherited from the parent when the file leaves it out.
    trust: Trust,
    kind: Option<ZoneKind>,
    parent: Option<&'m str>,
    /// Ids from the top-level zone down to this one.
    path: Vec<&'m str>,
    depth: u32,
    caption: Option<&'m str>,
    children: Vec<&'m str>,
    components: Vec<&'m str>,
}

#[derive(Serialize)]
struct JsonComponent<'m> {
    id: &'m str,
    label: &'m str,
    kind: ComponentKind,
    zone: Option<&'m str>,
    /// Zone ids from the top level down to the component's own.
    zones: Vec<&'m str>,
    replicas: u32,
    tech: Option<&'m str>,
    note: Option<&'m str>,
    capabilities: &'m [String],
    optional: bool,
}

#[derive(Serialize)]
struct JsonEnd<'m> {
    /// `component` or `zone`.
    kind: &'static str,
    id: &'m str,
}

#[derive(Serialize)]
struct JsonLink<'m> {
    from: JsonEnd<'m>,
    to: JsonEnd<'m>,
    protocol: Option<&'m str>,
    port: Option<u16>,
    encrypted: Option<bool>,
    bidirectional: bool,
    intermittent: bool,
    label: Option<&'m str>,
    /// What the diagram shows on the link: the label, else protocol and port.
    text: Option<String>,
    note: Option<&'m str>,
}

fn json_end(model: &Model, end: Endpoint) -> JsonEnd<'_> {
    JsonEnd {
        kind: match end {
            Endpoint::Component(_) => "component",
            Endpoint::Zone(_) => "zone",
        },
        id: model.endpoint_id(end),
    }
}

fn zone_chain(model: &Model, z: Option<ZoneId>) -> Vec<&str> {
    let mut chain: Vec<&str> = model
        .ancestors(z)
        .into_iter()
        .map(|z| model.zone(z).id.as_str())
        .collect();
    chain.reverse();
    chain
}

fn json(model: &Model) -> String {
    let zones = model
        .zone_ids()
        .map(|z| {
            let zone = model.zone(z);
            JsonZone {
                id: &zone.id,
                label: &zone.label,
                trust: zone.trust,
                kind: zone.kind,
                parent: zone.parent.map(|p| model.zone(p).id.as_str()),
                path: zone_chain(model, Some(z)),
                depth: zone.depth,
                caption: zone.caption.as_deref(),
                children: zone
                    .children
                    .iter()
                    .map(|&c| model.zone(c).id.as_str())
                    .collect(),
                components: zone
                    .components
                    .iter()
                    .map(|&c| model.component(c).id.as_str())
                    .collect(),
            }
        })
        .collect();
    let components = model
        .components()
        .iter()
        .map(|c| JsonComponent {
            id: &c.id,
            label: &c.label,
            kind: c.kind,
            zone: c.zone.map(|z| model.zone(z).id.as_str()),
            zones: zone_chain(model, c.zone),
            replicas: c.replicas,
            tech: c.tech.as_deref(),
            note: c.note.as_deref(),
            capabilities: &c.capabilities,
            optional: c.optional,
        })
        .collect();
    let links = model
        .links()
        .iter()
        .map(|l| JsonLink {
            from: json_end(model, l.from),
            to: json_end(model, l.to),
            protocol: l.protocol.as_deref(),
            port: l.port,
            encrypted: l.encrypted,
            bidirectional: l.bidirectional,
            intermittent: l.intermittent,
            label: l.label.as_deref(),
            text: l.text(),
            note: l.note.as_deref(),
        })
        .collect();
    let doc = JsonModel {
        id: model.id(),
        title: model.title(),
        doc: model.doc(),
        summary: model.summary(),
        direction: model.direction(),
        high_availability: model.high_availability(),
        zones,
        components,
        links,
    };
    // Plain data with string keys: serialising cannot fail.
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "\"quotes\" <tags> & \\n newline";

    fn model(text: &str) -> Model {
        let checked = refarch_core::check_str("t.ron", text);
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        checked.model.expect("valid")
    }

    /// A small model with nesting, a zone end, a loose component, a bidirectional and an
    /// intermittent link, a reserved-word id and the hostile label everywhere text goes.
    fn sample() -> Model {
        // RON strings take `\"` and `\n`; the label holds quotes, tags, an ampersand and a
        // real newline.
        model(
            r#"Scenario(
    id: "demo",
    title: "Demo \"title\" <b> & \n line two",
    direction: TopToBottom,
    zones: [
        Zone(id: "outer", label: "\"quotes\" <tags> & \n newline", trust: Untrusted),
        Zone(id: "inner", label: "Inner", parent: "outer", trust: Restricted, caption: "Tier 0"),
        Zone(id: "empty", label: "Empty zone"),
    ],
    components: [
        Component(id: "user", label: "People", kind: User),
        Component(id: "end", label: "\"quotes\" <tags> & \n newline", kind: AppServer, zone: "outer", replicas: 3, tech: "x$y"),
        Component(id: "db-main", label: "Main DB #1 | 100%", kind: Database, zone: "inner"),
    ],
    links: [
        Link(from: "user", to: "end", protocol: "HTTPS", port: 443),
        Link(from: "end", to: "db-main", label: "\"quotes\" <tags> & \n newline", bidirectional: true),
        Link(from: "user", to: "inner", protocol: "SSH", intermittent: true, note: "a\\b"),
        Link(from: "db-main", to: "empty"),
    ],
)"#,
        )
    }

    #[test]
    fn hostile_constant_is_what_the_sample_holds() {
        let m = sample();
        assert_eq!(m.zones()[0].label, "\"quotes\" <tags> & \n newline");
        assert_eq!(m.components()[1].label, "\"quotes\" <tags> & \n newline");
        assert_eq!(HOSTILE.replace("\\n", "\n"), m.zones()[0].label);
    }

    #[test]
    fn dot_output() {
        let out = export(&sample(), ExportFormat::Dot);
        let expected = r#"digraph "demo" {
  graph [label="Demo \"title\" <b> &amp; \n line two", labelloc=t, rankdir=TB, compound=true, fontname="Helvetica"];
  node [shape=box, style=rounded, fontname="Helvetica"];
  edge [fontname="Helvetica", fontsize=10];
  "user" [label="People", shape=ellipse, style="rounded"];
  subgraph "cluster_outer" {
    label="\"quotes\" <tags> &amp; \n newline"; style="dashed,rounded"; // trust: Untrusted
    "end" [label="\"quotes\" <tags> &amp; \n newline\nx$y\n×3", shape=box, style="rounded"];
    subgraph "cluster_inner" {
      label="Inner\nTier 0"; style="bold,rounded"; // trust: Restricted
      "db-main" [label="Main DB #1 | 100%", shape=cylinder, style="rounded"];
    }
  }
  subgraph "cluster_empty" {
    label="Empty zone"; style="rounded"; // trust: Internal
    "empty" [label="", shape=point, style=invis, width=0.01];
  }
  "user" -> "end" [label="HTTPS :443"];
  "end" -> "db-main" [label="\"quotes\" <tags> &amp; \n newline", dir=both];
  "user" -> "db-main" [label="SSH\na\\b", style=dashed, lhead="cluster_inner"];
  "db-main" -> "empty" [lhead="cluster_empty"];
}
"#;
        assert_eq!(out, expected, "\n{out}");
    }

    #[test]
    fn dot_zone_end_inside_its_own_zone_is_not_clipped() {
        let m = model(
            r#"Scenario(id: "t", title: "T",
    zones: [Zone(id: "z", label: "Z")],
    components: [
        Component(id: "a", label: "A", kind: Other, zone: "z"),
        Component(id: "b", label: "B", kind: Other, zone: "z"),
    ],
    links: [Link(from: "b", to: "z")],
)"#,
        );
        let out = export(&m, ExportFormat::Dot);
        assert!(out.contains("  \"b\" -> \"a\";\n"), "{out}");
    }

    #[test]
    fn mermaid_output() {
        let out = export(&sample(), ExportFormat::Mermaid);
        let expected = r##"---
title: "Demo \"title\" <b> & \n line two"
---
flowchart TB
  user(["People"])
  subgraph outer["#quot;quotes#quot; #lt;tags#gt; #amp; <br> newline"]
    Zend["#quot;quotes#quot; #lt;tags#gt; #amp; <br> newline<br>x$y<br>×3"]
    subgraph inner["Inner<br>Tier 0"]
      db_main[("Main DB #35;1 #124; 100#37;")]
    end
  end
  subgraph empty["Empty zone"]
  end
  user -->|"HTTPS :443"| Zend
  Zend <-->|"#quot;quotes#quot; #lt;tags#gt; #amp; <br> newline"| db_main
  user -.->|"SSH<br>a\b"| inner
  db_main --> empty
"##;
        assert_eq!(out, expected, "\n{out}");
    }

    #[test]
    fn d2_output() {
        let out = export(&sample(), ExportFormat::D2);
        let expected = r#"# Demo "title" <b> &   line two
direction: down
user: "People" {shape: person}
outer: "\"quotes\" <tags> & \n newline" {
  style.stroke-dash: 3
  end: "\"quotes\" <tags> & \n newline\nx\$y\n×3"
  inner: "Inner\nTier 0" {
    db_main: "Main DB #1 | 100%" {shape: cylinder}
  }
}
empty: "Empty zone" {
}
user -> outer.end: "HTTPS :443"
outer.end <-> outer.inner.db_main: "\"quotes\" <tags> & \n newline"
user -> outer.inner: "SSH\na\\b" {style.stroke-dash: 3}
outer.inner.db_main -> empty
"#;
        assert_eq!(out, expected, "\n{out}");
    }

    #[test]
    fn json_output_round_trips_the_text() {
        let out = export(&sample(), ExportFormat::Json);
        let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        assert_eq!(v["direction"], "TopToBottom");
        assert_eq!(v["zones"][0]["label"], "\"quotes\" <tags> & \n newline");
        assert_eq!(v["zones"][1]["trust"], "Restricted");
        assert_eq!(v["zones"][1]["path"], serde_json::json!(["outer", "inner"]));
        assert_eq!(v["zones"][2]["trust"], "Internal");
        assert_eq!(v["components"][1]["id"], "end");
        assert_eq!(v["components"][1]["replicas"], 3);
        assert_eq!(
            v["components"][2]["zones"],
            serde_json::json!(["outer", "inner"])
        );
        assert_eq!(v["components"][0]["zone"], serde_json::Value::Null);
        assert_eq!(v["links"][0]["text"], "HTTPS :443");
        assert_eq!(
            v["links"][2]["to"],
            serde_json::json!({"kind": "zone", "id": "inner"})
        );
        assert_eq!(v["links"][1]["label"], "\"quotes\" <tags> & \n newline");
        assert_eq!(v["links"][1]["bidirectional"], true);
        assert!(out.ends_with("}\n"));
    }

    #[test]
    fn deterministic() {
        let m = sample();
        for f in ExportFormat::ALL {
            assert_eq!(export(&m, f), export(&m, f));
        }
    }

    #[test]
    fn format_names_parse() {
        for f in ExportFormat::ALL {
            assert_eq!(f.name().parse::<ExportFormat>(), Ok(f));
            assert_eq!(f.to_string(), f.name());
        }
        assert_eq!("DOT".parse::<ExportFormat>(), Ok(ExportFormat::Dot));
        assert!("svg".parse::<ExportFormat>().is_err());
    }

    #[test]
    fn ids_are_safe_and_distinct() {
        assert_eq!(plain_id("db-writer"), "db_writer");
        assert_eq!(plain_id("a.b"), "aU2EUb");
        assert_eq!(plain_id(""), "Z_");
        assert_eq!(mermaid_id("end"), "Zend");
        assert_eq!(mermaid_id("9lives"), "Z9lives");
        assert_eq!(d2_key("label"), "Zlabel");
        assert_eq!(d2_key("-"), "Z_");
        assert_ne!(plain_id("a-b"), plain_id("a_b"));
        assert_ne!(plain_id("aU2EUb"), plain_id("a.b"));
    }
}
