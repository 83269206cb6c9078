//! Boundary gates: where a link that crosses a trust boundary passes a zone border, a small
//! tag sits on the border with the link's port (`:443`), or, without a port or without room
//! for the tag, a small ring in the zone's border colour.
//!
//! ```text
//!        ┆ zone border                 one mark per zone border the link passes: a zone
//!   ─────(:443)──────▶                 holding exactly one of the link's two ends
//!        ┆
//! ```
//!
//! Everything is computed here from the zone rectangles and the polyline: the layout knows
//! nothing of gates. A tag that would cover a label chip, a card, a zone header or another
//! gate or another link's line is nudged along its segment; when no place is free it
//! becomes a ring, and where not even a ring fits (a label chip on the border, which
//! already names the port) nothing is drawn. A border near where the port is already
//! written (the link's tag on the border before, or its label chip naming the port) gets a
//! ring too: a link into nested zones would otherwise carry `:443` at every border. So does
//! a bundle's branch where another branch already has the tag on that border; the tag goes
//! on the first branch with room for it right on the border.

use std::collections::{HashMap, HashSet};

use refarch_layout::{Diagram, LinkPath, Rect, ZoneBox};

use super::grid::Grid;
use super::link::{self, P, at, clean, len, sub, unit};
use super::paint::{Ctx, rect, w};
use crate::FontMetrics;
use crate::theme::Role;
use crate::xml::{escape, num};

/// Port text size (the smallest text in the diagram; never below 9 px).
const SIZE: f64 = 9.5;
/// Tag height.
const TAG_H: f64 = 13.0;
/// Horizontal padding inside the tag.
const TAG_PAD: f64 = 4.5;
/// Gap kept between a mark and anything else.
const CLEAR: f64 = 3.0;

/// Offsets along the segment tried, nearest the border first.
const NUDGES: [f64; 9] = [0.0, 7.0, -7.0, 14.0, -14.0, 21.0, -21.0, 28.0, -28.0];
/// Offsets a ring tries before the rest of [`NUDGES`]: less than its radius off, so it still
/// sits on the border line (say where the link's last segment is too short for the ring
/// right at the border and the arrowhead after it).
const RING_NUDGES: [f64; 3] = [0.0, 3.0, -3.0];
/// Radius of the dot drawn when there is no tag.
const DOT: f64 = 3.5;
/// How near a border a tag of the same link, or the link's label chip naming its port, makes
/// a tag there say nothing new: the border gets a ring. A link entering nested zones passes
/// their borders a header's height apart, and repeated tags (`:443 :443 :443`) only clutter
/// its line.
const NAMED_NEARBY: f64 = 96.0;
/// How near another link's crossing of the same border makes a tag there crowded: a tag and
/// the room kept around it.
const CROWDED: f64 = TAG_H + 2.0 * CLEAR + 2.0;

/// One placed gate mark.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Gate {
    /// Index of the link in `Diagram::links`.
    pub(crate) link: usize,
    /// Index of the zone whose border is crossed in `Diagram::zones`.
    pub(crate) zone: usize,
    /// Centre of the mark.
    pub(crate) at: P,
    /// Direction of the line at the mark (unit, axis-aligned for orthogonal routes).
    pub(crate) dir: P,
    /// The port tag's box, or `None` for a bar.
    pub(crate) tag: Option<Rect>,
}

impl Gate {
    /// The box the mark covers.
    pub(crate) fn bounds(&self) -> Rect {
        self.tag.unwrap_or_else(|| dot_rect(self.at))
    }
}

fn dot_rect(c: P) -> Rect {
    Rect {
        x: c[0] - DOT,
        y: c[1] - DOT,
        w: 2.0 * DOT,
        h: 2.0 * DOT,
    }
}

