//! The hard-fault checker: what must never happen in a [`Diagram`]. Shared by [`crate::metrics()`]
//! and the property tests. Also the spatial indices it and label placement look things up in:
//! [`Grid`] for rectangles, [`Segments`] for link segments.

use serde::Serialize;

use crate::buckets::Buckets;
use crate::diagram::{Diagram, LinkPath, Rect};

/// Tolerance for "on the border" and strict-interior tests.
const EPS: f64 = 0.01;

/// Counts of hard faults; all must be zero.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Faults {
    /// Pairs of component boxes sharing area.
    pub component_overlaps: usize,
    /// Components outside their zone, child zones outside their parent, and components
    /// overlapping a zone they are not in.
    pub containment: usize,
    /// Pairs of zones, neither inside the other, sharing area.
    pub zone_overlaps: usize,
    /// Link segments through the interior of a component box.
    pub links_through_boxes: usize,
    /// Link segments that are neither horizontal nor vertical.
    pub non_orthogonal: usize,
    /// Links that do not start on the source's border or end on the target's border.
    pub detached_ends: usize,
    /// Pieces of different links running on top of each other (a bundle's links share
    /// their trunk on purpose: [`LinkPath::bundle`](crate::LinkPath::bundle)).
    pub segment_overlaps: usize,
    /// Labels overlapping a component box.
    pub label_box_overlaps: usize,
    /// Pairs of overlapping labels (a bundle's links share one).
    pub label_label_overlaps: usize,
    /// Labels crossed by another link's segment (not one of its bundle).
    pub label_link_overlaps: usize,
    /// Coordinates that are NaN or infinite.
    pub non_finite: usize,
    /// Labels farther than 6 px from their own link's polyline (a reader could not tell
    /// which line they belong to). Soft: not counted in [`Faults::total`], because a label
    /// squeezed between several parallel links can lack a free spot on its own line; the
    /// layout moves every label it can onto its link and the tests assert zero where it holds.
    pub labels_detached: usize,
}

impl Faults {
    /// Sum of all hard counts (everything but `labels_detached`).
    pub fn total(&self) -> usize {
        self.component_overlaps
            + self.containment
            + self.zone_overlaps
            + self.links_through_boxes
            + self.non_orthogonal
            + self.detached_ends
            + self.segment_overlaps
            + self.label_box_overlaps
            + self.label_label_overlaps
            + self.label_link_overlaps
            + self.non_finite
    }
}

/// An axis-parallel piece of a link.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Segment {
    pub(crate) link: usize,
    pub(crate) a: [f64; 2],
    pub(crate) b: [f64; 2],
}

impl Segment {
    pub(crate) fn horizontal(&self) -> bool {
        self.a[1] == self.b[1]
    }
    pub(crate) fn bounds(&self) -> Rect {
        let (x0, x1) = (self.a[0].min(self.b[0]), self.a[0].max(self.b[0]));
        let (y0, y1) = (self.a[1].min(self.b[1]), self.a[1].max(self.b[1]));
        Rect {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
        }
    }
    /// Whether the segment passes through the strict interior of `r`.
    pub(crate) fn hits(&self, r: &Rect) -> bool {
        let s = self.bounds();
        Segment::hits_span((s.x, s.right()), (r.x, r.right()))
            && Segment::hits_span((s.y, s.bottom()), (r.y, r.bottom()))
    }

    /// [`Segment::hits`] on one axis: whether a segment spanning `s` on it enters the
    /// strict interior of a rectangle spanning `r`.
    pub(crate) fn hits_span(s: (f64, f64), r: (f64, f64)) -> bool {
        s.0 < r.1 - EPS && s.1 > r.0 + EPS
    }
}

/// All segments of all links.
pub(crate) fn all_segments(d: &Diagram) -> Vec<Segment> {
    let mut out = Vec::with_capacity(
        d.links
            .iter()
            .map(|l| l.points.len().saturating_sub(1))
            .sum(),
    );
    for (k, l) in d.links.iter().enumerate() {
        for w in l.points.windows(2) {
            out.push(Segment {
                link: k,
                a: w[0],
                b: w[1],
            });
        }
    }
    out
}

