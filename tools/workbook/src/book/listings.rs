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

    /// Whether the Rust Playground can run this listing as it stands (see
    /// [`playground_refusal`]).
    pub fn runs_on_playground(&self) -> bool {
        let IncludedFile::Listing { path, .. } = self else {
            return false;
        };
        let Ok(text) = std::fs::read_to_string(path) else {
            return false;
        };
        playground_refusal(&text).is_none()
    }
}

/// The crates a listing may use and still run on the Rust Playground, which
/// offers the most downloaded crates on crates.io. Checked against the
/// Playground's crate list (its `compiler/base/Cargo.toml` and the
/// `/meta/crates` answer): crossbeam-channel, parking_lot and rayon are on
/// it; ctrlc is not.
pub const PLAYGROUND_CRATES: [&str; 3] = ["crossbeam_channel", "parking_lot", "rayon"];

/// Every crate a listing may depend on (the workspace's dependencies), as
/// written in Rust paths.
const KNOWN_CRATES: [&str; 5] = [
    "crossbeam_channel",
    "parking_lot",
    "rayon",
    "ctrlc",
    "tokio",
];

/// Why the Playground could not run the listing `text` as one file, or `None`
/// if it could. The run button is kept only where it works: a listing gets
/// it when it is a single file that needs nothing but std and crates the
/// Playground offers, and no local resource the Playground lacks.
pub fn playground_refusal(text: &str) -> Option<&'static str> {
    static LOCAL_CRATE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\bch\d\d::|\bmod\s+\w+\s*;").unwrap());
    static CRATE_PATH: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b([a-z_][a-z0-9_]*)::").unwrap());
    if LOCAL_CRATE.is_match(text) {
        return Some("uses its chapter's library or another file of the package");
    }
    if text.contains("stdin()") {
        return Some("reads the terminal, which the Playground does not offer");
    }
    if text.contains("TcpListener") {
        return Some("serves on a local network port");
    }
    if text.contains("Command::new") || text.contains("current_exe") {
        return Some("starts processes, which need the local machine");
    }
    let unavailable = CRATE_PATH
        .captures_iter(text)
        .map(|c| c.get(1).map_or("", |m| m.as_str()))
        .any(|name| KNOWN_CRATES.contains(&name) && !PLAYGROUND_CRATES.contains(&name));
    if unavailable {
        return Some("uses a crate the Playground does not offer");
    }
    None
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
    fn the_run_button_is_kept_only_where_the_playground_can_run_the_listing() {
        let std_only = "use std::thread;\nfn main() { thread::spawn(|| 1).join().unwrap(); }";
        assert_eq!(playground_refusal(std_only), None);
        let offered = "use rayon::prelude::*;\nuse crossbeam_channel::bounded;\nuse parking_lot::Mutex;\nfn main() {}";
        assert_eq!(playground_refusal(offered), None);
        let cases = [
            ("use ch01::BOOKS;\nfn main() {}", "chapter's library"),
            ("mod helpers;\nfn main() {}", "another file"),
            ("fn main() { std::io::stdin().lines(); }", "terminal"),
            (
                "fn main() { std::net::TcpListener::bind(\"127.0.0.1:0\"); }",
                "network port",
            ),
            (
                "fn main() { std::process::Command::new(\"tr\"); }",
                "processes",
            ),
            ("fn main() { std::env::current_exe(); }", "processes"),
            ("fn main() { ctrlc::set_handler(|| {}); }", "does not offer"),
        ];
        for (text, reason) in cases {
            let refusal = playground_refusal(text).unwrap_or_else(|| panic!("ran: {text}"));
            assert!(refusal.contains(reason), "{text}: {refusal}");
        }
    }

    #[test]
    fn the_playground_list_covers_every_workspace_dependency_a_listing_may_use() {
        // A new dependency must be added to KNOWN_CRATES, and to
        // PLAYGROUND_CRATES only after checking the Playground's list.
        let manifest =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../Cargo.toml"))
                .unwrap();
        let deps = manifest
            .split("[workspace.dependencies]")
            .nth(1)
            .unwrap()
            .split("\n[")
            .next()
            .unwrap();
        for line in deps.lines() {
            let Some((name, _)) = line.split_once('=') else {
                continue;
            };
            let name = name.trim().replace('-', "_");
            if name.starts_with('#')
                || name.starts_with("ch")
                || name == "listingkit"
                || name == "roxmltree"
            {
                continue;
            }
            assert!(
                KNOWN_CRATES.contains(&name.as_str()),
                "{name} missing from KNOWN_CRATES"
            );
        }
    }

    #[test]
    fn the_page_offers_mdbook_the_same_crate_list_as_the_preprocessor() {
        // theme/head.hbs answers mdBook's crate-list request in the page.
        let head = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../theme/head.hbs"),
        )
        .unwrap();
        let line = head
            .lines()
            .find(|l| l.contains("var OFFERED = ["))
            .expect("theme/head.hbs lists OFFERED crates");
        let listed: Vec<&str> = line
            .split(['[', ']'])
            .nth(1)
            .unwrap()
            .split(',')
            .map(|name| name.trim().trim_matches('"'))
            .collect();
        assert_eq!(listed, PLAYGROUND_CRATES);
    }

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
