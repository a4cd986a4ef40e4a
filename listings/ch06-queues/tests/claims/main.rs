//! Every test of the package, in one test binary: cargo links each file
//! directly in `tests/` as a binary of its own, and linking is most of the
//! wait after an edit. Each module holds the claims about one listing or
//! theme; a test's name starts with its module's
//! (`outputs::stored_outputs_match_a_fresh_run`). A new file here needs its
//! `mod` line below, which the last tests check.

mod listings;
mod outputs;

/// A file in this folder without a `mod` line above would never be compiled.
#[test]
fn every_file_here_is_a_module() {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/claims");
    for entry in std::fs::read_dir(here).expect("tests/claims is readable") {
        let name = entry.expect("a directory entry").file_name();
        let name = name.to_string_lossy();
        if let Some(module) = name.strip_suffix(".rs").filter(|m| *m != "main") {
            assert!(
                include_str!("main.rs").contains(&format!("\nmod {module};")),
                "tests/claims/{name} has no `mod {module};` in tests/claims/main.rs"
            );
        }
    }
}

/// Cargo.toml turns off the test harness of every binary and the library's
/// doctests (two builds fewer per listing): a `#[test]` in a binary or a
/// doctest would never run, so there must be none.
#[test]
fn no_test_hides_where_it_would_not_run() {
    let package = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(package.join("src/bin"))
        .into_iter()
        .flatten()
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    files.push(package.join("src/main.rs"));
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(!text.contains("#[test]"), "{} holds a test", file.display());
    }
    let lib = std::fs::read_to_string(package.join("src/lib.rs")).unwrap_or_default();
    assert!(
        !lib.contains("```"),
        "src/lib.rs has a doctest (Cargo.toml: doctest = false)"
    );
}
