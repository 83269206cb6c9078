//! The legend: only what this diagram uses — the trust levels of its zones, then the link
//! styles and marks, then optional components and replicas — flowed into rows.

use refarch_core::Trust;
use refarch_layout::{Diagram, TextStyle};

use super::link;
use super::paint::{Ctx, rect, w};
use crate::FontMetrics;
use crate::theme::{Role, TRUSTS};
use crate::xml::num;

/// One legend entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Item {
    Trust(Trust),
    Flow,
    Bidirectional,
    Intermittent,
    Encrypted,
    Plaintext,
    /// A gate with its port tag.
    GateTag,
    /// A gate drawn as a ring (no port, or the port written nearby).
    GateRing,
    Findings,
    Optional,
    Replicas,
}

const SWATCH_W: f64 = 28.0;
const SWATCH_H: f64 = 16.0;
const SWATCH_GAP: f64 = 8.0;
const ITEM_GAP: f64 = 22.0;
const PAD_X: f64 = 16.0;
const PAD_Y: f64 = 12.0;
const ROW: f64 = 24.0;
const HEADING: &str = "Legend";

/// Legend entries that depend on the drawing options, not only on the diagram.
pub(crate) struct Extras {
    /// Whether any boundary gate was drawn with a port tag, and whether any as a ring.
    pub(crate) gates: (bool, bool),
    /// The codes of the findings drawn.
    pub(crate) findings: Vec<String>,
}

impl Item {
    fn text(self, extras: &Extras) -> String {
        if self == Item::Findings {
            return format!("Findings: {}", extras.findings.join(", "));
        }
        self.fixed_text().to_owned()
    }

    fn fixed_text(self) -> &'static str {
        match self {
            Item::Trust(Trust::Untrusted) => "Untrusted zone",
            Item::Trust(Trust::Partner) => "Partner zone",
            Item::Trust(Trust::Perimeter) => "Perimeter zone",
            Item::Trust(Trust::Internal) => "Internal zone",
            Item::Trust(Trust::Restricted) => "Restricted zone",
            Item::Flow => "Data flow",
            Item::Bidirectional => "Two-way flow",
            Item::Intermittent => "Intermittent link",
            Item::Encrypted => "Encrypted",
            Item::Plaintext => "Unencrypted across a boundary",
            Item::GateTag => "Boundary gate (port)",
            Item::GateRing => "Boundary gate",
            Item::Findings => "Findings",
            Item::Optional => "Optional component",
            Item::Replicas => "Replicated (×N instances)",
        }
    }
}

fn items(d: &Diagram, extras: &Extras) -> Vec<Item> {
    let mut v: Vec<Item> = TRUSTS
        .iter()
        .filter(|t| d.zones.iter().any(|z| z.trust == **t))
        .map(|t| Item::Trust(*t))
        .collect();
    let l = &d.links;
    let flags = [
        (
            l.iter().any(|k| !k.bidirectional && !k.intermittent),
            Item::Flow,
        ),
        (l.iter().any(|k| k.bidirectional), Item::Bidirectional),
        (l.iter().any(|k| k.intermittent), Item::Intermittent),
        (l.iter().any(|k| k.encrypted == Some(true)), Item::Encrypted),
        (
            l.iter()
                .any(|k| k.encrypted == Some(false) && k.crosses_boundary),
            Item::Plaintext,
        ),
        (extras.gates.0, Item::GateTag),
        (extras.gates.1, Item::GateRing),
        (!extras.findings.is_empty(), Item::Findings),
        (d.components.iter().any(|c| c.optional), Item::Optional),
        (d.components.iter().any(|c| c.replicas > 1), Item::Replicas),
    ];
    v.extend(flags.iter().filter(|(on, _)| *on).map(|(_, i)| *i));
    v
}

/// A legend flowed into rows: each item with its offset from the legend's top-left.
pub(crate) struct Legend {
    placed: Vec<(Item, String, f64, f64)>,
    /// Outer width.
    pub(crate) w: f64,
    /// Outer height.
    pub(crate) h: f64,
}

fn text_w(s: &str) -> f64 {
    FontMetrics::new().width_at(s, TextStyle::Tech.size(), false)
}

/// Flows the diagram's legend items into rows no wider than `max_w`; `None` when the
/// diagram uses nothing worth explaining.
pub(crate) fn layout(d: &Diagram, max_w: f64, extras: &Extras) -> Option<Legend> {
    let items = items(d, extras);
    if items.is_empty() {
        return None;
    }
    let heading_w = FontMetrics::new().width_at(HEADING, TextStyle::Tech.size(), true) + ITEM_GAP;
    let inner_max = (max_w - 2.0 * PAD_X).max(200.0);
    let (mut x, mut y, mut widest) = (heading_w, 0.0, 0.0_f64);
    let mut placed = Vec::new();
    for it in items {
        let text = it.text(extras);
        let iw = SWATCH_W + SWATCH_GAP + text_w(&text);
        if x > heading_w && x + iw > inner_max {
            x = heading_w;
            y += ROW;
        }
        placed.push((it, text, x, y));
        x += iw;
        widest = widest.max(x);
        x += ITEM_GAP;
    }
    Some(Legend {
        placed,
        w: widest + 2.0 * PAD_X,
        h: y + ROW + 2.0 * PAD_Y - 6.0,
    })
}

