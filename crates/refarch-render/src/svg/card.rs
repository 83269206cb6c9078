//! Component cards: a rounded card with a soft shadow, an icon tile, the laid-out text
//! lines, a stack of cards behind it for replicas with a `×N` badge, dashed when optional.
//!
//! ```text
//!   ╭──────────────╮      replicas: the layout leaves STACK_STEP room right and down;
//!   │ [▣]      ×3  │╮     up to two cards are drawn behind the face
//!   │  Label       ││
//!   │  tech        ││
//!   ╰──────────────╯│
//!    ╰──────────────╯
//! ```

use refarch_layout::{ComponentBox, Diagram, Rect, TextStyle};

use super::paint::{Ctx, rect, w};
use crate::fonts;
use crate::icons;
use crate::theme::{Category, Role};
use crate::xml::{escape, id_part, num};

/// Card corner radius.
const RADIUS: f64 = 8.0;
/// Most cards drawn behind the face of a replicated component.
const MAX_BACK: u32 = 2;

/// The component's name as shown: its label lines joined.
pub(crate) fn label(c: &ComponentBox) -> String {
    let parts: Vec<&str> = c
        .texts
        .iter()
        .filter(|t| t.style == TextStyle::Label)
        .map(|t| t.text.as_str())
        .collect();
    if parts.is_empty() {
        c.id.clone()
    } else {
        parts.join(" ")
    }
}

/// Every text line of the card, joined (for titles and descriptions).
pub(crate) fn details(c: &ComponentBox) -> String {
    let rest: Vec<&str> = c
        .texts
        .iter()
        .filter(|t| t.style != TextStyle::Label)
        .map(|t| t.text.as_str())
        .collect();
    rest.join(", ")
}

/// The front card; older geometry without a face gets the whole box.
fn face(c: &ComponentBox) -> Rect {
    if c.face.w > 0.0 && c.face.h > 0.0 {
        c.face
    } else {
        c.rect()
    }
}

/// Draws every component.
pub(crate) fn draw(ctx: &mut Ctx<'_>, out: &mut String, d: &Diagram) {
    for c in &d.components {
        draw_one(ctx, out, c);
    }
}

fn draw_one(ctx: &mut Ctx<'_>, out: &mut String, c: &ComponentBox) {
    let mut title = label(c);
    if c.replicas > 1 {
        w!(title, " ×{}", c.replicas);
    }
    let details = details(c);
    if !details.is_empty() {
        w!(title, " — {details}");
    }
    if c.optional {
        title.push_str(" (optional)");
    }
    w!(
        out,
        "<g id=\"{}-component-{}\"><title>{}</title>",
        ctx.prefix,
        id_part(&c.id),
        escape(&title)
    );
    let face = face(c);
    let sw = ctx.pal.card.stroke_width;
    // An optional card's dashes are drawn in the link colour: the usual light card stroke
    // would leave a dashed outline almost invisible on a tinted zone.
    let line = if c.optional {
        Role::Link
    } else {
        Role::CardStroke
    };
    let mut card = ctx.paint(Some(Role::CardFill), Some(line));
    w!(card, " stroke-width=\"{}\"", num(sw));
    if c.optional {
        w!(card, " stroke-dasharray=\"5 3\"");
    }
    let shadow_opacity = ctx.pal.card.shadow_opacity;
    let mut shadow = ctx.paint(Some(Role::CardShadow), None);
    w!(shadow, " fill-opacity=\"{}\"", num(shadow_opacity));
    let back = c.replicas.saturating_sub(1).min(MAX_BACK);
    let step = ComponentBox::STACK_STEP;
    // Cards are drawn inside the face's stroke so nothing spills past the layout's box.
    let inset = |x: f64, y: f64| (x + sw / 2.0, y + sw / 2.0, face.w - sw, face.h - sw);
    for k in (0..=back).rev() {
        let off = f64::from(k) * step;
        let (x, y, wd, ht) = inset(face.x + off, face.y + off);
        if shadow_opacity > 0.0 && k == back {
            // A soft two-step shadow under the whole stack, kept inside the box.
            let room = (c.y + c.h - (y + ht)).clamp(0.0, 2.0);
            rect(out, x, y + room, wd, ht, RADIUS, &shadow);
        }
        rect(out, x, y, wd, ht, RADIUS, &card);
    }
    icon(ctx, out, c);
    for t in &c.texts {
        let role = match t.style {
            TextStyle::Label | TextStyle::Title | TextStyle::ZoneHeader => Role::CardText,
            _ => Role::CardMuted,
        };
        ctx.text_line(out, t, role);
    }
    if c.replicas > 1 {
        badge(ctx, out, c);
    }
    out.push_str("</g>");
}

fn icon(ctx: &mut Ctx<'_>, out: &mut String, c: &ComponentBox) {
    let r = c.icon;
    if r.w <= 0.0 || r.h <= 0.0 {
        return;
    }
    let cat = Category::of(c.kind);
    let tile = ctx.paint(Some(Role::Tile(cat)), None);
    rect(out, r.x, r.y, r.w, r.h, r.w.min(r.h) * 0.24, &tile);
    let (name, _) = icons::component(c.kind);
    let pad = r.w.min(r.h) * 0.18;
    let color = ctx.color(Role::Ink(cat));
    w!(
        out,
        "<use href=\"#{}-icon-{name}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{color}/>",
        ctx.prefix,
        num(r.x + pad),
        num(r.y + pad),
        num(r.w - 2.0 * pad),
        num(r.h - 2.0 * pad)
    );
}

/// The `×N` pill, pinned to the icon tile's lower-right corner (the one place every card
/// layout keeps free of text), kept inside the face.
fn badge(ctx: &mut Ctx<'_>, out: &mut String, c: &ComponentBox) {
    let f = face(c);
    let text = format!("×{}", c.replicas);
    let size = 10.0;
    let tw = fonts::FontMetrics::new().width_at(&text, size, true);
    let (bw, bh) = (tw + 9.0, 15.0);
    let (ax, ay) = if c.icon.w > 0.0 {
        (c.icon.right() + 3.0, c.icon.bottom() + 3.0)
    } else {
        (f.right() - 6.0, f.y + 6.0 + bh)
    };
    // min-then-max instead of `clamp`, which panics when a tiny face inverts the range.
    let x = (ax - bw).min(f.right() - bw - 2.0).max(f.x + 2.0);
    let y = (ay - bh).min(f.bottom() - bh - 2.0).max(f.y + 2.0);
    // A ring in the card colour separates the badge from the tile under it.
    let mut fill = ctx.paint(Some(Role::BadgeFill), Some(Role::CardFill));
    fill.push_str(" stroke-width=\"1.5\"");
    rect(out, x, y, bw, bh, bh / 2.0, &fill);
    ctx.text_sized(
        out,
        &text,
        x + bw / 2.0,
        y + bh / 2.0 + size * 0.36,
        size,
        true,
        true,
        Role::BadgeText,
    );
}
