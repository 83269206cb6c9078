//! Quality figures for a [`Diagram`]: crossings, bends, length, shape, legibility and the
//! hard-fault counts of [`crate::faults()`].

use serde::Serialize;

use crate::diagram::{Diagram, Rect};
use crate::faults::{Faults, Grid, Segment, all_segments, faults};

/// The frame the legibility figure is measured against (a docs page or slide).
pub const FRAME: (f64, f64) = (1600.0, 1000.0);

/// Size of ordinary text (component labels) at scale 1.
const BODY_PX: f64 = 14.0;

/// Quality figures for one diagram.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metrics {
    /// Points where segments of two different links cross.
    pub crossings: usize,
    /// Bends over all links.
    pub bends: usize,
    /// Total length of all links.
    pub total_link_length: f64,
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
    /// Width × height.
    pub area: f64,
    /// Width / height.
    pub aspect_ratio: f64,
    /// Zone borders each link crosses, in link order.
    pub boundary_crossings: Vec<usize>,
    /// Mean of `boundary_crossings`.
    pub mean_boundary_crossings: f64,
    /// Zone borders crossed beyond those a link's ends need (a zone holding one end, not
    /// the other, needs one crossing; any other zone none): a link running across a zone
    /// it has nothing to do with, or leaving its own zone and coming back.
    pub needless_boundary_crossings: usize,
    /// Largest scale at which the drawing fits [`FRAME`]: `min(1600 / width, 1000 / height)`.
    pub legibility_scale: f64,
    /// Size of 14-px text at that scale.
    pub smallest_text_px: f64,
    /// Hard faults (all must be zero).
    pub faults: Faults,
}

/// Link crossings in `d`: a horizontal segment of one link crossing a vertical segment of
/// another, strictly inside both.
pub(crate) fn crossings(d: &Diagram) -> usize {
    count_crossings(&all_segments(d))
}

fn count_crossings(segs: &[Segment]) -> usize {
    let mut n = 0;
    each_crossing(segs, |_, _| n += 1);
    n
}

/// Link crossings in `d` as they are drawn: the points where lines cross, so that a bundle's
/// trunk crossing a line counts once, not once for each of its links.
pub(crate) fn drawn_crossings(d: &Diagram) -> usize {
    let mut points = Vec::new();
    each_crossing_at(&all_segments(d), |_, _, at| {
        points.push(at.map(f64::to_bits))
    });
    points.sort_unstable();
    points.dedup();
    points.len()
}

/// Zone borders the links of `d` cross beyond those their ends need
/// ([`Metrics::needless_boundary_crossings`]).
pub(crate) fn needless_crossings(d: &Diagram) -> usize {
    let zones: Vec<Rect> = d.zones.iter().map(|z| z.rect()).collect();
    border_crossings(d, &zones).1
}

/// How many crossings each link of `d` takes part in.
pub(crate) fn crossings_by_link(d: &Diagram) -> Vec<usize> {
    let mut by_link = vec![0; d.links.len()];
    each_crossing(&all_segments(d), |a, b| {
        by_link[a] += 1;
        by_link[b] += 1;
    });
    by_link
}

/// Calls `crossing(a, b)` with the links of every two segments of `segs` that cross.
fn each_crossing(segs: &[Segment], mut crossing: impl FnMut(usize, usize)) {
    each_crossing_at(segs, |a, b, _| crossing(a, b));
}

/// Calls `crossing(a, b, at)` with the links of every two segments of `segs` that cross,
/// and the point where they do.
fn each_crossing_at(segs: &[Segment], mut crossing: impl FnMut(usize, usize, [f64; 2])) {
    let vertical: Vec<&Segment> = segs.iter().filter(|s| !s.horizontal()).collect();
    let grid = Grid::new(vertical.iter().map(|s| s.bounds()), 256.0);
    for s in segs.iter().filter(|s| s.horizontal()) {
        let (sx0, sx1) = (s.a[0].min(s.b[0]), s.a[0].max(s.b[0]));
        let y = s.a[1];
        // The grid offers each vertical segment once, so each crossing is counted once.
        grid.any(&s.bounds(), |j| {
            let t = vertical[j];
            let (ty0, ty1) = (t.a[1].min(t.b[1]), t.a[1].max(t.b[1]));
            let x = t.a[0];
            if t.link != s.link && x > sx0 && x < sx1 && y > ty0 && y < ty1 {
                crossing(s.link, t.link, [x, y]);
            }
            false
        });
    }
}

