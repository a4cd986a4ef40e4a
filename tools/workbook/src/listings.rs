//! What the book's include directives point at, and how each file is run.
//!
//! The conventions (ARCHITECTURE.md, "Listings"):
//! - `listings/<dir>/src/main.rs` runs as `cargo run -p <package>`;
//! - `listings/<dir>/src/bin/<name>.rs` as `cargo run -p <package> --bin <name>`;
//! - `listings/<dir>/python/<name>.py` as `python3 listings/<dir>/python/<name>.py`;
//! - `listings/<dir>/output/<name>.txt` is the stored output of binary `<name>`
//!   (`main` for main.rs), and `output/<name>.py.txt` that of a Python file;
//! - other `.rs` files under `src/` are the chapter's shared library code.

use anyhow::{Result, bail};
use listingkit::outputs::{OutputSpec, Outputs, package_name};
use regex::Regex;
use std::path::{Component, Path, PathBuf};
use std::sync::LazyLock;

static INCLUDE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{\{#(include|rustdoc_include)\s+([^}\s]+)\s*\}\}").unwrap());

/// One `{{#include path[:selector]}}` or `{{#rustdoc_include …}}` directive.
#[derive(Debug, Clone, PartialEq)]
pub struct Include {
    pub path: String,
    /// An anchor name, or a line range such as `3:10`, as written.
    pub selector: Option<String>,
}

impl Include {
    /// Parses a directive that makes up the whole of `text`.
    pub fn parse(text: &str) -> Option<Include> {
        let found = INCLUDE.captures(text.trim())?;
        if found.get(0)?.as_str() != text.trim() {
            return None;
        }
        Some(Include::from_target(&found[2]))
    }

    /// Every directive in a Markdown text.
    pub fn find_all(text: &str) -> Vec<Include> {
        INCLUDE
            .captures_iter(text)
            .map(|c| Include::from_target(&c[2]))
            .collect()
    }

    fn from_target(target: &str) -> Include {
        match target.split_once(':') {
            Some((path, selector)) => Include {
                path: path.to_owned(),
                selector: Some(selector.to_owned()),
            },
            None => Include {
                path: target.to_owned(),
                selector: None,
            },
        }
    }

    /// Checks that the file exists and the anchor or line range is in it, and
    /// says what kind of file it is.
    pub fn resolve(&self, root: &Path, page_dir: &Path) -> Result<IncludedFile> {
        let path = normalize(&page_dir.join(&self.path));
        let Ok(text) = std::fs::read_to_string(&path) else {
            bail!(
                "include `{}` names a file that does not exist ({})",
                self.path,
                path.display()
            );
        };
        if let Some(selector) = &self.selector {
            check_selector(&text, selector)
                .map_err(|why| anyhow::anyhow!("include `{}:{selector}`: {why}", self.path))?;
        }
        Ok(IncludedFile::classify(root, &path))
    }
}

fn check_selector(text: &str, selector: &str) -> std::result::Result<(), String> {
    let is_range = selector.chars().all(|c| c.is_ascii_digit() || c == ':');
    if is_range {
        let lines = text.lines().count();
        for bound in selector.split(':').filter(|b| !b.is_empty()) {
            let line: usize = bound
                .parse()
                .map_err(|_| format!("`{bound}` is not a line number"))?;
            if line == 0 || line > lines {
                return Err(format!("line {line} is outside the file's {lines} lines"));
            }
        }
        return Ok(());
    }
    let has = |marker: &str| {
        text.lines().any(|line| {
            line.split_once(marker)
                .is_some_and(|(_, name)| name.trim() == selector)
        })
    };
    match (has("ANCHOR:"), has("ANCHOR_END:")) {
        (true, true) => Ok(()),
        (false, _) => Err(format!("no `ANCHOR: {selector}` in the file")),
        (true, false) => Err(format!("no `ANCHOR_END: {selector}` in the file")),
    }
}

/// Resolves `.` and `..` without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A file the book includes, by what it is.
#[derive(Debug, Clone, PartialEq)]
pub enum IncludedFile {
    /// `src/main.rs` (bin `main`) or `src/bin/<bin>.rs`.
    Listing {
        path: PathBuf,
        package_dir: PathBuf,
        package: String,
        bin: String,
    },
    /// Another `.rs` file under a listing package's `src/`.
    Library {
        path: PathBuf,
        package_dir: PathBuf,
    },
    Python {
        path: PathBuf,
    },
    /// `compile_fail/<name>.rs`: a program rustc must reject.
    CompileFail {
        path: PathBuf,
    },
    /// `output/<name>.txt`: `name` is a binary, or `<file>.py` for Python.
    Output {
        path: PathBuf,
        package_dir: PathBuf,
        package: String,
        name: String,
    },
    Other {
        path: PathBuf,
    },
}

impl IncludedFile {
    /// `path` must be absolute and normalised; `root` is the repository root.
    pub fn classify(root: &Path, path: &Path) -> IncludedFile {
        let path_buf = path.to_owned();
        let Ok(relative) = path.strip_prefix(root) else {
            return IncludedFile::Other { path: path_buf };
        };
        let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
        let ["listings", dir, rest @ ..] = parts.as_slice() else {
            return IncludedFile::Other { path: path_buf };
        };
        let package_dir = root.join("listings").join(dir);
        let package = package_name(&package_dir).unwrap_or_else(|| (*dir).to_owned());
        let stem = |file: &str, ext: &str| file.strip_suffix(ext).map(str::to_owned);
        match rest {
            ["src", "main.rs"] => IncludedFile::Listing {
                path: path_buf,
                package_dir,
                package,
                bin: "main".into(),
            },
            ["src", "bin", file] if file.ends_with(".rs") => IncludedFile::Listing {
                path: path_buf,
                package_dir,
                package,
                bin: stem(file, ".rs").unwrap(),
            },
            ["src", .., file] if file.ends_with(".rs") => IncludedFile::Library {
                path: path_buf,
                package_dir,
            },
            ["python", .., file] if file.ends_with(".py") => {
                IncludedFile::Python { path: path_buf }
            }
            ["compile_fail", file] if file.ends_with(".rs") => {
                IncludedFile::CompileFail { path: path_buf }
            }
            ["output", file] if file.ends_with(".txt") => IncludedFile::Output {
                path: path_buf,
                package_dir,
                package,
                name: stem(file, ".txt").unwrap(),
            },
            _ => IncludedFile::Other { path: path_buf },
        }
    }

    pub fn path(&self) -> &Path {
        match self {
            IncludedFile::Listing { path, .. }
            | IncludedFile::Library { path, .. }
            | IncludedFile::Python { path }
            | IncludedFile::CompileFail { path }
            | IncludedFile::Output { path, .. }
            | IncludedFile::Other { path } => path,
        }
    }

    /// The path as the reader should see it: from the repository root.
    pub fn shown_path(&self) -> String {
        let path = self.path();
        let parts: Vec<_> = path.iter().filter_map(|p| p.to_str()).collect();
        match parts.iter().rposition(|p| *p == "listings") {
            Some(at) => parts[at..].join("/"),
            None => path.display().to_string(),
        }
    }

    /// The exact command that runs this file (or produced this output).
    pub fn run_command(&self) -> Option<String> {
        match self {
            IncludedFile::Listing {
                package_dir,
                package,
                bin,
                ..
            } => {
                let spec = output_spec(package_dir, bin);
                Some(cargo_run(package, bin, spec.release, &[]))
            }
            IncludedFile::Python { .. } => Some(format!("python3 {}", self.shown_path())),
            IncludedFile::CompileFail { .. } => {
                Some(format!("rustc --edition 2024 {}", self.shown_path()))
            }
            IncludedFile::Output {
                package_dir,
                package,
                name,
                ..
            } => match name.strip_suffix(".py") {
                Some(_) => {
                    let dir = package_dir.file_name()?.to_str()?;
                    Some(format!("python3 listings/{dir}/python/{name}"))
                }
                None => {
                    let spec = output_spec(package_dir, name);
                    if spec.error.is_some() {
                        let dir = package_dir.file_name()?.to_str()?;
                        return Some(format!(
                            "rustc --edition 2024 listings/{dir}/compile_fail/{name}.rs"
                        ));
                    }
                    Some(cargo_run(package, name, spec.release, &spec.args))
                }
            },
            IncludedFile::Library { .. } | IncludedFile::Other { .. } => None,
        }
    }

    /// Whether the Rust Playground can run this listing as it stands: one
    /// file that uses neither its chapter's library (the local book server,
    /// the workloads) nor the reader's terminal.
    pub fn runs_on_playground(&self) -> bool {
        let IncludedFile::Listing { path, .. } = self else {
            return false;
        };
        let Ok(text) = std::fs::read_to_string(path) else {
            return false;
        };
        static LOCAL_CRATE: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"\bch\d\d::|\bmod\s+\w+\s*;").unwrap());
        !LOCAL_CRATE.is_match(&text) && !text.contains("stdin()") && !text.contains("TcpListener")
    }
}

