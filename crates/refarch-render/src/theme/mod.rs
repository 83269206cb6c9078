//! Colour themes. The palettes are data (`assets/themes/*.ron`), compiled in and parsed
//! once on first use.

use std::sync::OnceLock;

use refarch_core::Trust;
use serde::Deserialize;

mod role;

pub(crate) use role::{Category, Role, TRUSTS, trust_key};

/// Which palette a diagram is drawn in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Theme {
    /// Light background, tinted zones (the default).
    #[default]
    Light,
    /// Dark background for dark documentation themes and slides.
    Dark,
    /// Black text and heavy strokes on white, strong borders.
    HighContrast,
    /// Greyscale-safe: trust levels differ by hatch patterns and dash styles, not by colour.
    Print,
    /// Light by default, switching to dark through a `prefers-color-scheme: dark` media
    /// query in the SVG's `<style>`. PNG and PDF, which have no media, use the light palette.
    Auto,
}

impl Theme {
    /// Every theme, in a fixed order.
    pub const ALL: [Theme; 5] = [
        Theme::Light,
        Theme::Dark,
        Theme::HighContrast,
        Theme::Print,
        Theme::Auto,
    ];

    /// The theme's name as used on the command line (`light`, `dark`, `high-contrast`,
    /// `print`, `auto`).
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::HighContrast => "high-contrast",
            Theme::Print => "print",
            Theme::Auto => "auto",
        }
    }

    /// The theme with this [`Theme::name`], if any.
    pub fn from_name(name: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The palette drawn as presentation attributes (for `Auto`, the light one).
    pub(crate) fn palette(self) -> &'static Palette {
        let p = palettes();
        match self {
            Theme::Light | Theme::Auto => &p[0],
            Theme::Dark => &p[1],
            Theme::HighContrast => &p[2],
            Theme::Print => &p[3],
        }
    }

    /// The palette the `Auto` theme switches to in dark mode.
    pub(crate) fn dark_palette() -> &'static Palette {
        &palettes()[1]
    }
}

const SOURCES: [(&str, &str); 4] = [
    ("light", include_str!("../../../../assets/themes/light.ron")),
    ("dark", include_str!("../../../../assets/themes/dark.ron")),
    (
        "high-contrast",
        include_str!("../../../../assets/themes/high-contrast.ron"),
    ),
    ("print", include_str!("../../../../assets/themes/print.ron")),
];

fn palettes() -> &'static [Palette; 4] {
    static P: OnceLock<[Palette; 4]> = OnceLock::new();
    P.get_or_init(|| {
        // The theme files are compiled in and checked by `every_theme_parses`; a broken one
        // is a build defect, not user input.
        SOURCES.map(|(name, src)| {
            ron::from_str(src).unwrap_or_else(|e| panic!("assets/themes/{name}.ron: {e}"))
        })
    })
}

