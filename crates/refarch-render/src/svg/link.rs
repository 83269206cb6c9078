//! Links: orthogonal polylines with rounded bends, arrowheads by direction, dashed when
//! intermittent, a lock when encrypted, a warning when plaintext crosses a boundary, and
//! a label chip.
//!
//! ```text
//!   A ──────╮                      bends are rounded with radius ≤ 8 (and never more
//!           │   ╭──────────╮        than half the shorter neighbouring segment)
//!           ╰──🔒 HTTPS 443 ├────▶ B
//! ```

use refarch_layout::{Diagram, LinkPath, Rect, TextMeasure as _};

use super::paint::{Ctx, rect, w};
use crate::theme::Role;
use crate::xml::{escape, id_part, num};

/// Bend radius.
const BEND: f64 = 8.0;
/// Arrowhead length along the line.
const ARROW_LEN: f64 = 9.0;
/// Arrowhead half-width.
const ARROW_HALF: f64 = 4.5;
/// Radius of the lock and warning marks.
pub(crate) const MARK: f64 = 8.0;

pub(crate) type P = [f64; 2];

pub(crate) fn sub(a: P, b: P) -> P {
    [a[0] - b[0], a[1] - b[1]]
}

pub(crate) fn len(v: P) -> f64 {
    (v[0] * v[0] + v[1] * v[1]).sqrt()
}

pub(crate) fn unit(v: P) -> P {
    let l = len(v);
    if l > 0.0 {
        [v[0] / l, v[1] / l]
    } else {
        [0.0, 0.0]
    }
}

pub(crate) fn at(p: P, dir: P, t: f64) -> P {
    [p[0] + dir[0] * t, p[1] + dir[1] * t]
}

/// The points without repeats (zero-length segments would give no direction).
pub(crate) fn clean(points: &[[f64; 2]]) -> Vec<P> {
    let mut v: Vec<P> = Vec::with_capacity(points.len());
    for p in points {
        if p.iter().all(|c| c.is_finite()) && v.last().is_none_or(|q| len(sub(*p, *q)) > 0.01) {
            v.push(*p);
        }
    }
    v
}

/// Path data with rounded bends; `trim_start`/`trim_end` shorten the ends for arrowheads.
pub(crate) fn path_data(points: &[P], trim_start: f64, trim_end: f64) -> String {
    let mut pts = points.to_vec();
    let n = pts.len();
    if n < 2 {
        return String::new();
    }
    let first = unit(sub(pts[1], pts[0]));
    let first_len = len(sub(pts[1], pts[0]));
    pts[0] = at(pts[0], first, trim_start.min(first_len * 0.5));
    let last = unit(sub(pts[n - 1], pts[n - 2]));
    let last_len = len(sub(pts[n - 1], pts[n - 2]));
    pts[n - 1] = at(pts[n - 1], last, -trim_end.min(last_len * 0.5));
    let mut d = format!("M{} {}", num(pts[0][0]), num(pts[0][1]));
    for i in 1..n - 1 {
        let (prev, p, next) = (pts[i - 1], pts[i], pts[i + 1]);
        let (vin, vout) = (sub(p, prev), sub(next, p));
        let r = BEND.min(len(vin) / 2.0).min(len(vout) / 2.0);
        let a = at(p, unit(vin), -r);
        let b = at(p, unit(vout), r);
        w!(
            d,
            "L{} {}Q{} {} {} {}",
            num(a[0]),
            num(a[1]),
            num(p[0]),
            num(p[1]),
            num(b[0]),
            num(b[1])
        );
    }
    w!(d, "L{} {}", num(pts[n - 1][0]), num(pts[n - 1][1]));
    d
}

/// A filled arrowhead with its tip at `tip`, pointing along `dir`.
fn arrow(tip: P, dir: P) -> String {
    let base = at(tip, dir, -ARROW_LEN);
    let normal = [-dir[1], dir[0]];
    let l = at(base, normal, ARROW_HALF);
    let r = at(base, normal, -ARROW_HALF);
    format!(
        "M{} {}L{} {}L{} {}Z",
        num(tip[0]),
        num(tip[1]),
        num(l[0]),
        num(l[1]),
        num(r[0]),
        num(r[1])
    )
}

/// Where a link's mark goes without a chip: the middle of its longest segment.
pub(crate) fn mark_on_path(pts: &[P]) -> Option<P> {
    let mut best: Option<(f64, P)> = None;
    for s in pts.windows(2) {
        let l = len(sub(s[1], s[0]));
        if best.is_none_or(|(b, _)| l > b) {
            best = Some((l, [(s[0][0] + s[1][0]) / 2.0, (s[0][1] + s[1][1]) / 2.0]));
        }
    }
    best.map(|(_, p)| p)
}

