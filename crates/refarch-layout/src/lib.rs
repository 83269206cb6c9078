//! Layout for refarch: a resolved [`refarch_core::Model`] in, plain geometry ([`Diagram`]) out.

mod diagram;
mod text;

pub use diagram::{ComponentBox, Diagram, GEOMETRY_VERSION, LinkPath, Rect, TextLine, ZoneBox};
pub use text::{ApproxMeasure, TextMeasure, TextStyle};