/// A uniform grid over rectangles, for finding candidates near a query quickly.
///
/// The cells' entries are stored back to back ([`Buckets`]), so a grid over many long
/// segments costs two passes and two allocations rather than a growing list per cell.
/// Within a cell they are grouped by where each rectangle's first cell lies ([`part`]): a
/// query offers each rectangle once, in the first of its cells that the query touches, by
/// taking whole groups rather than testing every entry.
pub(crate) struct Grid {
    cell: f64,
    x0: f64,
    y0: f64,
    nx: usize,
    ny: usize,
    /// The rectangles in each cell, by index: those in part `p` of cell `c` under key
    /// `PARTS * c + p`.
    entries: Buckets<usize>,
}

/// Most cells a [`Grid`] allocates; far-flung input gets coarser cells instead.
const MAX_CELLS: f64 = (1 << 20) as f64;

/// Groups of a [`Grid`] cell's rectangles, by where their first cell lies: above it in its
/// column, itself, left of it in its row, or above and left of it. In this order the groups
/// a query takes in one of its cells are consecutive ([`offered`]).
const PARTS: usize = 4;

/// The group of cell (`x`, `y`) holding a rectangle whose first cell is `first`.
fn part(x: usize, y: usize, first: (usize, usize)) -> usize {
    match (x == first.0, y == first.1) {
        (true, false) => 0,
        (true, true) => 1,
        (false, true) => 2,
        (false, false) => 3,
    }
}

/// The groups of cell (`x`, `y`) that a query whose first cell is `from` takes there: those
/// of the rectangles whose first cell, moved into the query's cells, is this one. Past the
/// query's first column only rectangles that start in this column qualify, past its first
/// row only those that start in this row.
fn offered(x: usize, y: usize, from: (usize, usize)) -> std::ops::Range<usize> {
    let lo = usize::from(y > from.1);
    let hi = if x > from.0 {
        2
    } else if y > from.1 {
        3
    } else {
        PARTS
    };
    lo..hi
}

/// Which of `n` slots of width `width` from `origin` holds `v`, clamped to them (NaN to the
/// first).
fn index_in(v: f64, origin: f64, width: f64, n: usize) -> usize {
    // Truncation is the floor for the non-negative offsets it is used on (and saturates at
    // the top): `f64::floor` is a library call on the baseline x86-64 target. Through `i64`,
    // one instruction there, where a cast to `usize` takes several.
    let f = (v - origin) / width;
    if f > 0.0 {
        (f as i64 as usize).min(n - 1)
    } else {
        0
    }
}

/// The cells a rectangle touches: columns `x.0..x.1`, rows `y.0..y.1`.
struct Span {
    x: (usize, usize),
    y: (usize, usize),
}

impl Grid {
    /// A grid over `rects` with square cells of about `cell` units (larger where that would
    /// give more cells than rectangles). Rectangles with a non-finite coordinate are never
    /// found. `rects` is gone through twice: for the extent, then for the cells.
    pub(crate) fn new(rects: impl Iterator<Item = Rect> + Clone, cell: f64) -> Grid {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        let mut n = 0;
        for r in rects.clone() {
            n += 1;
            if finite_rect(&r) {
                x0 = x0.min(r.x);
                y0 = y0.min(r.y);
                x1 = x1.max(r.right());
                y1 = y1.max(r.bottom());
            }
        }
        if x0 > x1 {
            (x0, y0, x1, y1) = (0.0, 0.0, 0.0, 0.0);
        }
        let (w, h) = ((x1 - x0).max(1.0), (y1 - y0).max(1.0));
        // About one cell per rectangle at most: the drawing of a large model grows in area
        // faster than in boxes and links, and empty cells would cost more than the lookups.
        let sparse = (w * h / n.max(1) as f64).sqrt();
        let cell = cell.max(sparse).max((w * h / MAX_CELLS).sqrt()).max(1.0);
        let nx = (w / cell).floor() as usize + 1;
        let ny = (h / cell).floor() as usize + 1;
        let mut g = Grid {
            cell,
            x0,
            y0,
            nx,
            ny,
            // Filled below, from the grid's own cells.
            entries: Buckets::default(),
        };
        // Each rectangle's cells, keyed by cell and group, found once for the two passes of
        // `Buckets` (the float-to-cell conversions cost more than reading them back). Room
        // for about two cells each to start with: growing costs less than a pass to count.
        let mut keyed: Vec<(usize, usize)> = Vec::with_capacity(2 * n);
        for (i, r) in rects.enumerate() {
            let Some(s) = g.span(&r) else {
                continue;
            };
            for y in s.y.0..s.y.1 {
                for x in s.x.0..s.x.1 {
                    let key = PARTS * (y * nx + x) + part(x, y, (s.x.0, s.y.0));
                    keyed.push((key, i));
                }
            }
        }
        g.entries = Buckets::new(PARTS * nx * ny, || keyed.iter().copied());
        g
    }

