//! Zones: tinted rounded boxes, border by trust level, header with kind icon and label.
//!
//! ```text
//!  ╭─[icon] Header label ───────────────╮   dashed: Untrusted, Partner
//!  │  Caption                           │   solid:  Perimeter, Internal
//!  │   ┌──────┐   ┌──────┐             │   heavy + inner line: Restricted
//! ```

use refarch_layout::{Diagram, Rect, TextMeasure as _, TextStyle, ZoneBox};

use super::paint::{Ctx, rect, w};
use crate::icons;
use crate::theme::{Role, trust_key};
use crate::xml::{escape, id_part, num};

/// Corner radius of zone boxes.
const RADIUS: f64 = 10.0;
/// Size of the header icon.
const ICON: f64 = 16.0;
/// Gap between header icon and label.
const ICON_GAP: f64 = 6.0;

/// Whether the zone's parent has the same trust (the zone then takes the nested tint).
fn nested_same_trust(d: &Diagram, z: &ZoneBox) -> bool {
    z.parent
        .as_ref()
        .and_then(|p| d.zones.iter().find(|o| &o.id == p))
        .is_some_and(|p| p.trust == z.trust)
}

/// Zones in paint order: outermost first, file order within a depth.
pub(crate) fn paint_order(d: &Diagram) -> Vec<&ZoneBox> {
    let mut zones: Vec<&ZoneBox> = d.zones.iter().collect();
    zones.sort_by_key(|z| z.depth);
    zones
}

/// Draws every zone.
pub(crate) fn draw(ctx: &mut Ctx<'_>, out: &mut String, d: &Diagram) {
    for z in paint_order(d) {
        draw_one(ctx, out, d, z);
    }
}

fn draw_one(ctx: &mut Ctx<'_>, out: &mut String, d: &Diagram, z: &ZoneBox) {
    let style = ctx.pal.zones.get(z.trust);
    let kind = z.kind.map(|k| format!("{k:?}").to_lowercase());
    w!(
        out,
        "<g id=\"{}-zone-{}\"><title>{} ({} zone{})</title>",
        ctx.prefix,
        id_part(&z.id),
        escape(&z.label),
        trust_key(z.trust),
        kind.as_deref()
            .map(|k| format!(", {k}"))
            .unwrap_or_default()
    );
    let fill = if nested_same_trust(d, z) {
        Role::ZoneFillNested(z.trust)
    } else {
        Role::ZoneFill(z.trust)
    };
    let mut attrs = ctx.paint(Some(fill), Some(Role::ZoneStroke(z.trust)));
    w!(attrs, " stroke-width=\"{}\"", num(style.width));
    if let Some(dash) = &style.dash {
        w!(attrs, " stroke-dasharray=\"{}\"", escape(dash));
    }
    // The stroke is centred on the edge; inset by half its width so it stays in the box.
    let half = style.width / 2.0;
    let (x, y, wd, ht) = (z.x + half, z.y + half, z.w - style.width, z.h - style.width);
    rect(out, x, y, wd, ht, RADIUS, &attrs);
    if style.pattern.is_some() {
        let attrs = format!(
            " fill=\"url(#{}-pattern-{})\"",
            ctx.prefix,
            trust_key(z.trust)
        );
        rect(out, x, y, wd, ht, RADIUS, &attrs);
        // A solid backing behind the header keeps the label readable over the hatch.
        let back = ctx.paint(Some(fill), None);
        let e = header_extent(z);
        rect(out, e.x - 4.0, e.y - 2.0, e.w + 8.0, e.h + 4.0, 4.0, &back);
    }
    if style.double {
        let inset = style.width + 2.5;
        let mut attrs = ctx.paint(None, Some(Role::ZoneStroke(z.trust)));
        w!(attrs, " stroke-width=\"1\"");
        rect(
            out,
            z.x + inset,
            z.y + inset,
            z.w - 2.0 * inset,
            z.h - 2.0 * inset,
            RADIUS - inset / 2.0,
            &attrs,
        );
    }
    draw_header(ctx, out, z);
    out.push_str("</g>");
}

