//! Parsing our own SVG back with usvg, with a font database of only the bundled faces.

use crate::error::RenderError;
use crate::fonts;

/// Parses SVG text into a usvg tree using only the bundled fonts.
pub(crate) fn parse(text: &str) -> Result<usvg::Tree, RenderError> {
    let options = usvg::Options {
        font_family: fonts::FAMILY.to_owned(),
        fontdb: fonts::fontdb(),
        // Our SVG references nothing outside itself; refuse to resolve anything that does.
        resources_dir: None,
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(text, &options).map_err(|e| RenderError::Svg(e.to_string()))
}
