//! `refarch explain`: what a diagnostic code means.

use anyhow::Result;
use refarch::core::Code;

use crate::args::ExplainArgs;
use crate::{EXIT_OK, EXIT_USAGE, out};

pub(crate) fn run(args: &ExplainArgs) -> Result<u8> {
    let Some(code) = &args.code else {
        for c in Code::ALL {
            out::print_line(&format!(
                "{}  {:<8} {}",
                c,
                format!("{:?}", c.default_severity()).to_lowercase(),
                c.title()
            ))?;
        }
        return Ok(EXIT_OK);
    };
    match code.parse::<Code>() {
        Ok(c) => {
            out::print_line(&format!("{c}: {}\n\n{}", c.title(), c.explanation()))?;
            Ok(EXIT_OK)
        }
        Err(e) => {
            let all = Code::ALL.iter().map(|c| c.as_str());
            match refarch::core::did_you_mean(code, all) {
                Some(s) => eprintln!("refarch: error: {e}; did you mean `{s}`?"),
                None => eprintln!("refarch: error: {e}; `refarch explain` lists every code"),
            }
            Ok(EXIT_USAGE)
        }
    }
}
