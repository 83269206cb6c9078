//! Findings on the diagram (`SvgOptions::findings`): the target of each lint finding is
//! highlighted in the theme's warning colour — a halo under a link, an outline around a
//! card or zone — with the finding codes in a small badge.
//!
//! ```text
//!   ╭╌╌╌╌╌╌╌╌╌╌╌╌╌╌(L0004)╮      a card's badge sits on its top-right corner;
//!   ┆ ╭──────────────╮    ┆      a zone's at the right end of its header band;
//!   ┆ │ [▣] Database │    ┆      a link's on the line, clear of chips and cards
//! ```

use std::collections::BTreeMap;

use refarch_layout::{Diagram, FindingTarget, Rect};

use super::gate::{self, Gate};
use super::link::{self, P, at, clean, len, sub, unit};
use super::paint::{Ctx, rect, w};
use crate::FontMetrics;
use crate::theme::Role;
use crate::xml::{escape, num};

/// Badge text size.
const SIZE: f64 = 9.5;
/// Badge height.
const BADGE_H: f64 = 14.0;
/// Outline gap around a highlighted card.
const GAP: f64 = 3.0;

/// One highlighted target: what, its codes without repeats, and `CODE: message` lines.
type Group<'a> = (&'a FindingTarget, Vec<&'a str>, Vec<String>);

/// The findings grouped by target, in diagram order (zones, links, components).
fn grouped(d: &Diagram) -> Vec<Group<'_>> {
    let mut map: BTreeMap<(u8, usize), Group<'_>> = BTreeMap::new();
    for f in &d.findings {
        let key = match &f.target {
            FindingTarget::Zone(id) => (0, d.zones.iter().position(|z| &z.id == id)),
            FindingTarget::Link(i) => (1, (*i < d.links.len()).then_some(*i)),
            FindingTarget::Component(id) => (2, d.components.iter().position(|c| &c.id == id)),
        };
        let (kind, Some(i)) = key else {
            continue; // a target not on this diagram
        };
        let e = map
            .entry((kind, i))
            .or_insert_with(|| (&f.target, Vec::new(), Vec::new()));
        if !e.1.contains(&f.code.as_str()) {
            e.1.push(&f.code);
        }
        e.2.push(format!("{}: {}", f.code, f.message));
    }
    map.into_values().collect()
}

/// The codes of every finding drawn, sorted and without repeats (for the legend).
pub(crate) fn codes(d: &Diagram) -> Vec<String> {
    let mut v: Vec<String> = grouped(d)
        .into_iter()
        .flat_map(|(_, c, _)| c.into_iter().map(str::to_owned))
        .collect();
    v.sort();
    v.dedup();
    v
}

fn badge_size(text: &str) -> (f64, f64) {
    let tw = FontMetrics::new().width_at(text, SIZE, true);
    (tw + 10.0, BADGE_H)
}

/// Halos under the highlighted links (drawn before the lines).
pub(crate) fn draw_halos(ctx: &mut Ctx<'_>, out: &mut String, d: &Diagram) {
    for (target, _, _) in grouped(d) {
        let FindingTarget::Link(i) = target else {
            continue;
        };
        let pts = clean(&d.links[*i].points);
        if pts.len() < 2 {
            continue;
        }
        let mut s = ctx.paint(None, Some(Role::Warn));
        w!(
            s,
            " stroke-width=\"{}\" stroke-opacity=\"0.28\" stroke-linecap=\"round\" stroke-linejoin=\"round\"",
            num(ctx.pal.link.width + 6.0)
        );
        w!(out, "<path d=\"{}\"{s}/>", link::path_data(&pts, 0.0, 0.0));
    }
}

