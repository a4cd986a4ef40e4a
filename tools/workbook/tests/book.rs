//! The real book's integrity: it builds cleanly, and everything it includes,
//! runs or links to exists. (`checks_catch_breakage.rs` shows each check
//! failing on a broken fixture.)

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use workbook::book::build::{Built, build_collecting_warnings};
use workbook::book::check::{self, Book, Check, Found};
use workbook::workspace::Workspace;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The book, built once per test run into a folder of its own.
fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        // Inside target/, so repeated runs reuse one folder instead of filling /tmp.
        let dest = Path::new(env!("CARGO_TARGET_TMPDIR")).join("book-test");
        build_collecting_warnings(&root(), Some(&dest)).expect("the book builds")
    })
}

fn assert_none(what: &str, problems: Vec<String>) {
    assert!(problems.is_empty(), "{what}:\n  {}", problems.join("\n  "));
}

/// Every check of [`Check::ALL`], the list `workbook check-book` runs.
#[test]
fn every_book_check_passes() {
    let root = root();
    let binaries = check::binaries_of(&Workspace::load(&root).unwrap());
    let built = built();
    let book = Book {
        root: &root,
        html_dir: &built.dest,
        build_warnings: &built.warnings,
        binaries: &binaries,
    };
    let mut failures = Vec::new();
    for check in Check::ALL {
        match check.run(&book) {
            Found::Skipped(why) => println!("skipped {}: {why}", check.name()),
            Found::Problems(problems) if problems.is_empty() => {}
            Found::Problems(problems) => {
                failures.push(format!("{}:\n  {}", check.name(), problems.join("\n  ")))
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The Python check has something to run: the chapters' programs.
#[test]
fn the_python_check_finds_the_chapters_programs() {
    let found = check::python_programs_shown(&root()).len();
    assert!(
        found >= 2,
        "expected the chapters' Python programs, found {found}"
    );
}

#[test]
fn every_chapter_is_in_the_summary() {
    let summary = std::fs::read_to_string(root().join("src/SUMMARY.md")).unwrap();
    for title in [
        "Concurrency, parallelism, and where the time goes",
        "Threads",
        "Race conditions",
        "Locks",
        "Timers and timeouts",
        "Queues and channels",
        "Background threads and shutdown",
        "Pools",
        "Processes",
        "The GIL and Rust's ownership",
        "Python → Rust cheat sheet",
    ] {
        assert!(
            summary.contains(title),
            "SUMMARY.md lacks the chapter `{title}`"
        );
    }
}

#[test]
fn every_included_listing_and_output_has_a_caption() {
    for page in check::markdown_pages(&root()) {
        let text = std::fs::read_to_string(&page).unwrap();
        let listings = text.matches("{{#rustdoc_include ../../listings/").count()
            + text.matches("{{#include ../../listings/").count();
        if listings == 0 {
            continue;
        }
        let relative = page
            .strip_prefix(root().join("src"))
            .unwrap()
            .with_extension("html");
        let html = std::fs::read_to_string(built().dest.join(&relative)).unwrap();
        assert_eq!(
            html.matches("class=\"listing-caption").count(),
            listings,
            "{}: every included listing and output needs its caption",
            relative.display()
        );
        assert!(
            !html.contains("{{#"),
            "{}: a directive was left unexpanded",
            relative.display()
        );
    }
}

/// The stock `mdbook` CLI reaches the same preprocessor through
/// `cargo run -p workbook -- preprocessor` (book.toml); it must produce the
/// same pages as the in-process build.
#[test]
fn the_preprocessor_command_gives_the_same_book_as_the_in_process_build() {
    use mdbook_driver::MDBook;
    use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
    let book = MDBook::load(root()).unwrap();
    let ctx = PreprocessorContext::new(root(), book.config.clone(), "html".into());
    let input = serde_json::to_string(&(&ctx, &book.book)).unwrap();

    let supports = std::process::Command::new(env!("CARGO_BIN_EXE_workbook"))
        .args(["preprocessor", "supports", "html"])
        .status()
        .unwrap();
    assert!(supports.success());

    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_workbook"));
    command.arg("preprocessor").current_dir(root());
    let run =
        listingkit::run_with_deadline(command, Some(&input), std::time::Duration::from_secs(60))
            .unwrap();
    assert!(run.success(), "preprocessor failed: {}", run.output);
    let from_command: mdbook_preprocessor::book::Book = serde_json::from_str(&run.output).unwrap();
    let in_process = workbook::book::preprocess::Threadwork
        .run(&ctx, book.book.clone())
        .unwrap();
    assert_eq!(
        serde_json::to_value(&from_command).unwrap(),
        serde_json::to_value(&in_process).unwrap()
    );
}

#[test]
fn book_toml_reaches_the_preprocessor_through_cargo() {
    let config = std::fs::read_to_string(root().join("book.toml")).unwrap();
    assert!(config.contains("command = \"cargo run --quiet --package workbook -- preprocessor\""));
    assert!(config.contains("edition = \"2024\""));
}

/// Binaries of all packages share `target/debug/`, so two listings with one
/// name overwrite each other and a test may run the other chapter's program.
#[test]
fn binary_names_are_unique_across_the_workspace() {
    let workspace = Workspace::load(&root()).unwrap();
    let mut seen: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    let mut clashes = Vec::new();
    for package in &workspace.packages {
        for bin in package.binaries() {
            if let Some(other) = seen.insert(bin.to_owned(), package.name.clone()) {
                clashes.push(format!(
                    "binary `{bin}` is in both {other} and {}",
                    package.name
                ));
            }
        }
    }
    assert_none("binary names", clashes);
}
