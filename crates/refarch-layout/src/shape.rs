//! Page-shaped layouts: chooses how each zone's blocks are arranged (and, through the
//! pipeline, the flow direction) so the diagram fits the target frame.
//!
//! A zone's blocks are its own components (as one block) and its child zones; the top level's
//! blocks are the top-level zones. The layered pipeline alone lines every block up along the
//! flow, which turns a long chain of zones into a strip. When the diagram would be scaled
//! below [`LEGIBLE`] to fit the frame, or is more than twice as wide as tall (or the
//! reverse), zones are visited from the top down and each tries stacking its blocks
//! (`Column`) when the diagram is too wide for the frame, or a `Row` when it is too tall,
//! then a two-column grid. A choice is kept when the whole diagram then fits the frame at a
//! clearly larger scale and is no worse to read, or gains a page's shape at little cost
//! ([`Quality::preferred`]). Authors' `arrange` hints are never changed. The search is greedy
//! with one step of lookahead (a candidate that fits larger but reads worse is tried together
//! with each choice for the next zone) and deterministic: zones in depth-first file order,
//! candidates in a fixed order, ties keeping the earlier choice. Nested zones that only fold
//! together (an organisation and the DMZ inside it) are found by a second climb, from the
//! first depth whose zones, stacked all at once, fit better; the better of the two climbs wins.

use refarch_core::{Arrange, Direction, Model};

use crate::diagram::Diagram;
use crate::faults::faults;
use crate::metrics::{FRAME, bends, crossings};

/// Scale in the frame below which text gets too small to read (14 px text at 10.5 px).
pub(crate) const LEGIBLE: f64 = 0.75;
/// Layouts tried per flow direction, at most.
const MAX_TRIALS: usize = 16;
/// Trials × (components + links) spent per flow direction, at most (keeps large models fast).
const WORK: usize = 1_200;
/// A candidate must fit the frame at this factor of the current scale to be kept.
const GAIN: f64 = 1.05;
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
        let fh = (FRAME.0 * FRAME.1 / self.aspect).sqrt();
        let fw = fh * self.aspect;
        (fw / d.width.max(1.0)).min(fh / d.height.max(1.0))
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
    /// One-way links drawn against the flow (right to left, or upwards).
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
    /// The quality of a finished layout.
    pub(crate) fn of(d: &Diagram, frame: Frame) -> Quality {
        let f = faults(d);
        Quality {
            detached: f.labels_detached,
            faults: f.total(),
            ..Quality::optimistic(d, frame)
        }
    }

    /// The quality of a layout with its faults and detached labels not counted (taken as
    /// none), which is cheaper to measure and never worse: a layout not
    /// [`preferred`](Quality::preferred) on this is not preferred at all.
    fn optimistic(d: &Diagram, frame: Frame) -> Quality {
        Quality {
            scale: frame.scale(d),
            crossings: crossings(d),
            backward: backward_links(d),
            detached: 0,
            faults: 0,
            page: page_shaped(d),
            wide: frame.too_wide(d),
            bends: bends(d),
            links: d.links.len(),
        }
    }

    /// The full quality of `d` when it is [`preferred`](Quality::preferred) to `self` at
    /// `gain` (measuring faults only when the optimistic quality passes).
    fn beaten_by(&self, d: &Diagram, frame: Frame, gain: f64) -> Option<Quality> {
        if !Quality::optimistic(d, frame).preferred(self, gain) {
            return None;
        }
        let q = Quality::of(d, frame);
        q.preferred(self, gain).then_some(q)
    }

    /// Whether `self` is [`better`](Quality::better) than `other` at `gain`, or
    /// [`reshapes`](Quality::reshapes) it with no more detached labels than `better` allows.
    pub(crate) fn preferred(&self, other: &Quality, gain: f64) -> bool {
        self.better(other, gain) || self.reshapes(other, 0)
    }

    /// Whether `self` reads at least as well as `other` (shape, crossings, detached labels)
    /// and better in one respect (fewer crossings or bends, or a larger scale), at no more
    /// than a tenth less scale.
    pub(crate) fn reads_better(&self, other: &Quality) -> bool {
        self.faults == 0
            && self.scale >= other.scale * READS_GAIN
            && (self.page || !other.page)
            && self.crossings <= other.crossings
            && self.detached <= other.detached
            && (self.crossings < other.crossings
                || self.bends < other.bends
                || self.scale > other.scale)
    }

    /// Whether `self` may replace `other` for its page shape alone: `self` has a page's
    /// shape and `other` not, and `self` keeps more than [`PAGE_GAIN`] of the scale or stays
    /// [`LEGIBLE`], has no faults, and has detached labels as in
    /// [`better`](Quality::better), or at most `spare` more. Crossings are not weighed: a
    /// strip that needs scrolling sideways reads worse than a page with more crossings.
    pub(crate) fn reshapes(&self, other: &Quality, spare: usize) -> bool {
        self.page
            && !other.page
            && self.faults == 0
            && self.scale > (other.scale * PAGE_GAIN).min(LEGIBLE)
            && (self.detached_ok(other) || self.detached <= other.detached + spare)
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
    /// for every tenth of scale gained (a few crossings weigh little among many links);
    /// detached labels as in
    /// [`detached_ok`](Quality::detached_ok), or one more at [`BIG_GAIN`] times the scale.
    pub(crate) fn better(&self, other: &Quality, gain: f64) -> bool {
        if self.faults > 0 || self.scale <= other.scale * gain {
            return false;
        }
        let tenths_gained = ((self.scale / other.scale.max(1e-9) - 1.0) / 0.1)
            .floor()
            .min(1e6) as usize;
        let slack = |n: usize| n + tenth(n.max(other.links)) * (1 + tenths_gained);
        // Text BIG_GAIN times larger reads better than one more label beside its link.
        let detached = self.detached_ok(other)
            || (self.scale >= other.scale * BIG_GAIN && self.detached <= other.detached + 1);
        detached
            && self.crossings <= slack(other.crossings)
            && self.backward <= slack(other.backward)
    }
}

