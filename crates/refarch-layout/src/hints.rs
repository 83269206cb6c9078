//! Authors' hints the layout cannot honour, reported instead of silently ignored.

use refarch_core::{Direction, Model};

use crate::diagram::Diagram;

fn name(d: Direction) -> &'static str {
    match d {
        Direction::LeftToRight => "LeftToRight",
        Direction::TopToBottom => "TopToBottom",
    }
}

/// Hints in `model` that `diagram` (its layout) does not obey, one message per hint, in file
/// order. Today that is a zone `direction` differing from the diagram's flow direction: the
/// layered layout runs one flow direction through the whole diagram (so links between zones
/// stay short and straight), and `arrange` of the parent zone is the way to shape a zone's
/// children. `arrange` and `place` hints are always obeyed and never reported.
pub fn unsupported_hints(model: &Model, diagram: &Diagram) -> Vec<String> {
    model
        .zones()
        .iter()
        .filter_map(|z| {
            let want = z.direction?;
            (want != diagram.direction).then(|| {
                format!(
                    "zone `{}`: direction {} is not honoured; the whole diagram flows {} \
                     (one flow direction per diagram; use `arrange` on the parent zone to \
                     shape its children)",
                    z.id,
                    name(want),
                    name(diagram.direction)
                )
            })
        })
        .collect()
}
