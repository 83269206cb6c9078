//! Page-shaped layouts: chooses how each zone's blocks are arranged (and, through the
//! pipeline, the flow direction) so the diagram fits the target frame.
//!
//! A zone's blocks are its own components (as one block) and its child zones; the top level's
//! blocks are the top-level zones. The layered pipeline alone lines every block up along the
//! flow, which turns a long chain of zones into a strip. When the diagram would be scaled
//! below [`LEGIBLE`] to fit the frame, or is more than twice as wide as tall (or the
//! reverse), zones are visited from the top down and each tries stacking its blocks
//! (`Column`) when the diagram is too wide for the frame, or a `Row` when it is too tall,
//! then a two-column grid. A zone with no child zones (the top level, with no zones) has
//! one block, its components; it tries wrapping their flow or spreading it ([`flows`]). A
//! choice is kept when the whole diagram then fits the frame at a clearly larger scale and
//! is no worse to read, or gains a page's shape at little cost ([`Quality::preferred`]).
//! Authors' `arrange` hints are never changed. The search is greedy with one step of
//! lookahead (a candidate that fits larger but reads worse is tried together with each
//! choice for the next zone) and deterministic: zones in depth-first file order, candidates
//! in a fixed order, ties keeping the earlier choice. Nested zones that only fold together
//! (an organisation and the DMZ inside it) are found by a second climb, from the first depth
//! whose zones, stacked all at once, fit better; a third climb first arranges the zones of
//! each depth alike, in one step ([`alike`]); the best of the climbs wins. Last, each zone
//! tries its blocks in the order of the flow between them (`ByFlow`), alone and as the
//! start of one more climb over the other zones. Before any of this lays a trial out, the
//! least size of its plan ([`Layouts::least_plan_size`]) may show it cannot fit better.

use std::sync::Arc;

use rayon::prelude::*;
use refarch_core::{Arrange, Direction, Endpoint, Model};

use crate::diagram::{ComponentBox, Diagram};
use crate::faults::faults;
use crate::graph::{Flow, slot};
use crate::metrics::{FRAME, bends, crossings, drawn_crossings};
use crate::steps::flow_steps;

/// Scale in the frame below which text gets too small to read (14 px text at 10.5 px).
pub(crate) const LEGIBLE: f64 = 0.75;
/// Largest model (in components) whose zones' blocks the search stacks or grids; up to the
/// pipeline's limit on searched models it only wraps or spreads flows of components. At
/// 200 components stacking's few trials traded three times the crossings for a page.
const STACK_MAX: usize = 150;
/// Layouts tried per flow direction, at most.
const MAX_TRIALS: usize = 16;
/// Trials × (components + links) spent per flow direction, at most (keeps large models fast).
const WORK: usize = 1_200;
/// A candidate must fit the frame at this factor of the current scale to be kept.
pub(crate) const GAIN: f64 = 1.05;
/// A tenth more scale: what a climb from blocks in the order of the flow must gain to run
/// more links against the flow ([`Quality::preferred_keeping_flow`]).
const TENTH_GAIN: f64 = 1.1;
/// A page-shaped candidate may replace one that is not at this factor of its scale.
const PAGE_GAIN: f64 = 0.8;
/// A layout that fits the frame at this factor of another's scale may have one more label
/// detached from its link.
const BIG_GAIN: f64 = 1.3;
/// A layout that reads better may replace another at this factor of its scale.
const READS_GAIN: f64 = 0.9;

/// The target frame: its aspect ratio, at the area of [`FRAME`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Frame {
    pub(crate) aspect: f64,
}

impl Frame {
    /// The largest scale at which `d` fits the frame.
    pub(crate) fn scale(self, d: &Diagram) -> f64 {
        self.scale_of(d.width, d.height)
    }

    /// The largest scale at which a drawing `width` by `height` fits the frame.
    fn scale_of(self, width: f64, height: f64) -> f64 {
        let fh = (FRAME.0 * FRAME.1 / self.aspect).sqrt();
        let fw = fh * self.aspect;
        (fw / width.max(1.0)).min(fh / height.max(1.0))
    }

    /// Whether `d` is wider than the frame for its height (its width limits its scale).
    fn too_wide(self, d: &Diagram) -> bool {
        d.width / d.height.max(1.0) > self.aspect
    }
}

/// What makes a layout easy to read, for comparing two layouts of one model.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Quality {
    /// Largest scale at which the diagram fits the frame.
    pub(crate) scale: f64,
    crossings: usize,
    /// One-way links drawn against the flow (right to left, or upwards) or across it.
    backward: usize,
    /// Labels that could not be kept on their link.
    detached: usize,
    /// Hard faults (never expected; a layout with any is never preferred).
    faults: usize,
    /// Whether the diagram has a page's shape ([`page_shaped`]).
    pub(crate) page: bool,
    /// Whether the diagram is wider than the frame for its height.
    wide: bool,
    /// Corners on all links.
    bends: usize,
    /// Links drawn.
    links: usize,
}

impl Quality {
    /// A quality every layout may be preferred to: trials weighed against it are finished
    /// whatever they are.
    const NOTHING: Quality = Quality {
        scale: 0.0,
        crossings: usize::MAX,
        backward: usize::MAX,
        detached: usize::MAX,
        faults: usize::MAX,
        page: false,
        wide: false,
        bends: usize::MAX,
        links: 0,
    };

    /// The quality of a finished layout.
    pub(crate) fn of(d: &Diagram, frame: Frame) -> Quality {
        Quality::optimistic(d, frame).with_faults(d)
    }

    /// `self`, the [`optimistic`](Quality::optimistic) quality of `d`, with `d`'s faults and
    /// detached labels counted.
    fn with_faults(self, d: &Diagram) -> Quality {
        let f = faults(d);
        Quality {
            detached: f.labels_detached,
            faults: f.total(),
            ..self
        }
    }

    /// The quality of a layout with its faults and detached labels not counted (taken as
    /// none), which is cheaper to measure and never worse: a layout not
    /// [`preferred`](Quality::preferred) on this is not preferred at all.
    fn optimistic(d: &Diagram, frame: Frame) -> Quality {
        Quality::counted(d, frame, crossings(d))
    }

    /// The [`optimistic`](Quality::optimistic) quality of `d` with `crossings` as its
    /// crossings, however they were counted.
    fn counted(d: &Diagram, frame: Frame, crossings: usize) -> Quality {
        Quality {
            scale: frame.scale(d),
            crossings,
            backward: backward_links(d),
            detached: 0,
            faults: 0,
            page: page_shaped(d),
            wide: frame.too_wide(d),
            bends: bends(d),
            links: d.links.len(),
        }
    }

    /// The quality of a finished layout with its crossings counted as drawn
    /// ([`drawn_crossings`]): a bundle's trunk crossing a line counts once.
    pub(crate) fn as_drawn(d: &Diagram, frame: Frame) -> Quality {
        Quality::counted(d, frame, drawn_crossings(d)).with_faults(d)
    }

    /// Link crossings.
    pub(crate) fn crossings(&self) -> usize {
        self.crossings
    }

