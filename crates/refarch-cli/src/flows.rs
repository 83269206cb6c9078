//! `refarch flows`: the flow matrix network and security teams ask for.

use anyhow::Result;

use crate::args::{FlowsArgs, TableFormat};
use crate::{EXIT_INVALID, EXIT_OK, out, term};

pub(crate) fn run(args: &FlowsArgs) -> Result<u8> {
    let Some(model) = term::valid_model(&args.file, &Default::default()) else {
        return Ok(EXIT_INVALID);
    };
    let flows = refarch::core::flows(&model);
    let text = match args.format {
        TableFormat::Text => refarch::core::flows_markdown(&flows),
        TableFormat::Csv => refarch::core::flows_csv(&flows),
        TableFormat::Json => refarch::core::flows_json(&flows),
    };
    out::print_line(&text)?;
    Ok(EXIT_OK)
}
