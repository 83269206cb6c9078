//! Finding scenario files: folders expand to the `.ron` files directly inside them.

use std::fmt;
use std::path::{Path, PathBuf};

/// A path given on the command line that is neither a file nor a readable folder.
#[derive(Debug)]
pub struct ScenarioFilesError {
    /// The path as given.
    pub path: PathBuf,
    /// Why it could not be used.
    pub error: std::io::Error,
}

impl fmt::Display for ScenarioFilesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.error)
    }
}

impl std::error::Error for ScenarioFilesError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// The scenario files named by `paths`: files as given (whatever their extension), folders
/// replaced by the `.ron` files directly inside them, sorted by name. Each file appears once,
/// in the order first named.
pub fn scenario_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ScenarioFilesError> {
    let mut out: Vec<PathBuf> = Vec::new();
    for path in paths {
        let found = if path.is_dir() {
            ron_files_in(path).map_err(|error| ScenarioFilesError {
                path: path.clone(),
                error,
            })?
        } else {
            vec![path.clone()]
        };
        for f in found {
            if !out.contains(&f) {
                out.push(f);
            }
        }
    }
    Ok(out)
}

fn ron_files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == "ron") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