    /// The full quality of `laid` when it is [`preferred`](Quality::preferred) to `self` at
    /// `gain` (measuring faults only when the optimistic quality passes).
    fn beaten_by(&self, laid: &Laid, gain: f64) -> Option<Quality> {
        if !laid.optimistic.preferred(self, gain) {
            return None;
        }
        let q = laid.optimistic.with_faults(&laid.diagram);
        q.preferred(self, gain).then_some(q)
    }

    /// Whether no layout that fits the frame at `scale` or less can be
    /// [`preferred`](Quality::preferred) to `self` at `gain`.
    fn unbeatable_at(&self, scale: f64, gain: f64) -> bool {
        scale <= self.scale * gain && (self.page || scale <= (self.scale * PAGE_GAIN).min(LEGIBLE))
    }

    /// Whether `self` is [`better`](Quality::better) than `other` at `gain`, or
    /// [`reshapes`](Quality::reshapes) it with no more detached labels than `better` allows.
    pub(crate) fn preferred(&self, other: &Quality, gain: f64) -> bool {
        self.better(other, gain) || self.reshapes(other, 0)
    }

    /// Whether `self` is [`preferred`](Quality::preferred) to `other` at [`GAIN`] with no
    /// more links against the flow, or with more only at [`TENTH_GAIN`] times the scale:
    /// the users of an enterprise stacked above its proxy tier, their requests looping back
    /// round to it, fit 6% larger; offices before a data centre, calling out to the
    /// internet beside them, 15%.
    fn preferred_keeping_flow(&self, other: &Quality) -> bool {
        self.preferred(other, GAIN)
            && (self.backward <= other.backward || self.scale >= other.scale * TENTH_GAIN)
    }

    /// Whether the result of one climb, `self`, replaces `other`, another's: it is
    /// [`preferred`](Quality::preferred) at [`GAIN`], or [`reads_better`](Quality::reads_better).
    fn replaces(&self, other: &Quality) -> bool {
        self.preferred(other, GAIN) || self.reads_better(other)
    }

    /// Whether `self` has a page's shape and no more crossings, faults or detached labels
    /// than `other`: a reshaped layout that loses nothing else.
    pub(crate) fn reshapes_freely(&self, other: &Quality) -> bool {
        self.page
            && self.crossings <= other.crossings
            && self.faults <= other.faults
            && self.detached <= other.detached
    }

    /// Whether `self` reads at least as well as `other` (shape, crossings, detached labels)
    /// and better in one respect (fewer crossings, a larger scale, or fewer bends by a
    /// larger share than its scale is smaller), at no more than a tenth less scale. (A few
    /// bends fewer among many do not make up for smaller text: water-utility SCADA's
    /// levels stacked top-down lost 7% of their scale for 4 of 72 bends, and left an empty
    /// corner.)
    pub(crate) fn reads_better(&self, other: &Quality) -> bool {
        let fewer_bends = self.bends < other.bends
            && self.outweighs_scale(other, self.bends as f64, other.bends as f64);
        self.faults == 0
            && self.scale >= other.scale * READS_GAIN
            && (self.page || !other.page)
            && self.crossings <= other.crossings
            && self.detached <= other.detached
            && (self.crossings < other.crossings || fewer_bends || self.scale > other.scale)
    }

    /// Whether `mine`, a cost of `self` (bends, link length), is smaller than `theirs`, the
    /// same cost of `other`, by a larger share than `self`'s scale is smaller than
    /// `other`'s: `mine / theirs < self.scale / other.scale`.
    pub(crate) fn outweighs_scale(&self, other: &Quality, mine: f64, theirs: f64) -> bool {
        mine * other.scale < theirs * self.scale
    }

    /// Whether `self` follows the flow better than `other` and stays legible: fewer links
    /// against or across the flow, and fewer of those and crossings together (a link that
    /// runs back reads as badly as a crossing), no more detached labels, no faults, a
    /// page's shape kept, and text no smaller than [`LEGIBLE`] however much larger `other`
    /// draws it.
    pub(crate) fn flows_better(&self, other: &Quality) -> bool {
        self.faults == 0
            && self.scale >= LEGIBLE
            && self.backward < other.backward
            && self.backward + self.crossings < other.backward + other.crossings
            && self.detached <= other.detached
            && (self.page || !other.page)
    }

    /// Whether `self` reads no worse than `other`: no faults, no more crossings, links
    /// against the flow or detached labels, a page's shape kept, and at no more than a
    /// tenth less scale.
    pub(crate) fn no_worse(&self, other: &Quality) -> bool {
        self.no_worse_at(other, READS_GAIN)
    }

    /// [`no_worse`](Quality::no_worse) at `share` or more of `other`'s scale.
    fn no_worse_at(&self, other: &Quality, share: f64) -> bool {
        self.faults == 0
            && self.crossings <= other.crossings
            && self.backward <= other.backward
            && self.detached <= other.detached
            && (self.page || !other.page)
            && self.scale >= other.scale * share
    }

    /// Whether `self` reads [`no_worse`](Quality::no_worse) than `other`, with no more
    /// bends: about as good, so something these do not weigh (say the length of the links)
    /// may tell the two apart.
    pub(crate) fn as_good(&self, other: &Quality) -> bool {
        self.no_worse(other) && self.bends <= other.bends
    }

    /// Whether `self` may replace `other` for its page shape alone: `self` has a page's
    /// shape and `other` not, and `self` keeps more than [`PAGE_GAIN`] of the scale or stays
    /// [`LEGIBLE`], has no faults, no more links against the flow than
    /// [`better`](Quality::better) allows without a gain in scale, and detached labels as in
    /// `better`, or at most `spare` more. Crossings are not weighed: a strip that needs
    /// scrolling sideways reads worse than a page with more crossings. Links against the
    /// flow are: a page that stacks the proxy tier after the application tier, so that
    /// requests run back, reads worse than the strip.
    pub(crate) fn reshapes(&self, other: &Quality, spare: usize) -> bool {
        self.page
            && !other.page
            && self.faults == 0
            && self.scale > (other.scale * PAGE_GAIN).min(LEGIBLE)
            && self.backward <= other.backward_slack()
            && (self.detached_ok(other) || self.detached <= other.detached + spare)
    }

    /// How many links against the flow a layout may have to read no worse than `self`
    /// without a gain in scale: a tenth more, of them or of the links drawn, whichever is
    /// more (at least one).
    fn backward_slack(&self) -> usize {
        self.backward + tenth(self.backward.max(self.links))
    }

    /// Whether `self` has fewer labels off their links than `other` and reads no worse
    /// otherwise ([`no_worse`](Quality::no_worse)), at a scale smaller by no more than one
    /// more such label may buy ([`BIG_GAIN`]).
    pub(crate) fn frees_labels(&self, other: &Quality) -> bool {
        self.detached < other.detached && self.no_worse_at(other, 1.0 / BIG_GAIN)
    }

    /// Detached labels may not appear where there were none, and may grow by a tenth (at
    /// least one) where there were some.
    fn detached_ok(&self, other: &Quality) -> bool {
        match other.detached {
            0 => self.detached == 0,
            n => self.detached <= n + tenth(n),
        }
    }