    /// Whether `f` holds for one of the cells `r` touches (clamped to the grid; none when `r`
    /// is not finite), given by index row by row, stopping at the first. Plain loops (here
    /// and wherever cells are walked): on the hot paths (building a grid, label placement)
    /// iterator adapters cost several times the work per cell.
    pub(crate) fn any_cell(&self, r: &Rect, mut f: impl FnMut(usize) -> bool) -> bool {
        let Some(s) = self.span(r) else {
            return false;
        };
        for y in s.y.0..s.y.1 {
            for x in s.x.0..s.x.1 {
                if f(y * self.nx + x) {
                    return true;
                }
            }
        }
        false
    }

    /// The cells `r` touches, clamped to the grid.
    fn span(&self, r: &Rect) -> Option<Span> {
        if !finite_rect(r) {
            return None;
        }
        let at = |v: f64, o: f64, n: usize| index_in(v, o, self.cell, n);
        Some(Span {
            x: (
                at(r.x, self.x0, self.nx),
                at(r.right(), self.x0, self.nx) + 1,
            ),
            y: (
                at(r.y, self.y0, self.ny),
                at(r.bottom(), self.y0, self.ny) + 1,
            ),
        })
    }

    /// How many of the rectangles that may touch `r` satisfy `pred`, each counted once
    /// (without gathering them).
    pub(crate) fn count(&self, r: &Rect, mut pred: impl FnMut(usize) -> bool) -> usize {
        let mut n = 0;
        self.any(r, |i| {
            n += usize::from(pred(i));
            false
        });
        n
    }

    /// Whether `hit` holds for a rectangle that may touch `r` (without allocating), offering
    /// each rectangle once: in the first of its cells that `r` touches.
    pub(crate) fn any(&self, r: &Rect, mut hit: impl FnMut(usize) -> bool) -> bool {
        let Some(s) = self.span(r) else {
            return false;
        };
        let from = (s.x.0, s.y.0);
        for y in s.y.0..s.y.1 {
            for x in s.x.0..s.x.1 {
                for &i in self.in_parts(y * self.nx + x, offered(x, y, from)) {
                    if hit(i) {
                        return true;
                    }
                }
            }
        }
        false
    }

    /// How many cells the grid has (cells are `0..self.cells()`).
    pub(crate) fn cells(&self) -> usize {
        self.nx * self.ny
    }

    /// Indices of the rectangles in the groups `parts` (consecutive) of cell `c`.
    fn in_parts(&self, c: usize, parts: std::ops::Range<usize>) -> &[usize] {
        let start = self.entries.range(PARTS * c + parts.start).start;
        let end = self.entries.range(PARTS * c + parts.end - 1).end;
        &self.entries.items()[start..end]
    }
}

/// Link segments, for finding those that touch an area quickly. Each is kept once, in the
/// band of its line (horizontal ones in bands across y, vertical ones in bands across x),
/// where a [`Grid`] lists a long segment in every cell along it: building costs one pass
/// over the segments, and an area reads the bands it spans.
pub(crate) struct Segments {
    horizontal: Bands,
    vertical: Bands,
    /// Segments neither horizontal nor vertical (none in a valid layout), with their bounds.
    slanted: Vec<(usize, Rect)>,
}

impl Segments {
    /// `segs` in bands about `band` units wide. Segments with a non-finite coordinate are
    /// never found.
    pub(crate) fn new(segs: &[Segment], band: f64) -> Segments {
        // Room for every segment on both sides: unfilled room costs nothing, growing copies.
        let mut horizontal = Vec::with_capacity(segs.len());
        let mut vertical = Vec::with_capacity(segs.len());
        let mut slanted = Vec::new();
        for (seg, s) in segs.iter().enumerate() {
            let b = s.bounds();
            if !finite_rect(&b) {
                continue;
            }
            // From the bounds, so that a segment is found exactly when its bounds touch.
            let (along_x, along_y) = ((b.x, b.right()), (b.y, b.bottom()));
            if b.h == 0.0 {
                horizontal.push(Piece::new(b.y, along_x, seg));
            } else if b.w == 0.0 {
                vertical.push(Piece::new(b.x, along_y, seg));
            } else {
                slanted.push((seg, b));
            }
        }
        Segments {
            horizontal: Bands::new(&horizontal, band),
            vertical: Bands::new(&vertical, band),
            slanted,
        }
    }