/// A tenth of `n`, at least one.
fn tenth(n: usize) -> usize {
    (n / 10).max(1)
}

/// One-way links whose end lies upstream of their start along the flow.
fn backward_links(d: &Diagram) -> usize {
    let along = |p: &[f64; 2]| match d.direction {
        Direction::LeftToRight => p[0],
        Direction::TopToBottom => p[1],
    };
    d.links
        .iter()
        .filter(|l| !l.bidirectional)
        .filter(|l| match (l.points.first(), l.points.last()) {
            (Some(a), Some(b)) => along(b) < along(a) - 1.0,
            _ => false,
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

/// Zones (and the top level, as `zones().len()`) with two or more blocks and no hint, in
/// depth-first file order, top level first.
fn open_choices(model: &Model) -> Vec<usize> {
    let nz = model.zones().len();
    let mut own = vec![false; nz + 1];
    for c in model.components() {
        own[c.zone.map_or(nz, |z| z.index())] = true;
    }
    let blocks = |z: usize, kids: usize| kids + usize::from(own[z]);
    let top = model.zones().iter().filter(|z| z.parent.is_none()).count();
    let mut out = Vec::new();
    if blocks(nz, top) >= 2 {
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
        if zone.arrange.is_none() && blocks(z, zone.children.len()) >= 2 {
            out.push(z);
        }
        stack.extend(zone.children.iter().rev().map(|c| c.index()));
    }
    out
}

/// The arrangements tried for a zone: stacking narrows a diagram that is too wide, a row
/// flattens one too tall; then a two-column grid.
fn candidates(wide: bool) -> [Arrange; 2] {
    let stack = if wide { Arrange::Column } else { Arrange::Row };
    [stack, Arrange::Grid { columns: 2 }]
}

/// Whether `d` is no more than twice as wide as tall, nor the reverse.
pub(crate) fn page_shaped(d: &Diagram) -> bool {
    let aspect = d.width / d.height.max(1.0);
    (0.5..=2.0).contains(&aspect)
}

/// Layouts made during one search, by arrangement: greedy steps, their lookahead and the
/// climb from a fold revisit some arrangements, which are laid out once.
struct Trials<F> {
    run: F,
    done: Vec<(Arrangement, Diagram)>,
    /// New layouts the current climb may still make.
    left: usize,
}

impl<F: Fn(&[Option<Arrange>]) -> Diagram> Trials<F> {
    /// The layout of `a`, made now when it is new.
    fn layout(&mut self, a: &Arrangement) -> Diagram {
        if let Some((_, d)) = self.done.iter().find(|(x, _)| x == a) {
            return d.clone();
        }
        let d = (self.run)(a);
        self.done.push((a.clone(), d.clone()));
        d
    }

    /// The layout of `a`, or `None` when it is new and the budget is spent.
    fn budgeted(&mut self, a: &Arrangement) -> Option<Diagram> {
        if !self.done.iter().any(|(x, _)| x == a) {
            self.left = self.left.checked_sub(1)?;
        }
        Some(self.layout(a))
    }
}

/// A layout found by the search, with its arrangement and quality.
struct Found {
    arrangement: Arrangement,
    quality: Quality,
    diagram: Diagram,
}

/// Lays out with `run` under the authors' hints; when that is not legible in the frame or
/// not page-shaped, improves the arrangement greedily while the budget lasts ([`climb`]),
/// and once more from the first [`fold`] that pays, keeping the better result.
/// `run(arrangement)` lays out; `frame` rates a diagram (larger scale fits better). `search`
/// false keeps the hints only (and costs no quality measurement). Also says whether the
/// result is the hinted layout.
pub(crate) fn fit(
    model: &Model,
    run: impl Fn(&[Option<Arrange>]) -> Diagram,
    frame: Frame,
    search: bool,
) -> (Diagram, bool) {
    let hints = hinted(model);
    let diagram = run(&hints);
    if !search || (frame.scale(&diagram) >= LEGIBLE && page_shaped(&diagram)) {
        return (diagram, true);
    }
    let start = Quality::of(&diagram, frame);
    let size = model.components().len() + model.links().len();
    let budget = MAX_TRIALS.min(WORK / size.max(1));
    let zones = open_choices(model);
    let mut trials = Trials {
        run,
        done: vec![(hints.clone(), diagram.clone())],
        left: budget,
    };
    let first = Found {
        arrangement: hints.clone(),
        quality: start,
        diagram,
    };
    let mut best = climb(&zones, first, &mut trials, frame);
    // Nested zones often fold only together: stacking one zone's blocks gains nothing while
    // its child zones still run along the flow, so greedy steps never find it.
    for folded in folds(model, &zones, &hints, candidates(start.wide)[0]) {
        let diagram = trials.layout(&folded);
        let Some(quality) = start.beaten_by(&diagram, frame, GAIN) else {
            continue;
        };
        let from = Found {
            arrangement: folded,
            quality,
            diagram,
        };
        trials.left = budget;
        let found = climb(&zones, from, &mut trials, frame);
        if found.quality.preferred(&best.quality, GAIN) {
            best = found;
        }
        break;
    }
    let as_hinted = best.arrangement == hints;
    (best.diagram, as_hinted)
}

/// `hints` with every open zone (of `zones`) at some depth or deeper arranged as `stack`, for
/// each depth from the top.
fn folds(model: &Model, zones: &[usize], hints: &Arrangement, stack: Arrange) -> Vec<Arrangement> {
    let nz = model.zones().len();
    let depth = |z: usize| {
        let mut d = 0;
        let mut cur = model.zones()[z].parent;
        while let Some(p) = cur {
            d += 1;
            cur = model.zones()[p.index()].parent;
        }
        d
    };
    let mut depths: Vec<usize> = zones
        .iter()
        .filter(|&&z| z < nz)
        .map(|&z| depth(z))
        .collect();
    depths.sort_unstable();
    depths.dedup();
    depths
        .into_iter()
        .map(|from| {
            let mut folded = hints.clone();
            for &z in zones.iter().filter(|&&z| z < nz && depth(z) >= from) {
                folded[z] = Some(stack);
            }
            folded
        })
        .collect()
}

/// Improves `from` greedily, zone by zone in the order of `zones`, trying [`candidates`] for
/// each, with one step of lookahead, while the budget of `trials` lasts.
fn climb<F: Fn(&[Option<Arrange>]) -> Diagram>(
    zones: &[usize],
    from: Found,
    trials: &mut Trials<F>,
    frame: Frame,
) -> Found {
    let mut best = from;
    // One trial: `base` with zone `z` arranged as `c`, laid out (None once the budget is
    // spent).
    let mut trial = |base: &Arrangement, z: usize, c: Arrange| -> Option<(Arrangement, Diagram)> {
        let mut tried = base.clone();
        tried[z] = Some(c);
        let d = trials.budgeted(&tried)?;
        Some((tried, d))
    };
    'zones: for (k, &z) in zones.iter().enumerate() {
        for candidate in candidates(best.quality.wide) {
            if best.arrangement[z] == Some(candidate) {
                continue;
            }
            let Some((tried, d)) = trial(&best.arrangement, z, candidate) else {
                break 'zones;
            };
            if let Some(quality) = best.quality.beaten_by(&d, frame, GAIN) {
                best = Found {
                    arrangement: tried,
                    quality,
                    diagram: d,
                };
                continue;
            }
            // One step of lookahead: a larger layout that reads worse (say, zones side by side
            // with their links crossing) may pay off together with the next zone's choice.
            let q = Quality::optimistic(&d, frame);
            let Some(&next) = zones.get(k + 1) else {
                continue;
            };
            if q.scale <= best.quality.scale * GAIN {
                continue;
            }
            for then in candidates(q.wide) {
                let Some((pair, d)) = trial(&tried, next, then) else {
                    break 'zones;
                };
                if let Some(quality) = best.quality.beaten_by(&d, frame, GAIN) {
                    best = Found {
                        arrangement: pair,
                        quality,
                        diagram: d,
                    };
                    break;
                }
            }
        }
    }
    best
}