    /// Whether `self` fits the frame at `gain` times `other`'s scale or more, and reads no
    /// worse: no faults; crossings and links against the flow may grow by a tenth of their
    /// count or of the links drawn, whichever is more (at least one), and by as much again
    /// for every tenth of scale gained (a few crossings weigh little among many links), but
    /// links against the flow not past full size (`other` at a scale of 1 or more: larger
    /// text reads no better there); detached labels as in
    /// [`detached_ok`](Quality::detached_ok), or one more at [`BIG_GAIN`] times the scale.
    pub(crate) fn better(&self, other: &Quality, gain: f64) -> bool {
        if self.faults > 0 || self.scale <= other.scale * gain {
            return false;
        }
        // Giving up a page's shape takes the gain that `reshapes` trades for one.
        if other.page && !self.page && self.scale <= other.scale / PAGE_GAIN {
            return false;
        }
        let tenths_gained = ((self.scale / other.scale.max(1e-9) - 1.0) / 0.1)
            .floor()
            .min(1e6) as usize;
        let slack = |n: usize| n + tenth(n.max(other.links)) * (1 + tenths_gained);
        // Past full size a larger scale reads no better: it buys no links against the flow.
        let back_slack = if other.scale >= 1.0 {
            other.backward_slack()
        } else {
            slack(other.backward)
        };
        // Text BIG_GAIN times larger reads better than one more label beside its link.
        let detached = self.detached_ok(other)
            || (self.scale >= other.scale * BIG_GAIN && self.detached <= other.detached + 1);
        detached && self.crossings <= slack(other.crossings) && self.backward <= back_slack
    }
}

/// A tenth of `n`, at least one.
fn tenth(n: usize) -> usize {
    (n / 10).max(1)
}

/// One-way links whose end does not lie downstream of their start along the flow (drawn
/// against it, or across it), or that leave their start or enter their end against it. A
/// zone whose blocks follow one another along the flow (a gateway's zone, then the
/// services', then the data tier) set side by side turns every link between them into one
/// that runs across the flow, which reads as badly as one that runs back; so does a loop
/// that leaves the clients backwards and comes round to the proxy beside them.
fn backward_links(d: &Diagram) -> usize {
    let along = |p: &[f64; 2]| match d.direction {
        Direction::LeftToRight => p[0],
        Direction::TopToBottom => p[1],
    };
    // A stretch that runs back: its end upstream of its start.
    let back = |a: &[f64; 2], b: &[f64; 2]| along(b) < along(a) - 0.5;
    d.links
        .iter()
        .filter(|l| !l.bidirectional)
        .filter(|l| {
            let p = &l.points;
            let n = p.len();
            n >= 2
                && (along(&p[n - 1]) < along(&p[0]) + 1.0
                    || back(&p[0], &p[1])
                    || back(&p[n - 2], &p[n - 1]))
        })
        .count()
}

/// The arrangement of every zone's blocks, indexed by zone, then one entry for the top level.
pub(crate) type Arrangement = Vec<Option<Arrange>>;

/// The authors' hints (the top level has none).
pub(crate) fn hinted(model: &Model) -> Arrangement {
    let mut a: Arrangement = model.zones().iter().map(|z| z.arrange).collect();
    a.push(None);
    a
}

/// The blocks of each zone, then of the top level: its own components (one block, when it
/// has any) and each child zone (each top-level zone).
struct Blocks {
    /// How many blocks.
    count: Vec<usize>,
    /// Whether the one block is the zone's own components (it has no child zones), a flow
    /// that can [`wrap`](crate::graph).
    own_only: Vec<bool>,
    /// Whether the blocks in the order of the flow between them (`ByFlow`) are neither all
    /// stacked nor a row in the order written: the links between them lead through two or
    /// more steps, with two or more blocks at one step or a block before one written
    /// earlier. Counted on the links as written, a cheap stand-in for the layering's edges
    /// that the arrangement itself follows (those lay a call out to the internet as coming
    /// in): it only decides which zones the last climb tries.
    by_flow: Vec<bool>,
}

impl Blocks {
    fn of(model: &Model) -> Blocks {
        let nz = model.zones().len();
        let mut kids: Vec<usize> = model.zones().iter().map(|z| z.children.len()).collect();
        kids.push(model.zones().iter().filter(|z| z.parent.is_none()).count());
        let mut own = vec![false; nz + 1];
        for c in model.components() {
            own[c.zone.map_or(nz, |z| z.index())] = true;
        }
        let count: Vec<usize> = kids
            .iter()
            .zip(&own)
            .map(|(&k, &o)| k + usize::from(o))
            .collect();
        let by_flow = block_links(model, &own)
            .into_iter()
            .zip(&count)
            .map(|(links, &n)| {
                let steps = flow_steps(n, links);
                steps.iter().any(|&k| k > 0) && !steps.is_sorted_by(|a, b| a < b)
            })
            .collect();
        Blocks {
            count,
            own_only: kids.iter().zip(&own).map(|(&k, &o)| o && k == 0).collect(),
            by_flow,
        }
    }
}

/// The links between the blocks of each zone, then of the top level (`own[z]`: whether zone
/// `z`, or the top level, has components of its own, its first block), as pairs of block
/// indices from the link's start to its end. A link counts in the zone where its ends part.
fn block_links(model: &Model, own: &[bool]) -> Vec<Vec<(usize, usize)>> {
    let nz = model.zones().len();
    // Each zone's place among its siblings, the top-level zones in the order written.
    let mut place = vec![0; nz];
    for z in model.zones() {
        for (k, c) in z.children.iter().enumerate() {
            place[c.index()] = k;
        }
    }
    let top = model
        .zones()
        .iter()
        .enumerate()
        .filter(|(_, z)| z.parent.is_none());
    for (k, (z, _)) in top.enumerate() {
        place[z] = k;
    }
    // The zones around an endpoint, outermost first, and whether it is a zone itself.
    let chain = |e: Endpoint| {
        let mut zones = Vec::new();
        let mut cur = model.endpoint_zone(e);
        while let Some(z) = cur {
            zones.push(z.index());
            cur = model.zone(z).parent;
        }
        zones.reverse();
        (zones, matches!(e, Endpoint::Zone(_)))
    };
    let mut links = vec![Vec::new(); nz + 1];
    for l in model.links() {
        let ((a, a_zone), (b, b_zone)) = (chain(l.from), chain(l.to));
        let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let zone = common.checked_sub(1).map_or(nz, |k| a[k]);
        // The block of an endpoint: the child zone it lies in, or the zone's own components;
        // a link to the zone itself joins no block.
        let block = |chain: &[usize], is_zone: bool| match chain.get(common) {
            Some(&child) => Some(place[child] + usize::from(own[zone])),
            None => (!is_zone).then_some(0),
        };
        if let (Some(x), Some(y)) = (block(&a, a_zone), block(&b, b_zone)) {
            links[zone].push((x, y));
        }
    }
    links
}

/// What an arrangement does to one zone.
#[derive(Debug, PartialEq)]
enum Effect {
    /// The [`slot`] of each of its two or more blocks.
    Slots(Vec<(usize, usize)>),
    /// Its two or more blocks in the order of the flow between them (`ByFlow`).
    ByFlow,
    /// What happens to the flow of its one block, its own components.
    Flow(Flow),
}

