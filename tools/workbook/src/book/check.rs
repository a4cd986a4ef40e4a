//! Book integrity checks: what `workbook check` and the tests verify.
//!
//! Each check returns the problems it found, one line each, so that a test
//! can show all of them at once and a fixture can prove the check fails.

use crate::book::capture::python3;
use crate::book::listings::{Include, IncludedFile, normalize};
use crate::util::fs::walk;
use crate::util::html::unescape as decode_entities;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;
use std::time::Duration;

/// Every Markdown page under `src/`, sorted.
pub fn markdown_pages(root: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = walk(&root.join("src"))
        .into_iter()
        .filter(|p| has_ext(p, "md"))
        .collect();
    pages.sort();
    pages
}

fn has_ext(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e == ext)
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Every include directive in the book, with the page it is on.
fn includes(root: &Path) -> Vec<(PathBuf, Include)> {
    let mut found = Vec::new();
    for page in markdown_pages(root) {
        let text = std::fs::read_to_string(&page).unwrap_or_default();
        for include in Include::find_all(&text) {
            found.push((page.clone(), include));
        }
    }
    found
}

/// Every `{{#include}}` / `{{#rustdoc_include}}` names a file that exists,
/// and its anchor or line range is in that file.
pub fn check_includes(root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for (page, include) in includes(root) {
        let page_dir = page.parent().unwrap_or(root);
        if let Err(e) = include.resolve(root, page_dir) {
            problems.push(format!("{}: {e}", relative(root, &page)));
        }
    }
    problems
}

/// Every listing file (sources, Python programs, stored outputs) is shown
/// somewhere in the book.
pub fn check_listing_files_included(root: &Path) -> Vec<String> {
    let included: BTreeSet<PathBuf> = includes(root)
        .into_iter()
        .map(|(page, include)| normalize(&page.parent().unwrap_or(root).join(&include.path)))
        .collect();
    let mut problems = Vec::new();
    let mut files: Vec<PathBuf> = walk(&root.join("listings"))
        .into_iter()
        .filter(|path| {
            let parts: Vec<_> = path
                .strip_prefix(root)
                .unwrap_or(path)
                .iter()
                .filter_map(|p| p.to_str())
                .collect();
            match parts.as_slice() {
                ["listings", _, "src", .., file] => file.ends_with(".rs"),
                ["listings", _, "python", .., file] => file.ends_with(".py"),
                ["listings", _, "compile_fail", file] => file.ends_with(".rs"),
                ["listings", _, "output", file] => file.ends_with(".txt"),
                _ => false,
            }
        })
        .collect();
    files.sort();
    for file in files {
        if !included.contains(&file) {
            problems.push(format!(
                "{} is not included anywhere in the book",
                relative(root, &file)
            ));
        }
    }
    problems
}

/// Every listing the book shows has a short title in its own file (see
/// [`crate::book::listings::listing_title`]), for its caption.
pub fn check_listing_titles(root: &Path) -> Vec<String> {
    let mut problems = BTreeSet::new();
    for (page, include) in includes(root) {
        let page_dir = page.parent().unwrap_or(root);
        let Ok(file) = include.resolve(root, page_dir) else {
            continue; // reported by the include check
        };
        if let Some(Err(why)) = file.title(include.selector.as_deref()) {
            let shown = match &include.selector {
                Some(selector) => format!("{}:{selector}", file.shown_path()),
                None => file.shown_path(),
            };
            problems.insert(format!("{}: {shown} {why}", relative(root, &page)));
        }
    }
    problems.into_iter().collect()
}

static CARGO_RUN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"cargo run([^`\n<]*)").unwrap());

/// A package's binaries, by package name: what a `cargo run` may name.
pub type Binaries = BTreeMap<String, BTreeSet<String>>;

pub fn binaries_of(workspace: &crate::workspace::Workspace) -> Binaries {
    workspace
        .packages
        .iter()
        .map(|p| (p.name.clone(), p.binaries().map(str::to_owned).collect()))
        .collect()
}

/// Every `cargo run …` written in the book names a package and binary that
/// exist.
pub fn check_run_commands(root: &Path, binaries: &Binaries) -> Vec<String> {
    let mut problems = Vec::new();
    for page in markdown_pages(root) {
        let text = std::fs::read_to_string(&page).unwrap_or_default();
        for found in CARGO_RUN.captures_iter(&text) {
            let command = found[0].trim_end();
            if let Err(why) = check_run_command(&found[1], binaries) {
                problems.push(format!("{}: `{command}`: {why}", relative(root, &page)));
            }
        }
    }
    problems
}