/// Thin boxes along a polyline's segments.
fn segment_rects(pts: &[P]) -> Vec<Rect> {
    pts.windows(2)
        .map(|s| {
            let (x0, x1) = (s[0][0].min(s[1][0]), s[0][0].max(s[1][0]));
            let (y0, y1) = (s[0][1].min(s[1][1]), s[0][1].max(s[1][1]));
            Rect {
                x: x0 - 0.75,
                y: y0 - 0.75,
                w: x1 - x0 + 1.5,
                h: y1 - y0 + 1.5,
            }
        })
        .collect()
}

fn inside(r: &Rect, p: P) -> bool {
    const E: f64 = 0.01;
    p[0] >= r.x - E && p[0] <= r.right() + E && p[1] >= r.y - E && p[1] <= r.bottom() + E
}

/// Where the segment from `a` (inside `r`) to `b` (outside) leaves `r`.
fn exit(r: &Rect, a: P, b: P) -> P {
    let mut t = 1.0_f64;
    for k in 0..2 {
        let d = b[k] - a[k];
        let (lo, hi) = if k == 0 {
            (r.x, r.right())
        } else {
            (r.y, r.bottom())
        };
        if d > 0.0 {
            t = t.min((hi - a[k]) / d);
        } else if d < 0.0 {
            t = t.min((lo - a[k]) / d);
        }
    }
    let t = t.clamp(0.0, 1.0);
    [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
}

/// The first place the polyline passes the border of `r`: the crossing point, the segment's
/// ends and its direction.
fn crossing(r: &Rect, pts: &[P]) -> Option<(P, P, P)> {
    for s in pts.windows(2) {
        let (a, b) = (s[0], s[1]);
        let (ia, ib) = (inside(r, a), inside(r, b));
        if ia == ib {
            continue;
        }
        let c = if ia { exit(r, a, b) } else { exit(r, b, a) };
        return Some((c, a, b));
    }
    None
}

/// The text of a link's gate tag.
fn port_text(l: &LinkPath) -> Option<String> {
    l.port.map(|p| format!(":{p}"))
}

/// The label chip of `l` when its text names the link's port (`HTTPS :443`, `HTTPS 443 /
/// VPN`): the port's digits, not within a longer number.
fn chip_naming_port(l: &LinkPath) -> Option<Rect> {
    let (port, text) = (l.port?.to_string(), l.text.as_deref()?);
    let digit_at = |i: usize| text.as_bytes().get(i).is_some_and(u8::is_ascii_digit);
    let named = text
        .match_indices(&port)
        .any(|(i, _)| !digit_at(i + port.len()) && (i == 0 || !digit_at(i - 1)));
    named.then_some(l.label?)
}

/// Distance from `p` to the nearest point of `r` (0 inside).
fn distance(r: &Rect, p: P) -> f64 {
    let dx = (r.x - p[0]).max(p[0] - r.right()).max(0.0);
    let dy = (r.y - p[1]).max(p[1] - r.bottom()).max(0.0);
    dx.hypot(dy)
}

fn tag_rect(c: P, text: &str) -> Rect {
    let tw = FontMetrics::new().width_at(text, SIZE, true);
    let wd = (tw + 2.0 * TAG_PAD).max(TAG_H);
    Rect {
        x: c[0] - wd / 2.0,
        y: c[1] - TAG_H / 2.0,
        w: wd,
        h: TAG_H,
    }
}

/// What a tag must not cover: label chips and their marks, cards, zone headers.
pub(crate) fn obstacles(d: &Diagram) -> Vec<Rect> {
    let mut v = Vec::new();
    for l in &d.links {
        let has_mark =
            l.encrypted == Some(true) || (l.encrypted == Some(false) && l.crosses_boundary);
        if let Some(label) = l.label {
            v.push(link::chip_with_mark(l, label, has_mark).0);
        } else if has_mark && let Some(c) = link::mark_on_path(&clean(&l.points)) {
            let m = link::MARK;
            v.push(Rect {
                x: c[0] - m,
                y: c[1] - m,
                w: 2.0 * m,
                h: 2.0 * m,
            });
        }
    }
    v.extend(d.components.iter().map(|c| c.rect()));
    for z in &d.zones {
        let mut h = z.header;
        if let Some(i) = z.icon {
            let x0 = h.x.min(i.x);
            h.w = h.right().max(i.right()) - x0;
            h.x = x0;
        }
        v.push(h);
    }
    v
}

/// What a rectangle in the placement grid stands for.
#[derive(Clone, Copy, Debug)]
enum Item {
    /// A label chip, card, zone header or placed mark: nothing may cover it.
    Solid,
    /// A segment of the line of the link with this index: a tag must not hide it.
    Line(usize),
}

/// The smallest rectangle holding every finite one of `rects` and the diagram, grown by
/// `by` (room for marks nudged past the outermost border).
fn extent<'a>(d: &Diagram, rects: impl Iterator<Item = &'a Rect>, by: f64) -> Rect {
    let (mut x0, mut y0, mut x1, mut y1) = (0.0_f64, 0.0_f64, d.width, d.height);
    for r in rects.filter(|r| [r.x, r.y, r.w, r.h].iter().all(|v| v.is_finite())) {
        (x0, y0, x1, y1) = (
            x0.min(r.x),
            y0.min(r.y),
            x1.max(r.right()),
            y1.max(r.bottom()),
        );
    }
    Rect {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0,
    }
    .outset(by)
}

