//! `refarch export`: the model in DOT, Mermaid, D2 or JSON.

use anyhow::Result;
use refarch::ExportFormat;

use crate::args::{ExportArgs, ExportFormatArg};
use crate::{EXIT_INVALID, EXIT_OK, out, term};

pub(crate) fn run(args: &ExportArgs) -> Result<u8> {
    let Some(model) = term::valid_model(&args.file, &Default::default()) else {
        return Ok(EXIT_INVALID);
    };
    let format = match args.format {
        ExportFormatArg::Dot => ExportFormat::Dot,
        ExportFormatArg::Mermaid => ExportFormat::Mermaid,
        ExportFormatArg::D2 => ExportFormat::D2,
        ExportFormatArg::Json => ExportFormat::Json,
    };
    let text = refarch::export(&model, format);
    out::print_line(&text)?;
    Ok(EXIT_OK)
}
