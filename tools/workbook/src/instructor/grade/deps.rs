//! The crates exercises may use (crossbeam-channel, rayon, …) and the
//! tests' shared helpers (`testkit`), compiled once by cargo outside the
//! sandbox and then handed to every student's build
//! read-only, so a class pays for them once and no student build touches
//! the network or another student's artifacts.

use anyhow::{Context, Result, bail};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::exercises::project::{TESTKIT, testkit_source, write_testkit};

/// A compiler and the compiled dependencies, ready for `rustc`.
#[derive(Debug, Clone)]
pub struct Toolchain {
    /// The toolchain's root: bound read-only into build sandboxes.
    pub sysroot: PathBuf,
    pub rustc: PathBuf,
    /// `target/debug/deps` of the dependency build: `-L dependency=`.
    pub deps_dir: PathBuf,
    /// Crate name (`crossbeam_channel`) → its rlib.
    pub externs: BTreeMap<String, PathBuf>,
}

impl Toolchain {
    /// `--extern` arguments for the workspace dependencies `names`
    /// (`crossbeam-channel`), which must have been built.
    pub fn extern_args(&self, names: &[String]) -> Result<Vec<String>> {
        let mut args = Vec::new();
        for name in names {
            let krate = name.replace('-', "_");
            let Some(rlib) = self.externs.get(&krate) else {
                bail!("dependency `{name}` was not built for grading");
            };
            args.push("--extern".to_owned());
            args.push(format!("{krate}={}", rlib.display()));
        }
        Ok(args)
    }

    /// The `--extern` arguments that give the tests their shared helpers.
    pub fn testkit_args(&self) -> Result<Vec<String>> {
        self.extern_args(&[TESTKIT.to_owned()])
    }
}

/// Builds `names` (from the workspace's `[workspace.dependencies]`) and
/// the tests' helpers into `cache`, reusing an earlier build for the same crates, lock file and
/// compiler.
pub fn prepare(
    repo_root: &Path,
    names: &[String],
    cache: &Path,
    offline: bool,
) -> Result<Toolchain> {
    let sysroot = sysroot()?;
    let rustc = sysroot.join("bin").join("rustc");
    let version = Command::new(&rustc)
        .arg("-vV")
        .output()
        .context("cannot run rustc")?;
    let lock = std::fs::read_to_string(repo_root.join("Cargo.lock")).unwrap_or_default();
    let mut names: Vec<String> = names.to_vec();
    names.sort();
    names.dedup();
    let key = crate::exercises::project::fingerprint(&format!(
        "{}\n{}\n{lock}\n{}",
        names.join(","),
        String::from_utf8_lossy(&version.stdout),
        testkit_source(repo_root)?
    ));
    std::fs::create_dir_all(cache).with_context(|| format!("cannot create {}", cache.display()))?;
    // Absolute: the sandbox binds paths by name.
    let project = std::fs::canonicalize(cache)?.join(format!("deps-{key}"));
    std::fs::create_dir_all(project.join("src"))
        .with_context(|| format!("cannot create {}", project.display()))?;
    let deps_dir = project.join("target/debug/deps");
    write_testkit(repo_root, &project)?;
    let manifest = format!(
        "[package]\nname = \"threadwork-grading-deps\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\n{}{TESTKIT} = {{ path = \"{TESTKIT}\" }}\n\n[profile.dev]\nopt-level = 1\ndebug = 0\n\n\
         # A workspace of its own, wherever the cache is (even inside a book's).\n[workspace]\n",
        crate::exercises::project::dependency_lines(repo_root, &names)?
    );
    std::fs::write(project.join("Cargo.toml"), manifest)?;
    std::fs::write(project.join("src/lib.rs"), "")?;
    if !lock.is_empty() {
        std::fs::write(project.join("Cargo.lock"), &lock)?;
    }
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .args(["build", "--lib", "--message-format=json"])
        .current_dir(&project)
        .env("RUSTC", &rustc)
        .env("CARGO_TARGET_DIR", project.join("target"))
        .env_remove("RUSTFLAGS");
    if offline {
        command.arg("--offline");
    }
    let run = listingkit::run_with_deadline(command, None, Duration::from_secs(1200))
        .context("cannot run cargo to build the exercises' dependencies")?;
    if !run.success() {
        let said: Vec<&str> = run.output.lines().filter(|l| !l.starts_with('{')).collect();
        bail!(
            "cannot build the exercises' dependencies ({}): {}",
            names.join(", "),
            said.join("\n")
        );
    }
    let mut externs = BTreeMap::new();
    let wanted: Vec<String> = names
        .iter()
        .map(|n| n.replace('-', "_"))
        .chain([TESTKIT.to_owned()])
        .collect();
    for line in run.output.lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-artifact" {
            continue;
        }
        let krate = message["target"]["name"]
            .as_str()
            .unwrap_or_default()
            .replace('-', "_");
        if !wanted.contains(&krate) {
            continue;
        }
        let rlib = message["filenames"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f.as_str())
            .find(|f| f.ends_with(".rlib"));
        if let Some(rlib) = rlib {
            externs.insert(krate, PathBuf::from(rlib));
        }
    }
    for krate in &wanted {
        if !externs.contains_key(krate) {
            bail!("cargo built no library for `{krate}`");
        }
    }
    Ok(Toolchain {
        sysroot,
        rustc,
        deps_dir,
        externs,
    })
}

fn sysroot() -> Result<PathBuf> {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let output = Command::new(&rustc)
        .args(["--print", "sysroot"])
        .output()
        .with_context(|| format!("cannot run {rustc}"))?;
    if !output.status.success() {
        bail!("`{rustc} --print sysroot` failed");
    }
    Ok(PathBuf::from(
        String::from_utf8_lossy(&output.stdout).trim().to_owned(),
    ))
}
