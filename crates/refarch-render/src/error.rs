//! The one error type of the fallible exporters.

use std::fmt;

/// Why a PNG or PDF could not be produced.
///
/// SVG output cannot fail; the raster and PDF exporters re-parse that SVG and allocate,
/// and those steps can.
#[derive(Debug)]
#[non_exhaustive]
pub enum RenderError {
    /// Our own SVG did not parse with usvg (a bug in the SVG writer).
    Svg(String),
    /// The requested image would exceed the pixel budget
    /// ([`PngOptions::max_pixels`](crate::PngOptions::max_pixels)), or has a zero or
    /// non-finite size; holds the requested width and height in pixels and the budget.
    TooLarge {
        /// Requested width in pixels.
        width: f64,
        /// Requested height in pixels.
        height: f64,
        /// The budget, in pixels.
        limit: u64,
    },
    /// The PNG encoder failed.
    Png(String),
    /// The PDF writer (krilla) failed.
    Pdf(String),
    /// The PDF was asked for no diagrams at all.
    NoDiagrams,
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Svg(e) => write!(f, "internal error: generated SVG does not parse: {e}"),
            RenderError::TooLarge {
                width,
                height,
                limit,
            } => write!(
                f,
                "image of {width:.0}x{height:.0} pixels is empty or exceeds the limit of {} \
                 megapixels; lower the scale (or raise the limit, --max-pixels)",
                *limit as f64 / 1e6
            ),
            RenderError::Png(e) => write!(f, "cannot encode PNG: {e}"),
            RenderError::Pdf(e) => write!(f, "cannot write PDF: {e}"),
            RenderError::NoDiagrams => f.write_str("a PDF needs at least one diagram"),
        }
    }
}

impl std::error::Error for RenderError {}