/// A link that crosses a trust boundary: its line, and each zone border it passes with the
/// crossing there ([`crossing`]).
struct Passing {
    line: Vec<P>,
    borders: Vec<(usize, (P, P, P))>,
}

/// Lookups for the zones holding a link end: zones and components by id (the first of a
/// duplicate id, as a linear search would find).
struct Zones<'a> {
    /// Zone index by id.
    index: HashMap<&'a str, usize>,
    /// A component's zone by component id (first of a duplicate).
    home: HashMap<&'a str, Option<&'a str>>,
}

impl<'a> Zones<'a> {
    fn new(d: &'a Diagram) -> Self {
        let mut index = HashMap::new();
        for (i, z) in d.zones.iter().enumerate() {
            index.entry(z.id.as_str()).or_insert(i);
        }
        let mut home = HashMap::new();
        for c in &d.components {
            home.entry(c.id.as_str()).or_insert(c.zone.as_deref());
        }
        Zones { index, home }
    }

    /// The zones holding exactly one end of `l`, in zone order: the borders it passes.
    fn crossed(&self, d: &Diagram, l: &LinkPath) -> Vec<usize> {
        let (from, to) = (self.chain(d, &l.from), self.chain(d, &l.to));
        let mut crossed: Vec<usize> = from
            .iter()
            .filter(|z| !to.contains(z))
            .chain(to.iter().filter(|z| !from.contains(z)))
            .copied()
            .collect();
        crossed.sort_unstable();
        crossed
    }

    /// The indexes of the zones holding an endpoint: its own zone (or the zone itself) and
    /// every ancestor.
    fn chain(&self, d: &Diagram, id: &str) -> Vec<usize> {
        let mut cur = match self.home.get(id) {
            Some(zone) => zone.and_then(|z| self.index.get(z)),
            None => self.index.get(id),
        }
        .copied();
        let mut out: Vec<usize> = Vec::new();
        while let Some(zi) = cur {
            if out.contains(&zi) {
                break; // a parent cycle in hand-made geometry
            }
            out.push(zi);
            cur = d.zones[zi]
                .parent
                .as_deref()
                .and_then(|p| self.index.get(p))
                .copied();
        }
        out
    }
}

/// Where a link passes a zone's drawn border, and the room a mark has there.
struct Spot {
    /// The crossing, on the drawn border (inset by half its width).
    c: P,
    /// The direction of the segment that crosses.
    dir: P,
    /// How far `c` lies along the segment, and the segment's length.
    along: f64,
    seg_len: f64,
    /// Room kept before the segment's end: for the arrowhead at the link's end, or for a
    /// bend (a bundle's branch joins its trunk just past the border).
    end_clear: f64,
}