/// What an arrangement does, zone by zone (`None` where nothing moves). Two arrangements
/// with the same effect give the same layout (say a two-column grid and a row of two
/// blocks).
fn effect(arrangement: &[Option<Arrange>], blocks: &Blocks, lr: bool) -> Vec<Option<Effect>> {
    arrangement
        .iter()
        .zip(blocks.count.iter().zip(&blocks.own_only))
        .map(|(a, (&n, &own_only))| match (*a, n) {
            (Some(a), 2..) => Some(match (0..n).map(|i| slot(a, lr, i)).collect() {
                Some(slots) => Effect::Slots(slots),
                None => Effect::ByFlow,
            }),
            (Some(a), 1) if own_only => Flow::of(a, lr).map(Effect::Flow),
            _ => None,
        })
        .collect()
}

/// Zones (and the top level, as `zones().len()`) with no hint and two or more blocks or a
/// flow of their own that may wrap, in depth-first file order, top level first.
fn open_choices(model: &Model, blocks: &Blocks) -> Vec<usize> {
    let nz = model.zones().len();
    let open = |z: usize| blocks.count[z] >= 2 || blocks.own_only[z];
    let mut out = Vec::new();
    if open(nz) {
        out.push(nz);
    }
    let mut stack: Vec<usize> = model
        .zones()
        .iter()
        .enumerate()
        .filter(|(_, z)| z.parent.is_none())
        .map(|(i, _)| i)
        .rev()
        .collect();
    while let Some(z) = stack.pop() {
        let zone = &model.zones()[z];
        if zone.arrange.is_none() && open(z) {
            out.push(z);
        }
        stack.extend(zone.children.iter().rev().map(|c| c.index()));
    }
    out
}

/// The arrangements tried for a zone of two or more blocks: stacking narrows a diagram
/// that is too wide, a row flattens one too tall; then a two-column grid.
fn candidates(wide: bool) -> [Arrange; 2] {
    let stack = if wide { Arrange::Column } else { Arrange::Row };
    [stack, Arrange::Grid { columns: 2 }]
}

/// The arrangements tried for the components of zone `z` (of the top level, for
/// `zones().len()`), a zone with no child zones, in `d`:
/// - when `d` is long along the flow for the frame, and those components span four or more
///   layers and at least half of `d` along it: wraps of so many layers per chunk that the
///   chunks, stacked across the flow, give `d` about the frame's shape (and at least one
///   chunk more);
/// - when `d` is long across the flow, and they fill at least half of `d` across it with
///   three or more in some layer, none of those linked to another crowd: the arrangement
///   along the flow, which spreads crowded layers (a crowd linked one to one with another,
///   say services to their databases, would be torn from it).
fn flows(model: &Model, z: usize, d: &Diagram, frame: Frame) -> Vec<Arrange> {
    let lr = d.direction == Direction::LeftToRight;
    let zone = model.zones().get(z).map(|z| z.id.as_str());
    let (crowd, sizes) = crowds(d);
    let own = |c: &ComponentBox| c.zone.as_deref() == zone;
    let mut layers: Vec<usize> = Vec::new();
    let (mut along_span, mut across_span) = (Span::EMPTY, Span::EMPTY);
    for (i, c) in d.components.iter().enumerate().filter(|(_, c)| own(c)) {
        layers.push(crowd[i]);
        let (a, b) = if lr {
            (c.x..c.x + c.w, c.y..c.y + c.h)
        } else {
            (c.y..c.y + c.h, c.x..c.x + c.w)
        };
        along_span = along_span.with(a);
        across_span = across_span.with(b);
    }
    layers.sort_unstable();
    layers.dedup();
    let (along, across) = if lr {
        (d.width, d.height)
    } else {
        (d.height, d.width)
    };
    let shape = if lr { frame.aspect } else { 1.0 / frame.aspect };
    let long = (along / across.max(1.0)) / shape;
    let chunks = long.sqrt().round() as usize;
    if chunks >= 2 {
        if layers.len() < 4 || along_span.len() < along / 2.0 {
            return Vec::new();
        }
        // The chunks' own shape is only estimated from the strip, so a second candidate
        // makes at least one chunk more.
        let first = layers.len().div_ceil(chunks);
        let second = layers.len().div_ceil(chunks + 1).min(first - 1);
        let mut steps: Vec<usize> = [first, second]
            .into_iter()
            .filter(|&n| n >= 2 && n < layers.len())
            .collect();
        steps.dedup();
        return steps
            .into_iter()
            .map(|n| Arrange::Grid {
                columns: u32::try_from(n).unwrap_or(u32::MAX),
            })
            .collect();
    }
    let index = d.component_index();
    let crowded = |i: usize| sizes[crowd[i]] >= 3;
    let tied = d.links.iter().any(|l| {
        let (Some(&a), Some(&b)) = (index.get(l.from.as_str()), index.get(l.to.as_str())) else {
            return false;
        };
        crowd[a] != crowd[b]
            && crowded(a)
            && crowded(b)
            && (own(&d.components[a]) || own(&d.components[b]))
    });
    let spread = layers.iter().any(|&g| sizes[g] >= 3) && !tied;
    if (1.0 / long).sqrt() >= 1.5 && spread && across_span.len() >= across / 2.0 {
        return vec![if lr { Arrange::Row } else { Arrange::Column }];
    }
    Vec::new()
}

/// An extent on one axis, empty until something is added.
#[derive(Clone, Copy)]
struct Span(f64, f64);

impl Span {
    const EMPTY: Span = Span(f64::INFINITY, f64::NEG_INFINITY);

    fn with(self, r: std::ops::Range<f64>) -> Span {
        Span(self.0.min(r.start), self.1.max(r.end))
    }

    fn len(self) -> f64 {
        self.1 - self.0
    }
}

/// The crowds of `d`: components of one zone in one layer (centres along the flow within 20
/// px). Returns each component's crowd and each crowd's size.
fn crowds(d: &Diagram) -> (Vec<usize>, Vec<usize>) {
    let lr = d.direction == Direction::LeftToRight;
    let centre = |c: &ComponentBox| if lr { c.x + c.w / 2.0 } else { c.y + c.h / 2.0 };
    let mut by_zone: Vec<usize> = (0..d.components.len()).collect();
    by_zone.sort_by(|&a, &b| {
        let (ca, cb) = (&d.components[a], &d.components[b]);
        ca.zone
            .cmp(&cb.zone)
            .then(centre(ca).total_cmp(&centre(cb)))
    });
    let mut crowd = vec![0; d.components.len()];
    let mut sizes = Vec::new();
    for run in by_zone.chunk_by(|&a, &b| {
        let (ca, cb) = (&d.components[a], &d.components[b]);
        ca.zone == cb.zone && centre(cb) - centre(ca) <= 20.0
    }) {
        for &i in run {
            crowd[i] = sizes.len();
        }
        sizes.push(run.len());
    }
    (crowd, sizes)
}

/// Whether `d` is no more than twice as wide as tall, nor the reverse.
pub(crate) fn page_shaped(d: &Diagram) -> bool {
    let aspect = d.width / d.height.max(1.0);
    (0.5..=2.0).contains(&aspect)
}