fn check_run_command(arguments: &str, binaries: &Binaries) -> Result<(), String> {
    let mut words = arguments.split_whitespace();
    let (mut package, mut bin) = (None, None);
    while let Some(word) = words.next() {
        match word {
            "--" => break,
            "-p" | "--package" => package = words.next(),
            "--bin" => bin = words.next(),
            "--release" | "-q" | "--quiet" => {}
            other if other.starts_with("--package=") => package = other.strip_prefix("--package="),
            other if other.starts_with("--bin=") => bin = other.strip_prefix("--bin="),
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    let Some(package) = package else {
        return Err("names no package (-p)".into());
    };
    let Some(bins) = binaries.get(package) else {
        return Err(format!("there is no package `{package}`"));
    };
    match bin {
        Some(bin) if !bins.contains(bin) => {
            Err(format!("package `{package}` has no binary `{bin}`"))
        }
        None if !bins.contains(package) => {
            Err(format!("package `{package}` has no default binary"))
        }
        _ => Ok(()),
    }
}

static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\s(?:id|name)="([^"]*)""#).unwrap());
static BASE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"<base href="([^"]*)""#).unwrap());
static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\s(?:href|src)="([^"]*)""#).unwrap());

/// No link or resource reference in the built HTML points at a missing file
/// or a missing `#fragment`.
pub fn check_links(html_dir: &Path) -> Vec<String> {
    let pages: Vec<PathBuf> = walk(html_dir)
        .into_iter()
        .filter(|p| has_ext(p, "html"))
        .collect();
    let mut ids: HashMap<PathBuf, BTreeSet<String>> = HashMap::new();
    let mut texts = Vec::new();
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap_or_default();
        ids.insert(
            page.clone(),
            ID.captures_iter(&text)
                .map(|c| decode_entities(&c[1]))
                .collect(),
        );
        texts.push((page.clone(), text));
    }
    let mut problems = Vec::new();
    for (page, text) in &texts {
        // mdBook's 404 page sets <base href="/"> so that it works at any URL.
        let base = match BASE.captures(text) {
            Some(found) => html_dir.join(found[1].trim_start_matches('/')),
            None => page.parent().unwrap_or(html_dir).to_owned(),
        };
        for found in LINK.captures_iter(text) {
            let link = decode_entities(&found[1]);
            if is_external(&link) {
                continue;
            }
            let (path_part, fragment) = match link.split_once('#') {
                Some((path, fragment)) => (path, Some(fragment)),
                None => (link.as_str(), None),
            };
            let path_part = path_part.split('?').next().unwrap_or("");
            let target = if path_part.is_empty() {
                page.clone()
            } else {
                let decoded = decoded_or_as_is(path_part);
                let mut target = match decoded.strip_prefix('/') {
                    Some(from_top) => normalize(&html_dir.join(from_top)),
                    None => normalize(&base.join(decoded)),
                };
                if target.is_dir() {
                    target = target.join("index.html");
                }
                target
            };
            if !target.exists() {
                problems.push(format!(
                    "{}: link `{link}` points at a missing file",
                    relative(html_dir, page)
                ));
                continue;
            }
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let known = ids
                    .get(&target)
                    .is_some_and(|ids| ids.contains(&decoded_or_as_is(fragment)));
                if has_ext(&target, "html") && !known {
                    problems.push(format!(
                        "{}: link `{link}` points at a missing #fragment",
                        relative(html_dir, page)
                    ));
                }
            }
        }
    }
    problems
}

/// A link's path or fragment, percent-decoded; as written when it does not
/// decode (a broken escape is then looked up as it stands).
fn decoded_or_as_is(text: &str) -> String {
    crate::util::url::percent_decode(text).unwrap_or_else(|| text.to_owned())
}

fn is_external(link: &str) -> bool {
    link.starts_with("//")
        || link.contains("{{")
        || link.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        })
}

/// What the Python check did.
pub enum PythonCheck {
    Ran {
        problems: Vec<String>,
        checked: usize,
    },
    Skipped(String),
}

