//! Atomic file writes: a temporary file in the target's folder, then a rename.
//!
//! A reader never sees half a file, and a failed or interrupted run leaves the previous
//! output in place. Temporary files are hidden (`.refarch-*`) and removed on failure.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// Writes `bytes` to `path` atomically, creating missing folders.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create folder {}", dir.display()))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".refarch-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in folder {}", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|()| readable_by_all(tmp.as_file()))
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Temporary files are created private (0600); outputs are ordinary files (0644).
#[cfg(unix)]
fn readable_by_all(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn readable_by_all(_: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}