/// A complete palette. Colours are `#rrggbb`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Palette {
    pub(crate) background: String,
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) card: CardStyle,
    pub(crate) badge: BadgeStyle,
    pub(crate) link: LinkStyle,
    pub(crate) legend: LegendStyle,
    pub(crate) accents: Accents,
    pub(crate) zones: Zones,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CardStyle {
    pub(crate) fill: String,
    pub(crate) stroke: String,
    pub(crate) stroke_width: f64,
    pub(crate) shadow: String,
    pub(crate) shadow_opacity: f64,
    pub(crate) text: String,
    pub(crate) muted: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BadgeStyle {
    pub(crate) fill: String,
    pub(crate) text: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LinkStyle {
    pub(crate) stroke: String,
    pub(crate) width: f64,
    pub(crate) chip_fill: String,
    pub(crate) chip_stroke: String,
    pub(crate) chip_text: String,
    pub(crate) lock: String,
    pub(crate) warn: String,
    pub(crate) mark_ink: String,
    /// Fill of a boundary gate tag.
    pub(crate) gate_fill: String,
    /// Port text of a boundary gate tag.
    pub(crate) gate_text: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LegendStyle {
    pub(crate) fill: String,
    pub(crate) stroke: String,
    pub(crate) text: String,
    pub(crate) heading: String,
}

/// Icon tile and ink colours per component category.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Accents {
    pub(crate) people: Accent,
    pub(crate) network: Accent,
    pub(crate) compute: Accent,
    pub(crate) data: Accent,
    pub(crate) security: Accent,
    pub(crate) ops: Accent,
    pub(crate) external: Accent,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Accent {
    pub(crate) tile: String,
    pub(crate) ink: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Zones {
    pub(crate) untrusted: ZoneStyle,
    pub(crate) partner: ZoneStyle,
    pub(crate) perimeter: ZoneStyle,
    pub(crate) internal: ZoneStyle,
    pub(crate) restricted: ZoneStyle,
}

/// How a zone of one trust level is drawn.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ZoneStyle {
    /// Tint of a top-level zone, and of a nested zone whose parent differs in trust.
    pub(crate) fill: String,
    /// Tint of a zone nested in a zone of the same trust, so the two stay apart.
    pub(crate) fill_nested: String,
    pub(crate) stroke: String,
    pub(crate) width: f64,
    /// `stroke-dasharray`, when dashed.
    pub(crate) dash: Option<String>,
    /// A second, inner border line (for the most protected tier).
    pub(crate) double: bool,
    /// Header label and caption colour.
    pub(crate) text: String,
    /// A hatch over the tint, so print can tell trust levels apart without colour.
    pub(crate) pattern: Option<Pattern>,
}

/// A fill pattern drawn over a zone's tint.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Pattern {
    pub(crate) kind: PatternKind,
    pub(crate) color: String,
}

/// The pattern shapes.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub(crate) enum PatternKind {
    /// Lines rising to the right.
    Hatch,
    /// Lines falling to the right.
    BackHatch,
    /// Both.
    CrossHatch,
    /// A dot grid.
    Dots,
}

impl Zones {
    pub(crate) fn get(&self, trust: Trust) -> &ZoneStyle {
        match trust {
            Trust::Untrusted => &self.untrusted,
            Trust::Partner => &self.partner,
            Trust::Perimeter => &self.perimeter,
            Trust::Internal => &self.internal,
            Trust::Restricted => &self.restricted,
        }
    }
}

/// Parses `#rrggbb` into 0..=255 channels.
#[cfg(test)]
pub(crate) fn rgb(hex: &str) -> Option<[u8; 3]> {
    let h = hex.strip_prefix('#')?;
    if h.len() != 6 {
        return None;
    }
    let c = |i: usize| u8::from_str_radix(h.get(i..i + 2)?, 16).ok();
    Some([c(0)?, c(2)?, c(4)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(hex: &str) -> f64 {
        let c = rgb(hex).unwrap_or_else(|| panic!("bad colour {hex}"));
        let lin = |v: u8| {
            let s = f64::from(v) / 255.0;
            if s <= 0.04045 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
    }

    /// WCAG 2.x contrast ratio.
    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
        (hi + 0.05) / (lo + 0.05)
    }

    #[test]
    fn every_theme_parses_with_valid_colours() {
        for (i, p) in palettes().iter().enumerate() {
            for role in Role::all() {
                assert!(rgb(role.color(p)).is_some(), "theme {i}: {role:?}");
            }
            for t in TRUSTS {
                if let Some(pat) = &p.zones.get(t).pattern {
                    assert!(rgb(&pat.color).is_some());
                }
            }
        }
    }

    #[test]
    fn text_contrast_meets_wcag_aa_in_every_theme() {
        let mut failures = Vec::new();
        for (name, _) in SOURCES {
            let p = Theme::from_name(name)
                .map(Theme::palette)
                .unwrap_or_else(|| unreachable!());
            let mut pairs: Vec<(String, &str, &str)> = vec![
                ("title".into(), &p.title, &p.background),
                ("summary".into(), &p.summary, &p.background),
                ("card label".into(), &p.card.text, &p.card.fill),
                ("card tech/note".into(), &p.card.muted, &p.card.fill),
                ("badge".into(), &p.badge.text, &p.badge.fill),
                ("link chip".into(), &p.link.chip_text, &p.link.chip_fill),
                ("gate port".into(), &p.link.gate_text, &p.link.gate_fill),
                ("finding badge".into(), &p.link.mark_ink, &p.link.warn),
                ("legend".into(), &p.legend.text, &p.legend.fill),
                ("legend heading".into(), &p.legend.heading, &p.legend.fill),
            ];
            for t in TRUSTS {
                let z = p.zones.get(t);
                pairs.push((format!("{t:?} header"), &z.text, &z.fill));
                pairs.push((format!("{t:?} nested header"), &z.text, &z.fill_nested));
                // Legend swatch labels sit on the legend, but zone text must also read on
                // the page background where a zone is drawn without tint.
            }
            for (what, fg, bg) in pairs {
                let r = contrast(fg, bg);
                if r < 4.5 {
                    failures.push(format!("{name}: {what} {fg} on {bg} = {r:.2}"));
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn names_round_trip() {
        for t in Theme::ALL {
            assert_eq!(Theme::from_name(t.name()), Some(t));
        }
    }
}
