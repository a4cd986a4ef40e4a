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

    /// The listing's title (see [`listing_title`]) for the part `selector`
    /// picks (the whole file when `None`); `None` for a file that is not a
    /// listing (an output, anything else).
    pub fn title(&self, selector: Option<&str>) -> Option<Result<String, String>> {
        let python = match self {
            IncludedFile::Listing { .. }
            | IncludedFile::Library { .. }
            | IncludedFile::CompileFail { .. } => false,
            IncludedFile::Python { .. } => true,
            IncludedFile::Output { .. } | IncludedFile::Other { .. } => return None,
        };
        Some(match std::fs::read_to_string(self.path()) {
            Ok(text) => listing_title(&text, selector, python),
            Err(e) => Err(format!("cannot be read: {e}")),
        })
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

/// The longest title a caption shows, in characters.
pub const TITLE_MAX: usize = 90;

/// The short title a listing's caption shows, written once, in the listing
/// file itself:
///
/// - a whole Rust file: the first line of its `//!` comment;
/// - a Python file: the first line of its module docstring;
/// - an excerpt (`selector` names an anchor): the first line of the `///` or
///   `//` comment the excerpt starts with, or the file's own title when the
///   excerpt starts with code (or with a comment whose first line runs on).
///
/// The line must be a title of its own: a sentence that ends on that line
/// (`.`, `?` or `!`), or the only line of its paragraph, and at most
/// [`TITLE_MAX`] characters. A final full stop is dropped. `Err` says what
/// is wrong, for the build and the book check to report.
pub fn listing_title(text: &str, selector: Option<&str>, python: bool) -> Result<String, String> {
    let anchored = selector.filter(|s| !s.chars().all(|c| c.is_ascii_digit() || c == ':'));
    if let Some(name) = anchored
        && let Some(comment) = leading_comment_of_anchor(text, name, python)
        && let Ok(title) = title_from(&comment)
    {
        return Ok(title);
    }
    let block = if python {
        python_docstring(text)
    } else {
        rust_file_doc(text)
    };
    let Some(block) = block else {
        return Err(if python {
            "has no title: start the file with a docstring whose first line says what the listing shows".into()
        } else {
            "has no title: start the file with a `//!` line that says what the listing shows".into()
        });
    };
    title_from(&block)
}

/// The title a comment's lines (markers stripped) give: see [`listing_title`].
fn title_from(lines: &[String]) -> Result<String, String> {
    let first = lines.first().map_or("", |l| l.trim());
    if first.is_empty() {
        return Err("has no title: the first line of its doc comment is empty".into());
    }
    let ends_sentence = first.ends_with(['.', '?', '!']);
    let alone = lines.get(1).is_none_or(|next| next.trim().is_empty());
    // A line that runs on into the next still gives its first sentence,
    // when that sentence ends on the line.
    // (Not "3. A wait group", where the full stop ends a number.)
    let first_sentence = [". ", "? ", "! "]
        .into_iter()
        .filter_map(|end| first.find(end).map(|at| at + 1))
        .min()
        .filter(|&end| {
            let sentence = &first[..end - 1];
            sentence.contains(' ') && !sentence.ends_with(|c: char| c.is_ascii_digit())
        });
    let first = match first_sentence {
        _ if ends_sentence || alone => first,
        Some(end) => &first[..end],
        None => {
            return Err(format!(
                "has no title: the first doc-comment line (\"{first}\") runs on into the next; \
                 make it a short title of its own, followed by an empty comment line"
            ));
        }
    };
    let length = first.chars().count();
    if length > TITLE_MAX {
        return Err(format!(
            "has a title of {length} characters (\"{first}\"); keep it to {TITLE_MAX}"
        ));
    }
    Ok(first.strip_suffix('.').unwrap_or(first).to_owned())
}

/// The `//!` block at the top of a Rust file (after blank lines, `//`
/// comments and `#![…]` attributes), markers stripped.
fn rust_file_doc(text: &str) -> Option<Vec<String>> {
    let mut block = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if let Some(doc) = line.strip_prefix("//!") {
            block.push(doc.trim().to_owned());
            continue;
        }
        if !block.is_empty() {
            break;
        }
        let skipped = line.is_empty() || line.starts_with("#![") || line.starts_with("//");
        if !skipped {
            return None;
        }
    }
    (!block.is_empty()).then_some(block)
}

