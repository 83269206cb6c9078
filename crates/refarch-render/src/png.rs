//! PNG: our SVG, parsed by usvg with only the bundled fonts, painted by resvg.

use resvg::tiny_skia;

use crate::error::RenderError;
use crate::slide::{SLIDE_MARGIN, slide_svg};
use crate::svg::{SvgOptions, svg};
use crate::tree;
use refarch_layout::Diagram;

/// The largest image [`png()`] allocates by default ([`PngOptions::max_pixels`]):
/// 100 megapixels, 400 MB of RGBA — a 5,000 × 5,000 px diagram at scale 4 still fits.
pub const MAX_PIXELS: u64 = 100_000_000;

/// How [`png()`] rasterises a diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct PngOptions {
    /// The SVG drawn (theme, header, legend…). `background` is ignored in favour of
    /// [`PngOptions::transparent`]. Default: [`SvgOptions::default`].
    pub svg: SvgOptions,
    /// Device pixels per CSS pixel, e.g. `2.0` for high-DPI screens. Default: `1.0`.
    pub scale: f64,
    /// Leave the page background transparent instead of painting the theme's background.
    /// Default: `false`.
    pub transparent: bool,
    /// Speed against file size. Default: [`PngCompression::Fast`].
    pub compression: PngCompression,
    /// Put the diagram on a 16:9 slide: [`SLIDE_WIDTH`](crate::SLIDE_WIDTH) ×
    /// [`SLIDE_HEIGHT`](crate::SLIDE_HEIGHT) CSS pixels (1920×1080 at scale 1), the diagram
    /// with its title fitted inside a 60-pixel margin and centred on the theme's background
    /// (the same wrapper as `PdfOptions::slide`). Default: `false`.
    pub slide: bool,
    /// The pixel budget: a larger image is refused with [`RenderError::TooLarge`] before
    /// anything is allocated. Default: [`MAX_PIXELS`].
    pub max_pixels: u64,
}

/// How hard the PNG encoder compresses. Both use adaptive row filters and are lossless.
///
/// Measured on the bundled scenarios at scale 2 (7 to 14 megapixels): `Small` files are
/// about half the size of `Fast` ones and take about twice as long to encode.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PngCompression {
    /// The `png` crate's `Compression::Fast` (the fdeflate encoder, tuned for PNG): the
    /// quickest encoding with a decent ratio, since encoding otherwise dominates the time of
    /// a large, mostly flat diagram. The default.
    #[default]
    Fast,
    /// `Compression::Balanced` (zlib-style deflate): smaller files for committing to a
    /// documentation repository.
    Small,
}

impl Default for PngOptions {
    fn default() -> Self {
        PngOptions {
            svg: SvgOptions::default(),
            scale: 1.0,
            transparent: false,
            compression: PngCompression::Fast,
            slide: false,
            max_pixels: MAX_PIXELS,
        }
    }
}

/// The pixel size of a `w × h` CSS-pixel drawing at `scale`, or an error past `budget`
/// pixels.
pub(crate) fn pixel_size(
    w: f64,
    h: f64,
    scale: f64,
    budget: u64,
) -> Result<(u32, u32), RenderError> {
    let (pw, ph) = ((w * scale).ceil(), (h * scale).ceil());
    let too_large = RenderError::TooLarge {
        width: pw,
        height: ph,
        limit: budget,
    };
    if !(pw.is_finite() && ph.is_finite()) || pw < 1.0 || ph < 1.0 || pw * ph > budget as f64 {
        return Err(too_large);
    }
    // Sides past u32 are refused too (tiny-skia's limit).
    let (Ok(pw), Ok(ph)) = (u32::try_from(pw as u64), u32::try_from(ph as u64)) else {
        return Err(too_large);
    };
    Ok((pw, ph))
}

/// Renders a diagram to PNG bytes.
///
/// Compression is chosen by [`PngOptions::compression`]: by default the fdeflate encoder
/// with adaptive row filters, because encoding, not painting, dominates the time of a large
/// and mostly flat diagram. An opaque image is written as 8-bit RGB, a transparent one as
/// RGBA; no metadata chunks, so the bytes depend only on the pixels.
///
/// # Errors
///
/// [`RenderError::TooLarge`] when the image would be empty or exceed
/// [`PngOptions::max_pixels`];
/// [`RenderError::Svg`] or [`RenderError::Png`] on internal failures.
pub fn png(diagram: &Diagram, options: &PngOptions) -> Result<Vec<u8>, RenderError> {
    let svg_options = SvgOptions {
        background: !options.transparent,
        ..options.svg.clone()
    };
    let mut text = svg(diagram, &svg_options);
    if options.slide {
        text = slide_svg(diagram, &text, &svg_options, SLIDE_MARGIN);
    }
    png_from_svg(&text, options)
}

/// Rasterises an SVG produced by this crate at `scale`.
fn png_from_svg(text: &str, options: &PngOptions) -> Result<Vec<u8>, RenderError> {
    let (scale, compression) = (options.scale, options.compression);
    let tree = tree::parse(text)?;
    let size = tree.size();
    let (pw, ph) = pixel_size(
        f64::from(size.width()),
        f64::from(size.height()),
        scale,
        options.max_pixels,
    )?;
    let mut pixmap = tiny_skia::Pixmap::new(pw, ph).ok_or(RenderError::TooLarge {
        width: f64::from(pw),
        height: f64::from(ph),
        limit: options.max_pixels,
    })?;
    // The budget check above bounds the scale; f32 is what resvg takes.
    #[allow(
        clippy::cast_possible_truncation,
        reason = "scale is bounded by the pixel budget"
    )]
    let s = scale as f32;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(s, s),
        &mut pixmap.as_mut(),
    );
    encode(&pixmap, compression)
}

fn encode(pixmap: &tiny_skia::Pixmap, compression: PngCompression) -> Result<Vec<u8>, RenderError> {
    let data = pixmap.data();
    let opaque = data.chunks_exact(4).all(|p| p[3] == 255);
    // An opaque image (the default, painted background) is written as RGB: a quarter less
    // data to filter and compress. Otherwise RGBA, un-premultiplied as PNG requires.
    let (color, pixels) = if opaque {
        let mut rgb = Vec::with_capacity(data.len() / 4 * 3);
        for p in data.chunks_exact(4) {
            rgb.extend_from_slice(&p[..3]);
        }
        (png::ColorType::Rgb, rgb)
    } else {
        let mut rgba = Vec::with_capacity(data.len());
        for p in data.chunks_exact(4) {
            let a = p[3];
            if a == 255 || a == 0 {
                rgba.extend_from_slice(p);
            } else {
                let un = |c: u8| -> u8 {
                    let v = (u32::from(c) * 255 + u32::from(a) / 2) / u32::from(a);
                    u8::try_from(v.min(255)).unwrap_or(255)
                };
                rgba.extend_from_slice(&[un(p[0]), un(p[1]), un(p[2]), a]);
            }
        }
        (png::ColorType::Rgba, rgba)
    };
    let compression = match compression {
        PngCompression::Fast => png::Compression::Fast,
        PngCompression::Small => png::Compression::Balanced,
    };
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
        enc.set_color(color);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(compression);
        enc.set_filter(png::Filter::Adaptive);
        let mut w = enc
            .write_header()
            .map_err(|e| RenderError::Png(e.to_string()))?;
        w.write_image_data(&pixels)
            .map_err(|e| RenderError::Png(e.to_string()))?;
        w.finish().map_err(|e| RenderError::Png(e.to_string()))?;
    }
    Ok(out)
}