/// The box the header's icon and lines cover, for the solid backing over a pattern.
fn header_extent(z: &ZoneBox) -> Rect {
    let m = crate::FontMetrics::new();
    let (mut x0, mut y0, mut x1, mut y1) =
        (z.header.x, z.header.y, z.header.right(), z.header.bottom());
    if let Some(r) = z.icon {
        (x0, y0, x1, y1) = (
            x0.min(r.x),
            y0.min(r.y),
            x1.max(r.right()),
            y1.max(r.bottom()),
        );
    }
    for t in &z.texts {
        let w = m.width(&t.text, t.style);
        let left = if t.centered { t.x - w / 2.0 } else { t.x };
        let size = t.style.size();
        x0 = x0.min(left);
        x1 = x1.max(left + w);
        y0 = y0.min(t.y - size);
        y1 = y1.max(t.y + size * 0.3);
    }
    if z.texts.is_empty() {
        let icon = if z.kind.is_some() {
            ICON + ICON_GAP
        } else {
            0.0
        };
        x1 = x1.max(z.header.x + icon + m.width(&z.label, TextStyle::ZoneHeader));
    }
    Rect {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0,
    }
}

fn draw_header(ctx: &mut Ctx<'_>, out: &mut String, z: &ZoneBox) {
    let h = z.header;
    let role = Role::ZoneText(z.trust);
    let mid = h.y + h.h / 2.0;
    let icon = match (z.kind, z.icon) {
        (Some(k), Some(r)) => Some((k, r)),
        (Some(k), None) => Some((
            k,
            Rect {
                x: h.x,
                y: mid - ICON / 2.0,
                w: ICON,
                h: ICON,
            },
        )),
        (None, _) => None,
    };
    if let Some((kind, r)) = icon {
        let (name, _) = icons::zone(kind);
        let color = ctx.color(role);
        w!(
            out,
            "<use href=\"#{}-icon-{name}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{color}/>",
            ctx.prefix,
            num(r.x),
            num(r.y),
            num(r.w),
            num(r.h)
        );
    }
    if !z.texts.is_empty() {
        for t in &z.texts {
            ctx.text_line(out, t, role);
        }
        return;
    }
    // No positioned lines (older geometry): place label and caption from the header box.
    let style = TextStyle::ZoneHeader;
    let tx = if icon.is_some() {
        h.x + ICON + ICON_GAP
    } else {
        h.x
    };
    // Baseline so the x-height sits centred on the header box.
    let baseline = mid + style.size() * 0.36;
    ctx.text(out, &z.label, tx, baseline, style, false, role);
    if let Some(caption) = &z.caption {
        let size = TextStyle::Note.size();
        ctx.text_sized(
            out,
            caption,
            tx,
            h.bottom() + size * 1.2,
            size,
            false,
            false,
            role,
        );
    }
}

/// `<pattern>` definitions for the trust levels that use one.
pub(crate) fn patterns(ctx: &mut Ctx<'_>, out: &mut String, d: &Diagram) {
    use crate::theme::PatternKind as K;
    let mut seen = Vec::new();
    for z in &d.zones {
        if seen.contains(&z.trust) {
            continue;
        }
        seen.push(z.trust);
        let Some(p) = &ctx.pal.zones.get(z.trust).pattern else {
            continue;
        };
        let c = escape(&p.color);
        let (size, body) = match p.kind {
            K::Hatch => (
                8,
                format!(
                    "<path d=\"M-2 10L10 -2M-2 2L2 -2M6 10L10 6\" stroke=\"{c}\" stroke-width=\"1\"/>"
                ),
            ),
            K::BackHatch => (
                8,
                format!(
                    "<path d=\"M-2 -2L10 10M6 -2L10 2M-2 6L2 10\" stroke=\"{c}\" stroke-width=\"1\"/>"
                ),
            ),
            K::CrossHatch => (
                8,
                format!(
                    "<path d=\"M-2 10L10 -2M-2 2L2 -2M6 10L10 6M-2 -2L10 10M6 -2L10 2M-2 6L2 10\" stroke=\"{c}\" stroke-width=\"0.75\"/>"
                ),
            ),
            K::Dots => (
                6,
                format!("<circle cx=\"3\" cy=\"3\" r=\"1\" fill=\"{c}\"/>"),
            ),
        };
        w!(
            out,
            "<pattern id=\"{}-pattern-{}\" patternUnits=\"userSpaceOnUse\" width=\"{size}\" height=\"{size}\">{body}</pattern>",
            ctx.prefix,
            trust_key(z.trust)
        );
    }
}