/// How [`fit`] lays a model out: drafts, finished only when they may be chosen.
pub(crate) trait Layouts {
    /// What a layout is drawn from once the arrangement has had its effect (the layers of
    /// the model's items, say): a draft depends on nothing else, so two arrangements with
    /// equal plans give the same layout. Cheap next to a draft.
    type Plan: PartialEq + Send + Sync;
    /// The plan of a layout with `arrangement`.
    fn plan(&self, arrangement: &[Option<Arrange>]) -> Self::Plan;
    /// A layout of `plan`, all but [`finish`](Layouts::finish)ed.
    fn draft(&self, plan: &Self::Plan) -> Diagram;
    /// The least width and height any draft of `plan` can have once finished: no more than
    /// [`least_size`](Layouts::least_size) of its draft. Cheap next to a draft.
    fn least_plan_size(&self, plan: &Self::Plan) -> (f64, f64);
    /// The least width and height `draft` can have once finished.
    fn least_size(&self, draft: &Diagram) -> (f64, f64);
    /// Moves the labels of `draft` onto their links and sets its size.
    fn finish(&self, draft: Diagram) -> Diagram;
}

/// A trial's layout: drafted only once its plan may give a layout preferred to the best
/// found so far, finished only once its draft may.
enum Entry {
    Planned,
    Drafted(Diagram),
    Laid(Laid),
}

impl Entry {
    /// The finished layout of `plan`, unless its plan's or its draft's least size show it
    /// cannot be preferred to `best` at [`GAIN`] (which also rules out the lookahead from
    /// it): then it stays planned or drafted, to be weighed again against another best.
    fn finished<L: Layouts>(
        &mut self,
        plan: &L::Plan,
        best: &Quality,
        layouts: &L,
        frame: Frame,
    ) -> Option<Laid> {
        let may_beat = |(w, h): (f64, f64)| !best.unbeatable_at(frame.scale_of(w, h), GAIN);
        if matches!(self, Entry::Planned) && may_beat(layouts.least_plan_size(plan)) {
            *self = Entry::Drafted(layouts.draft(plan));
        }
        *self = match std::mem::replace(self, Entry::Planned) {
            Entry::Drafted(draft) if may_beat(layouts.least_size(&draft)) => {
                Entry::Laid(Laid::new(layouts.finish(draft), frame))
            }
            entry => entry,
        };
        match self {
            Entry::Laid(laid) => Some(laid.clone()),
            Entry::Planned | Entry::Drafted(_) => None,
        }
    }
}

/// A finished layout of a trial and its [`optimistic`](Quality::optimistic) quality, measured
/// once however often the layout is tried.
#[derive(Clone)]
struct Laid {
    diagram: Arc<Diagram>,
    optimistic: Quality,
}

impl Laid {
    fn new(diagram: Diagram, frame: Frame) -> Laid {
        Laid {
            optimistic: Quality::optimistic(&diagram, frame),
            diagram: Arc::new(diagram),
        }
    }
}

/// The trials of one search, by the effect of their arrangement and then by their plan: a
/// trial with the effect or the plan of one laid out before is that layout again.
struct Trials<'a, L: Layouts> {
    model: &'a Model,
    layouts: &'a L,
    frame: Frame,
    lr: bool,
    blocks: Blocks,
    /// The entry of each effect tried so far, by its index in `entries`.
    tried: Vec<(Vec<Option<Effect>>, usize)>,
    /// One entry per distinct plan: arrangements of different effects may still lay the
    /// items out alike (a two-column grid of two blocks that the flow already puts side by
    /// side), and then they share a layout.
    entries: Vec<(L::Plan, Entry)>,
    /// Trials the current climb may still make.
    left: usize,
    /// Whether the climb tries only arranging blocks in the order of the flow between them
    /// (`ByFlow`), where that is neither a stack nor a row ([`Blocks::by_flow`]).
    by_flow: bool,
}

impl<L: Layouts> Trials<'_, L> {
    /// The entry of an arrangement tried before whose effect is `key`.
    fn entry_of_effect(&self, key: &[Option<Effect>]) -> Option<usize> {
        self.tried.iter().find(|(k, _)| k == key).map(|&(_, i)| i)
    }

    /// The entry laid out from `plan`, if any.
    fn entry_of_plan(&self, plan: &L::Plan) -> Option<usize> {
        self.entries.iter().position(|(p, _)| p == plan)
    }

    /// The layout of `tried` (None once the budget is spent), finished unless it cannot beat
    /// `best` (then `Some(None)`).
    fn trial(&mut self, tried: &Arrangement, best: &Quality) -> Option<Option<Laid>> {
        self.left = self.left.checked_sub(1)?;
        let key = effect(tried, &self.blocks, self.lr);
        let i = match self.entry_of_effect(&key) {
            Some(i) => i,
            None => {
                let plan = self.layouts.plan(tried);
                let i = match self.entry_of_plan(&plan) {
                    Some(i) => i,
                    None => {
                        self.entries.push((plan, Entry::Planned));
                        self.entries.len() - 1
                    }
                };
                self.tried.push((key, i));
                i
            }
        };
        let (plan, entry) = &mut self.entries[i];
        Some(entry.finished(plan, best, self.layouts, self.frame))
    }

    /// Lays out those of `arrangements` whose plans were not laid out before (when two or
    /// more are new), side by side when there are threads to spare (rayon's pool), as many
    /// as the budget has trials left, as far as [`Entry::finished`] goes against `best`:
    /// the trials that follow find them done. Layouts are pure and `best` only gets harder
    /// to beat, so this changes nothing but the time taken.
    fn prefetch(&mut self, arrangements: &[Arrangement], best: &Quality)
    where
        L: Sync,
    {
        // New effects (as many as the budget has trials left), then their new plans.
        let mut fresh: Vec<(Vec<Option<Effect>>, &Arrangement)> = Vec::new();
        for a in arrangements {
            let key = effect(a, &self.blocks, self.lr);
            if self.entry_of_effect(&key).is_none() && !fresh.iter().any(|(k, _)| *k == key) {
                fresh.push((key, a));
            }
        }
        fresh.truncate(self.left);
        let layouts = self.layouts;
        let plans: Vec<L::Plan> = fresh.par_iter().map(|(_, a)| layouts.plan(a)).collect();
        let mut todo: Vec<L::Plan> = Vec::new();
        let mut found: Vec<(Vec<Option<Effect>>, usize)> = Vec::new();
        for ((key, _), plan) in fresh.into_iter().zip(plans) {
            let i = self.entry_of_plan(&plan).unwrap_or_else(|| {
                let new = todo.iter().position(|p| *p == plan).unwrap_or_else(|| {
                    todo.push(plan);
                    todo.len() - 1
                });
                self.entries.len() + new
            });
            found.push((key, i));
        }
        if todo.len() < 2 {
            return;
        }
        self.tried.extend(found);
        let frame = self.frame;
        let done: Vec<Entry> = todo
            .par_iter()
            .map(|plan| {
                let mut entry = Entry::Planned;
                entry.finished(plan, best, layouts, frame);
                entry
            })
            .collect();
        self.entries.extend(todo.into_iter().zip(done));
    }

    /// The arrangements tried for zone `z` (the top level, for `zones().len()`) of `d`,
    /// which is [`wide`](Frame::too_wide) or not: [`candidates`] for two or more blocks,
    /// [`flows`] for a zone of components alone.
    fn choices(&self, z: usize, d: &Diagram, wide: bool) -> Vec<Arrange> {
        if self.by_flow {
            match self.blocks.by_flow[z] {
                true => vec![Arrange::ByFlow],
                false => Vec::new(),
            }
        } else if self.blocks.count[z] >= 2 {
            candidates(wide).to_vec()
        } else {
            flows(self.model, z, d, self.frame)
        }
    }
}

