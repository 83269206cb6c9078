//! Standard output. A reader that stops early (`refarch layout x.ron | head`) closes the
//! pipe, and the next write fails with `BrokenPipe`; [`closed_pipe`] lets the command end
//! quietly then, as the usual Unix tools do, where `print!` would panic.

use std::io::{self, Write};

/// Writes `text` to standard output as it is.
pub(crate) fn print(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Writes `text` to standard output, ending it with a newline unless it has one.
pub(crate) fn print_line(text: &str) -> io::Result<()> {
    if text.ends_with('\n') {
        print(text)
    } else {
        print(&format!("{text}\n"))
    }
}

/// Whether `e` is (or was caused by) a write to a pipe that its reader closed.
pub(crate) fn closed_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|cause| cause.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}
