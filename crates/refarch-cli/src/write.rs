//! Atomic file writes: a temporary file in the target's folder, then a rename.
//!
//! A reader never sees half a file, and a failed or interrupted run leaves the previous
//! output in place. Temporary files are hidden (`.refarch-PID-*.tmp`, PID being the
//! writing process) and removed on failure; a process killed while writing cannot remove
//! its own, so [`remove_stale`] removes them at the start of the next run.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, SystemTime};

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
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
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

const TEMP_PREFIX: &str = ".refarch-";
const TEMP_SUFFIX: &str = ".tmp";

/// How old a temporary file must be to count as stale when it is not known whether its
/// writer still runs (no `/proc`, or a name without a process id).
const STALE_AGE: Duration = Duration::from_secs(15 * 60);

/// Removes the temporary files (`.refarch-*.tmp`) that interrupted runs left in `dir`, and
/// returns how many. A file is stale when the process that wrote it no longer runs (or is
/// this one: ours are never left over between writes), or, where that cannot be told, when
/// it is older than 15 minutes. A missing folder has nothing to remove.
pub(crate) fn remove_stale(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(middle) = name
            .strip_prefix(TEMP_PREFIX)
            .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
        else {
            continue;
        };
        // Only plain files: never follow or remove anything else.
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let writer = middle
            .split_once('-')
            .and_then(|(pid, _)| pid.parse::<u32>().ok());
        let stale = match writer {
            Some(pid) if pid == std::process::id() => true,
            Some(pid) if Path::new("/proc/self").exists() => {
                !Path::new(&format!("/proc/{pid}")).exists()
            }
            _ => entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| SystemTime::now().duration_since(t).ok())
                .is_some_and(|age| age > STALE_AGE),
        };
        if stale && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
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
