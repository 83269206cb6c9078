//! The SVG writer. Every other output (PNG, PDF) is painted from this SVG.
//!
//! Document structure (ids prefixed with the scenario id, or [`SvgOptions::id_prefix`]):
//!
//! ```text
//! <svg role="img" aria-labelledby="P-title P-desc">
//!   <title id="P-title"/> <desc id="P-desc"/>     text alternative from the diagram
//!   <style/>                                       embedded font, Auto theme's dark rules
//!   <defs/>                                        icon <symbol>s, print hatch patterns
//!   <rect/>                                        page background
//!   <g id="P-header"/>                             title and summary band
//!   <g id="P-diagram" transform="translate(..)">   the Diagram's own coordinates
//!     <g id="P-zone-ID"/>…  [finding halos]  links  <g id="P-component-ID"/>…
//!     boundary gates  label chips  [finding outlines and badges]
//!   </g>
//!   <g id="P-legend"/>
//! </svg>
//! ```

mod card;
mod desc;
pub use desc::describe;
mod finding;
mod gate;
mod grid;
mod legend;
mod link;
mod paint;
mod zone;

use base64::Engine as _;
use refarch_core::{ComponentKind, ZoneKind};
use refarch_layout::{Diagram, TextStyle, wrap};

use crate::FontMetrics;
use crate::fonts;
use crate::icons;
use crate::theme::{Role, Theme};
use crate::xml::{escape, id_part, num};
use paint::{Ctx, w};

/// Margin around everything, in CSS pixels.
pub(crate) const MARGIN: f64 = 24.0;
/// Gap between the header band and the diagram, and the diagram and the legend.
const GAP: f64 = 20.0;
/// Narrowest header text column: a small diagram's title still gets a readable line.
const HEADER_MIN_W: f64 = 560.0;
/// Most title lines; the last one ends with an ellipsis when text is left over.
const TITLE_LINES: usize = 3;
/// Most summary lines; the last one ends with an ellipsis when text is left over.
const SUMMARY_LINES: usize = 4;

/// How [`svg()`] draws a diagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SvgOptions {
    /// Colour theme. Default: [`Theme::Light`].
    pub theme: Theme,
    /// Embed the bundled Inter faces the diagram uses as base64 `@font-face` rules, so
    /// browsers without Inter draw exactly our font. Each face is subset to exactly the
    /// characters drawn in it (an OpenType/CFF font of a few KB, `data:font/otf`, with its
    /// `cmap`, `OS/2` and pair kerning rebuilt for browsers; contextual alternates are
    /// not carried). Ignored with [`SvgOptions::text_as_paths`], which needs no font.
    /// Default: `false` (a font stack starting with Inter).
    pub embed_font: bool,
    /// Draw all text as outlines of the bundled font (pixel-exact anywhere, not
    /// selectable; the `<title>`s and `<desc>` still carry every word). Default: `false`.
    pub text_as_paths: bool,
    /// Prefix of every id in the document, so several diagrams can share an HTML page.
    /// Default: `None`, meaning the diagram's scenario id.
    pub id_prefix: Option<String>,
    /// Draw the title and summary band above the diagram. Default: `true`.
    pub header: bool,
    /// Draw a legend of the trust levels and link styles used. Default: `true`.
    pub legend: bool,
    /// Paint the theme's page background (turn off for a transparent image). Default:
    /// `true`.
    pub background: bool,
    /// Boundary gates: where a link that crosses a trust boundary passes a zone border (a
    /// zone holding exactly one of its ends), a small tag on the border in the zone's
    /// colour with the link's port (`:443`); a small ring instead when the port is unknown
    /// or a tag would cover a label chip, card, header or another link's line; nothing
    /// where even a ring has no room (a label chip sitting on the border already names the
    /// link). At most one mark per border crossed; listed in the legend as "Boundary gate".
    /// Default: `true` (on the seven bundled scenarios the marks stay small and mostly
    /// rings, since parallel lines leave no room for tags).
    pub gates: bool,
    /// Draw [`Diagram::findings`](refarch_layout::Diagram::findings): a warning-coloured
    /// halo on each link, outline on each card or zone a finding points at, with the codes
    /// in a badge, and the codes in the legend. Default: `false` (for review meetings:
    /// `refarch render --findings`).
    pub findings: bool,
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions {
            theme: Theme::Light,
            embed_font: false,
            text_as_paths: false,
            id_prefix: None,
            header: true,
            legend: true,
            background: true,
            gates: true,
            findings: false,
        }
    }
}