    /// Whether `hit` holds for a segment (by index) whose bounds touch `r` (edges count),
    /// offering each once.
    pub(crate) fn any(&self, r: &Rect, mut hit: impl FnMut(usize) -> bool) -> bool {
        if !finite_rect(r) {
            return false;
        }
        let (xs, ys) = ((r.x, r.right()), (r.y, r.bottom()));
        self.horizontal.any(ys, xs, &mut hit)
            || self.vertical.any(xs, ys, &mut hit)
            || (self.slanted.iter()).any(|(seg, b)| touches(b, r) && hit(*seg))
    }
}

/// Whether two rectangles share a point (touching edges count).
pub(crate) fn touches(a: &Rect, b: &Rect) -> bool {
    a.x <= b.right() && b.x <= a.right() && a.y <= b.bottom() && b.y <= a.bottom()
}

/// An axis-parallel segment in [`Bands`]: its line across the bands' axis, its ends along it.
#[derive(Clone, Copy, Default)]
struct Piece {
    line: f64,
    lo: f64,
    hi: f64,
    seg: usize,
}

impl Piece {
    fn new(line: f64, (lo, hi): (f64, f64), seg: usize) -> Piece {
        Piece { line, lo, hi, seg }
    }
}

/// Pieces in bands of equal width across their lines, each in the band of its line.
struct Bands {
    origin: f64,
    width: f64,
    count: usize,
    pieces: Buckets<Piece>,
}

impl Bands {
    /// `pieces` (all finite) in bands about `width` wide: wider where that would give more
    /// bands than pieces, as a [`Grid`] keeps to about a cell per rectangle.
    fn new(pieces: &[Piece], width: f64) -> Bands {
        let (lo, hi) = (pieces.iter()).fold((f64::MAX, f64::MIN), |(lo, hi), p| {
            (lo.min(p.line), hi.max(p.line))
        });
        let extent = (hi - lo).max(1.0);
        let width = width.max(extent / pieces.len().max(1) as f64);
        let mut b = Bands {
            origin: lo,
            width,
            count: (extent / width) as usize + 1,
            pieces: Buckets::default(),
        };
        b.pieces = Buckets::new(b.count, || pieces.iter().map(|p| (b.band(p.line), *p)));
        b
    }

    fn band(&self, line: f64) -> usize {
        index_in(line, self.origin, self.width, self.count)
    }

    /// Whether `hit` holds for a piece whose line lies in `across` and which meets `along`
    /// (ends included).
    fn any(
        &self,
        across: (f64, f64),
        along: (f64, f64),
        hit: &mut impl FnMut(usize) -> bool,
    ) -> bool {
        for band in self.band(across.0)..=self.band(across.1) {
            for p in self.pieces.of(band) {
                let on = across.0 <= p.line && p.line <= across.1;
                if on && p.lo <= along.1 && along.0 <= p.hi && hit(p.seg) {
                    return true;
                }
            }
        }
        false
    }
}

/// Labels farther than [`crate::labels::ATTACH`] from their own link.
pub(crate) fn labels_detached(d: &Diagram) -> usize {
    d.links.iter().filter(|l| detached(l)).count()
}

/// Whether the label of `l` lies farther than [`crate::labels::ATTACH`] from its link.
pub(crate) fn detached(l: &LinkPath) -> bool {
    l.label
        .is_some_and(|r| crate::labels::label_gap(&r, &l.points) > crate::labels::ATTACH)
}

fn finite_rect(r: &Rect) -> bool {
    r.x.is_finite() && r.y.is_finite() && r.w.is_finite() && r.h.is_finite()
}

fn on_border(p: [f64; 2], r: &Rect) -> bool {
    let in_x = p[0] >= r.x - EPS && p[0] <= r.right() + EPS;
    let in_y = p[1] >= r.y - EPS && p[1] <= r.bottom() + EPS;
    let on_v = (p[0] - r.x).abs() <= EPS || (p[0] - r.right()).abs() <= EPS;
    let on_h = (p[1] - r.y).abs() <= EPS || (p[1] - r.bottom()).abs() <= EPS;
    (on_v && in_y) || (on_h && in_x)
}

