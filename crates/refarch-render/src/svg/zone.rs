//! Zones: tinted rounded boxes, border by trust level, header with kind icon and label.
//!
//! ```text
//!  ╭─[icon] Header label ───────────────╮   dashed: Untrusted, Partner
//!  │  Caption                           │   solid:  Perimeter, Internal
//!  │   ┌──────┐   ┌──────┐             │   heavy + inner line: Restricted
//! ```

use refarch_layout::{Diagram, TextStyle, ZoneBox};

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
        let hw = header_width(z);
        rect(
            out,
            z.header.x - 4.0,
            z.header.y,
            hw + 8.0,
            z.header.h,
            4.0,
            &back,
        );
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

/// Width of icon plus label as drawn.
fn header_width(z: &ZoneBox) -> f64 {
    let text = crate::FontMetrics::new().width_at(
        &z.label,
        TextStyle::ZoneHeader.size(),
        TextStyle::ZoneHeader.bold(),
    );
    let icon = if z.kind.is_some() {
        ICON + ICON_GAP
    } else {
        0.0
    };
    icon + text
}

fn draw_header(ctx: &mut Ctx<'_>, out: &mut String, z: &ZoneBox) {
    let h = z.header;
    let style = TextStyle::ZoneHeader;
    let mid = h.y + h.h / 2.0;
    let mut tx = h.x;
    if let Some(kind) = z.kind {
        let (name, _) = icons::zone(kind);
        let color = ctx.color(Role::ZoneText(z.trust));
        w!(
            out,
            "<use href=\"#{}-icon-{name}\" x=\"{}\" y=\"{}\" width=\"{ICON}\" height=\"{ICON}\"{color}/>",
            ctx.prefix,
            num(h.x),
            num(mid - ICON / 2.0)
        );
        tx += ICON + ICON_GAP;
    }
    // Baseline so the x-height sits centred on the header box (Inter cap height ≈ 0.73 em).
    let baseline = mid + style.size() * 0.36;
    ctx.text(
        out,
        &z.label,
        tx,
        baseline,
        style,
        false,
        Role::ZoneText(z.trust),
    );
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
            Role::ZoneText(z.trust),
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