/// A layout the search keeps, with its arrangement and quality.
#[derive(Clone)]
struct Found {
    arrangement: Arrangement,
    quality: Quality,
    diagram: Arc<Diagram>,
}

impl Found {
    /// `laid`, the layout of `arrangement`, with its full quality.
    fn new(arrangement: Arrangement, laid: &Laid) -> Found {
        Found {
            quality: laid.optimistic.with_faults(&laid.diagram),
            arrangement,
            diagram: Arc::clone(&laid.diagram),
        }
    }

    /// `laid`, with arrangement `arrangement`, when it is [`preferred`](Quality::preferred)
    /// to `self` at [`GAIN`].
    fn beaten_by(&self, arrangement: &Arrangement, laid: &Laid) -> Option<Found> {
        Some(Found {
            quality: self.quality.beaten_by(laid, GAIN)?,
            arrangement: arrangement.clone(),
            diagram: Arc::clone(&laid.diagram),
        })
    }
}

/// The layout under the authors' hints alone.
pub(crate) fn as_hinted(model: &Model, layouts: &impl Layouts) -> Diagram {
    layouts.finish(layouts.draft(&layouts.plan(&hinted(model))))
}

/// Whether the arrangement of a diagram whose hinted layout is `hinted_only` is worth
/// searching: that layout is not legible in the frame or not page-shaped.
pub(crate) fn needs_search(hinted_only: &Diagram, frame: Frame) -> bool {
    frame.scale(hinted_only) < LEGIBLE || !page_shaped(hinted_only)
}

/// Improves on `hinted_only`, the layout of `layouts` under the authors' hints
/// ([`as_hinted`]), when `search`: the arrangement greedily while the budget lasts
/// ([`climb`]), once more from the first of the [`folds`] that fits better, once more
/// trying [`alike`] zones together first, then each zone's blocks in the order of the flow
/// between them, alone and as the start of one more climb, keeping the best result. The layouts flow left
/// to right when `lr`; `frame` rates a diagram (larger scale fits better). `search` false
/// keeps the hints only (and costs no quality measurement). Also returns the arrangement
/// of the result.
pub(crate) fn fit(
    model: &Model,
    layouts: &(impl Layouts + Sync),
    lr: bool,
    frame: Frame,
    hinted_only: Diagram,
    search: bool,
) -> (Diagram, Arrangement) {
    if !search {
        return (hinted_only, hinted(model));
    }
    let hints = hinted(model);
    let hinted_only = Laid::new(hinted_only, frame);
    let blocks = Blocks::of(model);
    let size = model.components().len() + model.links().len();
    let budget = MAX_TRIALS.min(WORK / size.max(1));
    let hinted_entry = Entry::Laid(hinted_only.clone());
    // Past STACK_MAX components only flows of components wrap or spread.
    let stacks = model.components().len() <= STACK_MAX;
    let zones: Vec<usize> = open_choices(model, &blocks)
        .into_iter()
        .filter(|&z| stacks || blocks.own_only[z])
        .collect();
    // Stacking folds zones of two or more blocks.
    let stacking: Vec<usize> = zones
        .iter()
        .copied()
        .filter(|&z| blocks.count[z] >= 2)
        .collect();
    let mut trials = Trials {
        model,
        layouts,
        frame,
        lr,
        tried: vec![(effect(&hints, &blocks, lr), 0)],
        entries: vec![(layouts.plan(&hints), hinted_entry)],
        blocks,
        left: budget,
        by_flow: false,
    };
    let first = Found {
        arrangement: hints.clone(),
        quality: hinted_only.optimistic.with_faults(&hinted_only.diagram),
        diagram: hinted_only.diagram,
    };
    let singles: Vec<Vec<usize>> = zones.iter().map(|&z| vec![z]).collect();
    let mut best = climb(&singles, first.clone(), &mut trials);
    // Nested zones often fold only together: stacking one zone's blocks gains nothing while
    // its child zones still run along the flow, so greedy steps never find it.
    for folded in folds(model, &stacking, &hints, candidates(first.quality.wide)[0]) {
        // The fold itself is one trial beyond the climb's budget.
        trials.left = budget + 1;
        let Some(Some(laid)) = trials.trial(&folded, &first.quality) else {
            continue;
        };
        let Some(from) = first.beaten_by(&folded, &laid) else {
            continue;
        };
        let found = climb(&singles, from, &mut trials);
        if found.quality.replaces(&best.quality) {
            best = found;
        }
        break;
    }
    // Alike zones usually fit best arranged alike: a third climb tries each depth's zones
    // together first.
    let groups = alike(model, &stacking);
    if !groups.is_empty() {
        trials.left = budget;
        let moves: Vec<Vec<usize>> = groups.into_iter().chain(singles.iter().cloned()).collect();
        let found = climb(&moves, first, &mut trials);
        if found.quality.replaces(&best.quality) {
            best = found;
        }
    }
    // Blocks in the order of the flow between them do some of stacking and some of a row
    // (branch sites stacked before the head office they report to). Tried last, from the
    // best layout found, they change it only where they fit it clearly better: tried
    // along with the others, they led the climbs away from better arrangements.
    let flowing: Vec<Vec<usize>> = (stacking.iter())
        .filter(|&&z| trials.blocks.by_flow[z])
        .map(|&z| vec![z])
        .collect();
    if !flowing.is_empty() {
        trials.left = flowing.len();
        trials.by_flow = true;
        best = climb(&flowing, best, &mut trials);
        trials.by_flow = false;
    }
    // A zone in the order of the flow may pay off only once the zones around it are
    // arranged anew (offices stacked before the data centre, whose tiers then stack too:
    // alone it made a strip). Each such zone starts one more climb over the others,
    // kept where it fits clearly better.
    for z in flowing.iter().map(|group| group[0]) {
        if best.arrangement[z] == Some(Arrange::ByFlow) {
            continue;
        }
        let mut start = best.arrangement.clone();
        start[z] = Some(Arrange::ByFlow);
        // The start itself is one trial beyond the climb's budget.
        trials.left = budget + 1;
        let Some(Some(laid)) = trials.trial(&start, &Quality::NOTHING) else {
            continue;
        };
        let from = Found::new(start, &laid);
        let others: Vec<Vec<usize>> = singles.iter().filter(|g| g[0] != z).cloned().collect();
        let found = climb(&others, from, &mut trials);
        if found.quality.preferred_keeping_flow(&best.quality) {
            best = found;
        }
    }
    drop(trials);
    let d = Arc::try_unwrap(best.diagram).unwrap_or_else(|d| (*d).clone());
    (d, best.arrangement)
}

/// How many zones hold zone `z` (0 at the top level).
fn depth(model: &Model, z: usize) -> usize {
    model.ancestors(model.zones()[z].parent).len()
}