/// Checks a diagram for every hard fault.
pub fn faults(d: &Diagram) -> Faults {
    let mut f = Faults::default();
    let comps: Vec<Rect> = d.components.iter().map(|c| c.rect()).collect();
    let zones: Vec<Rect> = d.zones.iter().map(|z| z.rect()).collect();
    let zone_idx = d.zone_index();
    let comp_idx = d.component_index();
    // Non-finite.
    let mut nums: Vec<f64> = vec![d.width, d.height];
    for r in comps.iter().chain(&zones) {
        nums.extend([r.x, r.y, r.w, r.h]);
    }
    for l in &d.links {
        for p in &l.points {
            nums.extend(p);
        }
        if let Some(r) = l.label {
            nums.extend([r.x, r.y, r.w, r.h]);
        }
    }
    f.non_finite = nums.iter().filter(|v| !v.is_finite()).count();
    // Component overlaps.
    let cgrid = Grid::new(comps.iter().copied(), 256.0);
    for (i, r) in comps.iter().enumerate() {
        f.component_overlaps += cgrid.count(r, |j| j > i && r.overlaps(&comps[j]));
    }
    // Zone ancestry.
    let parent: Vec<Option<usize>> = d
        .zones
        .iter()
        .map(|z| z.parent.as_deref().and_then(|p| zone_idx.get(p).copied()))
        .collect();
    let ancestors = |z: Option<usize>| -> Vec<usize> {
        let mut v = Vec::new();
        let mut cur = z;
        while let Some(x) = cur {
            if v.contains(&x) {
                break;
            }
            v.push(x);
            cur = parent[x];
        }
        v
    };
    let zone_chain: Vec<Vec<usize>> = (0..zones.len()).map(|z| ancestors(Some(z))).collect();
    for (z, p) in parent.iter().enumerate() {
        if let Some(p) = p
            && !zones[*p].contains(&zones[z])
        {
            f.containment += 1;
        }
    }
    for (i, c) in d.components.iter().enumerate() {
        let own = c.zone.as_deref().and_then(|z| zone_idx.get(z).copied());
        let chain = ancestors(own);
        if let Some(z) = own
            && !zones[z].contains(&comps[i])
        {
            f.containment += 1;
        }
        for (z, zr) in zones.iter().enumerate() {
            if !chain.contains(&z) && zr.overlaps(&comps[i]) {
                f.containment += 1;
            }
        }
    }
    for a in 0..zones.len() {
        for b in a + 1..zones.len() {
            let related = zone_chain[a].contains(&b) || zone_chain[b].contains(&a);
            if !related && zones[a].overlaps(&zones[b]) {
                f.zone_overlaps += 1;
            }
        }
    }
    // Links.
    let segs = all_segments(d);
    let end_rect = |id: &str| -> Option<Rect> {
        comp_idx
            .get(id)
            .map(|&i| comps[i])
            .or_else(|| zone_idx.get(id).map(|&z| zones[z]))
    };
    for l in &d.links {
        let (Some(first), Some(last)) = (l.points.first(), l.points.last()) else {
            f.detached_ends += 1;
            continue;
        };
        let ok = l.points.len() >= 2
            && end_rect(&l.from).is_some_and(|r| on_border(*first, &r))
            && end_rect(&l.to).is_some_and(|r| on_border(*last, &r));
        if !ok {
            f.detached_ends += 1;
        }
    }
    for s in &segs {
        if s.a[0] != s.b[0] && s.a[1] != s.b[1] {
            f.non_orthogonal += 1;
        }
        let b = s.bounds();
        if !finite_rect(&b) {
            continue;
        }
        f.links_through_boxes += cgrid.count(&b, |j| s.hits(&comps[j]));
    }
    f.segment_overlaps = collinear_overlaps(&segs, |a, b| d.drawn_together(a, b));
    // Labels.
    let labels: Vec<(usize, Rect)> = d
        .links
        .iter()
        .enumerate()
        .filter_map(|(k, l)| l.label.map(|r| (k, r)))
        .collect();
    let lgrid = Grid::new(labels.iter().map(|l| l.1), 256.0);
    for (i, (_, r)) in labels.iter().enumerate() {
        f.label_box_overlaps += cgrid.count(r, |j| r.overlaps(&comps[j]));
        f.label_label_overlaps += lgrid.count(r, |j| {
            j > i && r.overlaps(&labels[j].1) && !d.drawn_together(labels[i].0, labels[j].0)
        });
    }
    f.labels_detached = labels_detached(d);
    for s in &segs {
        let b = s.bounds();
        f.label_link_overlaps += lgrid.count(&b, |j| {
            !d.drawn_together(labels[j].0, s.link) && s.hits(&labels[j].1)
        });
    }
    f
}