/// The Python programs the book's pages include.
pub fn python_programs_shown(root: &Path) -> BTreeSet<PathBuf> {
    includes(root)
        .into_iter()
        .filter_map(|(page, include)| {
            let file = include.resolve(root, page.parent()?).ok()?;
            matches!(file, IncludedFile::Python { .. }).then(|| file.path().to_owned())
        })
        .collect()
}

/// Every Python program shown in the book runs under python3, exits 0, and
/// prints lines of the same shape as its stored output.
pub fn check_python(root: &Path) -> PythonCheck {
    if python3().is_none() {
        return PythonCheck::Skipped(
            "python3 is not installed, so the book's Python programs were not run".into(),
        );
    }
    let shown = python_programs_shown(root);
    let mut problems = Vec::new();
    for script in &shown {
        let mut command = Command::new("python3");
        command.arg(script).current_dir(root);
        let run = match listingkit::run_with_deadline(command, None, Duration::from_secs(60)) {
            Ok(run) => run,
            Err(e) => {
                problems.push(format!(
                    "{}: cannot run python3: {e}",
                    relative(root, script)
                ));
                continue;
            }
        };
        if !run.success() {
            let status = if run.timed_out() {
                "did not finish in 60 s".to_owned()
            } else {
                format!("exited with {:?}", run.status)
            };
            problems.push(format!(
                "{}: {status}; it printed:\n{}",
                relative(root, script),
                run.output
            ));
            continue;
        }
        let name = script
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let package_dir = script.parent().and_then(Path::parent).unwrap_or(root);
        let stored_path = listingkit::outputs::output_path(package_dir, name);
        if let Ok(stored) = std::fs::read_to_string(&stored_path)
            && let Err(difference) = listingkit::outputs::compare(
                listingkit::outputs::Check::Shape,
                &stored,
                &run.output,
            )
        {
            problems.push(format!(
                "{}: output differs from {} ({difference}); re-capture with `cargo run -p workbook -- capture`",
                relative(root, script),
                relative(root, &stored_path)
            ));
        }
    }
    PythonCheck::Ran {
        problems,
        checked: shown.len(),
    }
}

/// Every exercise is on one exercises page (`{{#exercise ID}}`) and in the
/// solutions appendix (`{{#solution ID}}`), once each.
pub fn check_exercises_shown(root: &Path) -> Vec<String> {
    let exercises = match crate::exercises::load_all(root) {
        Ok(exercises) => exercises,
        Err(e) => return vec![format!("exercises: {e:#}")],
    };
    let pages: Vec<String> = markdown_pages(root)
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let mut problems = Vec::new();
    for exercise in &exercises {
        for directive in ["exercise", "solution"] {
            let needle = format!("{{{{#{directive} {}}}}}", exercise.id());
            let count: usize = pages.iter().map(|p| p.matches(&needle).count()).sum();
            if count != 1 {
                problems.push(format!(
                    "`{needle}` appears {count} times in the book; it should appear once"
                ));
            }
        }
    }
    problems
}

static PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(TODO|TBD|coming soon|lorem ipsum|write this)\b").unwrap());
static SUMMARY_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]]+)\]\(([^)]*)\)").unwrap());

/// Chapters not written yet are draft entries in SUMMARY.md, never pages that
/// promise content: every page listed exists and holds no placeholder text.
pub fn check_pages(root: &Path) -> Vec<String> {
    let summary_path = root.join("src/SUMMARY.md");
    let Ok(summary) = std::fs::read_to_string(&summary_path) else {
        return vec!["src/SUMMARY.md is missing".into()];
    };
    let mut problems = Vec::new();
    for found in SUMMARY_LINK.captures_iter(&summary) {
        let target = &found[2];
        if target.is_empty() {
            continue; // a draft entry
        }
        let page = root.join("src").join(target);
        match std::fs::read_to_string(&page) {
            Err(_) => problems.push(format!("SUMMARY.md lists {target}, which does not exist")),
            Ok(text) => {
                // `todo!()` is Rust's macro, not a note that the page is unwritten.
                let placeholder = PLACEHOLDER
                    .find_iter(&text)
                    .find(|m| !text[m.end()..].starts_with('!'));
                if let Some(word) = placeholder {
                    problems.push(format!(
                        "src/{target}: placeholder text `{}`",
                        word.as_str()
                    ));
                }
                // A solutions page is short Markdown that expands to whole solutions.
                let generated = text.contains("{{#solution ");
                if text.split_whitespace().count() < 150 && !generated {
                    problems.push(format!("src/{target}: fewer than 150 words; unwritten chapters belong in SUMMARY.md as draft entries"));
                }
            }
        }
    }
    problems
}

