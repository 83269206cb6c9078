//! Keeps every link label on its own link.
//!
//! Labels are first given a lane in a channel, centred on their link. When that lane spot
//! ends up away from the link (the lane was crowded, or the link never crosses the lane,
//! e.g. a link between two peers of one layer), the chip is moved onto one of its own
//! segments: the free spot nearest to the lane spot, centred on the segment, clear of boxes,
//! zone headers, other labels and other links' segments.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use crate::diagram::{Diagram, Rect};
use crate::faults::{Grid, Segment, all_segments};

/// Largest gap between a label and its own polyline that still reads as attached.
pub(crate) const ATTACH: f64 = 6.0;

/// Distance between two spots tried along a segment.
const SPOT_STEP: f64 = 4.0;

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

/// Whether `r` crosses a zone border line (not a fault, but hard to read).
fn on_border(r: &Rect, z: &Rect) -> bool {
    if !r.overlaps(z) || z.contains(r) {
        return false;
    }
    true
}

/// Moves detached labels onto their own links where there is room.
pub(crate) fn attach_labels(d: &mut Diagram) {
    let segs = all_segments(d);
    let comps: Vec<Rect> = d.components.iter().map(|c| c.rect()).collect();
    let headers: Vec<Rect> = d.zones.iter().map(|z| z.header).collect();
    let zones: Vec<Rect> = d.zones.iter().map(|z| z.rect()).collect();
    let zone_grid = Grid::new(zones.iter().copied(), 256.0);
    let header_grid = Grid::new(headers.iter().copied(), 256.0);
    let seg_grid = Grid::new(segs.iter().map(|s| s.bounds()), 256.0);
    let comp_grid = Grid::new(comps.iter().copied(), 256.0);
    let labels: Vec<Option<Rect>> = d.links.iter().map(|l| l.label).collect();
    let label_grid = Grid::new(labels.iter().map(|l| l.unwrap_or(NOWHERE)), 256.0);
    // Labels moved so far (their new places); old places stay blocked in `label_grid`.
    let mut moved = Placed::new(&seg_grid);
    for k in 0..d.links.len() {
        let Some(cur) = d.links[k].label else {
            continue;
        };
        let pts = &d.links[k].points;
        if pts.len() < 2 || attached(&cur, pts) {
            continue;
        }
        let (cx, cy) = (cur.x + cur.w / 2.0, cur.y + cur.h / 2.0);
        // Other links' segments first: they rule out most spots (some 95% on large models).
        let free = |r: &Rect| -> bool {
            if seg_grid.any(r, |j| segs[j].link != k && segs[j].hits(r)) {
                return false;
            }
            if comp_grid.any(r, |j| r.overlaps(&comps[j])) {
                return false;
            }
            if header_grid.any(r, |z| r.overlaps(&headers[z])) {
                return false;
            }
            if label_grid.any(r, |j| j != k && labels[j].is_some_and(|o| r.overlaps(&o))) {
                return false;
            }
            !moved.any(r, |(j, o)| j != k && r.overlaps(o))
        };
        // Spots along every segment, centred on it or beside it, visited cheapest first
        // (distance from the lane spot, plus a penalty beside the line); the border penalty
        // and the free test are checked lazily.
        let mut rows: Vec<SpotRow> = Vec::new();
        let n = pts.len();
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
            let (lo_c, hi_c) =
                if a[if horizontal { 0 } else { 1 }] <= b[if horizontal { 0 } else { 1 }] {
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
            for off in [0.0, -(perp + 2.0), perp + 2.0, -(perp + 5.0), perp + 5.0] {
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
        let mut queue = SpotQueue::new(&rows, (cx, cy));
        let mut best: Option<(f64, Rect)> = None;
        while let Some((cost, (px, py))) = queue.pop() {
            if best.is_some_and(|(c, _)| c <= cost) {
                break;
            }
            let r = Rect {
                x: (px - cur.w / 2.0).round(),
                y: (py - cur.h / 2.0).round(),
                w: cur.w,
                h: cur.h,
            };
            let cost = if zone_grid.any(&r, |z| on_border(&r, &zones[z])) {
                cost + 2_000.0
            } else {
                cost
            };
            if best.is_some_and(|(c, _)| c <= cost) {
                continue;
            }
            if attached(&r, pts) && free(&r) {
                best = Some((cost, r));
            }
        }
        if let Some((_, r)) = best {
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
}

/// Labels placed one by one (link index and rectangle), bucketed by the cells of a grid so
/// that a test looks only at labels nearby.
struct Placed<'g> {
    grid: &'g Grid,
    labels: Vec<(usize, Rect)>,
    /// Cell -> indices into `labels`. Only looked up, never iterated, so the order stays
    /// deterministic.
    buckets: HashMap<usize, Vec<usize>>,
}

impl<'g> Placed<'g> {
    fn new(grid: &'g Grid) -> Placed<'g> {
        Placed {
            grid,
            labels: Vec::new(),
            buckets: HashMap::new(),
        }
    }

    /// Adds the label of link `link` at `r`.
    fn insert(&mut self, link: usize, r: Rect) {
        for c in self.grid.cells(&r) {
            self.buckets.entry(c).or_default().push(self.labels.len());
        }
        self.labels.push((link, r));
    }

    /// Whether `hit` holds for a placed label that may touch `r`.
    fn any(&self, r: &Rect, mut hit: impl FnMut((usize, &Rect)) -> bool) -> bool {
        self.grid.cells(r).any(|c| {
            self.buckets.get(&c).is_some_and(|v| {
                v.iter().any(|&m| {
                    let (link, rect) = &self.labels[m];
                    hit((*link, rect))
                })
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
        let v = if self.steps == 0 {
            (self.lo + self.hi) / 2.0
        } else {
            self.lo + (self.hi - self.lo) * t as f64 / self.steps as f64
        }
        .round();
        if self.horizontal {
            (v, self.line)
        } else {
            (self.line, v)
        }
    }
}

/// Spots of several rows in order of cost (distance from a target plus the row's penalty),
/// produced lazily: on each row the cost falls towards the target's projection and rises
/// after it, so each row is two sorted runs, merged with a heap.
struct SpotQueue<'a> {
    rows: &'a [SpotRow],
    target: (f64, f64),
    /// (cost bits, row, spot, step): step is -1 or +1, the direction the run goes.
    heap: BinaryHeap<Reverse<(u64, usize, usize, i8)>>,
}

impl<'a> SpotQueue<'a> {
    fn new(rows: &'a [SpotRow], target: (f64, f64)) -> SpotQueue<'a> {
        let mut q = SpotQueue {
            rows,
            target,
            heap: BinaryHeap::new(),
        };
        for (i, row) in rows.iter().enumerate() {
            let along = if row.horizontal { target.0 } else { target.1 };
            let t = if row.steps == 0 || row.hi <= row.lo {
                0
            } else {
                let f = (along - row.lo) / (row.hi - row.lo) * row.steps as f64;
                f.clamp(0.0, row.steps as f64).floor() as usize
            };
            q.push(i, t, -1);
            if t < row.steps {
                q.push(i, t + 1, 1);
            }
        }
        q
    }

    fn cost(&self, row: usize, t: usize) -> f64 {
        let (x, y) = self.rows[row].at(t);
        (x - self.target.0).hypot(y - self.target.1) + self.rows[row].penalty
    }

    fn push(&mut self, row: usize, t: usize, step: i8) {
        // Costs are non-negative, so their bit patterns sort like the numbers.
        let bits = self.cost(row, t).max(0.0).to_bits();
        self.heap.push(Reverse((bits, row, t, step)));
    }

    /// The next cheapest spot: its cost and centre.
    fn pop(&mut self) -> Option<(f64, (f64, f64))> {
        let Reverse((bits, row, t, step)) = self.heap.pop()?;
        match step {
            -1 if t > 0 => self.push(row, t - 1, -1),
            1 if t < self.rows[row].steps => self.push(row, t + 1, 1),
            _ => {}
        }
        Some((f64::from_bits(bits), self.rows[row].at(t)))
    }
}

/// A rectangle no grid query finds, for links without a label.
const NOWHERE: Rect = Rect {
    x: f64::NAN,
    y: f64::NAN,
    w: 0.0,
    h: 0.0,
};