/// Corners on all links.
pub(crate) fn bends(d: &Diagram) -> usize {
    d.links
        .iter()
        .map(|l| l.points.len().saturating_sub(2))
        .sum()
}

/// The total length of all links.
pub(crate) fn link_length(d: &Diagram) -> f64 {
    length(&all_segments(d))
}

/// The total length of `segs`.
fn length(segs: &[Segment]) -> f64 {
    segs.iter()
        .map(|s| (s.a[0] - s.b[0]).abs() + (s.a[1] - s.b[1]).abs())
        .sum()
}

/// Measures a diagram.
pub fn metrics(d: &Diagram) -> Metrics {
    let segs = all_segments(d);
    let crossings = count_crossings(&segs);
    let bends = bends(d);
    let total_link_length = length(&segs);
    let zones: Vec<Rect> = d.zones.iter().map(|z| z.rect()).collect();
    let (boundary_crossings, needless_boundary_crossings) = border_crossings(d, &zones);
    let mean_boundary_crossings = if boundary_crossings.is_empty() {
        0.0
    } else {
        boundary_crossings.iter().sum::<usize>() as f64 / boundary_crossings.len() as f64
    };
    let (w, h) = (d.width.max(1.0), d.height.max(1.0));
    let legibility_scale = (FRAME.0 / w).min(FRAME.1 / h);
    Metrics {
        crossings,
        bends,
        total_link_length,
        width: d.width,
        height: d.height,
        area: d.width * d.height,
        aspect_ratio: w / h,
        boundary_crossings,
        mean_boundary_crossings,
        needless_boundary_crossings,
        legibility_scale,
        smallest_text_px: BODY_PX * legibility_scale,
        faults: faults(d),
    }
}

/// The zone borders each link of `d` crosses ([`Metrics::boundary_crossings`]), and those
/// of them its ends do not need ([`Metrics::needless_boundary_crossings`]); `zones` are the
/// zones' boxes.
fn border_crossings(d: &Diagram, zones: &[Rect]) -> (Vec<usize>, usize) {
    let (zone_index, component_index) = (d.zone_index(), d.component_index());
    let zone_of = |id: Option<&String>| id.and_then(|id| zone_index.get(id.as_str()).copied());
    let parents: Vec<Option<usize>> = d.zones.iter().map(|z| zone_of(z.parent.as_ref())).collect();
    // The zones that hold an end: a component's zone and those around it; around a zone.
    let holding = |end: &str| {
        let mut within = vec![false; zones.len()];
        let mut cur = match zone_index.get(end) {
            Some(&z) => parents[z],
            None => zone_of(
                component_index
                    .get(end)
                    .and_then(|&c| d.components[c].zone.as_ref()),
            ),
        };
        while let Some(z) = cur.filter(|&z| !within[z]) {
            within[z] = true;
            cur = parents[z];
        }
        within
    };
    let mut needless = 0;
    let per_link = d
        .links
        .iter()
        .map(|l| {
            let (from, to) = (holding(&l.from), holding(&l.to));
            let mut crossed = 0;
            for (z, r) in zones.iter().enumerate() {
                let hits: usize = l
                    .points
                    .windows(2)
                    .map(|w| border_hits(w[0], w[1], r))
                    .sum();
                crossed += hits;
                // A link to a zone ends on its border.
                if ![&l.from, &l.to].contains(&&d.zones[z].id) {
                    needless += hits.saturating_sub(usize::from(from[z] != to[z]));
                }
            }
            crossed
        })
        .collect();
    (per_link, needless)
}

/// How many of `r`'s edges the axis-parallel segment `a`–`b` crosses transversally.
fn border_hits(a: [f64; 2], b: [f64; 2], r: &Rect) -> usize {
    let mut n = 0;
    if a[1] == b[1] {
        let (x0, x1) = (a[0].min(b[0]), a[0].max(b[0]));
        let y = a[1];
        if y > r.y && y < r.bottom() {
            n += usize::from(r.x > x0 && r.x < x1) + usize::from(r.right() > x0 && r.right() < x1);
        }
    } else if a[0] == b[0] {
        let (y0, y1) = (a[1].min(b[1]), a[1].max(b[1]));
        let x = a[0];
        if x > r.x && x < r.right() {
            n +=
                usize::from(r.y > y0 && r.y < y1) + usize::from(r.bottom() > y0 && r.bottom() < y1);
        }
    }
    n
}