/// Draws a laid-out legend with its top-left corner at `(x, y)`.
pub(crate) fn draw(ctx: &mut Ctx<'_>, out: &mut String, lg: &Legend, x: f64, y: f64) {
    w!(out, "<g id=\"{}-legend\">", ctx.prefix);
    let mut frame = ctx.paint(Some(Role::LegendFill), Some(Role::LegendStroke));
    frame.push_str(" stroke-width=\"1\"");
    rect(out, x + 0.5, y + 0.5, lg.w - 1.0, lg.h - 1.0, 8.0, &frame);
    let size = TextStyle::Tech.size();
    let base = |row_y: f64| y + PAD_Y + row_y + SWATCH_H / 2.0 + size * 0.36;
    ctx.text_sized(
        out,
        HEADING,
        x + PAD_X,
        base(0.0),
        size,
        true,
        false,
        Role::LegendHeading,
    );
    for (it, text, ix, iy) in &lg.placed {
        let (it, ix, iy) = (*it, *ix, *iy);
        let sx = x + PAD_X + ix;
        let sy = y + PAD_Y + iy;
        swatch(ctx, out, it, sx, sy);
        ctx.text_sized(
            out,
            text,
            sx + SWATCH_W + SWATCH_GAP,
            base(iy),
            size,
            false,
            false,
            Role::LegendText,
        );
    }
    out.push_str("</g>");
}

fn swatch(ctx: &mut Ctx<'_>, out: &mut String, it: Item, x: f64, y: f64) {
    let mid = y + SWATCH_H / 2.0;
    let line = |ctx: &mut Ctx<'_>, out: &mut String, dash: bool, two_way: bool| {
        let mut s = ctx.paint(None, Some(Role::Link));
        w!(s, " stroke-width=\"{}\"", num(ctx.pal.link.width));
        if dash {
            s.push_str(" stroke-dasharray=\"4 3\"");
        }
        let x0 = if two_way { x + 6.0 } else { x };
        w!(
            out,
            "<path d=\"M{} {}H{}\"{s}/>",
            num(x0),
            num(mid),
            num(x + SWATCH_W - 6.0)
        );
        let head = ctx.paint(Some(Role::Link), None);
        let tip = x + SWATCH_W;
        w!(
            out,
            "<path d=\"M{} {}l-7 -3.5v7Z\"{head}/>",
            num(tip),
            num(mid)
        );
        if two_way {
            w!(
                out,
                "<path d=\"M{} {}l7 -3.5v7Z\"{head}/>",
                num(x),
                num(mid)
            );
        }
    };
    match it {
        Item::Trust(t) => {
            let style = ctx.pal.zones.get(t);
            let mut a = ctx.paint(Some(Role::ZoneFill(t)), Some(Role::ZoneStroke(t)));
            let sw = style.width.min(2.5);
            w!(a, " stroke-width=\"{}\"", num(sw));
            if let Some(dash) = &style.dash {
                w!(a, " stroke-dasharray=\"{}\"", crate::xml::escape(dash));
            }
            let h = sw / 2.0;
            rect(out, x + h, y + h, SWATCH_W - sw, SWATCH_H - sw, 4.0, &a);
            if style.pattern.is_some() {
                let p = format!(
                    " fill=\"url(#{}-pattern-{})\"",
                    ctx.prefix,
                    crate::theme::trust_key(t)
                );
                rect(out, x + h, y + h, SWATCH_W - sw, SWATCH_H - sw, 4.0, &p);
            }
            if style.double {
                let mut i = ctx.paint(None, Some(Role::ZoneStroke(t)));
                i.push_str(" stroke-width=\"0.75\"");
                rect(
                    out,
                    x + 4.0,
                    y + 4.0,
                    SWATCH_W - 8.0,
                    SWATCH_H - 8.0,
                    2.0,
                    &i,
                );
            }
        }
        Item::Flow => line(ctx, out, false, false),
        Item::Bidirectional => line(ctx, out, false, true),
        Item::Intermittent => line(ctx, out, true, false),
        Item::Encrypted => link::lock(ctx, out, [x + SWATCH_W / 2.0, mid]),
        Item::Plaintext => link::warning(ctx, out, [x + SWATCH_W / 2.0, mid]),
        Item::GateTag | Item::GateRing => {
            let tag = it == Item::GateTag;
            super::gate::swatch(ctx, out, x, y, SWATCH_W, SWATCH_H, tag);
        }
        Item::Findings => super::finding::swatch(ctx, out, x, y, SWATCH_W, SWATCH_H),
        Item::Optional | Item::Replicas => {
            let line = if it == Item::Optional {
                Role::Link
            } else {
                Role::CardStroke
            };
            let mut a = ctx.paint(Some(Role::CardFill), Some(line));
            if it == Item::Optional {
                a.push_str(" stroke-width=\"1.25\" stroke-dasharray=\"4 2\"");
                rect(
                    out,
                    x + 1.0,
                    y + 1.0,
                    SWATCH_W - 2.0,
                    SWATCH_H - 2.0,
                    4.0,
                    &a,
                );
            } else {
                a.push_str(" stroke-width=\"1\"");
                rect(
                    out,
                    x + 5.0,
                    y + 4.0,
                    SWATCH_W - 6.0,
                    SWATCH_H - 4.5,
                    3.0,
                    &a,
                );
                rect(
                    out,
                    x + 1.0,
                    y + 0.5,
                    SWATCH_W - 6.0,
                    SWATCH_H - 4.5,
                    3.0,
                    &a,
                );
            }
        }
    }
}
