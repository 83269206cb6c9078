//! Keeps every link label on its own link.
//!
//! Labels are first given a lane in a channel, centred on their link. When that lane spot
//! ends up away from the link (the lane was crowded, or the link never crosses the lane,
//! e.g. a link between two peers of one layer), or on a zone's border, the chip is moved
//! onto one of its own segments: the free spot nearest to the lane spot, centred on the
//! segment, clear of boxes, zone headers, other labels and other links' segments, and of
//! zone borders where it can be.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::diagram::{Diagram, Rect};
use crate::faults::{Grid, Segment, Segments, all_segments, touches};

/// Largest gap between a label and its own polyline that still reads as attached.
pub(crate) const ATTACH: f64 = 6.0;

/// Distance between two spots tried along a segment.
const SPOT_STEP: f64 = 4.0;

/// Added to the cost of a spot that crosses a zone border: such a spot is taken only when
/// no other is free.
const BORDER_COST: f64 = 2_000.0;
/// The least gap between a label and a zone border line, below which the label reads as
/// sitting on the border.
const BORDER_CLEARANCE: f64 = 4.0;

/// Squared gap between two rectangles (0 when they touch or overlap).
fn rect_gap_sq(a: &Rect, b: &Rect) -> f64 {
    let dx = (a.x - b.right()).max(b.x - a.right()).max(0.0);
    let dy = (a.y - b.bottom()).max(b.y - a.bottom()).max(0.0);
    dx * dx + dy * dy
}

/// Squared gap between a label and the segment from `a` to `b`.
fn segment_gap_sq(r: &Rect, a: [f64; 2], b: [f64; 2]) -> f64 {
    rect_gap_sq(r, &Segment { link: 0, a, b }.bounds())
}

/// Gap between a label and a polyline.
pub(crate) fn label_gap(r: &Rect, pts: &[[f64; 2]]) -> f64 {
    pts.windows(2)
        .map(|w| segment_gap_sq(r, w[0], w[1]))
        .fold(f64::INFINITY, f64::min)
        .sqrt()
}

/// Whether `label_gap(r, pts) <= ATTACH`, stopping at the first segment close enough (the
/// square root is monotone, so the nearest segment passes exactly when some segment does).
fn attached(r: &Rect, pts: &[[f64; 2]]) -> bool {
    pts.windows(2)
        .any(|w| segment_gap_sq(r, w[0], w[1]).sqrt() <= ATTACH)
}

/// Whether `near`, a label grown by [`BORDER_CLEARANCE`], crosses a border line of zone
/// `z`: the label crosses it or comes within the clearance of it (not a fault, but hard to
/// read: a label edge on a border line reads as one line).
fn crosses_border(near: &Rect, z: &Rect) -> bool {
    near.overlaps(z) && !z.contains(near)
}

/// Moves detached labels onto their own links where there is room, and labels on a zone
/// border off it; then gives every link of a bundle its first link's label, which all of
/// them share.
pub(crate) fn attach_labels(d: &mut Diagram) {
    let segs = all_segments(d);
    let zones: Vec<Rect> = d.zones.iter().map(|z| z.rect()).collect();
    let zone_grid = Grid::new(zones.iter().copied(), 256.0);
    let on_a_border = |r: &Rect| {
        let near = r.outset(BORDER_CLEARANCE);
        zone_grid.any(&near, |z| crosses_border(&near, &zones[z]))
    };
    let obstacles = Obstacles::new(d, &segs);
    // Labels moved so far (their new places); old places stay blocked in `obstacles`.
    let mut moved = Placed::new(&obstacles.rect_grid);
    // The zones near a row of spots, gathered into one buffer for every row.
    let mut near_zones: Vec<usize> = Vec::new();
    for k in 0..d.links.len() {
        let Some(cur) = d.links[k].label else {
            continue;
        };
        let pts = &d.links[k].points;
        // A label on its link moves only off a zone border, to a spot clear of every border.
        let stays = attached(&cur, pts);
        if pts.len() < 2 || (stays && !on_a_border(&cur)) {
            continue;
        }
        let (cx, cy) = (cur.x + cur.w / 2.0, cur.y + cur.h / 2.0);
        let rows = spot_rows(&cur, pts);
        // The obstacles near each segment's rows, gathered when one of them is first visited.
        let mut near: Vec<Option<Vec<Obstacle>>> = vec![None; rows.len() / ROWS_PER_SEGMENT];
        let mut blocked_of = |row: usize| {
            let seg = row / ROWS_PER_SEGMENT;
            let near = near[seg].get_or_insert_with(|| {
                let seg_rows = &rows[seg * ROWS_PER_SEGMENT..(seg + 1) * ROWS_PER_SEGMENT];
                // The rows differ only across: the sweeps of the two farthest out cover
                // the others'.
                let by_line = |a: &&SpotRow, b: &&SpotRow| a.line.total_cmp(&b.line);
                let outer = (
                    seg_rows.iter().min_by(by_line),
                    seg_rows.iter().max_by(by_line),
                );
                let area = match outer {
                    (Some(a), Some(b)) => cover(&a.sweep(&cur), &b.sweep(&cur)),
                    _ => NOWHERE,
                };
                obstacles.near(&area, k, &moved)
            });
            blocked(&rows[row], &cur, near)
        };
        let mut on_borders_of = |row: usize| {
            let row = &rows[row];
            near_zones.clear();
            zone_grid.any(&row.sweep(&cur).outset(BORDER_CLEARANCE), |z| {
                near_zones.push(z);
                false
            });
            on_border_runs(row, &cur, near_zones.iter().map(|&z| &zones[z]))
        };
        // Spots along every segment, centred on it or beside it, visited cheapest first
        // (distance from the lane spot, plus a penalty beside the line); the border penalty
        // and the free test are checked lazily.
        let mut queue = SpotQueue::new(&rows, (cx, cy));
        let mut best: Option<(f64, Rect)> = None;
        while let Some((cost, centre)) = queue.pop(&mut blocked_of, &mut on_borders_of) {
            if best.is_some_and(|(c, _)| c <= cost) {
                break;
            }
            let r = spot_rect(&cur, centre);
            let border = on_a_border(&r);
            let cost = if border { cost + BORDER_COST } else { cost };
            if best.is_some_and(|(c, _)| c <= cost) {
                continue;
            }
            if attached(&r, pts) && obstacles.free(&r, k, &moved) {
                // Only a spot off every border can beat one on a border: the spots left
                // cost no less, and on a border pay the penalty too. Skip those from now on.
                if border {
                    queue.skip_borders();
                }
                best = Some((cost, r));
            }
        }
        if let Some((cost, r)) = best {
            if stays && cost >= BORDER_COST {
                continue;
            }
            let (dx, dy) = (r.x - cur.x, r.y - cur.y);
            let l = &mut d.links[k];
            l.label = Some(r);
            for t in &mut l.texts {
                t.x += dx;
                t.y += dy;
            }
            moved.insert(k, r);
        }
    }
    share_labels(d);
}

