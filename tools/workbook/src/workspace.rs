//! The Cargo workspace as `cargo metadata` describes it.

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, Deserialize)]
pub struct Workspace {
    pub packages: Vec<Package>,
    pub target_directory: PathBuf,
}

#[derive(Debug, Deserialize)]
pub struct Package {
    pub name: String,
    pub manifest_path: PathBuf,
    pub targets: Vec<Target>,
}

#[derive(Debug, Deserialize)]
pub struct Target {
    pub name: String,
    pub kind: Vec<String>,
}

impl Workspace {
    pub fn load(root: &Path) -> Result<Workspace> {
        let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["metadata", "--no-deps", "--format-version", "1"])
            .current_dir(root)
            .output()
            .context("cannot run `cargo metadata`")?;
        if !output.status.success() {
            bail!(
                "`cargo metadata` failed: {}",
                String::from_utf8_lossy(&output.stderr)
                    .lines()
                    .next()
                    .unwrap_or("")
            );
        }
        serde_json::from_slice(&output.stdout).context("cannot read `cargo metadata` output")
    }

    pub fn package(&self, name: &str) -> Option<&Package> {
        self.packages.iter().find(|p| p.name == name)
    }

    /// The packages under `listings/`, in name order.
    pub fn listing_packages(&self, root: &Path) -> Vec<&Package> {
        let listings = root.join("listings");
        let mut found: Vec<&Package> = self
            .packages
            .iter()
            .filter(|p| p.dir().starts_with(&listings))
            .collect();
        found.sort_by(|a, b| a.name.cmp(&b.name));
        found
    }
}

impl Package {
    pub fn dir(&self) -> &Path {
        self.manifest_path.parent().unwrap_or(Path::new("."))
    }

    pub fn binaries(&self) -> impl Iterator<Item = &str> {
        self.targets
            .iter()
            .filter(|t| t.kind.iter().any(|k| k == "bin"))
            .map(|t| t.name.as_str())
    }

    pub fn has_binary(&self, name: &str) -> bool {
        self.binaries().any(|b| b == name)
    }
}

/// Finds the folder holding `book.toml`: `start` itself or one of its parents.
pub fn find_root(start: &Path) -> Result<PathBuf> {
    for dir in start.ancestors() {
        if dir.join("book.toml").is_file() {
            return Ok(dir.to_owned());
        }
    }
    anyhow::bail!(
        "no book.toml in {} or any folder above it; run this inside the Threadwork repository or pass --book DIR",
        start.display()
    )
}
