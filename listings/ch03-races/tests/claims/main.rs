//! Every test of the package, in one test binary: cargo links each file
//! directly in `tests/` as a binary of its own, and linking is most of the
//! wait after an edit. Each module holds the claims about one listing or
//! theme; a test's name starts with its module's
//! (`outputs::stored_outputs_match_a_fresh_run`). A new file here needs its
//! `mod` line below, which the last test checks.

mod compile_errors;
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