/// Gives every link of a bundle the label of the bundle's first link.
fn share_labels(d: &mut Diagram) {
    for k in 0..d.links.len() {
        if let Some(first) = d.bundle_first(k) {
            let (label, texts) = (d.links[first].label, d.links[first].texts.clone());
            d.links[k].label = label;
            d.links[k].texts = texts;
        }
    }
}

/// `x.round()` bit for bit (halves away from zero, the sign of zero kept), without the
/// library call `f64::round` is on the baseline x86-64 target: spots are rounded millions of
/// times.
fn round(x: f64) -> f64 {
    // From 2^52 on every f64 is whole; NaN and the infinities pass through too.
    if x.is_nan() || x.abs() >= 4_503_599_627_370_496.0 {
        return x;
    }
    // Truncation, then a step away from zero when the dropped fraction (exact) is a half or
    // more.
    let t = (x as i64 as f64).copysign(x);
    if (x - t).abs() >= 0.5 {
        t + 1.0f64.copysign(x)
    } else {
        t
    }
}

/// A label the size of `cur` centred on `centre` (rounded to whole units).
fn spot_rect(cur: &Rect, centre: (f64, f64)) -> Rect {
    Rect {
        x: round(centre.0 - cur.w / 2.0),
        y: round(centre.1 - cur.h / 2.0),
        w: cur.w,
        h: cur.h,
    }
}

/// The rows of spots for a label the size of `cur` along the polyline `pts`: for every
/// segment, one on it and two on each side of it.
fn spot_rows(cur: &Rect, pts: &[[f64; 2]]) -> Vec<SpotRow> {
    let n = pts.len();
    let mut rows: Vec<SpotRow> = Vec::with_capacity(ROWS_PER_SEGMENT * n.saturating_sub(1));
    for (si, w) in pts.windows(2).enumerate() {
        let (a, b) = (w[0], w[1]);
        let horizontal = a[1] == b[1];
        let (lo, hi) = if horizontal {
            (a[0].min(b[0]), a[0].max(b[0]))
        } else {
            (a[1].min(b[1]), a[1].max(b[1]))
        };
        let half = if horizontal { cur.w } else { cur.h } / 2.0;
        // Keep clear of the link's ends (arrowheads, ports).
        let lo_m = if si == 0 { 10.0 } else { 0.0 };
        let hi_m = if si + 2 == n { 10.0 } else { 0.0 };
        let (lo_c, hi_c) = if a[if horizontal { 0 } else { 1 }] <= b[if horizontal { 0 } else { 1 }]
        {
            (lo + lo_m + half, hi - hi_m - half)
        } else {
            (lo + hi_m + half, hi - lo_m - half)
        };
        let (lo_c, hi_c) = if hi_c < lo_c {
            let m = (lo + hi) / 2.0;
            (m, m)
        } else {
            (lo_c, hi_c)
        };
        let perp = if horizontal { cur.h } else { cur.w } / 2.0;
        let steps = (((hi_c - lo_c) / SPOT_STEP).ceil() as usize).min(400);
        let offsets: [f64; ROWS_PER_SEGMENT] =
            [0.0, -(perp + 2.0), perp + 2.0, -(perp + 5.0), perp + 5.0];
        for off in offsets {
            rows.push(SpotRow {
                horizontal,
                line: if horizontal { a[1] } else { a[0] } + off,
                lo: lo_c,
                hi: hi_c,
                steps,
                penalty: if off == 0.0 { 0.0 } else { 400.0 },
            });
        }
    }
    rows
}

