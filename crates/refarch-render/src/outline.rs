//! Text as outlines (`SvgOptions::text_as_paths`): each line is shaped with the same shaper
//! and font the PNG renderer uses and written as one path, so it looks the same in every
//! viewer without any font.
//!
//! usvg can also flatten text, but writing its tree back out would drop our ids, titles,
//! `<desc>` and ARIA attributes; shaping here keeps the document structure intact.

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

/// Path data for `text` with its baseline at `y`, starting at `x` (or centred on `x`).
pub(crate) fn text_path(
    text: &str,
    x: f64,
    y: f64,
    size: f64,
    bold: bool,
    centered: bool,
) -> String {
    let face = fonts::face(bold);
    let scale = size / f64::from(face.units_per_em());
    let (glyphs, advance) = fonts::shape(text, bold);
    let start = if centered {
        x - f64::from(advance) * scale / 2.0
    } else {
        x
    };
    let mut d = String::new();
    for g in glyphs {
        let mut sink = PathSink {
            d: &mut d,
            x: start + f64::from(g.x) * scale,
            y: y - f64::from(g.y) * scale,
            scale,
        };
        let _ = face.outline_glyph(GlyphId(g.id), &mut sink);
    }
    d
}
