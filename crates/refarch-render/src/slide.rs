//! The 16:9 slide wrapper shared by PDF (`PdfOptions::slide`) and PNG (`PngOptions::slide`):
//! the diagram's own SVG, fitted inside margins and centred on the theme's background.

use refarch_layout::Diagram;

use crate::svg::SvgOptions;
use crate::theme::Role;
use crate::xml::num;

/// Slide width (16:9): PDF points, or CSS pixels of a slide PNG.
pub const SLIDE_WIDTH: f64 = 1920.0;
/// Slide height (16:9): PDF points, or CSS pixels of a slide PNG.
pub const SLIDE_HEIGHT: f64 = 1080.0;

/// Slide margin used by PNG slides (and the PDF default), in CSS pixels or points.
pub(crate) const SLIDE_MARGIN: f64 = 60.0;

/// Wraps `text`, the SVG [`crate::svg()`] wrote for `d` with `options`, in a slide.
pub(crate) fn slide_svg(d: &Diagram, text: &str, options: &SvgOptions, margin: f64) -> String {
    let (w, h) = crate::svg::size_of(text).unwrap_or((d.width, d.height));
    let bg = options
        .background
        .then(|| Role::Background.color(options.theme.palette()));
    wrap(text, w, h, margin, bg)
}

/// Wraps a diagram SVG of `w × h` in a slide-sized SVG: background, then the diagram
/// fitted and centred.
fn wrap(inner: &str, w: f64, h: f64, margin: f64, background: Option<&str>) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree;

    #[test]
    fn slide_fits_the_diagram_inside_the_margins() {
        let inner = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"100\" \
                     viewBox=\"0 0 400 100\"><rect width=\"400\" height=\"100\" fill=\"#123456\"/></svg>\n";
        let slide = wrap(inner, 400.0, 100.0, 60.0, Some("#ffffff"));
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