/// Where a link's badge goes: on the line, longest segment first, clear of chips, cards,
/// headers, gates and other badges; else beside the line; else on it regardless.
fn link_badge_at(pts: &[P], chip: Option<Rect>, bw: f64, bh: f64, blocked: &[Rect]) -> P {
    let mut segs: Vec<(P, P)> = pts.windows(2).map(|s| (s[0], s[1])).collect();
    segs.sort_by(|a, b| len(sub(b.1, b.0)).total_cmp(&len(sub(a.1, a.0))));
    let free = |c: P| {
        let r = Rect {
            x: c[0] - bw / 2.0 - 3.0,
            y: c[1] - bh / 2.0 - 3.0,
            w: bw + 6.0,
            h: bh + 6.0,
        };
        blocked.iter().all(|o| !o.overlaps(&r))
    };
    let fracs = [0.25, 0.75, 0.5, 0.125, 0.875, 0.375, 0.625];
    for side in [0.0, 1.0, -1.0] {
        for (a, b) in &segs {
            let l = len(sub(*b, *a));
            let dir = unit(sub(*b, *a));
            let normal = [-dir[1], dir[0]];
            // Beside the line: clear of it by half the badge across the line, plus a gap.
            let across = if dir[0].abs() > dir[1].abs() {
                bh / 2.0 + 3.0
            } else {
                bw / 2.0 + 3.0
            };
            for frac in fracs {
                let c = at(at(*a, dir, l * frac), normal, side * across);
                if free(c) {
                    return c;
                }
            }
        }
    }
    // A short link whose chip fills it: the badge sits on the chip's top edge.
    if let Some(c) = chip {
        return [c.x + c.w / 2.0, c.y - bh / 2.0 + 2.0];
    }
    segs.first()
        .map(|(a, b)| at(*a, unit(sub(*b, *a)), len(sub(*b, *a)) * 0.25))
        .unwrap_or([0.0, 0.0])
}

/// Outlines, and the badges of every target (drawn over cards and gates).
pub(crate) fn draw_marks(ctx: &mut Ctx<'_>, out: &mut String, d: &Diagram, gates: &[Gate]) {
    let mut blocked = gate::obstacles(d);
    blocked.extend(gates.iter().filter_map(|g| g.tag));
    for (target, codes, messages) in grouped(d) {
        let text = codes.join(" ");
        let (bw, bh) = badge_size(&text);
        let mut outline = ctx.paint(None, Some(Role::Warn));
        outline.push_str(" stroke-width=\"2\"");
        let (x, y) = match target {
            FindingTarget::Link(i) => {
                let l = &d.links[*i];
                let pts = clean(&l.points);
                let has_mark =
                    l.encrypted == Some(true) || (l.encrypted == Some(false) && l.crosses_boundary);
                let chip = l.label.map(|r| link::chip_with_mark(l, r, has_mark).0);
                let c = link_badge_at(&pts, chip, bw, bh, &blocked);
                (c[0] - bw / 2.0, c[1] - bh / 2.0)
            }
            FindingTarget::Component(id) => {
                let Some(c) = d.components.iter().find(|c| &c.id == id) else {
                    continue;
                };
                let r = c.rect();
                rect(
                    out,
                    r.x - GAP,
                    r.y - GAP,
                    r.w + 2.0 * GAP,
                    r.h + 2.0 * GAP,
                    8.0 + GAP,
                    &outline,
                );
                (r.right() - bw - 6.0, r.y - GAP - bh / 2.0)
            }
            FindingTarget::Zone(id) => {
                let Some(z) = d.zones.iter().find(|z| &z.id == id) else {
                    continue;
                };
                let r = z.rect();
                rect(
                    out,
                    r.x + 1.0,
                    r.y + 1.0,
                    r.w - 2.0,
                    r.h - 2.0,
                    10.0,
                    &outline,
                );
                (r.right() - bw - 10.0, r.y + 8.0)
            }
        };
        w!(out, "<g><title>{}</title>", escape(&messages.join("; ")));
        badge(ctx, out, x, y, bw, bh, &text);
        out.push_str("</g>");
        blocked.push(Rect { x, y, w: bw, h: bh });
    }
}

fn badge(ctx: &mut Ctx<'_>, out: &mut String, x: f64, y: f64, bw: f64, bh: f64, text: &str) {
    // A ring in the page colour keeps the badge apart from lines and borders under it.
    let mut a = ctx.paint(Some(Role::Warn), Some(Role::Background));
    a.push_str(" stroke-width=\"1.5\"");
    rect(out, x, y, bw, bh, bh / 2.0, &a);
    ctx.text_sized(
        out,
        text,
        x + bw / 2.0,
        y + bh / 2.0 + SIZE * 0.36,
        SIZE,
        true,
        true,
        Role::MarkInk,
    );
}

/// The legend swatch: a badge with an exclamation mark.
pub(crate) fn swatch(ctx: &mut Ctx<'_>, out: &mut String, x: f64, y: f64, wd: f64, ht: f64) {
    let (bw, bh) = (wd - 4.0, BADGE_H.min(ht));
    badge(ctx, out, x + 2.0, y + (ht - bh) / 2.0, bw, bh, "!");
}