/// The chip drawn for a label, widened on the left when a mark must fit in front of the
/// text, and the mark's centre inside it.
pub(crate) fn chip_with_mark(link: &LinkPath, l: Rect, mark: bool) -> (Rect, Option<P>) {
    if !mark {
        return (l, None);
    }
    let m = crate::FontMetrics::new();
    let text_left = link
        .texts
        .iter()
        .map(|t| {
            if t.centered {
                t.x - m.width(&t.text, t.style) / 2.0
            } else {
                t.x
            }
        })
        .fold(f64::INFINITY, f64::min);
    let text_left = if text_left.is_finite() {
        text_left
    } else {
        l.x + 6.0
    };
    let need = 2.0 * MARK + 6.0;
    let left = (text_left - need).min(l.x);
    let chip = Rect {
        x: left,
        y: l.y,
        w: l.right() - left,
        h: l.h,
    };
    (chip, Some([left + MARK + 3.0, l.y + l.h / 2.0]))
}

/// A padlock in a disc.
pub(crate) fn lock(ctx: &mut Ctx<'_>, out: &mut String, c: P) {
    let disc = ctx.paint(Some(Role::Lock), None);
    let [x, y] = c;
    w!(
        out,
        "<circle cx=\"{}\" cy=\"{}\" r=\"{MARK}\"{disc}/>",
        num(x),
        num(y)
    );
    let mut shackle = ctx.paint(None, Some(Role::MarkInk));
    shackle.push_str(" stroke-width=\"1.4\"");
    w!(
        out,
        "<path d=\"M{} {}v-1.6a2.4 2.4 0 0 1 4.8 0v1.6\"{shackle}/>",
        num(x - 2.4),
        num(y - 0.6)
    );
    let body = ctx.paint(Some(Role::MarkInk), None);
    rect(out, x - 3.6, y - 0.8, 7.2, 5.0, 1.0, &body);
}

/// A warning triangle with an exclamation mark.
pub(crate) fn warning(ctx: &mut Ctx<'_>, out: &mut String, c: P) {
    let [x, y] = c;
    let mut tri = ctx.paint(Some(Role::Warn), Some(Role::Warn));
    tri.push_str(" stroke-width=\"2\" stroke-linejoin=\"round\"");
    w!(
        out,
        "<path d=\"M{} {}L{} {}L{} {}Z\"{tri}/>",
        num(x),
        num(y - 7.0),
        num(x + 7.5),
        num(y + 6.0),
        num(x - 7.5),
        num(y + 6.0)
    );
    let mut bang = ctx.paint(None, Some(Role::MarkInk));
    bang.push_str(" stroke-width=\"1.6\" stroke-linecap=\"round\"");
    w!(
        out,
        "<path d=\"M{} {}V{}\"{bang}/>",
        num(x),
        num(y - 2.6),
        num(y + 1.2)
    );
    let dot = ctx.paint(Some(Role::MarkInk), None);
    w!(
        out,
        "<circle cx=\"{}\" cy=\"{}\" r=\"0.95\"{dot}/>",
        num(x),
        num(y + 3.6)
    );
}

/// A line's description for titles: `from → to: text`.
pub(crate) fn describe(d: &Diagram, link: &LinkPath) -> String {
    let name = |id: &str| {
        d.components
            .iter()
            .find(|c| c.id == id)
            .map(super::card::label)
            .or_else(|| d.zones.iter().find(|z| z.id == id).map(|z| z.label.clone()))
            .unwrap_or_else(|| id.to_owned())
    };
    let arrow = if link.bidirectional { "↔" } else { "→" };
    let mut s = format!("{} {arrow} {}", name(&link.from), name(&link.to));
    let mut facts = Vec::new();
    match (&link.protocol, link.port) {
        (Some(p), Some(port)) => facts.push(format!("{p} on port {port}")),
        (Some(p), None) => facts.push(p.clone()),
        (None, Some(port)) => facts.push(format!("port {port}")),
        (None, None) => {}
    }
    if let Some(t) = &link.text
        && link
            .protocol
            .as_ref()
            .is_none_or(|p| !t.contains(p.as_str()))
    {
        facts.push(t.clone());
    }
    match link.encrypted {
        Some(true) => facts.push("encrypted".into()),
        Some(false) => facts.push("not encrypted".into()),
        None => {}
    }
    if link.intermittent {
        facts.push("intermittent".into());
    }
    if !facts.is_empty() {
        w!(s, " ({})", facts.join(", "));
    }
    s
}

