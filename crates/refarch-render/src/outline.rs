//! Text as outlines (`SvgOptions::text_as_paths`): each line is shaped with the same shaper
//! and font the PNG renderer uses and written as one path, so it looks the same in every
//! viewer without any font.
//!
//! usvg can also flatten text, but writing its tree back out would drop our ids, titles,
//! `<desc>` and ARIA attributes; shaping here keeps the document structure intact.
//!
//! Each glyph outline is written once, in font units, into `<defs>` ([`Glyphs`]); a line
//! of text is a group scaled to its size with one `<use>` per glyph, which keeps outlined
//! SVGs several times smaller than one path per line.

use std::collections::HashSet;

use rustybuzz::ttf_parser::{GlyphId, OutlineBuilder};

use crate::fonts;
use crate::xml::push_num;

struct PathSink<'a> {
    d: &'a mut String,
    x: f64,
    y: f64,
    scale: f64,
}

impl PathSink<'_> {
    fn pt(&mut self, x: f32, y: f32) {
        let px = self.x + f64::from(x) * self.scale;
        let py = self.y - f64::from(y) * self.scale;
        push_num(self.d, px);
        self.d.push(' ');
        push_num(self.d, py);
    }
}

impl OutlineBuilder for PathSink<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.d.push('M');
        self.pt(x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.d.push('L');
        self.pt(x, y);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.d.push('Q');
        self.pt(x1, y1);
        self.d.push(' ');
        self.pt(x, y);
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.d.push('C');
        self.pt(x1, y1);
        self.d.push(' ');
        self.pt(x2, y2);
        self.d.push(' ');
        self.pt(x, y);
    }

    fn close(&mut self) {
        self.d.push('Z');
    }
}

/// The glyph outlines a document uses, in first-use order (so output is deterministic).
#[derive(Default)]
pub(crate) struct Glyphs {
    used: Vec<(bool, u16)>,
    seen: HashSet<(bool, u16)>,
}

fn glyph_id(prefix: &str, bold: bool, id: u16) -> String {
    format!("{prefix}-glyph-{}{id}", if bold { 'b' } else { 'r' })
}

impl Glyphs {
    /// A line of text with its baseline at `y`, starting at `x` (or centred on `x`): a
    /// scaled group of `<use>`s, painted with `paint` (fill attributes).
    #[allow(
        clippy::too_many_arguments,
        reason = "a text run is all of these at once"
    )]
    pub(crate) fn line(
        &mut self,
        prefix: &str,
        text: &str,
        x: f64,
        y: f64,
        size: f64,
        bold: bool,
        centered: bool,
        paint: &str,
    ) -> String {
        let face = fonts::face(bold);
        let scale = size / f64::from(face.units_per_em());
        let (glyphs, advance) = fonts::shape(text, bold);
        let start = if centered {
            x - f64::from(advance) * scale / 2.0
        } else {
            x
        };
        let mut out = String::new();
        // The scale needs more than two decimals (11 px over 2048 units is 0.00537).
        let s6 = format!("{scale:.6}");
        let s6 = s6.trim_end_matches('0').trim_end_matches('.');
        out.push_str("<g transform=\"translate(");
        push_num(&mut out, start);
        out.push(' ');
        push_num(&mut out, y);
        out.push_str(&format!(") scale({s6})\"{paint}>"));
        for g in glyphs {
            let mut probe = Probe(false);
            if face.outline_glyph(GlyphId(g.id), &mut probe).is_none() || !probe.0 {
                continue;
            }
            if self.seen.insert((bold, g.id)) {
                self.used.push((bold, g.id));
            }
            out.push_str(&format!("<use href=\"#{}\"", glyph_id(prefix, bold, g.id)));
            if g.x != 0 {
                out.push_str(&format!(" x=\"{}\"", g.x));
            }
            if g.y != 0 {
                // Font units grow upwards; the drawing's y grows downwards.
                out.push_str(&format!(" y=\"{}\"", -g.y));
            }
            out.push_str("/>");
        }
        out.push_str("</g>");
        out
    }

    /// `<path>` definitions of every glyph used, in font units.
    pub(crate) fn defs(&self, prefix: &str) -> String {
        let mut out = String::new();
        for &(bold, id) in &self.used {
            let mut d = String::new();
            // Flipped to y-down once here, so each use needs only a translate and a scale.
            let mut sink = PathSink {
                d: &mut d,
                x: 0.0,
                y: 0.0,
                scale: 1.0,
            };
            let _ = fonts::face(bold).outline_glyph(GlyphId(id), &mut sink);
            out.push_str(&format!(
                "<path id=\"{}\" d=\"{d}\"/>",
                glyph_id(prefix, bold, id)
            ));
        }
        out
    }
}

/// Finds out whether a glyph has any outline (spaces have none).
struct Probe(bool);

impl OutlineBuilder for Probe {
    fn move_to(&mut self, _: f32, _: f32) {
        self.0 = true;
    }
    fn line_to(&mut self, _: f32, _: f32) {}
    fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {}
    fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {}
    fn close(&mut self) {}
}