/// Runs of spots on a row, each from its first spot to its last (sorted, apart).
type Runs = Vec<(usize, usize)>;

/// Width of the bands [`Segments`] keeps link segments in: about a label's height with the
/// rows beside its line, the thin side of most areas looked up (measured best at 64 on a
/// model of 3,000 components; 32 and 128 cost about 1% more).
const SEGMENT_BAND: f64 = 64.0;

/// Rows of spots per segment: on it, and two on each side.
const ROWS_PER_SEGMENT: usize = 5;

/// What a label may not cover: other links' segments, boxes, zone headers and labels (at
/// their first places; labels moved since are in a [`Placed`]).
struct Obstacles<'s> {
    /// Each link's bundle's first link (itself, drawn alone): a label may lie on the lines
    /// and label of its own bundle.
    owner: Vec<usize>,
    segs: &'s [Segment],
    seg_index: Segments,
    /// Boxes, zone headers and labels, each with the link whose label it is (none for a
    /// box or a header): one grid over all three costs less to build and to ask than three.
    rects: Vec<(Rect, Option<usize>)>,
    rect_grid: Grid,
}

/// One thing in a label's way: a segment of another link, or a rectangle.
#[derive(Clone, Copy)]
enum Obstacle<'a> {
    Segment(&'a Segment),
    Rect(&'a Rect),
}

impl Obstacle<'_> {
    /// Whether a label at `r` is in this obstacle's way.
    fn blocks(self, r: &Rect) -> bool {
        match self {
            Obstacle::Segment(s) => s.hits(r),
            Obstacle::Rect(o) => r.overlaps(o),
        }
    }

    /// Whether a label spanning `r` on one axis meets this obstacle spanning `o` on it (as
    /// [`Obstacle::blocks`] tests each axis): a label in its way meets it on both.
    fn meets(self, o: (f64, f64), r: (f64, f64)) -> bool {
        match self {
            Obstacle::Segment(_) => Segment::hits_span(o, r),
            Obstacle::Rect(_) => r.0 < o.1 && o.0 < r.1,
        }
    }

    fn bounds(self) -> Rect {
        match self {
            Obstacle::Segment(s) => s.bounds(),
            Obstacle::Rect(o) => *o,
        }
    }
}

