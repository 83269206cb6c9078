//! Authors' hints the layout cannot honour, reported instead of silently ignored.

use refarch_core::{Direction, Model};

use crate::diagram::Diagram;

fn name(d: Direction) -> &'static str {
    match d {
        Direction::LeftToRight => "LeftToRight",
        Direction::TopToBottom => "TopToBottom",
    }
}

/// Hints in `model` that `diagram` (its layout) does not obey, one per hint in file order:
/// the zone's index in [`Model::zones`] and a message. Today that is a zone `direction`
/// differing from the diagram's flow direction: the layered layout runs one flow direction
/// through the whole diagram (so links between zones stay short and straight), and
/// `arrange` is the way to shape a zone's contents. `arrange` and `place` hints are always
/// obeyed and never reported.
pub fn unsupported_hints(model: &Model, diagram: &Diagram) -> Vec<(usize, String)> {
    model
        .zones()
        .iter()
        .enumerate()
        .filter_map(|(i, z)| {
            let want = z.direction?;
            (want != diagram.direction).then(|| {
                let message = format!(
                    "zone `{}`: direction {} is not honoured; the whole diagram flows {}",
                    z.id,
                    name(want),
                    name(diagram.direction)
                );
                (i, message)
            })
        })
        .collect()
}
