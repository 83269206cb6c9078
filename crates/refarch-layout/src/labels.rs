//! Keeps every link label on its own link.
//!
//! Labels are first given a lane in a channel, centred on their link. When that lane spot
//! ends up away from the link (the lane was crowded, or the link never crosses the lane,
//! e.g. a link between two peers of one layer), the chip is moved onto one of its own
//! segments: the free spot nearest to the lane spot, centred on the segment, clear of boxes,
//! zone headers, other labels and other links' segments.

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

/// Gap between a label and a polyline.
pub(crate) fn label_gap(r: &Rect, pts: &[[f64; 2]]) -> f64 {
    pts.windows(2)
        .map(|w| {
            let s = Segment {
                link: 0,
                a: w[0],
                b: w[1],
            };
            rect_gap_sq(r, &s.bounds())
        })
        .fold(f64::INFINITY, f64::min)
        .sqrt()
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
    let seg_grid = Grid::new(segs.iter().map(|s| s.bounds()), 256.0);
    let comp_grid = Grid::new(comps.iter().copied(), 256.0);
    let labels: Vec<Option<Rect>> = d.links.iter().map(|l| l.label).collect();
    let label_grid = Grid::new(labels.iter().map(|l| l.unwrap_or(NOWHERE)), 256.0);
    // Labels moved so far (their new places); old places stay blocked in `label_grid`.
    let mut moved: Vec<(usize, Rect)> = Vec::new();
    for k in 0..d.links.len() {
        let Some(cur) = d.links[k].label else {
            continue;
        };
        let pts = &d.links[k].points;
        if pts.len() < 2 || label_gap(&cur, pts) <= ATTACH {
            continue;
        }
        let (cx, cy) = (cur.x + cur.w / 2.0, cur.y + cur.h / 2.0);
        let free = |r: &Rect| -> bool {
            if comp_grid.any(r, |j| r.overlaps(&comps[j])) {
                return false;
            }
            if headers.iter().any(|h| r.overlaps(h)) {
                return false;
            }
            if label_grid.any(r, |j| j != k && labels[j].is_some_and(|o| r.overlaps(&o))) {
                return false;
            }
            if moved.iter().any(|(j, o)| *j != k && r.overlaps(o)) {
                return false;
            }
            !seg_grid.any(r, |j| segs[j].link != k && segs[j].hits(r))
        };
        // Every spot along every segment, cheapest first (distance from the lane spot, plus
        // a penalty beside the line); the border penalty and the free test are checked lazily.
        let mut spots: Vec<(f64, Rect)> = Vec::new();
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
                for t in 0..=steps {
                    let v = if steps == 0 {
                        (lo_c + hi_c) / 2.0
                    } else {
                        lo_c + (hi_c - lo_c) * t as f64 / steps as f64
                    };
                    let v = v.round();
                    let (px, py) = if horizontal {
                        (v, a[1] + off)
                    } else {
                        (a[0] + off, v)
                    };
                    let r = Rect {
                        x: (px - cur.w / 2.0).round(),
                        y: (py - cur.h / 2.0).round(),
                        w: cur.w,
                        h: cur.h,
                    };
                    // Centred on the line reads best; beside it is the fallback.
                    let cost = (px - cx).hypot(py - cy) + if off == 0.0 { 0.0 } else { 400.0 };
                    spots.push((cost, r));
                }
            }
        }
        // Stable: among equal costs the first spot generated wins.
        spots.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut best: Option<(f64, Rect)> = None;
        for (cost, r) in spots {
            if best.is_some_and(|(c, _)| c <= cost) {
                break;
            }
            let cost = if zones.iter().any(|z| on_border(&r, z)) {
                cost + 2_000.0
            } else {
                cost
            };
            if best.is_some_and(|(c, _)| c <= cost) {
                continue;
            }
            if label_gap(&r, pts) <= ATTACH && free(&r) {
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
            moved.push((k, r));
        }
    }
}

/// A rectangle no grid query finds, for links without a label.
const NOWHERE: Rect = Rect {
    x: f64::NAN,
    y: f64::NAN,
    w: 0.0,
    h: 0.0,
};
