//! Writing a run's outputs, or with `--check` comparing them with what is on disk.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::write::{remove_stale, write_atomic};

/// Files a command produced in memory: path and bytes.
pub(crate) type Outputs = Vec<(PathBuf, Vec<u8>)>;

/// Writes every output atomically and returns 0; with `check`, writes nothing and returns
/// the number of outputs that are missing or differ, naming each on stderr. Before writing,
/// removes the temporary files interrupted runs left in the output folders.
pub(crate) fn emit(outputs: &Outputs, check: bool, verbose: bool) -> Result<usize> {
    if !check {
        let folders: BTreeSet<&Path> = outputs
            .iter()
            .map(|(path, _)| match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            })
            .collect();
        for folder in folders {
            let removed = remove_stale(folder);
            if verbose && removed > 0 {
                eprintln!(
                    "removed {removed} temporary file{} left by an interrupted run in {}",
                    if removed == 1 { "" } else { "s" },
                    folder.display()
                );
            }
        }
        for (path, bytes) in outputs {
            write_atomic(path, bytes)?;
            if verbose {
                eprintln!("wrote {}", path.display());
            }
        }
        return Ok(0);
    }
    let mut stale = 0;
    for (path, bytes) in outputs {
        match std::fs::read(path) {
            Ok(existing) if existing == *bytes => {}
            Ok(_) => {
                stale += 1;
                eprintln!("stale: {} differs from a fresh render", path.display());
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                stale += 1;
                eprintln!("stale: {} is missing", path.display());
            }
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }
    Ok(stale)
}
