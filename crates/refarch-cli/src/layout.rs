//! `refarch layout`: the geometry JSON of one scenario, or its quality metrics.

use anyhow::Result;
use refarch::layout::LayoutOptions;

use crate::args::LayoutArgs;
use crate::{EXIT_INVALID, EXIT_OK, out, term};

pub(crate) fn run(args: &LayoutArgs) -> Result<u8> {
    let Some(model) = term::valid_model(&args.file, &args.limits.limits()) else {
        return Ok(EXIT_INVALID);
    };
    let mut options = LayoutOptions::default();
    args.shape.apply(&mut options);
    let diagram = refarch::diagram(&model, &options);
    if args.metrics {
        let metrics = refarch::layout::metrics(&diagram);
        out::print_line(&serde_json::to_string_pretty(&metrics)?)?;
    } else {
        out::print(&refarch::geometry_json(&diagram))?;
    }
    Ok(EXIT_OK)
}
