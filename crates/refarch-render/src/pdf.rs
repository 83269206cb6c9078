//! PDF: one vector page per diagram, drawn from our SVG by krilla-svg.

use krilla::Document;
use krilla::geom::Size;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla_svg::{SurfaceExt, SvgSettings};
use refarch_layout::Diagram;

use crate::error::RenderError;
use crate::slide::slide_svg;
use crate::svg::{SvgOptions, svg};
use crate::tree;

/// How [`pdf()`] lays diagrams out on pages.
#[derive(Clone, Debug, PartialEq)]
pub struct PdfOptions {
    /// The SVG drawn on each page. Default: [`SvgOptions::default`].
    pub svg: SvgOptions,
    /// Put each diagram on a 16:9 slide of [`SLIDE_WIDTH`](crate::SLIDE_WIDTH) ×
    /// [`SLIDE_HEIGHT`](crate::SLIDE_HEIGHT) points, scaled to fit inside
    /// [`PdfOptions::margin`] and centred, on the theme's background.
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
            margin: crate::slide::SLIDE_MARGIN,
            selectable_text: true,
        }
    }
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
            text = slide_svg(d, &text, &options.svg, options.margin);
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