/// The lines of a Python file's module docstring, quotes stripped.
fn python_docstring(text: &str) -> Option<Vec<String>> {
    let mut lines = text
        .lines()
        .skip_while(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    let first = lines.next()?.trim();
    let first = first.trim_start_matches(['r', 'R', 'u', 'U']);
    let quote = ["\"\"\"", "'''"]
        .into_iter()
        .find(|q| first.starts_with(q))?;
    let opened = &first[quote.len()..];
    if let Some((whole, _)) = opened.split_once(quote) {
        return Some(vec![whole.trim().to_owned()]);
    }
    let mut block = Vec::new();
    if !opened.trim().is_empty() {
        block.push(opened.trim().to_owned());
    }
    for line in lines {
        let (part, closed) = match line.split_once(quote) {
            Some((part, _)) => (part, true),
            None => (line, false),
        };
        if !(block.is_empty() && part.trim().is_empty()) {
            block.push(part.trim().to_owned());
        }
        if closed {
            break;
        }
    }
    (!block.is_empty()).then_some(block)
}

/// The comment an anchored excerpt starts with (after blank lines, nested
/// markers and attributes), markers stripped; `None` when it starts with code.
fn leading_comment_of_anchor(text: &str, name: &str, python: bool) -> Option<Vec<String>> {
    let marker = |line: &str, kind: &str| {
        let line = line.trim();
        line.strip_prefix("//")
            .or_else(|| line.strip_prefix('#'))
            .map(str::trim_start)
            .and_then(|rest| rest.strip_prefix(kind))
            .is_some_and(|found| found.trim() == name)
    };
    let mut lines = text.lines().skip_while(|l| !marker(l, "ANCHOR:"));
    lines.next()?;
    let mut block = Vec::new();
    for line in lines {
        if marker(line, "ANCHOR_END:") {
            break;
        }
        let trimmed = line.trim();
        if is_anchor_marker(trimmed) {
            continue;
        }
        let comment = if python {
            trimmed.strip_prefix('#').filter(|c| !c.starts_with('!'))
        } else {
            trimmed
                .strip_prefix("///")
                .or_else(|| trimmed.strip_prefix("//"))
                .filter(|c| !c.starts_with(['!', '/']))
        };
        match comment {
            Some(comment) => block.push(comment.trim().to_owned()),
            None if block.is_empty() && (trimmed.is_empty() || trimmed.starts_with("#[")) => {}
            None => break,
        }
    }
    (!block.is_empty()).then_some(block)
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

/// `// ANCHOR: name` or `# ANCHOR_END: name` on a line of its own.
pub fn is_anchor_marker(line: &str) -> bool {
    let text = line.trim();
    let Some(rest) = text
        .strip_prefix("//")
        .or_else(|| text.strip_prefix('#'))
        .map(str::trim_start)
    else {
        return false;
    };
    let Some(name) = rest
        .strip_prefix("ANCHOR:")
        .or_else(|| rest.strip_prefix("ANCHOR_END:"))
    else {
        return false;
    };
    let name = name.trim();
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
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
    fn a_whole_file_is_titled_by_its_first_doc_line() {
        let text = "//! Two threads share a counter.\n//!\n//! More about it.\nfn main() {}\n";
        assert_eq!(
            listing_title(text, None, false).as_deref(),
            Ok("Two threads share a counter")
        );
        let alone = "#![allow(dead_code)]\n//! `join` waits for a thread\nfn main() {}\n";
        assert_eq!(
            listing_title(alone, None, false).as_deref(),
            Ok("`join` waits for a thread")
        );
    }

    #[test]
    fn a_first_line_that_runs_on_gives_its_first_sentence() {
        let text = "//! A timer future. A real runtime keeps one timer\n//! for all tasks.\n";
        assert_eq!(
            listing_title(text, None, false).as_deref(),
            Ok("A timer future")
        );
        let numbered = "//! 3. A wait group: each job carries a clone\n//! of it.\n";
        assert!(listing_title(numbered, None, false).is_err());
    }

    #[test]
    fn a_listing_without_a_title_is_refused() {
        let none = "use std::thread;\n//! Too late for a title.\nfn main() {}\n";
        assert!(
            listing_title(none, None, false)
                .unwrap_err()
                .contains("no title")
        );
        let plain = "// A plain comment is not a title.\nfn main() {}\n";
        assert!(
            listing_title(plain, None, false)
                .unwrap_err()
                .contains("no title")
        );
        let run_on = "//! Download some books from a slow server,\n//! then count.\nfn main() {}\n";
        assert!(
            listing_title(run_on, None, false)
                .unwrap_err()
                .contains("runs on")
        );
        let long = format!("//! {}.\nfn main() {{}}\n", "word ".repeat(30));
        assert!(
            listing_title(&long, None, false)
                .unwrap_err()
                .contains("characters")
        );
        let python = "import threading\n\nprint('no docstring')\n";
        assert!(
            listing_title(python, None, true)
                .unwrap_err()
                .contains("docstring")
        );
    }

    #[test]
    fn an_excerpt_is_titled_by_its_own_comment_or_else_by_its_file() {
        let text = "//! The whole program.\n\
                    // ANCHOR: commented\n\
                    #[derive(Debug)]\n\
                    /// A fork on the table.\n\
                    struct Fork;\n\
                    // ANCHOR_END: commented\n\
                    fn main() {\n\
                    \x20   // ANCHOR: code\n\
                    \x20   let x = 1; // only code\n\
                    \x20   // ANCHOR_END: code\n\
                    \x20   // ANCHOR: run_on\n\
                    \x20   // Starts with a comment whose first line\n\
                    \x20   // runs on.\n\
                    \x20   let y = 2;\n\
                    \x20   // ANCHOR_END: run_on\n\
                    }\n";
        let title = |anchor| listing_title(text, Some(anchor), false);
        assert_eq!(title("commented").as_deref(), Ok("A fork on the table"));
        assert_eq!(title("code").as_deref(), Ok("The whole program"));
        assert_eq!(title("run_on").as_deref(), Ok("The whole program"));
        assert_eq!(
            listing_title(text, Some("2:3"), false).as_deref(),
            Ok("The whole program")
        );
        let untitled = "fn main() {\n    // ANCHOR: a\n    let x = 1;\n    // ANCHOR_END: a\n}\n";
        assert!(listing_title(untitled, Some("a"), false).is_err());
    }

    #[test]
    fn a_python_listing_is_titled_by_its_docstring() {
        let one_line = "#!/usr/bin/env python3\n\"\"\"Threads in Python.\"\"\"\nimport threading\n";
        assert_eq!(
            listing_title(one_line, None, true).as_deref(),
            Ok("Threads in Python")
        );
        let block = "\"\"\"\nA queue between two threads\n\nMore.\n\"\"\"\n";
        assert_eq!(
            listing_title(block, None, true).as_deref(),
            Ok("A queue between two threads")
        );
        let anchored = "\"\"\"The file.\"\"\"\n# ANCHOR: part\n# A lock in a with-block.\nwith lock:\n    pass\n# ANCHOR_END: part\n";
        assert_eq!(
            listing_title(anchored, Some("part"), true).as_deref(),
            Ok("A lock in a with-block")
        );
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