/// Renders a laid-out diagram as a standalone, accessible SVG document.
///
/// The output is deterministic: the same diagram and options give the same bytes.
pub fn svg(diagram: &Diagram, options: &SvgOptions) -> String {
    let d = diagram;
    let prefix = id_part(options.id_prefix.as_deref().unwrap_or(&d.scenario));
    let prefix = if prefix.is_empty() {
        "refarch".to_owned()
    } else {
        prefix
    };
    let mut ctx = Ctx::new(prefix, options);
    let m = FontMetrics::new();
    let dw = if d.width.is_finite() {
        d.width.max(0.0)
    } else {
        0.0
    };
    let dh = if d.height.is_finite() {
        d.height.max(0.0)
    } else {
        0.0
    };

    // Header band.
    let (ts, ss) = (TextStyle::Title, TextStyle::Summary);
    // Wrapped to the diagram's width and cut short like card text, so a long title or an
    // over-long word never widens the page.
    let text_max = dw.max(HEADER_MIN_W);
    let title_lines = if options.header {
        wrap(&d.title, ts, text_max, TITLE_LINES, &m)
    } else {
        vec![]
    };
    let summary_lines = match (&d.summary, options.header) {
        (Some(s), true) => wrap(s, ss, text_max, SUMMARY_LINES, &m),
        _ => vec![],
    };
    let mut header = String::new();
    let mut y = MARGIN;
    let mut widest = dw;
    if !title_lines.is_empty() || !summary_lines.is_empty() {
        w!(header, "<g id=\"{}-header\">", ctx.prefix);
        for line in &title_lines {
            y += ts.line_height();
            widest = widest.max(m.width_at(line, ts.size(), ts.bold()));
            ctx.text(&mut header, line, MARGIN, y - 6.0, ts, false, Role::Title);
        }
        for (i, line) in summary_lines.iter().enumerate() {
            y += ss.line_height() + if i == 0 { 2.0 } else { 0.0 };
            widest = widest.max(m.width_at(line, ss.size(), ss.bold()));
            ctx.text(&mut header, line, MARGIN, y - 4.0, ss, false, Role::Summary);
        }
        header.push_str("</g>");
        y += GAP;
    }
    let diagram_y = y;

    // The diagram itself.
    let mut body = String::new();
    w!(
        body,
        "<g id=\"{}-diagram\" transform=\"translate({} {})\">",
        ctx.prefix,
        num(MARGIN),
        num(diagram_y)
    );
    let gates = if options.gates {
        let pal = ctx.pal;
        gate::place(d, &|z| pal.zones.get(z.trust).width)
    } else {
        Vec::new()
    };
    let findings = options.findings && !d.findings.is_empty();
    zone::draw(&mut ctx, &mut body, d);
    if findings {
        finding::draw_halos(&mut ctx, &mut body, d);
    }
    link::draw_lines(&mut ctx, &mut body, d);
    card::draw(&mut ctx, &mut body, d);
    gate::draw(&mut ctx, &mut body, d, &gates);
    link::draw_labels(&mut ctx, &mut body, d);
    if findings {
        finding::draw_marks(&mut ctx, &mut body, d, &gates);
    }
    body.push_str("</g>");
    y += dh;

    // Legend.
    let mut legend_svg = String::new();
    if options.legend
        && let Some(lg) = legend::layout(
            d,
            dw.max(480.0),
            &legend::Extras {
                gates: (
                    gates.iter().any(|g| g.tag.is_some()),
                    gates.iter().any(|g| g.tag.is_none()),
                ),
                findings: if findings {
                    finding::codes(d)
                } else {
                    Vec::new()
                },
            },
        )
    {
        y += GAP;
        legend::draw(&mut ctx, &mut legend_svg, &lg, MARGIN, y);
        y += lg.h;
        widest = widest.max(lg.w);
    }
    let width = (widest + 2.0 * MARGIN).ceil();
    let height = (y + MARGIN).ceil();

    // Defs: icons used, patterns used.
    let mut defs = String::new();
    for k in ComponentKind::ALL {
        if d.components.iter().any(|c| c.kind == k) {
            let (name, file) = icons::component(k);
            defs.push_str(&icons::symbol(&ctx.prefix, name, file));
        }
    }
    for k in ZoneKind::ALL {
        if d.zones.iter().any(|z| z.kind == Some(k)) {
            let (name, file) = icons::zone(k);
            defs.push_str(&icons::symbol(&ctx.prefix, name, file));
        }
    }
    zone::patterns(&mut ctx, &mut defs, d);
    defs.push_str(&ctx.glyphs.defs(&ctx.prefix));

    let mut background = String::new();
    if options.background {
        let bg = ctx.paint(Some(Role::Background), None);
        w!(
            background,
            "<rect width=\"{}\" height=\"{}\"{bg}/>",
            num(width),
            num(height)
        );
    }

    // Style: embedded font, then the Auto theme's dark rules.
    let mut style = String::new();
    if options.embed_font && !options.text_as_paths {
        let mut css = String::new();
        for (weight, bytes) in ctx.faces_used() {
            let b64 = base64::engine::general_purpose::STANDARD.encode(bytes);
            w!(
                css,
                "@font-face{{font-family:'{}';font-weight:{weight};font-style:normal;src:url(data:font/otf;base64,{b64}) format('opentype')}}",
                fonts::FAMILY
            );
        }
        if !css.is_empty() {
            w!(style, "<style>{css}</style>");
        }
    }
    style.push_str(&ctx.auto_style());

    let p = &ctx.prefix;
    let mut out = String::with_capacity(body.len() + defs.len() + style.len() + 4096);
    w!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         role=\"img\" aria-labelledby=\"{p}-title {p}-desc\" font-family=\"{}\">",
        fonts::FONT_STACK,
        w = num(width),
        h = num(height)
    );
    w!(out, "<title id=\"{p}-title\">{}</title>", escape(&d.title));
    w!(
        out,
        "<desc id=\"{p}-desc\">{}</desc>",
        escape(&desc::describe(d))
    );
    out.push_str(&style);
    if !defs.is_empty() {
        w!(out, "<defs>{defs}</defs>");
    }
    out.push_str(&background);
    out.push_str(&header);
    out.push_str(&body);
    out.push_str(&legend_svg);
    out.push_str("</svg>\n");
    out
}

/// The size `svg` gives a diagram, in CSS pixels (for PNG and PDF page sizes).
pub(crate) fn size_of(svg_text: &str) -> Option<(f64, f64)> {
    let head = svg_text.get(..svg_text.find('>')?)?;
    let attr = |name: &str| -> Option<f64> {
        let key = format!(" {name}=\"");
        let s = head.find(&key)? + key.len();
        let e = head.get(s..)?.find('"')? + s;
        head.get(s..e)?.parse().ok()
    };
    Some((attr("width")?, attr("height")?))
}
