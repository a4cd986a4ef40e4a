//! Guards shared by every listing package's one test binary
//! (`tests/claims/main.rs`): no test file left out of it, and no test where
//! cargo is told not to look.

use std::path::Path;

/// Files in `tests/claims/` that `main_rs` (that folder's `main.rs`) has no
/// `mod` line for: cargo would never compile them.
pub fn files_without_mod(package_dir: &str, main_rs: &str) -> Vec<String> {
    let here = Path::new(package_dir).join("tests/claims");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&here).expect("tests/claims is readable") {
        let name = entry.expect("a directory entry").file_name();
        let name = name.to_string_lossy();
        if let Some(module) = name.strip_suffix(".rs").filter(|m| *m != "main")
            && !main_rs.contains(&format!("\nmod {module};"))
        {
            missing.push(format!(
                "tests/claims/{name} has no `mod {module};` in tests/claims/main.rs"
            ));
        }
    }
    missing
}

/// A listing package's Cargo.toml turns off the test harness of every
/// binary and the library's doctests (two builds fewer per listing), so a
/// `#[test]` in a binary or a doctest in the library would never run: the
/// files that hold one.
pub fn tests_that_would_not_run(package_dir: &str) -> Vec<String> {
    let package = Path::new(package_dir);
    let mut files: Vec<_> = std::fs::read_dir(package.join("src/bin"))
        .into_iter()
        .flatten()
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    files.push(package.join("src/main.rs"));
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        if text.contains("#[test]") {
            found.push(format!("{} holds a test", file.display()));
        }
    }
    let lib = std::fs::read_to_string(package.join("src/lib.rs")).unwrap_or_default();
    if lib.contains("```") {
        found.push("src/lib.rs has a doctest (Cargo.toml: doctest = false)".to_owned());
    }
    found
}
