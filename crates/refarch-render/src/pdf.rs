//! PDF: one vector page per diagram, drawn from our SVG by krilla-svg.

use krilla::Document;
use krilla::geom::Size;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla_svg::{SurfaceExt, SvgSettings};
use refarch_layout::Diagram;

use crate::error::RenderError;
use crate::svg::{SvgOptions, svg};
use crate::theme::Role;
use crate::tree;
use crate::xml::num;

/// Slide page width (16:9), in PDF points.
pub const SLIDE_WIDTH: f64 = 1920.0;
/// Slide page height (16:9), in PDF points.
pub const SLIDE_HEIGHT: f64 = 1080.0;

/// How [`pdf()`] lays diagrams out on pages.
#[derive(Clone, Debug, PartialEq)]
pub struct PdfOptions {
    /// The SVG drawn on each page. Default: [`SvgOptions::default`].
    pub svg: SvgOptions,
    /// Put each diagram on a 16:9 slide of [`SLIDE_WIDTH`] × [`SLIDE_HEIGHT`] points,
    /// scaled to fit inside [`PdfOptions::margin`] and centred, on the theme's background.
    /// Default: `false` (each page is the diagram's own size, one CSS pixel per point).
    pub slide: bool,
    /// Slide margin in points. Default: `60`.
    pub margin: f64,
    /// Keep text selectable and searchable (embedded Inter subset) instead of outlines.
    /// Default: `true`.
    pub selectable_text: bool,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            svg: SvgOptions::default(),
            slide: false,
            margin: 60.0,
            selectable_text: true,
        }
    }
}

/// Wraps a diagram SVG in a slide-sized SVG: background, then the diagram fitted and centred.
fn slide_svg(inner: &str, w: f64, h: f64, margin: f64, background: Option<&str>) -> String {
    let avail_w = (SLIDE_WIDTH - 2.0 * margin).max(1.0);
    let avail_h = (SLIDE_HEIGHT - 2.0 * margin).max(1.0);
    let s = (avail_w / w).min(avail_h / h);
    let (sw, sh) = (w * s, h * s);
    let (x, y) = ((SLIDE_WIDTH - sw) / 2.0, (SLIDE_HEIGHT - sh) / 2.0);
    let body = inner
        .trim_end()
        .trim_start_matches("<svg xmlns=\"http://www.w3.org/2000/svg\"");
    let bg = background
        .map(|c| format!("<rect width=\"{SLIDE_WIDTH}\" height=\"{SLIDE_HEIGHT}\" fill=\"{c}\"/>"))
        .unwrap_or_default();
    // The inner document keeps its own viewBox; the nested <svg> gets the fitted box.
    let body = body.replacen(
        &format!(" width=\"{}\" height=\"{}\"", num(w), num(h)),
        &format!(
            " x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
            num(x),
            num(y),
            num(sw),
            num(sh)
        ),
        1,
    );
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{SLIDE_WIDTH}\" height=\"{SLIDE_HEIGHT}\" \
         viewBox=\"0 0 {SLIDE_WIDTH} {SLIDE_HEIGHT}\">{bg}<svg{body}</svg>\n"
    )
}

/// Renders diagrams into one PDF, one page each, in order.
///
/// The bytes are deterministic: no creation date is written, and the document id is derived
/// from the scenario ids.
///
/// # Errors
///
/// [`RenderError::NoDiagrams`] for an empty slice; [`RenderError::Svg`] or
/// [`RenderError::Pdf`] on internal failures.
pub fn pdf(diagrams: &[&Diagram], options: &PdfOptions) -> Result<Vec<u8>, RenderError> {
    if diagrams.is_empty() {
        return Err(RenderError::NoDiagrams);
    }
    let mut doc = Document::new();
    let ids: Vec<&str> = diagrams.iter().map(|d| d.scenario.as_str()).collect();
    doc.set_metadata(
        Metadata::new()
            .title(diagrams[0].title.clone())
            .creator("refarch".to_owned())
            .document_id(format!("refarch:{}", ids.join(","))),
    );
    for d in diagrams {
        let mut text = svg(d, &options.svg);
        if options.slide {
            let (w, h) = crate::svg::size_of(&text).unwrap_or((d.width, d.height));
            let bg = options
                .svg
                .background
                .then(|| Role::Background.color(options.svg.theme.palette()));
            text = slide_svg(&text, w, h, options.margin, bg);
        }
        let tree = tree::parse(&text)?;
        let size = tree.size();
        let page_size = Size::from_wh(size.width(), size.height())
            .ok_or_else(|| RenderError::Pdf("empty page".to_owned()))?;
        let mut page = doc.start_page_with(PageSettings::new(page_size));
        let mut surface = page.surface();
        let svg_settings = SvgSettings {
            embed_text: options.selectable_text,
            ..SvgSettings::default()
        };
        surface
            .draw_svg(&tree, page_size, svg_settings)
            .ok_or_else(|| RenderError::Pdf("cannot draw SVG".to_owned()))?;
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| RenderError::Pdf(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slide_fits_the_diagram_inside_the_margins() {
        let inner = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"100\" \
                     viewBox=\"0 0 400 100\"><rect width=\"400\" height=\"100\" fill=\"#123456\"/></svg>\n";
        let slide = slide_svg(inner, 400.0, 100.0, 60.0, Some("#ffffff"));
        let tree = tree::parse(&slide).expect("slide parses");
        assert_eq!(
            (tree.size().width(), tree.size().height()),
            (1920.0, 1080.0)
        );
        // The diagram is the second child: scaled to the available width, centred.
        let b = tree.root().children()[1].abs_bounding_box();
        assert!(
            (b.left() - 60.0).abs() < 0.5 && (b.right() - 1860.0).abs() < 0.5,
            "{b:?}"
        );
        assert!((b.top() + b.bottom() - 1080.0).abs() < 0.5, "{b:?}");
    }
}
