//! Rendering for refarch: laid-out geometry ([`refarch_layout::Diagram`]) in, polished SVG,
//! PNG and PDF out.
//!
//! ```text
//! Diagram ──svg()──▶ SVG text ──usvg (bundled fonts only)──▶ Tree ──resvg──▶ PNG
//!                                                               └──krilla-svg──▶ PDF
//! ```
//!
//! One painter: PNG and PDF are drawn from the very SVG [`svg()`] writes, so the three
//! formats cannot disagree. Text is measured ([`FontMetrics`]) and drawn with the same
//! bundled font (Inter, SIL OFL 1.1, `assets/fonts/`); no system font is ever loaded.
//! Icons (`assets/icons/`) and themes (`assets/themes/*.ron`) are data compiled into the
//! crate.
//!
//! What is drawn: zones tinted and bordered by trust level (dashed for untrusted and
//! partner, solid for perimeter and internal, heavy double line for restricted) with a kind
//! icon and header; components as cards with an icon tile, stacked with a `×N` badge when
//! replicated, dashed when optional; links as orthogonal lines with rounded bends,
//! arrowheads by direction, dashed when intermittent, a lock when encrypted and a warning
//! when plaintext crosses a boundary, with label chips; boundary gates where a link passes a
//! zone border (a port tag or a ring, [`SvgOptions::gates`]); lint findings, when asked
//! ([`SvgOptions::findings`], [`refarch_layout::Diagram::findings`]), as a warning halo or
//! outline with the code in a badge; a title band; a legend of only what the diagram uses.
//! PNG and PDF can put the diagram on a 1920×1080 slide ([`PngOptions::slide`],
//! [`PdfOptions::slide`]). Every SVG carries `role="img"`, a `<title>`, a generated `<desc>` and
//! a `<title>` per zone, component and link, with ids prefixed per diagram.
//!
//! Themes ([`Theme`]) are RON files in `assets/themes/`; `Theme::Auto` follows the page's
//! `prefers-color-scheme`. Output is deterministic: the same diagram and options give the
//! same SVG, PNG and PDF bytes.
//!
//! # Example
//!
//! ```
//! use refarch_core::{ComponentKind, Direction, Trust};
//! use refarch_layout::{ComponentBox, Diagram, Rect, TextLine, TextStyle, ZoneBox};
//! use refarch_render::{PngOptions, SvgOptions, Theme, png, svg};
//!
//! let diagram = Diagram {
//!     version: refarch_layout::GEOMETRY_VERSION,
//!     scenario: "tiny".into(),
//!     title: "Tiny deployment".into(),
//!     summary: None,
//!     direction: Direction::LeftToRight,
//!     width: 240.0,
//!     height: 140.0,
//!     zones: vec![ZoneBox {
//!         id: "lan".into(),
//!         parent: None,
//!         x: 0.0, y: 0.0, w: 240.0, h: 140.0,
//!         label: "Corporate network".into(),
//!         trust: Trust::Internal,
//!         kind: None,
//!         depth: 0,
//!         header: Rect { x: 12.0, y: 8.0, w: 160.0, h: 20.0 },
//!         caption: None,
//!         icon: None,
//!         texts: vec![],
//!     }],
//!     components: vec![ComponentBox {
//!         id: "app".into(),
//!         zone: Some("lan".into()),
//!         x: 40.0, y: 44.0, w: 160.0, h: 72.0,
//!         kind: ComponentKind::AppServer,
//!         replicas: 1,
//!         face: Rect { x: 40.0, y: 44.0, w: 160.0, h: 72.0 },
//!         icon: Rect { x: 52.0, y: 56.0, w: 28.0, h: 28.0 },
//!         texts: vec![TextLine {
//!             text: "App server".into(),
//!             x: 90.0, y: 75.0,
//!             style: TextStyle::Label,
//!             centered: false,
//!         }],
//!         optional: false,
//!     }],
//!     links: vec![],
//!     findings: vec![],
//! };
//!
//! let text = svg(&diagram, &SvgOptions { theme: Theme::Dark, ..SvgOptions::default() });
//! assert!(text.contains("<title id=\"tiny-title\">Tiny deployment</title>"));
//! let bytes = png(&diagram, &PngOptions { scale: 2.0, ..PngOptions::default() }).unwrap();
//! assert_eq!(&bytes[1..4], b"PNG");
//! ```

#![warn(clippy::print_stdout, clippy::unwrap_used)]

mod error;
mod fonts;
mod icons;
mod outline;
mod pdf;
mod png;
mod slide;
mod svg;
mod theme;
mod tree;
mod webfont;
mod xml;

pub use error::RenderError;
pub use fonts::FontMetrics;
pub use pdf::{PdfOptions, pdf};
pub use png::{MAX_PIXELS, PngCompression, PngOptions, png};
pub use slide::{SLIDE_HEIGHT, SLIDE_WIDTH};
pub use svg::{SvgOptions, describe, svg};
pub use theme::Theme;