impl<'s> Obstacles<'s> {
    fn new(d: &Diagram, segs: &'s [Segment]) -> Obstacles<'s> {
        let boxes = d.components.iter().map(|c| (c.rect(), None));
        let headers = d.zones.iter().map(|z| (z.header, None));
        let labels = (d.links.iter().enumerate()).filter_map(|(k, l)| Some((l.label?, Some(k))));
        let rects: Vec<(Rect, Option<usize>)> = boxes.chain(headers).chain(labels).collect();
        Obstacles {
            owner: d
                .links
                .iter()
                .enumerate()
                .map(|(k, l)| l.bundle.unwrap_or(k))
                .collect(),
            segs,
            seg_index: Segments::new(segs, SEGMENT_BAND),
            rect_grid: Grid::new(rects.iter().map(|r| r.0), 256.0),
            rects,
        }
    }

    /// Whether `hit` holds for an obstacle near `area` to the label of link `k`; `moved`
    /// holds the labels placed anew so far.
    fn any_near<'a>(
        &'a self,
        area: &Rect,
        k: usize,
        moved: &'a Placed,
        mut hit: impl FnMut(Obstacle<'a>) -> bool,
    ) -> bool {
        // Other links' segments first: they rule out most spots (some 95% on large models).
        let own = |j: usize| self.owner[j] == self.owner[k];
        self.seg_index.any(area, |j| {
            !own(self.segs[j].link) && hit(Obstacle::Segment(&self.segs[j]))
        }) || self.rect_grid.any(area, |i| {
            let (o, label_of) = &self.rects[i];
            !label_of.is_some_and(own) && hit(Obstacle::Rect(o))
        }) || moved.any(area, |(j, o)| j != k && hit(Obstacle::Rect(o)))
    }

    /// Whether the label of link `k` at `r` is clear of every obstacle.
    fn free(&self, r: &Rect, k: usize, moved: &Placed) -> bool {
        !self.any_near(r, k, moved, |o| o.blocks(r))
    }

    /// The obstacles that may be in the way of the label of link `k` within `area` (a label
    /// moved since may come more than once).
    fn near<'a>(&'a self, area: &Rect, k: usize, moved: &'a Placed) -> Vec<Obstacle<'a>> {
        let mut near = Vec::new();
        self.any_near(area, k, moved, |o| {
            if touches(&o.bounds(), area) {
                near.push(o);
            }
            false
        });
        near
    }
}

/// Runs of spots on `row` (sorted, apart, inclusive) where a label the size of `cur` is in
/// the way of one of the obstacles `near`, which must hold all those near the row.
fn blocked(row: &SpotRow, cur: &Rect, near: &[Obstacle]) -> Runs {
    let sweep = row.sweep(cur);
    let across = row.across(&row.spot(cur, 0));
    let half = row.half_length(cur);
    let mut runs = Vec::with_capacity(near.len());
    for &o in near {
        let b = o.bounds();
        if !touches(&b, &sweep) || !o.meets(row.across(&b), across) {
            continue;
        }
        // Along the row the label meets the obstacle from the first spot at which it
        // reaches the obstacle's start to the last before it passes the obstacle's end
        // (the label's place never falls from spot to spot): each end of the obstacle
        // tested alone, the other pushed out of reach, and searched from the spot whose
        // label edge is about there.
        let (lo, hi) = row.along(&b);
        let first = first_spot(row.steps, row.nearest(lo - half), |t| {
            o.meets((lo, f64::INFINITY), row.spot_along(cur, t))
        });
        let end = first_spot(row.steps, row.nearest(hi + half), |t| {
            !o.meets((f64::NEG_INFINITY, hi), row.spot_along(cur, t))
        });
        if first < end {
            runs.push((first, end - 1));
        }
    }
    merge_runs(runs)
}

/// Runs of spots on `row` (sorted, apart, inclusive) where a label the size of `cur`
/// crosses a border line of one of `zones` ([`crosses_border`]).
fn on_border_runs<'z>(
    row: &SpotRow,
    cur: &Rect,
    zones: impl IntoIterator<Item = &'z Rect>,
) -> Runs {
    let last = row.steps;
    // The label grown by the clearance: its place along the row never falls from spot to
    // spot, and across the row every spot is alike.
    let (len, by) = (row.length(cur), BORDER_CLEARANCE);
    let near = |t: usize| {
        // Grown as `Rect::outset` grows it.
        let lo = row.spot_along(cur, t).0 - by;
        (lo, lo + (len + 2.0 * by))
    };
    let (lo, hi) = (near(0).0, near(last).1);
    let (n_lo, n_hi) = row.across(&row.spot(cur, 0).outset(by));
    // From a spot's centre to the near edge of the label grown by the clearance.
    let reach = row.half_length(cur) + by;
    let mut runs = Vec::new();
    for z in zones {
        let ((z_lo, z_hi), (c_lo, c_hi)) = (row.along(z), row.across(z));
        let inside_across = n_lo >= c_lo && n_hi <= c_hi;
        // Off the zone at every spot, or inside it at every spot.
        if !(n_lo < c_hi && c_lo < n_hi && z_lo < hi && lo < z_hi)
            || (inside_across && lo >= z_lo && hi <= z_hi)
        {
            continue;
        }
        // The label overlaps the zone on one run of spots and lies inside it on a run
        // within that one, so it crosses on what is left of the first run (half-open
        // ranges; each end searched from the spot whose label edge is about there).
        let (a, e) = (
            first_spot(last, row.nearest(z_lo - reach), |t| z_lo < near(t).1),
            first_spot(last, row.nearest(z_hi + reach), |t| near(t).0 >= z_hi),
        );
        let (c, f) = if inside_across {
            (
                first_spot(last, row.nearest(z_lo + reach), |t| near(t).0 >= z_lo),
                first_spot(last, row.nearest(z_hi - reach), |t| near(t).1 > z_hi),
            )
        } else {
            (e, e)
        };
        let (c, f) = if c < f { (c, f) } else { (e, e) };
        runs.extend(
            [(a, e.min(c)), (a.max(f), e)]
                .into_iter()
                .filter(|&(from, to)| from < to)
                .map(|(from, to)| (from, to - 1)),
        );
    }
    merge_runs(runs)
}

/// The first of the spots `0..=last` on which `p` holds (`last + 1` when none), for a `p`
/// that, once it holds, holds on every later spot. Searched from `guess` out, the stride
/// doubling each step, then by bisection: a good guess costs a few tests of `p`.
fn first_spot(last: usize, guess: usize, p: impl Fn(usize) -> bool) -> usize {
    // The answer lies in `a..=b`.
    let (mut a, mut b) = (0, last + 1);
    let t = guess.min(last);
    let down = p(t);
    if down {
        b = t
    } else {
        a = t + 1
    }
    let mut stride = 1;
    while a < b {
        let t = if down {
            b.saturating_sub(stride).max(a)
        } else {
            (a - 1 + stride).min(b - 1)
        };
        stride *= 2;
        match (p(t), down) {
            (true, true) => b = t,
            (false, false) => a = t + 1,
            (true, false) => {
                b = t;
                break;
            }
            (false, true) => {
                a = t + 1;
                break;
            }
        }
    }
    while a < b {
        let m = (a + b) / 2;
        if p(m) { b = m } else { a = m + 1 }
    }
    a
}

