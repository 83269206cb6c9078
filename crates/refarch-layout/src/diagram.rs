//! The geometry IR: what the layout produces and the renderers read.
//!
//! Plain serialisable data. Serialised with `serde_json` it is the geometry JSON contract
//! (`refarch layout FILE.ron`): `version`, `scenario`, `width`, `height`, `zones`,
//! `components`, `links` with `points` and `label` are fixed names; the other fields are
//! extensions a renderer needs so that it never has to look at the model again.

use std::collections::HashMap;

use refarch_core::{ComponentKind, Direction, Trust, ZoneKind};
use serde::{Deserialize, Serialize};

use crate::text::TextStyle;

/// Version of the geometry JSON format.
pub const GEOMETRY_VERSION: u32 = 1;

/// An axis-aligned rectangle: `x, y` is the top-left corner, y grows downwards.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// Whether the two rectangles share interior area (touching edges do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }

    /// Whether `o` lies inside this rectangle (edges may touch).
    pub fn contains(&self, o: &Rect) -> bool {
        o.x >= self.x && o.y >= self.y && o.right() <= self.right() && o.bottom() <= self.bottom()
    }

    /// This rectangle grown by `by` on every side.
    ///
    /// ```
    /// use refarch_layout::Rect;
    /// let r = Rect { x: 10.0, y: 20.0, w: 30.0, h: 40.0 };
    /// assert_eq!(r.outset(2.0), Rect { x: 8.0, y: 18.0, w: 34.0, h: 44.0 });
    /// ```
    pub fn outset(&self, by: f64) -> Rect {
        Rect {
            x: self.x - by,
            y: self.y - by,
            w: self.w + 2.0 * by,
            h: self.h + 2.0 * by,
        }
    }
}

/// A laid-out diagram.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagram {
    /// [`GEOMETRY_VERSION`].
    pub version: u32,
    /// The scenario id.
    pub scenario: String,
    /// The scenario title.
    pub title: String,
    /// The scenario summary.
    pub summary: Option<String>,
    /// The main flow direction used.
    pub direction: Direction,
    /// Total width of the drawing (CSS pixels at scale 1).
    pub width: f64,
    /// Total height of the drawing.
    pub height: f64,
    /// Zones in file order (a child may come before its parent; see `parent` and `depth`).
    pub zones: Vec<ZoneBox>,
    /// Components in file order.
    pub components: Vec<ComponentBox>,
    /// Links in file order.
    pub links: Vec<LinkPath>,
    /// Review findings to draw on the diagram (`refarch render --findings`): filled by the
    /// facade from the lint diagnostics, never by the layout. Left out of the geometry JSON
    /// when empty, so the contract is unchanged for ordinary renders.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
}

impl Diagram {
    /// Each component's position in `components`, by id.
    pub(crate) fn component_index(&self) -> HashMap<&str, usize> {
        index_by_id(self.components.iter().map(|c| c.id.as_str()))
    }

    /// Each zone's position in `zones`, by id.
    pub(crate) fn zone_index(&self) -> HashMap<&str, usize> {
        index_by_id(self.zones.iter().map(|z| z.id.as_str()))
    }

    /// Whether links `a` and `b` (indices into `links`) are drawn as one: the same link, or
    /// two of one [bundle](LinkPath::bundle), which share a stretch of line and a label.
    pub fn drawn_together(&self, a: usize, b: usize) -> bool {
        let bundle = |k: usize| self.links.get(k).and_then(|l| l.bundle);
        a == b || bundle(a).is_some_and(|x| bundle(b) == Some(x))
    }

    /// The first link of link `k`'s bundle when `k` is another link of it, which shares the
    /// first one's label (and its arrowhead at their shared end); `None` for a link drawn
    /// alone or the first of its bundle.
    pub fn bundle_first(&self, k: usize) -> Option<usize> {
        let first = self.links.get(k)?.bundle?;
        (first != k && first < self.links.len()).then_some(first)
    }
}

/// The position of each id in `ids`.
fn index_by_id<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    ids.enumerate().map(|(i, id)| (id, i)).collect()
}

/// A lint finding placed on the diagram.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The diagnostic code, e.g. `L0001`.
    pub code: String,
    /// How serious it is.
    pub severity: FindingSeverity,
    /// What it points at.
    pub target: FindingTarget,
    /// One line saying what is wrong.
    pub message: String,
}

