//! Layout for refarch: a resolved [`refarch_core::Model`] in, plain geometry ([`Diagram`]) out.
//!
//! [`layout`] runs one compound layered (Sugiyama) pipeline over the whole graph, zones
//! included:
//!
//! 1. cards are sized from their text ([`TextMeasure`]);
//! 2. cycles are broken with the greedy feedback-arc-set heuristic (Eades, Lin, Smyth 1993),
//!    fed with the orientation the diagram should read in: from clients and less trusted
//!    zones inwards; peers in one zone (a server cluster, replicating stores) share a layer;
//! 3. nodes get layers by longest path, with sources pulled towards their successors, far
//!    members pulled back to their zone, and the authors' hints applied (`arrange` of child
//!    zones as bands of layers, `place` of components); where one layer joins two sibling
//!    zones (a staircase with two empty corners), the model is also laid out with them
//!    parted (what follows moving up with them), as hinted, and the better of the two
//!    rankings is kept;
//! 4. links become chains of stops with a dummy in every layer they pass, owned by the
//!    innermost zone holding both ends, and zones get a filler in every layer they span;
//! 5. layers are ordered by barycenter sweeps sorted hierarchically, so every zone is one
//!    contiguous block in every layer and sibling zones never swap (Forster 2002), with
//!    transposition of neighbours, of sibling zones, and of a zone's own items past a
//!    neighbouring child zone, from several starting orders (more for the layout that is
//!    kept than for each trial of the arrangement search); zones the author arranged keep
//!    the order written, and those the search stacked the order of the flow when that costs
//!    nothing; otherwise, of an ordering and its mirror (every layer reversed, with the same
//!    crossings), the one nearer the file's order is kept;
//! 6. the order axis is solved as a separation-constraint DAG (boxes, zone borders, padding,
//!    header rows) and balanced by moving items and whole zones within their slack;
//! 7. links are routed orthogonally in the channels between layers with track assignment
//!    (Sander 2003), a link to a zone meeting its border at the end nearer its other end,
//!    and labels get a lane of their own in a channel, centred on their link where it
//!    enters its next box (or leaves its own, when the next box's side is crowded with
//!    labels);
//! 8. the layer axis is laid out: layers, nested zone borders, tracks and label lanes;
//! 9. a label left with no free spot on its own link is moved onto it where there is room;
//!    when some found none, the layout is made once more with room for them where their
//!    links pass a layer (each such link's dummies as large as its label, as Graphviz
//!    reserves room for every edge label) and kept when that frees labels at little cost.
//!
//! The result is checked by [`faults()`] (shared with the property tests) and summarised by
//! [`metrics()`].
//!
//! Independent work runs side by side on rayon's pool (the caller's, under
//! `ThreadPool::install`): the two flow directions and the trials of the arrangement search,
//! and on large models the ranking beside text measurement and each channel's tracks. The
//! result never depends on the number of threads.
//!
//! ```
//! use refarch_layout::{ApproxMeasure, LayoutOptions, faults, layout};
//!
//! let text = r#"Scenario(
//!     id: "demo",
//!     title: "Demo",
//!     zones: [
//!         Zone(id: "internet", label: "Internet", trust: Untrusted),
//!         Zone(id: "dmz", label: "DMZ", trust: Perimeter),
//!     ],
//!     components: [
//!         Component(id: "browser", label: "Browser", kind: Client, zone: "internet"),
//!         Component(id: "proxy", label: "NGINX", kind: Proxy, zone: "dmz"),
//!     ],
//!     links: [Link(from: "browser", to: "proxy", protocol: "HTTPS", port: 443)],
//! )"#;
//! let model = refarch_core::check_str("demo.ron", text).model.expect("valid scenario");
//! let diagram = layout(&model, &LayoutOptions::default(), &ApproxMeasure);
//! assert_eq!(diagram.components.len(), 2);
//! assert_eq!(diagram.links[0].text.as_deref(), Some("HTTPS :443"));
//! let link = &diagram.links[0];
//! assert_eq!((link.from.as_str(), link.to.as_str()), ("browser", "proxy"));
//! assert!(link.points.len() >= 2);
//! assert_eq!(faults(&diagram).total(), 0);
//! ```