/// `hints` with every open zone (of `zones`) at some depth or deeper arranged as `stack`, for
/// each depth from the top.
fn folds(model: &Model, zones: &[usize], hints: &Arrangement, stack: Arrange) -> Vec<Arrangement> {
    let nz = model.zones().len();
    let mut depths: Vec<usize> = zones
        .iter()
        .filter(|&&z| z < nz)
        .map(|&z| depth(model, z))
        .collect();
    depths.sort_unstable();
    depths.dedup();
    depths
        .into_iter()
        .map(|from| {
            let mut folded = hints.clone();
            for &z in zones.iter().filter(|&&z| z < nz && depth(model, z) >= from) {
                folded[z] = Some(stack);
            }
            folded
        })
        .collect()
}

/// For each depth holding two or more zones of `stacking`, those zones: alike zones (say
/// one network per organisation) usually fit best arranged alike, which one-zone steps
/// find only with budget to spare.
fn alike(model: &Model, stacking: &[usize]) -> Vec<Vec<usize>> {
    let nz = model.zones().len();
    let mut levels: Vec<(usize, usize)> = stacking
        .iter()
        .filter(|&&z| z < nz)
        .map(|&z| (depth(model, z), z))
        .collect();
    levels.sort_unstable();
    levels
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|level| level.len() >= 2)
        .map(|level| level.iter().map(|&(_, z)| z).collect())
        .collect()
}