/// What a book check is given: the book's folder and one build of it.
pub struct Book<'a> {
    pub root: &'a Path,
    /// The built HTML.
    pub html_dir: &'a Path,
    /// What mdBook warned about while building it.
    pub build_warnings: &'a [String],
    /// The workspace's binaries by package (see [`binaries_of`]).
    pub binaries: &'a Binaries,
}

/// What one check found.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// The problems, one line each; none when the book passes.
    Problems(Vec<String>),
    /// The check could not run here (why).
    Skipped(String),
}

impl Found {
    /// The problems found (none when skipped).
    pub fn problems(&self) -> &[String] {
        match self {
            Found::Problems(problems) => problems,
            Found::Skipped(_) => &[],
        }
    }
}

/// Declares the book checks once: the enum, its list [`Check::ALL`] and
/// their names all come from this one table, so they cannot disagree.
macro_rules! book_checks {
    ($($check:ident => $name:literal,)*) => {
        /// One book check. `workbook check-book`, `tests/book.rs` and the
        /// fixture test all run [`Check::ALL`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Check {
            $($check,)*
        }

        impl Check {
            /// Every check, in the order `check-book` reports them.
            pub const ALL: &'static [Check] = &[$(Check::$check,)*];

            /// The name `check-book` prints.
            pub fn name(self) -> &'static str {
                match self {
                    $(Check::$check => $name,)*
                }
            }
        }
    };
}

book_checks! {
    BuildWarnings => "build warnings",
    Includes => "includes and anchors",
    ListingFilesShown => "every listing file shown",
    ListingTitles => "listing titles",
    RunCommands => "cargo run commands",
    Links => "links and fragments",
    Pages => "pages",
    ExercisesShown => "exercises shown",
    Figures => "figures",
    Quizzes => "quizzes",
    PythonPrograms => "python programs",
}

impl Check {
    /// Runs this check on `book`.
    pub fn run(self, book: &Book) -> Found {
        let root = book.root;
        let problems = match self {
            Check::BuildWarnings => book.build_warnings.to_vec(),
            Check::Includes => check_includes(root),
            Check::ListingFilesShown => check_listing_files_included(root),
            Check::ListingTitles => check_listing_titles(root),
            Check::RunCommands => check_run_commands(root, book.binaries),
            Check::Links => check_links(book.html_dir),
            Check::Pages => check_pages(root),
            Check::ExercisesShown => check_exercises_shown(root),
            Check::Figures => crate::book::figures::check_figures(root),
            Check::Quizzes => crate::book::quiz::check_quizzes(root),
            Check::PythonPrograms => match check_python(root) {
                PythonCheck::Ran { problems, .. } => problems,
                PythonCheck::Skipped(why) => return Found::Skipped(why),
            },
        };
        Found::Problems(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bins() -> Binaries {
        let mut map = Binaries::new();
        map.insert(
            "ch02".into(),
            ["ch02", "scoped_threads"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        );
        map.insert(
            "workbook".into(),
            ["workbook"].iter().map(|s| s.to_string()).collect(),
        );
        map
    }

    #[test]
    fn run_commands_are_checked_against_real_binaries() {
        assert!(check_run_command(" -p ch02 --bin scoped_threads", &bins()).is_ok());
        assert!(check_run_command(" --release -p ch02", &bins()).is_ok());
        assert!(check_run_command(" -p workbook -- serve --port 4000", &bins()).is_ok());
        assert!(
            check_run_command(" -p ch02 --bin scoped", &bins())
                .unwrap_err()
                .contains("no binary")
        );
        assert!(
            check_run_command(" -p ch99", &bins())
                .unwrap_err()
                .contains("no package")
        );
        assert!(
            check_run_command(" --bin scoped_threads", &bins())
                .unwrap_err()
                .contains("no package")
        );
    }

    #[test]
    fn external_links_are_recognised() {
        assert!(is_external("https://doc.rust-lang.org/std/"));
        assert!(is_external("mailto:someone@example.org"));
        assert!(!is_external("ch02-threads/index.html#names"));
        assert!(!is_external("#names"));
    }
}