/// The smallest rectangle covering `a` and `b`.
fn cover(a: &Rect, b: &Rect) -> Rect {
    let (x, y) = (a.x.min(b.x), a.y.min(b.y));
    Rect {
        x,
        y,
        w: a.right().max(b.right()) - x,
        h: a.bottom().max(b.bottom()) - y,
    }
}

/// Sorted, merged inclusive runs (runs that touch or overlap become one), in place.
fn merge_runs(mut runs: Runs) -> Runs {
    runs.sort_unstable();
    let mut kept: usize = 0;
    for i in 0..runs.len() {
        let (a, b) = runs[i];
        match kept.checked_sub(1).map(|k| &mut runs[k]) {
            Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
            _ => {
                runs[kept] = (a, b);
                kept += 1;
            }
        }
    }
    runs.truncate(kept);
    runs
}

/// Labels placed one by one (link index and rectangle), bucketed by the cells of a grid so
/// that a test looks only at labels nearby.
struct Placed<'g> {
    grid: &'g Grid,
    labels: Vec<(usize, Rect)>,
    /// Each cell's indices into `labels` (a list per cell of the grid, empty ones not
    /// allocated: cheaper than hashing the cell at every look-up).
    buckets: Vec<Vec<usize>>,
}

impl<'g> Placed<'g> {
    fn new(grid: &'g Grid) -> Placed<'g> {
        Placed {
            grid,
            labels: Vec::new(),
            buckets: vec![Vec::new(); grid.cells()],
        }
    }

    /// Adds the label of link `link` at `r`.
    fn insert(&mut self, link: usize, r: Rect) {
        let m = self.labels.len();
        self.grid.any_cell(&r, |c| {
            self.buckets[c].push(m);
            false
        });
        self.labels.push((link, r));
    }

    /// Whether `hit` holds for a placed label that may touch `r`.
    fn any<'p>(&'p self, r: &Rect, mut hit: impl FnMut((usize, &'p Rect)) -> bool) -> bool {
        self.grid.any_cell(r, |c| {
            self.buckets[c].iter().any(|&m| {
                let (link, rect) = &self.labels[m];
                hit((*link, rect))
            })
        })
    }
}

/// Evenly spaced spots on one line, `steps + 1` of them from `lo` to `hi` (rounded to whole
/// units) along the axis, at `line` across it.
struct SpotRow {
    horizontal: bool,
    line: f64,
    lo: f64,
    hi: f64,
    steps: usize,
    penalty: f64,
}

impl SpotRow {
    /// Centre of spot `t`.
    fn at(&self, t: usize) -> (f64, f64) {
        let v = self.centre_along(t);
        if self.horizontal {
            (v, self.line)
        } else {
            (self.line, v)
        }
    }

    /// Where `r` starts and ends along the row.
    fn along(&self, r: &Rect) -> (f64, f64) {
        if self.horizontal {
            (r.x, r.right())
        } else {
            (r.y, r.bottom())
        }
    }

    /// Where `r` starts and ends across the row.
    fn across(&self, r: &Rect) -> (f64, f64) {
        if self.horizontal {
            (r.y, r.bottom())
        } else {
            (r.x, r.right())
        }
    }

    /// The length of a label the size of `cur` along the row.
    fn length(&self, cur: &Rect) -> f64 {
        if self.horizontal { cur.w } else { cur.h }
    }

    /// Half the length of a label the size of `cur` along the row.
    fn half_length(&self, cur: &Rect) -> f64 {
        self.length(cur) / 2.0
    }

    /// A label the size of `cur` at spot `t`.
    fn spot(&self, cur: &Rect, t: usize) -> Rect {
        spot_rect(cur, self.at(t))
    }

    /// Where along the row the centre of spot `t` lies.
    fn centre_along(&self, t: usize) -> f64 {
        let v = if self.steps == 0 {
            (self.lo + self.hi) / 2.0
        } else {
            self.lo + (self.hi - self.lo) * t as f64 / self.steps as f64
        };
        round(v)
    }

    /// Where a label the size of `cur` at spot `t` starts and ends along the row:
    /// `self.along(&self.spot(cur, t))`, without placing it across the row.
    fn spot_along(&self, cur: &Rect, t: usize) -> (f64, f64) {
        let len = self.length(cur);
        let lo = round(self.centre_along(t) - len / 2.0);
        (lo, lo + len)
    }

    /// About the spot whose place along the row is nearest to `v` (a guess to search from).
    fn nearest(&self, v: f64) -> usize {
        if self.steps == 0 || self.hi <= self.lo {
            return 0;
        }
        let f = (v - self.lo) / (self.hi - self.lo) * self.steps as f64;
        // NaN to 0 too; the cast through `i64` as in `Grid`'s cells.
        ((f + 0.5).max(0.0) as i64 as usize).min(self.steps)
    }

    /// A rectangle covering a label the size of `cur` at every spot (a unit wider all round,
    /// for the rounding of [`spot_rect`]).
    fn sweep(&self, cur: &Rect) -> Rect {
        let (a, b) = (self.spot(cur, 0), self.spot(cur, self.steps));
        Rect {
            x: a.x.min(b.x) - 1.0,
            y: a.y.min(b.y) - 1.0,
            w: (a.x - b.x).abs() + cur.w + 2.0,
            h: (a.y - b.y).abs() + cur.h + 2.0,
        }
    }
}

/// The first spot from `t` on, going by `step` (-1 or +1) up to `last`, not in one of the
/// `runs` (sorted, apart, inclusive).
fn unblocked(runs: &[(usize, usize)], last: usize, t: usize, step: i8) -> Option<usize> {
    let i = runs.partition_point(|&(_, b)| b < t);
    match runs.get(i) {
        Some(&(a, b)) if a <= t => match step {
            -1 => a.checked_sub(1),
            _ => (b < last).then_some(b + 1),
        },
        _ => Some(t),
    }
}

/// Spots of several rows in order of cost (distance from a target plus the row's penalty),
/// produced lazily: on each row the cost falls towards the target's projection and rises
/// after it, so each row is two sorted runs, merged with a heap; and a row's runs join the
/// heap only when the cost reaches a bound below all of them.
/// Spots known not to be free are skipped: each row's blocked runs are asked for when the
/// row is first visited; so are spots on a zone border, once [`SpotQueue::skip_borders`].
struct SpotQueue<'a> {
    rows: &'a [SpotRow],
    target: (f64, f64),
    /// (cost bits, row, spot, step): step is -1 or +1, the direction the run goes, or
    /// [`UNOPENED`].
    heap: BinaryHeap<Reverse<(u64, usize, usize, i8)>>,
    /// Each row's blocked runs, once asked for.
    blocked: Vec<Option<Runs>>,
    /// Each row's blocked runs merged with its runs on a zone border, once asked for; used
    /// from [`SpotQueue::skip_borders`] on.
    off_borders: Option<Vec<Option<Runs>>>,
}

impl<'a> SpotQueue<'a> {
    fn new(rows: &'a [SpotRow], target: (f64, f64)) -> SpotQueue<'a> {
        let mut q = SpotQueue {
            rows,
            target,
            heap: BinaryHeap::new(),
            blocked: vec![None; rows.len()],
            off_borders: None,
        };
        // Every row unopened, under a cost none of its spots comes below, at once:
        // heapifying them costs less than pushing them one by one (a long link has
        // thousands of rows), and the spots of most rows cost too much ever to be visited.
        let mut unopened = Vec::with_capacity(2 * rows.len());
        unopened.extend((0..rows.len()).map(|i| q.unopened(i)));
        q.heap = BinaryHeap::from(unopened);
        q
    }

    /// The heap entry of `row` before its spots are: under a cost no spot of the row comes
    /// below (the distance to the target across the row, a little less for the rounding
    /// of `hypot`, plus the row's penalty; NaN as 0, as in [`SpotQueue::entry`]), so it
    /// comes off before any of them would.
    fn unopened(&self, row: usize) -> Reverse<(u64, usize, usize, i8)> {
        let r = &self.rows[row];
        let across = if r.horizontal {
            self.target.1
        } else {
            self.target.0
        };
        let floor = (r.line - across).abs() * 0.999 + r.penalty;
        Reverse((floor.max(0.0).to_bits(), row, 0, UNOPENED))
    }

    /// Puts the first two spots of `row` in the heap: those on either side of the target's
    /// projection onto the row, from where the cost rises both ways.
    fn open(&mut self, row: usize) {
        let r = &self.rows[row];
        let along = if r.horizontal {
            self.target.0
        } else {
            self.target.1
        };
        let t = if r.steps == 0 || r.hi <= r.lo {
            0
        } else {
            let f = (along - r.lo) / (r.hi - r.lo) * r.steps as f64;
            // Truncation is the floor of the clamped value (the cast saturates NaN to 0),
            // through `i64` as in `Grid`'s cells.
            f.clamp(0.0, r.steps as f64) as i64 as usize
        };
        let steps = r.steps;
        self.push(row, t, -1);
        if t < steps {
            self.push(row, t + 1, 1);
        }
    }

    fn cost(&self, row: usize, t: usize) -> f64 {
        let (x, y) = self.rows[row].at(t);
        (x - self.target.0).hypot(y - self.target.1) + self.rows[row].penalty
    }

    /// The heap entry of spot `t` of `row`, visited going by `step`.
    fn entry(&self, row: usize, t: usize, step: i8) -> Reverse<(u64, usize, usize, i8)> {
        // Costs are non-negative, so their bit patterns sort like the numbers.
        let bits = self.cost(row, t).max(0.0).to_bits();
        Reverse((bits, row, t, step))
    }

    fn push(&mut self, row: usize, t: usize, step: i8) {
        let entry = self.entry(row, t, step);
        self.heap.push(entry);
    }

    /// Skips the spots on a zone border from now on.
    fn skip_borders(&mut self) {
        self.off_borders = Some(vec![None; self.rows.len()]);
    }

    /// The next cheapest spot not known to be blocked (nor on a border, once
    /// [`SpotQueue::skip_borders`]): its cost and centre. `blocked_of(row)` gives a row's
    /// blocked runs, `on_borders_of(row)` its runs on a zone border (sorted, apart,
    /// inclusive). A skipped spot gives way to the next one of its run not skipped: costs
    /// never fall along a run, so the other spots come in the order they would with the
    /// skipped ones left in.
    fn pop(
        &mut self,
        mut blocked_of: impl FnMut(usize) -> Runs,
        mut on_borders_of: impl FnMut(usize) -> Runs,
    ) -> Option<(f64, (f64, f64))> {
        loop {
            let Reverse((bits, row, t, step)) = self.heap.pop()?;
            if step == UNOPENED {
                self.open(row);
                continue;
            }
            let last = self.rows[row].steps;
            let blocked = self.blocked[row].get_or_insert_with(|| blocked_of(row));
            let runs = match &mut self.off_borders {
                None => blocked,
                Some(off) => off[row].get_or_insert_with(|| {
                    let mut runs = on_borders_of(row);
                    runs.extend_from_slice(blocked);
                    merge_runs(runs)
                }),
            };
            match unblocked(runs, last, t, step) {
                Some(free) if free == t => {}
                Some(free) => {
                    self.push(row, free, step);
                    continue;
                }
                None => continue,
            }
            match step {
                -1 if t > 0 => self.push(row, t - 1, -1),
                1 if t < last => self.push(row, t + 1, 1),
                _ => {}
            }
            return Some((f64::from_bits(bits), self.rows[row].at(t)));
        }
    }
}

/// The step of a [`SpotQueue`] entry standing for a row not yet opened: below the steps of
/// spots, so that it comes off before any spot of its row would at an equal cost.
const UNOPENED: i8 = i8::MIN;

/// A rectangle no grid query finds: the area of no spots.
const NOWHERE: Rect = Rect {
    x: f64::NAN,
    y: f64::NAN,
    w: 0.0,
    h: 0.0,
};

#[cfg(test)]
mod tests {
    use super::{
        BORDER_CLEARANCE, Obstacle, Runs, SpotRow, attach_labels, attached, blocked,
        crosses_border, first_spot, on_border_runs, round,
    };
    use crate::diagram::{Diagram, Rect};
    use crate::faults::Segment;