/// Draws the lines and arrowheads of every link (under the cards).
pub(crate) fn draw_lines(ctx: &mut Ctx<'_>, out: &mut String, d: &Diagram) {
    let fan_in = fans_in(d);
    for (i, link) in d.links.iter().enumerate() {
        let pts = clean(&link.points);
        if pts.len() < 2 {
            continue;
        }
        w!(
            out,
            "<g id=\"{}-link-{i}-{}-{}\"><title>{}</title>",
            ctx.prefix,
            id_part(&link.from),
            id_part(&link.to),
            escape(&describe(d, link))
        );
        let n = pts.len();
        let trim_start = if link.bidirectional {
            ARROW_LEN - 1.0
        } else {
            0.0
        };
        let mut stroke = ctx.paint(None, Some(Role::Link));
        w!(
            stroke,
            " stroke-width=\"{}\" stroke-linecap=\"round\" stroke-linejoin=\"round\"",
            num(ctx.pal.link.width)
        );
        if link.intermittent {
            stroke.push_str(" stroke-dasharray=\"6 5\"");
        }
        // The dashes of a bundle's links line up on their shared trunk only when every one
        // is drawn from the shared end.
        let from_end =
            link.intermittent && link.bundle.is_some_and(|b| fan_in.get(b) == Some(&true));
        let data = if from_end {
            let back: Vec<P> = pts.iter().rev().copied().collect();
            path_data(&back, ARROW_LEN - 1.0, trim_start)
        } else {
            path_data(&pts, trim_start, ARROW_LEN - 1.0)
        };
        w!(out, "<path d=\"{data}\"{stroke}/>");
        let head = ctx.paint(Some(Role::Link), None);
        // A bundle's shared end carries one arrowhead, its first link's.
        let shared = d.bundle_first(i).map(|first| fan_in[first]);
        let (shared_start, shared_end) = (shared == Some(false), shared == Some(true));
        if !shared_end {
            let end_dir = unit(sub(pts[n - 1], pts[n - 2]));
            w!(out, "<path d=\"{}\"{head}/>", arrow(pts[n - 1], end_dir));
        }
        if link.bidirectional && !shared_start {
            let start_dir = unit(sub(pts[0], pts[1]));
            w!(out, "<path d=\"{}\"{head}/>", arrow(pts[0], start_dir));
        }
        out.push_str("</g>");
    }
}

/// Whether each link of `d` that is the first of a bundle shares its last point with the
/// rest (a fan into one component or zone) rather than its first.
fn fans_in(d: &Diagram) -> Vec<bool> {
    let mut fan_in = vec![false; d.links.len()];
    for (i, link) in d.links.iter().enumerate() {
        if let Some(first) = d.bundle_first(i) {
            fan_in[first] = link.points.last() == d.links[first].points.last();
        }
    }
    fan_in
}

/// Draws label chips and marks (over the cards, so they are never hidden); a bundle's one
/// label once.
pub(crate) fn draw_labels(ctx: &mut Ctx<'_>, out: &mut String, d: &Diagram) {
    for (i, link) in d.links.iter().enumerate() {
        // The bundle's first link draws its label.
        if d.bundle_first(i).is_some() {
            continue;
        }
        let pts = clean(&link.points);
        let has_mark = link.encrypted == Some(true)
            || (link.encrypted == Some(false) && link.crosses_boundary);
        if link.label.is_none() && !has_mark {
            continue;
        }
        out.push_str("<g>");
        let mut mark_at = None;
        if let Some(label) = link.label {
            let (l, at) = chip_with_mark(link, label, has_mark);
            mark_at = at;
            let mut chip = ctx.paint(Some(Role::ChipFill), Some(Role::ChipStroke));
            chip.push_str(" stroke-width=\"1\"");
            rect(
                out,
                l.x + 0.5,
                l.y + 0.5,
                l.w - 1.0,
                l.h - 1.0,
                (l.h / 2.0).min(7.0),
                &chip,
            );
            for t in &link.texts {
                ctx.text_line(out, t, Role::ChipText);
            }
        } else if has_mark {
            mark_at = mark_on_path(&pts);
        }
        if let Some(c) = mark_at {
            if link.encrypted == Some(true) {
                lock(ctx, out, c);
            } else {
                warning(ctx, out, c);
            }
        }
        out.push_str("</g>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bends_are_rounded_and_ends_trimmed() {
        let d = path_data(&[[0.0, 0.0], [100.0, 0.0], [100.0, 50.0]], 0.0, 8.0);
        assert_eq!(d, "M0 0L92 0Q100 0 100 8L100 42");
    }

    #[test]
    fn arrow_points_along_direction() {
        assert_eq!(arrow([10.0, 0.0], [1.0, 0.0]), "M10 0L1 4.5L1 -4.5Z");
    }
}