impl Spot {
    /// The spot where the segment from `a` to `b` passes the border of `r` at `c`, on a
    /// link whose line ends at `last`, the border `stroke` wide.
    fn new(r: &Rect, (c, a, b): (P, P, P), last: P, stroke: f64) -> Spot {
        let dir = unit(sub(b, a));
        let inward = if inside(r, a) {
            [-dir[0], -dir[1]]
        } else {
            dir
        };
        let c = at(c, inward, stroke / 2.0);
        Spot {
            c,
            dir,
            along: len(sub(c, a)),
            seg_len: len(sub(b, a)),
            end_clear: if b == last { 10.0 } else { 6.0 },
        }
    }

    /// Whether a mark covering `r`, centred at `p` on the segment, stays on it clear of its
    /// bends and arrowhead and overlaps nothing in `grid` (nor, `with_lines`, another
    /// link's line than link `li`'s: a tag must not hide one, a ring may touch one).
    fn fits(&self, grid: &Grid<Item>, li: usize, r: &Rect, p: P, with_lines: bool) -> bool {
        let (c, dir) = (self.c, self.dir);
        let t = self.along + (p[0] - c[0]) * dir[0] + (p[1] - c[1]) * dir[1];
        let half = if dir[0].abs() > dir[1].abs() {
            r.w / 2.0
        } else {
            r.h / 2.0
        };
        if t - half < 6.0 || t + half > self.seg_len - self.end_clear {
            return false;
        }
        !grid.any_overlap(&r.outset(CLEAR), |item| match item {
            Item::Solid => true,
            Item::Line(k) => with_lines && k != li,
        })
    }
}