// Graph stages index several parallel arrays by node or zone number; range loops read best.
#![allow(clippy::needless_range_loop)]

mod buckets;
mod bundle;
mod cards;
mod coords;
mod cycles;
mod diagram;
mod faults;
mod graph;
mod hints;
mod labels;
mod layer_axis;
mod layering;
mod least;
mod metrics;
mod ordering;
mod pipeline;
mod route;
mod runs;
mod shape;
mod simplex;
mod steps;
mod text;

use refarch_core::Direction;

pub use cards::wrap;
pub use diagram::{
    ComponentBox, Diagram, Finding, FindingSeverity, FindingTarget, GEOMETRY_VERSION, LinkPath,
    Rect, TextLine, ZoneBox,
};
pub use faults::{Faults, faults};
pub use hints::unsupported_hints;
pub use metrics::{FRAME, Metrics, metrics};
pub use pipeline::layout;
pub use text::{ApproxMeasure, TextMeasure, TextStyle};

/// Options for [`layout`]. Every field has a documented default ([`LayoutOptions::default`]).
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutOptions {
    /// Main flow direction; `None` (the default) uses the model's.
    pub direction: Option<Direction>,
    /// Gap between two boxes in one layer, and between a box and a zone border.
    /// Default: 20.
    pub node_spacing: f64,
    /// Smallest channel between two layers (room for arrowheads). Default: 40.
    pub layer_spacing: f64,
    /// Distance between parallel link segments and between ports on one side. Default: 12.
    pub edge_spacing: f64,
    /// Gap between sibling zones. Default: 20.
    pub zone_spacing: f64,
    /// Padding inside a zone's border, around its components. Default: 12.
    pub zone_padding: f64,
    /// Gap between a zone's border and the border of a zone inside it, which is smaller than
    /// [`zone_padding`](LayoutOptions::zone_padding) so that nested trust boundaries read as
    /// concentric frames and deep nesting costs little room. Default: 8.
    pub nested_zone_gap: f64,
    /// Widest text column in a component card; longer text wraps. Default: 200.
    pub card_text_width: f64,
    /// Target width / height of the whole diagram. Default: 1.6 (16:10).
    pub aspect: f64,
    /// Empty space around the drawing. Default: 20.
    pub margin: f64,
    /// Cap on crossing-reduction sweeps (halved for very large graphs). Default: 16.
    pub max_sweeps: usize,
    /// When `direction` is `None`: also try the other flow direction and take it when it fits
    /// the target frame ([`LayoutOptions::aspect`]) clearly better (a 15% larger scale).
    /// Models above 400 components always keep their own direction. Default: true.
    pub fit_direction: bool,
    /// When the diagram does not fit the target frame at full size: try stacking, lining up
    /// or gridding each zone's blocks (its own components and its child zones, and the
    /// top-level zones), wrapping or spreading the flow of a zone with no child zones, and
    /// keep what fits the frame clearly better, without faults and without many more
    /// crossings. Authors' `arrange` hints are never changed. Models above 150 components
    /// only wrap or spread, and above 200 keep the hints only. Default: true.
    pub fit_arrangement: bool,
    /// Draw links that look alike (the same text and marks) and enter one component or zone
    /// from one side as one bundle: one shared stretch of line, arrowhead and label,
    /// branching out to their other ends (and the same for links leaving one). The
    /// arrangement is chosen with links apart and keeps its bundles only where they cost no
    /// crossings, detached labels or more than a tenth of the scale (weighing both costs
    /// whole layouts: models above 400 components draw every link apart). False draws every
    /// link on its own line with its own label. Default: true.
    pub bundle_links: bool,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            direction: None,
            node_spacing: 20.0,
            layer_spacing: 40.0,
            edge_spacing: 12.0,
            zone_spacing: 20.0,
            zone_padding: 12.0,
            nested_zone_gap: 8.0,
            card_text_width: 200.0,
            aspect: 1.6,
            margin: 20.0,
            max_sweeps: 16,
            fit_direction: true,
            fit_arrangement: true,
            bundle_links: true,
        }
    }
}
