//! Files and folders.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// Writes through a temporary file and a rename, so an interrupted write
/// never leaves half a file.
pub fn write_atomically(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let temporary = path.with_extension("partial");
    std::fs::write(&temporary, text)
        .with_context(|| format!("cannot write {}", temporary.display()))?;
    std::fs::rename(&temporary, path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Every file under `dir`, in no particular order.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    walk_skipping(dir, &[])
}

/// Every file under `dir`, in no particular order, leaving out the folders
/// named in `skip` (a build's `target`, say) and everything in them.
pub fn walk_skipping(dir: &Path, skip: &[&str]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(|e| e.ok()) {
            let path = entry.path();
            if path.is_dir() {
                if !path
                    .file_name()
                    .is_some_and(|n| skip.iter().any(|s| n == *s))
                {
                    pending.push(path);
                }
            } else {
                files.push(path);
            }
        }
    }
    files
}
