//! The drawing context: the output buffer, the id prefix and the palette, and the helpers
//! that turn colour roles into attributes (plus classes for the `Auto` theme).

use std::collections::BTreeSet;

use refarch_layout::{TextLine, TextStyle};

use super::SvgOptions;
use crate::theme::{Palette, Role, Theme};
use crate::webfont;
use crate::xml::{escape, num};

/// Appends formatted text to a `String` (writing to a `String` cannot fail).
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = write!($out, $($arg)*);
    }};
}
pub(crate) use w;

/// Which property a role paints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Prop {
    Fill,
    Stroke,
    Color,
}

/// The state shared by every part of one SVG.
pub(crate) struct Ctx<'a> {
    /// Sanitised id prefix.
    pub(crate) prefix: String,
    pub(crate) pal: &'static Palette,
    pub(crate) opts: &'a SvgOptions,
    /// Role/property pairs painted, for the `Auto` theme's dark rules.
    used: BTreeSet<(String, Prop, usize)>,
    /// The characters drawn in the regular and the semibold face, for `embed_font`
    /// (collected only then).
    chars: [BTreeSet<char>; 2],
    /// Glyph outlines used by `text_as_paths`.
    pub(crate) glyphs: crate::outline::Glyphs,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(prefix: String, opts: &'a SvgOptions) -> Self {
        Ctx {
            prefix,
            pal: opts.theme.palette(),
            opts,
            used: BTreeSet::new(),
            chars: [BTreeSet::new(), BTreeSet::new()],
            glyphs: crate::outline::Glyphs::default(),
        }
    }

    fn auto(&self) -> bool {
        self.opts.theme == Theme::Auto
    }

    /// ` fill="…" stroke="…"` (and ` class="…"` under `Auto`) for the given roles.
    pub(crate) fn paint(&mut self, fill: Option<Role>, stroke: Option<Role>) -> String {
        let mut s = String::with_capacity(64);
        match fill {
            Some(r) => w!(s, " fill=\"{}\"", r.color(self.pal)),
            None => s.push_str(" fill=\"none\""),
        }
        if let Some(r) = stroke {
            w!(s, " stroke=\"{}\"", r.color(self.pal));
        }
        if self.auto() {
            let classes = [
                fill.and_then(|r| self.class(r, Prop::Fill)),
                stroke.and_then(|r| self.class(r, Prop::Stroke)),
            ];
            Self::classes(&mut s, &classes);
        }
        s
    }

    /// ` color="…"` (for icons drawn in `currentColor`).
    pub(crate) fn color(&mut self, role: Role) -> String {
        let mut s = format!(" color=\"{}\"", role.color(self.pal));
        if self.auto() {
            let c = self.class(role, Prop::Color);
            Self::classes(&mut s, &[c]);
        }
        s
    }

    /// ` class="…"` for the `Auto` theme's classes, if any.
    fn classes(s: &mut String, classes: &[Option<String>]) {
        let classes: Vec<&str> = classes.iter().flatten().map(String::as_str).collect();
        if !classes.is_empty() {
            w!(s, " class=\"{}\"", classes.join(" "));
        }
    }

    /// The class for a role and property under `Auto` (recorded for the dark rules);
    /// `None` otherwise, so the other themes pay nothing for it.
    fn class(&mut self, role: Role, prop: Prop) -> Option<String> {
        if !self.auto() {
            return None;
        }
        let stem = match prop {
            Prop::Fill => "f",
            Prop::Stroke => "s",
            Prop::Color => "c",
        };
        let key = role.key();
        let order = Role::all()
            .iter()
            .position(|r| *r == role)
            .unwrap_or(usize::MAX);
        let class = format!("{stem}-{key}");
        self.used.insert((key, prop, order));
        Some(class)
    }

    /// The `Auto` theme's `<style>`: one rule per painted role and property, switching to
    /// the dark palette under `prefers-color-scheme: dark`.
    pub(crate) fn auto_style(&self) -> String {
        if !self.auto() {
            return String::new();
        }
        let dark = Theme::dark_palette();
        let all = Role::all();
        let mut rules = String::new();
        let mut used: Vec<_> = self.used.iter().collect();
        used.sort_by_key(|(key, prop, order)| (*order, *prop, key.clone()));
        for (key, prop, order) in used {
            let Some(role) = all.get(*order) else {
                continue;
            };
            let c = role.color(dark);
            match prop {
                Prop::Fill => w!(rules, ".f-{key}{{fill:{c}}}"),
                Prop::Stroke => w!(rules, ".s-{key}{{stroke:{c}}}"),
                Prop::Color => w!(rules, ".c-{key}{{color:{c}}}"),
            }
        }
        w!(
            rules,
            ".f-shadow{{fill-opacity:{}}}",
            num(dark.card.shadow_opacity)
        );
        format!("<style>@media (prefers-color-scheme: dark){{{rules}}}</style>")
    }

    /// One positioned line of text, shifted by `(dx, dy)`, as `<text>` or as outlines.
    pub(crate) fn text_line(&mut self, out: &mut String, line: &TextLine, role: Role) {
        self.text(
            out,
            &line.text,
            line.x,
            line.y,
            line.style,
            line.centered,
            role,
        );
    }

    /// Text at a baseline point in a style.
    #[allow(
        clippy::too_many_arguments,
        reason = "a text run is all of these at once"
    )]
    pub(crate) fn text(
        &mut self,
        out: &mut String,
        text: &str,
        x: f64,
        y: f64,
        style: TextStyle,
        centered: bool,
        role: Role,
    ) {
        self.text_sized(out, text, x, y, style.size(), style.bold(), centered, role);
    }

    /// Text at a baseline point with an explicit size and weight.
    #[allow(
        clippy::too_many_arguments,
        reason = "a text run is all of these at once"
    )]
    pub(crate) fn text_sized(
        &mut self,
        out: &mut String,
        text: &str,
        x: f64,
        y: f64,
        size: f64,
        bold: bool,
        centered: bool,
        role: Role,
    ) {
        let clean = escape(text);
        if clean.trim().is_empty() {
            return;
        }
        if self.opts.embed_font && !self.opts.text_as_paths {
            // The characters `escape` keeps, as the browser will see them.
            let set = &mut self.chars[usize::from(bold)];
            for c in text.chars() {
                match c {
                    '\t' | '\n' | '\r' => set.insert(' '),
                    '\u{FFFE}' | '\u{FFFF}' => false,
                    c if c.is_control() => false,
                    c => set.insert(c),
                };
            }
        }
        let paint = self.paint(Some(role), None);
        if self.opts.text_as_paths {
            let line = self
                .glyphs
                .line(&self.prefix, text, x, y, size, bold, centered, &paint);
            out.push_str(&line);
            return;
        }
        let weight = if bold { " font-weight=\"600\"" } else { "" };
        let anchor = if centered {
            " text-anchor=\"middle\""
        } else {
            ""
        };
        w!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{weight}{anchor}{paint}>{clean}</text>",
            num(x),
            num(y),
            num(size)
        );
    }

    /// The font faces to embed: (CSS weight, a subset of the face holding exactly the
    /// characters drawn in it). Empty unless `embed_font`.
    pub(crate) fn faces_used(&self) -> Vec<(u16, Vec<u8>)> {
        [(400, false), (600, true)]
            .into_iter()
            .filter(|(_, bold)| !self.chars[usize::from(*bold)].is_empty())
            .filter_map(|(weight, bold)| {
                Some((
                    weight,
                    webfont::subset(bold, &self.chars[usize::from(bold)])?,
                ))
            })
            .collect()
    }
}

/// A rounded rectangle.
pub(crate) fn rect(out: &mut String, x: f64, y: f64, w: f64, h: f64, r: f64, attrs: &str) {
    let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
    let (x, y, w, h) = (num(x), num(y), num(w.max(0.0)), num(h.max(0.0)));
    if r > 0.0 {
        w!(
            out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"{}\"{attrs}/>",
            num(r)
        );
    } else {
        w!(
            out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\"{attrs}/>"
        );
    }
}