/// Every gate of the diagram, placed. `stroke_width` gives each zone's border width.
///
/// Links are taken in order and, for each, the zones holding exactly one of its ends in
/// zone order; a mark is placed at the first free candidate, so earlier marks block later
/// ones. Free means overlapping nothing in a grid of cards, chips, headers, earlier marks
/// and (for a tag) other links' segments, which keeps this near-linear in the links.
pub(crate) fn place(d: &Diagram, stroke_width: &dyn Fn(&ZoneBox) -> f64) -> Vec<Gate> {
    let mut gates: Vec<Gate> = Vec::new();
    let blocked = obstacles(d);
    let lines: Vec<(Rect, usize)> = d
        .links
        .iter()
        .enumerate()
        .flat_map(|(k, o)| {
            segment_rects(&clean(&o.points))
                .into_iter()
                .map(move |r| (r, k))
        })
        .collect();
    let mut grid = Grid::new(extent(
        d,
        blocked.iter().chain(lines.iter().map(|(r, _)| r)),
        64.0,
    ));
    for r in blocked {
        grid.insert(r, Item::Solid);
    }
    for (r, k) in lines {
        grid.insert(r, Item::Line(k));
    }
    let zones = Zones::new(d);
    let passed: Vec<Passing> = d
        .links
        .iter()
        .filter(|l| l.crosses_boundary)
        .map(|l| {
            let line = clean(&l.points);
            let borders = (zones.crossed(d, l).into_iter())
                .filter_map(|zi| Some((zi, crossing(&d.zones[zi].rect(), &line)?)))
                .collect();
            Passing { line, borders }
        })
        .collect();
    // Where the links pass each zone's border.
    let mut passes: Vec<Vec<P>> = vec![Vec::new(); d.zones.len()];
    for &(zi, (c, _, _)) in passed.iter().flat_map(|p| &p.borders) {
        passes[zi].push(c);
    }
    // The borders each link gets a mark on: not where it ends on the zone's own border (its
    // arrowhead marks it), and once for a bundle's links that pass it on their shared
    // trunk; in order, each with where the link passes the border and its spot there.
    let mut bundle_crossings: HashSet<(usize, usize, [u64; 2])> = HashSet::new();
    let mut marked = Vec::new();
    let crossing_links = (d.links.iter().enumerate()).filter(|(_, l)| l.crosses_boundary);
    for ((li, l), Passing { line, borders }) in crossing_links.zip(&passed) {
        let (Some(&first), Some(&last)) = (line.first(), line.last()) else {
            continue;
        };
        for &(zi, crossing) in borders {
            let c = crossing.0;
            let on_own_border = len(sub(c, first)) < 1.0 || len(sub(c, last)) < 1.0;
            let shared = l
                .bundle
                .is_some_and(|b| !bundle_crossings.insert((b, zi, c.map(f64::to_bits))));
            if !on_own_border && !shared {
                let z = &d.zones[zi];
                let spot = Spot::new(&z.rect(), crossing, last, stroke_width(z));
                marked.push((li, zi, c, spot));
            }
        }
    }
    // Another link passes the border beside the mark at `c`: in a fan of links, tags fit
    // only every other line, and rings read more evenly.
    let crowded = |zi: usize, c: P| {
        passes[zi]
            .iter()
            .any(|&p| p != c && len(sub(p, c)) < CROWDED)
    };
    // A bundle's branches that pass one border apart (a gateway's fan into a zone of
    // services) carry one tag there: the rest read as the same port. It goes on the first
    // branch with room for it right on the border, where the zone's header and the cards
    // leave some (the first branch often meets the header, and a tag nudged off it sat by
    // the bend above the border); failing that, on the first that finds room at all.
    let mut tagged_branch: HashMap<(usize, usize), usize> = HashMap::new();
    for &(li, zi, c, ref spot) in &marked {
        let l = &d.links[li];
        let Some((b, text)) = l.bundle.zip(port_text(l)) else {
            continue;
        };
        let named = chip_naming_port(l).is_some_and(|r| distance(&r, c) < NAMED_NEARBY);
        if tagged_branch.contains_key(&(b, zi)) || named || crowded(zi, c) {
            continue;
        }
        if spot.fits(&grid, li, &tag_rect(spot.c, &text), spot.c, true) {
            tagged_branch.insert((b, zi), li);
        }
    }
    // The zone borders each bundle has a tag on: (bundle, zone).
    let mut bundle_tags: HashSet<(usize, usize)> = HashSet::new();
    for (li, link_marks) in marked.chunk_by(|x, y| x.0 == y.0).map(|m| (m[0].0, m)) {
        let l = &d.links[li];
        // Where this link's port is already written: its chip, and its tags as they are
        // placed.
        let mut named: Vec<Rect> = chip_naming_port(l).into_iter().collect();
        for &(_, zi, crossed_at, ref spot) in link_marks {
            let (c, dir) = (spot.c, spot.dir);
            let said_nearby = named.iter().any(|r| distance(r, c) < NAMED_NEARBY);
            let said_by_bundle = l.bundle.is_some_and(|b| {
                bundle_tags.contains(&(b, zi))
                    || tagged_branch.get(&(b, zi)).is_some_and(|&t| li < t)
            });
            let tag = port_text(l)
                .filter(|_| !said_nearby && !crowded(zi, crossed_at) && !said_by_bundle)
                .and_then(|text| {
                    NUDGES.into_iter().find_map(|off| {
                        let p = at(c, dir, off);
                        let tr = tag_rect(p, &text);
                        spot.fits(&grid, li, &tr, p, true).then_some((p, Some(tr)))
                    })
                });
            let placed = tag.or_else(|| {
                let mut nudges = RING_NUDGES.into_iter().chain(NUDGES[1..].iter().copied());
                nudges.find_map(|off| {
                    let p = at(c, dir, off);
                    spot.fits(&grid, li, &dot_rect(p), p, false)
                        .then_some((p, None))
                })
            });
            // No free place near the border (a label chip sits on it): the chip says it.
            let Some((at_, tag)) = placed else {
                continue;
            };
            let gate = Gate {
                link: li,
                zone: zi,
                at: at_,
                dir,
                tag,
            };
            grid.insert(gate.bounds(), Item::Solid);
            if let (Some(b), Some(_)) = (l.bundle, gate.tag) {
                bundle_tags.insert((b, zi));
            }
            named.extend(gate.tag);
            gates.push(gate);
        }
    }
    gates
}