/// Pairs of segments of different links that lie on one line and share positive length,
/// but for links `together` (a bundle's, which share their trunk on purpose).
fn collinear_overlaps(segs: &[Segment], together: impl Fn(usize, usize) -> bool) -> usize {
    let mut count = 0;
    for horizontal in [true, false] {
        // (line coordinate, start, end, link)
        let mut v: Vec<(f64, f64, f64, usize)> = segs
            .iter()
            .filter(|s| s.horizontal() == horizontal && s.a != s.b)
            .map(|s| {
                let (line, a, b) = if horizontal {
                    (s.a[1], s.a[0], s.b[0])
                } else {
                    (s.a[0], s.a[1], s.b[1])
                };
                (line, a.min(b), a.max(b), s.link)
            })
            .collect();
        v.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut i = 0;
        while i < v.len() {
            let mut j = i;
            while j < v.len() && v[j].0 == v[i].0 {
                j += 1;
            }
            let group = &v[i..j];
            for (k, a) in group.iter().enumerate() {
                for b in &group[k + 1..] {
                    if b.1 >= a.2 - EPS {
                        break;
                    }
                    if !together(a.3, b.3) && b.1 < a.2 - EPS {
                        count += 1;
                    }
                }
            }
            i = j;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::{Grid, Segment, Segments, touches};
    use crate::diagram::Rect;

    /// Rectangles of many sizes and places, some spanning many cells.
    fn rects() -> Vec<Rect> {
        (0..80)
            .map(|i| {
                let i = f64::from(i);
                Rect {
                    x: (i * 37.3) % 900.0 - 50.0,
                    y: (i * 23.9) % 700.0,
                    w: (i * 71.7) % 600.0,
                    h: (i * 13.1) % 90.0,
                }
            })
            .collect()
    }

    /// How often a query offers each of `n` indices to the `hit` it is given.
    fn times_offered(
        n: usize,
        query: impl FnOnce(&mut dyn FnMut(usize) -> bool) -> bool,
    ) -> Vec<usize> {
        let mut offered = vec![0; n];
        query(&mut |i| {
            offered[i] += 1;
            false
        });
        offered
    }

    #[test]
    fn a_query_offers_every_rectangle_it_touches_once() {
        let rs = rects();
        let grid = Grid::new(rs.iter().copied(), 64.0);
        for q in rects() {
            let offered = times_offered(rs.len(), |hit| grid.any(&q, hit));
            for (i, r) in rs.iter().enumerate() {
                assert!(offered[i] <= 1, "{r:?} offered {} times", offered[i]);
                if touches(r, &q) {
                    assert_eq!(offered[i], 1, "{r:?} missed by {q:?}");
                }
            }
        }
    }

    #[test]
    fn segments_found_are_those_touching_once() {
        // Horizontal, vertical, slanted and single-point segments from the rectangles' corners.
        let segs: Vec<Segment> = (rects().iter().enumerate())
            .flat_map(|(link, r)| {
                [
                    ([r.x, r.y], [r.right(), r.y]),
                    ([r.x, r.bottom()], [r.x, r.y]),
                    ([r.x, r.y], [r.right(), r.bottom()]),
                    ([r.x, r.y], [r.x, r.y]),
                ]
                .map(|(a, b)| Segment { link, a, b })
            })
            .collect();
        let index = Segments::new(&segs, 16.0);
        for q in rects() {
            let found = times_offered(segs.len(), |hit| index.any(&q, hit));
            for (i, s) in segs.iter().enumerate() {
                let expected = usize::from(touches(&s.bounds(), &q));
                assert_eq!(found[i], expected, "{s:?} and {q:?}");
            }
        }
    }
}