/// Improves `from` greedily, move by move in the order of `moves` (each a group of zones
/// arranged alike), trying [`candidates`] for each, with one step of lookahead, while the
/// budget of `trials` lasts. The candidates of one move (and of one lookahead) are laid out
/// side by side first ([`Trials::prefetch`]), then weighed one after another as before.
fn climb<L: Layouts + Sync>(moves: &[Vec<usize>], from: Found, trials: &mut Trials<L>) -> Found {
    let mut best = from;
    let with = |base: &Arrangement, group: &[usize], c: Arrange| {
        let mut a = base.clone();
        for &z in group {
            a[z] = Some(c);
        }
        a
    };
    'moves: for (k, group) in moves.iter().enumerate() {
        let candidates = trials.choices(group[0], &best.diagram, best.quality.wide);
        let tries: Vec<Arrangement> = candidates
            .iter()
            .map(|&c| with(&best.arrangement, group, c))
            .collect();
        trials.prefetch(&tries, &best.quality);
        for candidate in candidates {
            if group
                .iter()
                .all(|&z| best.arrangement[z] == Some(candidate))
            {
                continue;
            }
            let tried = with(&best.arrangement, group, candidate);
            let Some(laid) = trials.trial(&tried, &best.quality) else {
                break 'moves;
            };
            let Some(laid) = laid else {
                continue;
            };
            if let Some(found) = best.beaten_by(&tried, &laid) {
                best = found;
                continue;
            }
            // One step of lookahead: a larger layout that reads worse (say, zones side by side
            // with their links crossing) may pay off together with the next move.
            let q = laid.optimistic;
            if q.scale <= best.quality.scale * GAIN {
                continue;
            }
            let next = moves[k + 1..]
                .iter()
                .map(|next| (next, trials.choices(next[0], &laid.diagram, q.wide)))
                .find(|(_, choices)| !choices.is_empty());
            let Some((next, choices)) = next else {
                continue;
            };
            let pairs: Vec<Arrangement> = choices.iter().map(|&c| with(&tried, next, c)).collect();
            trials.prefetch(&pairs, &best.quality);
            for then in choices {
                let pair = with(&tried, next, then);
                let Some(laid) = trials.trial(&pair, &best.quality) else {
                    break 'moves;
                };
                if let Some(found) = laid.and_then(|laid| best.beaten_by(&pair, &laid)) {
                    best = found;
                    break;
                }
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One zone of `n` blocks, `own_only` when that is one block of its own components.
    fn blocks(n: usize, own_only: bool) -> Blocks {
        Blocks {
            count: vec![n],
            own_only: vec![own_only],
            by_flow: vec![false],
        }
    }

    #[test]
    fn fewer_bends_read_better_only_by_a_larger_share_than_the_scale_lost() {
        // Water-utility SCADA: top-down at 0.793 with 72 bends, left to right at 0.738 with
        // 68 (7% smaller for 6% fewer bends).
        let q = |scale: f64, bends: usize| Quality {
            scale,
            crossings: 4,
            backward: 10,
            detached: 0,
            faults: 0,
            page: true,
            wide: true,
            bends,
            links: 26,
        };
        let top_down = q(0.793, 72);
        assert!(!q(0.738, 68).reads_better(&top_down));
        assert!(q(0.738, 60).reads_better(&top_down), "17% fewer bends");
        assert!(q(0.793, 71).reads_better(&top_down), "as large");
        assert!(!q(0.793, 72).reads_better(&top_down), "nothing better");
    }

    #[test]
    fn a_climb_that_reads_better_at_about_the_same_scale_replaces_another() {
        // Synthetic-50 top-down: the first climb ends at 21 crossings and a label off its
        // link, the fold's climb at 10 and none, a hair larger.
        let q = |scale: f64, crossings: usize, detached: usize| Quality {
            scale,
            crossings,
            backward: 0,
            detached,
            faults: 0,
            page: true,
            wide: true,
            bends: 40,
            links: 59,
        };
        let first = q(0.427, 21, 1);
        assert!(!q(0.428, 10, 0).preferred(&first, GAIN), "not 5% larger");
        assert!(q(0.428, 10, 0).replaces(&first));
        assert!(q(0.40, 10, 0).replaces(&first), "a tenth smaller at most");
        assert!(!q(0.38, 10, 0).replaces(&first));
        assert!(!q(0.428, 22, 0).replaces(&first), "more crossings");
    }

    #[test]
    fn arrangements_with_one_effect_are_told_apart_only_by_more_blocks() {
        let grid = Some(Arrange::Grid { columns: 2 });
        let (two, three) = (blocks(2, false), blocks(3, false));
        // Two blocks: a two-column grid is a row across the flow of a left-to-right diagram,
        // and a row along it top to bottom.
        assert_eq!(
            effect(&[grid], &two, true),
            effect(&[Some(Arrange::Row)], &two, true)
        );
        assert_eq!(
            effect(&[grid], &two, false),
            effect(&[Some(Arrange::Row)], &two, false)
        );
        assert_ne!(
            effect(&[grid], &three, true),
            effect(&[Some(Arrange::Row)], &three, true)
        );
        // A zone of one block never moves, arranged or not, unless a grid wraps its flow.
        let (child, own) = (blocks(1, false), blocks(1, true));
        assert_eq!(effect(&[grid], &child, true), effect(&[None], &child, true));
        assert_ne!(effect(&[grid], &two, true), effect(&[None], &two, true));
        assert_eq!(
            effect(&[Some(Arrange::Column)], &own, true),
            effect(&[None], &own, true)
        );
        assert_ne!(effect(&[grid], &own, true), effect(&[None], &own, true));
        let grid3 = Some(Arrange::Grid { columns: 3 });
        assert_ne!(effect(&[grid], &own, true), effect(&[grid3], &own, true));
    }

    /// Lays nothing out: a draft of plan `p` is `100 + p` tall, and drafts are counted.
    struct Counted {
        drafts: std::sync::atomic::AtomicUsize,
    }

    impl Counted {
        fn new() -> Counted {
            Counted {
                drafts: Default::default(),
            }
        }

        /// Drafts made so far.
        fn drafts(&self) -> usize {
            self.drafts.load(std::sync::atomic::Ordering::Relaxed)
        }
    }

    impl Layouts for Counted {
        /// How many zones the arrangement arranges, whatever it arranges them as.
        type Plan = usize;

        fn plan(&self, arrangement: &[Option<Arrange>]) -> usize {
            arrangement.iter().flatten().count()
        }

        fn draft(&self, plan: &usize) -> Diagram {
            self.drafts
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Diagram {
                version: 1,
                scenario: String::new(),
                title: String::new(),
                summary: None,
                direction: Direction::LeftToRight,
                width: 100.0,
                height: 100.0 + *plan as f64,
                zones: Vec::new(),
                components: Vec::new(),
                links: Vec::new(),
                findings: Vec::new(),
            }
        }

        fn least_plan_size(&self, plan: &usize) -> (f64, f64) {
            (100.0, 100.0 + *plan as f64)
        }

        fn least_size(&self, draft: &Diagram) -> (f64, f64) {
            (draft.width, draft.height)
        }

        fn finish(&self, draft: Diagram) -> Diagram {
            draft
        }
    }

    #[test]
    fn links_join_the_blocks_of_the_zone_where_their_ends_part() {
        // The organisation's own router, then its two sites and its head office; a site's
        // link to the head office counts in the organisation, a link to the organisation's
        // border in none, and the top level sees the partner's link into the organisation.
        let text = r#"Scenario(
            id: "t", title: "T",
            zones: [
                Zone(id: "partner", label: "Partner", trust: Partner),
                Zone(id: "org", label: "Org", trust: Internal),
                Zone(id: "site1", label: "Site 1", trust: Internal, parent: "org"),
                Zone(id: "lan", label: "LAN", trust: Internal, parent: "site1"),
                Zone(id: "site2", label: "Site 2", trust: Internal, parent: "org"),
                Zone(id: "hq", label: "HQ", trust: Internal, parent: "org"),
            ],
            components: [
                Component(id: "p", label: "P", kind: AppServer, zone: "partner"),
                Component(id: "router", label: "R", kind: Gateway, zone: "org"),
                Component(id: "s1", label: "S1", kind: AppServer, zone: "lan"),
                Component(id: "s2", label: "S2", kind: AppServer, zone: "site2"),
                Component(id: "h", label: "H", kind: AppServer, zone: "hq"),
            ],
            links: [
                Link(from: "s1", to: "h"),
                Link(from: "s2", to: "h"),
                Link(from: "router", to: "s2"),
                Link(from: "s1", to: "org"),
                Link(from: "p", to: "h"),
            ],
        )"#;
        let model = refarch_core::check_str("t.ron", text).model.expect("valid");
        let nz = model.zones().len();
        let own: Vec<bool> = (0..=nz).map(|z| z == 1).collect();
        let links = block_links(&model, &own);
        // In the organisation: its router (0), site1 (1), site2 (2), hq (3).
        assert_eq!(links[1], vec![(1, 3), (2, 3), (0, 2)]);
        assert_eq!(links[nz], vec![(0, 1)]);
        assert!(links[2].is_empty() && links[3].is_empty());
        // Sites, then the head office: neither a stack nor a row. The top level's two
        // blocks lead one into the other, in the order written: a row.
        let blocks = Blocks::of(&model);
        assert!(blocks.by_flow[1]);
        assert!(!blocks.by_flow[nz]);
    }

    /// A zone `z` holding two zones of one component each.
    fn nested_pair() -> Model {
        let text = r#"Scenario(
            id: "t", title: "T",
            zones: [
                Zone(id: "z", label: "Z", trust: Internal),
                Zone(id: "a", label: "A", trust: Internal, parent: "z"),
                Zone(id: "b", label: "B", trust: Internal, parent: "z"),
            ],
            components: [
                Component(id: "x", label: "X", kind: AppServer, zone: "a"),
                Component(id: "y", label: "Y", kind: AppServer, zone: "b"),
            ],
        )"#;
        refarch_core::check_str("t.ron", text).model.expect("valid")
    }

    /// Trials of `model` by `layouts`, left to right, with a budget of 10.
    fn counted_trials<'a>(model: &'a Model, layouts: &'a Counted) -> Trials<'a, Counted> {
        Trials {
            model,
            layouts,
            frame: Frame { aspect: 1.6 },
            lr: true,
            tried: Vec::new(),
            entries: Vec::new(),
            blocks: Blocks::of(model),
            left: 10,
            by_flow: false,
        }
    }

    #[test]
    fn arrangements_with_one_plan_share_one_draft() {
        let model = nested_pair();
        let layouts = Counted::new();
        let mut trials = counted_trials(&model, &layouts);
        let lr = trials.lr;
        let z = |a: Arrange| vec![Some(a), None, None, None];
        let (column, row) = (z(Arrange::Column), z(Arrange::Row));
        // Two effects on zone `z`'s two blocks, one plan.
        assert_ne!(
            effect(&column, &trials.blocks, lr),
            effect(&row, &trials.blocks, lr)
        );
        let best = Quality::optimistic(&layouts.draft(&9), trials.frame);
        let first = trials.trial(&column, &best).flatten().expect("laid");
        let second = trials.trial(&row, &best).flatten().expect("laid");
        assert!(Arc::ptr_eq(&first.diagram, &second.diagram));
        assert_eq!(
            layouts.drafts(),
            2,
            "the best's draft and one for both trials"
        );
        // Side by side too: a new plan among known ones and a repeated one is one draft.
        let both = vec![Some(Arrange::Column), Some(Arrange::Row), None, None];
        let other = vec![Some(Arrange::Column), None, Some(Arrange::Row), None];
        trials.prefetch(&[both.clone(), other, row], &best);
        assert_eq!(layouts.drafts(), 2, "one new plan is left to the trial");
        let third = trials.trial(&both, &best).flatten().expect("laid");
        assert_eq!(third.diagram.height, 102.0);
        assert_eq!(layouts.drafts(), 3);
    }

    #[test]
    fn a_plan_too_large_to_beat_the_best_is_drafted_only_against_a_weaker_best() {
        let model = nested_pair();
        let layouts = Counted::new();
        let mut trials = counted_trials(&model, &layouts);
        let quality = |plan: usize| Quality::optimistic(&layouts.draft(&plan), trials.frame);
        let (best, weaker) = (quality(0), quality(40));
        assert_eq!(layouts.drafts(), 2);
        // Two zones arranged: a plan 102 tall, no clear gain on a page 100 tall.
        let both = vec![
            Some(Arrange::Column),
            Some(Arrange::Row),
            Some(Arrange::Row),
            None,
        ];
        assert!(trials.trial(&both, &best).expect("budget").is_none());
        assert_eq!(layouts.drafts(), 2, "not drafted");
        // Against a best 140 tall it may win: drafted and finished.
        let laid = trials.trial(&both, &weaker).flatten().expect("laid");
        assert_eq!((layouts.drafts(), laid.diagram.height), (3, 103.0));
    }
}