/// How `bin` is run and checked, from its package's `outputs.toml`.
fn output_spec(package_dir: &Path, bin: &str) -> OutputSpec {
    Outputs::load(package_dir)
        .ok()
        .and_then(|o| o.specs.get(bin).cloned())
        .unwrap_or_default()
}

/// The command a reader types to run `bin` of `package`.
pub fn cargo_run(package: &str, bin: &str, release: bool, args: &[String]) -> String {
    let mut command = String::from("cargo run");
    if release {
        command.push_str(" --release");
    }
    command.push_str(" -p ");
    command.push_str(package);
    if bin != "main" {
        command.push_str(" --bin ");
        command.push_str(bin);
    }
    if !args.is_empty() {
        command.push_str(" -- ");
        command.push_str(&args.join(" "));
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_directives_with_and_without_selectors() {
        assert_eq!(
            Include::parse("{{#rustdoc_include ../../listings/ch02-threads/src/main.rs:spawn}}"),
            Some(Include {
                path: "../../listings/ch02-threads/src/main.rs".into(),
                selector: Some("spawn".into())
            })
        );
        assert_eq!(
            Include::parse("{{#include a.txt}}"),
            Some(Include {
                path: "a.txt".into(),
                selector: None
            })
        );
        assert_eq!(Include::parse("see {{#include a.txt}}"), None);
    }

    #[test]
    fn selectors_must_exist() {
        let text = "a\n// ANCHOR: spawn\nb\n// ANCHOR_END: spawn\n";
        assert!(check_selector(text, "spawn").is_ok());
        assert!(
            check_selector(text, "join")
                .unwrap_err()
                .contains("ANCHOR: join")
        );
        assert!(check_selector(text, "2:4").is_ok());
        assert!(check_selector(text, "2:9").is_err());
        assert!(
            check_selector("// ANCHOR: x\n", "x")
                .unwrap_err()
                .contains("ANCHOR_END")
        );
    }

    #[test]
    fn commands_follow_from_paths() {
        let root = Path::new("/nowhere");
        let main = IncludedFile::classify(root, Path::new("/nowhere/listings/ch09-x/src/main.rs"));
        assert_eq!(main.run_command().as_deref(), Some("cargo run -p ch09-x"));
        let bin = IncludedFile::classify(
            root,
            Path::new("/nowhere/listings/ch09-x/src/bin/workers.rs"),
        );
        assert_eq!(
            bin.run_command().as_deref(),
            Some("cargo run -p ch09-x --bin workers")
        );
        let py = IncludedFile::classify(root, Path::new("/nowhere/listings/ch09-x/python/pool.py"));
        assert_eq!(
            py.run_command().as_deref(),
            Some("python3 listings/ch09-x/python/pool.py")
        );
        let lib = IncludedFile::classify(root, Path::new("/nowhere/listings/ch09-x/src/lib.rs"));
        assert_eq!(lib.run_command(), None);
    }
}