/// Draws placed gates (over lines and cards, under label chips).
pub(crate) fn draw(ctx: &mut Ctx<'_>, out: &mut String, d: &Diagram, gates: &[Gate]) {
    for g in gates {
        let (Some(l), Some(z)) = (d.links.get(g.link), d.zones.get(g.zone)) else {
            continue;
        };
        let port = l.port.map(|p| format!(" on port {p}")).unwrap_or_default();
        w!(
            out,
            "<g><title>Boundary gate: {} passes the border of {}{port}</title>",
            escape(&link::describe(d, l)),
            escape(&z.label)
        );
        let line = Role::ZoneStroke(z.trust);
        match (g.tag, port_text(l)) {
            (Some(r), Some(text)) => {
                let mut a = ctx.paint(Some(Role::GateFill), Some(line));
                a.push_str(" stroke-width=\"1.25\"");
                rect(out, r.x, r.y, r.w, r.h, r.h / 2.0, &a);
                ctx.text_sized(
                    out,
                    &text,
                    r.x + r.w / 2.0,
                    r.y + r.h / 2.0 + SIZE * 0.36,
                    SIZE,
                    true,
                    true,
                    Role::GateText,
                );
            }
            _ => dot(ctx, out, g.at, line),
        }
        out.push_str("</g>");
    }
}

/// A small ring on the border: a gate without a port tag.
pub(crate) fn dot(ctx: &mut Ctx<'_>, out: &mut String, c: P, line: Role) {
    let mut a = ctx.paint(Some(Role::GateFill), Some(line));
    a.push_str(" stroke-width=\"1.5\"");
    w!(
        out,
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{a}/>",
        num(c[0]),
        num(c[1]),
        num(DOT - 0.75)
    );
}

/// The legend swatch: a line through a tag, or through a ring on a border.
pub(crate) fn swatch(
    ctx: &mut Ctx<'_>,
    out: &mut String,
    x: f64,
    y: f64,
    wd: f64,
    ht: f64,
    tag: bool,
) {
    let mid = y + ht / 2.0;
    let mut s = ctx.paint(None, Some(Role::Link));
    w!(s, " stroke-width=\"{}\"", num(ctx.pal.link.width));
    w!(
        out,
        "<path d=\"M{} {}H{}\"{s}/>",
        num(x),
        num(mid),
        num(x + wd)
    );
    if !tag {
        let mut b = ctx.paint(None, Some(Role::LegendText));
        b.push_str(" stroke-width=\"1.25\" stroke-dasharray=\"3 2\"");
        let cx = x + wd / 2.0;
        w!(
            out,
            "<path d=\"M{} {}V{}\"{b}/>",
            num(cx),
            num(y),
            num(y + ht)
        );
        dot(ctx, out, [cx, mid], Role::LegendText);
        return;
    }
    let text = ":443";
    let r = tag_rect([x + wd / 2.0, mid], text);
    let mut a = ctx.paint(Some(Role::GateFill), Some(Role::Link));
    a.push_str(" stroke-width=\"1.25\"");
    rect(out, r.x, r.y, r.w, r.h, r.h / 2.0, &a);
    ctx.text_sized(
        out,
        text,
        r.x + r.w / 2.0,
        mid + SIZE * 0.36,
        SIZE,
        true,
        true,
        Role::GateText,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_points_are_on_the_border() {
        let r = Rect {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: 50.0,
        };
        assert_eq!(exit(&r, [50.0, 25.0], [150.0, 25.0]), [100.0, 25.0]);
        assert_eq!(exit(&r, [50.0, 25.0], [50.0, -40.0]), [50.0, 0.0]);
        let (c, _, _) = crossing(&r, &[[-20.0, 10.0], [40.0, 10.0]]).expect("crosses");
        assert_eq!(c, [0.0, 10.0]);
        assert!(crossing(&r, &[[10.0, 10.0], [40.0, 10.0]]).is_none());
    }
}