/// How serious a [`Finding`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingSeverity {
    /// Worth a look.
    Warning,
    /// An error (a finding the policy denies).
    Error,
}

/// The part of the diagram a [`Finding`] points at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingTarget {
    /// A link, by its index in [`Diagram::links`].
    Link(usize),
    /// A component, by id.
    Component(String),
    /// A zone, by id.
    Zone(String),
}

/// A zone's rectangle and what a renderer needs to draw it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ZoneBox {
    /// The zone id.
    pub id: String,
    /// The parent zone's id.
    pub parent: Option<String>,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
    /// Header text.
    pub label: String,
    /// Resolved trust level (style key).
    pub trust: Trust,
    /// Boundary kind (header icon).
    pub kind: Option<ZoneKind>,
    /// Nesting depth, 0 for top level.
    pub depth: u32,
    /// The box the header label occupies.
    pub header: Rect,
    /// Caption under the header (e.g. "Tier 0").
    pub caption: Option<String>,
    /// The kind icon in the header (16×16), when the zone has a kind.
    #[serde(default)]
    pub icon: Option<Rect>,
    /// The header's lines: the label (`ZoneHeader`), then the caption (`Note`), positioned.
    #[serde(default)]
    pub texts: Vec<TextLine>,
}

/// A component's box and its text, already wrapped into lines.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComponentBox {
    /// The component id.
    pub id: String,
    /// The innermost zone's id.
    pub zone: Option<String>,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
    /// What the component is (icon, style key).
    pub kind: ComponentKind,
    /// Running instances (drawn as a stack when above 1).
    pub replicas: u32,
    /// The front card; with replicas, the cards behind it are offset by
    /// [`ComponentBox::STACK_STEP`] right and down, still inside `x, y, w, h`.
    pub face: Rect,
    /// The kind icon.
    pub icon: Rect,
    /// Label, tech, note and capability lines, wrapped and positioned.
    pub texts: Vec<TextLine>,
    /// An optional part of the deployment (dashed outline).
    pub optional: bool,
}

/// One line of text at a fixed place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TextLine {
    /// The text, already wrapped or truncated to fit.
    pub text: String,
    /// Left end of the line (or its centre when `centered`).
    pub x: f64,
    /// Baseline.
    pub y: f64,
    /// Size and weight.
    pub style: TextStyle,
    /// Whether `x` is the line's centre rather than its start.
    pub centered: bool,
}

impl ComponentBox {
    /// Offset between stacked replica cards.
    pub const STACK_STEP: f64 = 4.0;

    /// The box as a [`Rect`].
    pub fn rect(&self) -> Rect {
        Rect {
            x: self.x,
            y: self.y,
            w: self.w,
            h: self.h,
        }
    }
}

impl ZoneBox {
    /// The box as a [`Rect`].
    pub fn rect(&self) -> Rect {
        Rect {
            x: self.x,
            y: self.y,
            w: self.w,
            h: self.h,
        }
    }
}

/// A routed link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkPath {
    /// Source component or zone id.
    pub from: String,
    /// Target component or zone id.
    pub to: String,
    /// The orthogonal polyline from the source's border to the target's border, every bend
    /// listed.
    pub points: Vec<[f64; 2]>,
    /// The box the link's text occupies, or `None` when the link has no text.
    pub label: Option<Rect>,
    /// The label text (protocol and port, or the explicit label), as written.
    pub text: Option<String>,
    /// The label's lines (text, then note), positioned inside `label`.
    pub texts: Vec<TextLine>,
    /// Protocol, for descriptions.
    pub protocol: Option<String>,
    /// Port, for descriptions and gate marks.
    pub port: Option<u16>,
    /// Encryption as stated in the scenario.
    pub encrypted: Option<bool>,
    /// Arrowheads at both ends.
    pub bidirectional: bool,
    /// Drawn dashed.
    pub intermittent: bool,
    /// Whether the link leaves or enters a zone (crosses at least one trust boundary).
    pub crosses_boundary: bool,
    /// The index (in [`Diagram::links`]) of the first link of this link's bundle, when it
    /// is drawn as one of a fan: links with the same text that enter (or leave) one
    /// component or zone from one side share their last (first) stretch, its port, its
    /// arrowhead and its label, which every link of the bundle carries. `None` for a link drawn on
    /// its own. Left out of the JSON when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle: Option<usize>,
}