    /// A card in a zone, linked down to a card below the zone, with `label` as JSON.
    fn down_out_of_a_zone(label: &str) -> Diagram {
        let card = |id: &str, zone: &str, y: f64| {
            format!(
                r#"{{"id": "{id}", "zone": {zone}, "x": 150.0, "y": {y}, "w": 100.0, "h": 40.0,
                "kind": "AppServer", "replicas": 1,
                "face": {{"x": 150.0, "y": {y}, "w": 100.0, "h": 40.0}},
                "icon": {{"x": 160.0, "y": {y}, "w": 28.0, "h": 28.0}},
                "texts": [], "optional": false}}"#
            )
        };
        let json = format!(
            r#"{{"version": 1, "scenario": "s", "title": "t", "summary": null,
            "direction": "TopToBottom", "width": 400.0, "height": 400.0,
            "zones": [{{"id": "z", "parent": null, "x": 0.0, "y": 0.0, "w": 400.0, "h": 200.0,
                "label": "Zone", "trust": "Internal", "kind": null, "depth": 0,
                "header": {{"x": 10.0, "y": 6.0, "w": 60.0, "h": 17.0}}, "caption": null,
                "icon": null, "texts": []}}],
            "components": [{a}, {b}],
            "links": [{{"from": "a", "to": "b", "points": [[200.0, 50.0], [200.0, 300.0]],
                "label": {label}, "text": "HTTPS", "texts": [], "protocol": "HTTPS",
                "port": null, "encrypted": null, "bidirectional": false,
                "intermittent": false, "crosses_boundary": true}}]}}"#,
            a = card("a", r#""z""#, 10.0),
            b = card("b", "null", 300.0),
        );
        serde_json::from_str(&json).expect("a valid diagram")
    }

    #[test]
    fn a_label_on_a_zone_border_moves_off_it_along_its_link() {
        // On the link, across the zone's bottom border.
        let mut d = down_out_of_a_zone(r#"{"x": 170.0, "y": 189.0, "w": 60.0, "h": 22.0}"#);
        attach_labels(&mut d);
        let label = d.links[0].label.expect("still labelled");
        assert!(attached(&label, &d.links[0].points), "{label:?}");
        let zone = d.zones[0].rect();
        assert!(
            !crosses_border(&label.outset(BORDER_CLEARANCE), &zone),
            "{label:?}"
        );
        // On the link, inside the zone but a unit from its bottom border: a label edge
        // that close reads as the border line itself.
        let mut d = down_out_of_a_zone(r#"{"x": 170.0, "y": 177.0, "w": 60.0, "h": 22.0}"#);
        attach_labels(&mut d);
        let label = d.links[0].label.expect("still labelled");
        assert!(attached(&label, &d.links[0].points), "{label:?}");
        let gap = (200.0 - label.bottom()).max(label.y - 200.0);
        assert!(gap >= BORDER_CLEARANCE, "{gap} from the border: {label:?}");
        // Off any border already: it stays.
        let mut d = down_out_of_a_zone(r#"{"x": 170.0, "y": 120.0, "w": 60.0, "h": 22.0}"#);
        attach_labels(&mut d);
        let label = d.links[0].label.expect("still labelled");
        assert_eq!((label.x, label.y), (170.0, 120.0));
    }

    /// Rows of spots both ways, long, short and of one spot.
    fn rows() -> Vec<SpotRow> {
        let mut rows = Vec::new();
        for horizontal in [true, false] {
            for (lo, hi, steps) in [(10.3, 250.7, 61), (40.0, 40.0, 0), (5.5, 90.25, 22)] {
                rows.push(SpotRow {
                    horizontal,
                    line: 100.4,
                    lo,
                    hi,
                    steps,
                    penalty: 0.0,
                });
            }
        }
        rows
    }

    /// Rectangles of many sizes strewn over and around the rows.
    fn rects() -> Vec<Rect> {
        (0..60)
            .map(|i| {
                let i = f64::from(i);
                Rect {
                    x: 5.3 * i - 20.0,
                    y: 60.0 + (i * 13.1) % 90.0,
                    w: 2.5 + (i * 7.7) % 90.0,
                    h: 3.0 + (i * 5.3) % 70.0,
                }
            })
            .collect()
    }

    fn in_runs(runs: &Runs, t: usize) -> bool {
        runs.iter().any(|&(a, b)| a <= t && t <= b)
    }

    #[test]
    fn runs_hold_exactly_the_spots_in_the_way() {
        let cur = Rect {
            x: 0.0,
            y: 0.0,
            w: 37.0,
            h: 15.0,
        };
        // Spots on a border and spots blocked, to be sure the cases cover both.
        let (mut on_border, mut in_the_way) = (0, 0);
        for row in rows() {
            let spots = || (0..=row.steps).map(|t| (t, row.spot(&cur, t)));
            for z in rects() {
                let runs = on_border_runs(&row, &cur, [&z]);
                for (t, r) in spots() {
                    let on = crosses_border(&r.outset(BORDER_CLEARANCE), &z);
                    assert_eq!(in_runs(&runs, t), on, "{z:?} {t}");
                    on_border += usize::from(on);
                }
                let segments = [
                    Segment {
                        link: 0,
                        a: [z.x, z.y],
                        b: [z.right(), z.y],
                    },
                    Segment {
                        link: 0,
                        a: [z.x, z.bottom()],
                        b: [z.x, z.y],
                    },
                ];
                let obstacles = [
                    Obstacle::Rect(&z),
                    Obstacle::Segment(&segments[0]),
                    Obstacle::Segment(&segments[1]),
                ];
                for o in obstacles {
                    let runs = blocked(&row, &cur, &[o]);
                    for (t, r) in spots() {
                        assert_eq!(in_runs(&runs, t), o.blocks(&r), "{z:?} {t}");
                        in_the_way += usize::from(o.blocks(&r));
                    }
                }
            }
        }
        assert!(
            on_border > 100 && in_the_way > 100,
            "{on_border} {in_the_way}"
        );
    }

    #[test]
    fn first_spot_finds_the_first_from_any_guess() {
        for last in 0..40 {
            for answer in 0..=last + 1 {
                for guess in 0..=last + 3 {
                    assert_eq!(first_spot(last, guess, |t| t >= answer), answer);
                }
            }
        }
    }

    #[test]
    fn round_matches_the_library() {
        let mut xs = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.5,
            -2.5,
            0.49999999999999994,
            -0.49999999999999994,
            4_503_599_627_370_495.5,
            -4_503_599_627_370_495.5,
            4_503_599_627_370_496.0,
            1e300,
            f64::MIN_POSITIVE,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        // A spread of magnitudes and fractions, both signs.
        let mut v = 1e-6;
        while v < 1e17 {
            for f in [0.0, 0.25, 0.5, 0.75, 0.999] {
                xs.extend([v + f, -(v + f)]);
            }
            v *= 1.37;
        }
        for x in xs {
            assert_eq!(round(x).to_bits(), x.round().to_bits(), "{x}");
        }
        assert!(round(f64::NAN).is_nan());
    }
}
