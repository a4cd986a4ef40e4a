//! Every test of the package, in one test binary: cargo links each file
//! directly in `tests/` as a binary of its own, and linking is most of the
//! wait after an edit. Each module holds the claims about one listing or
//! theme; a test's name starts with its module's
//! (`outputs::stored_outputs_match_a_fresh_run`). A new file here needs its
//! `mod` line below, which the last tests check.

mod blocking;
mod books;
mod cancellation;
mod event_loop;
mod join_select;
mod lazy;
mod limits;
mod many_waiters;
mod outputs;
mod runtimes;

/// A file in this folder without a `mod` line above would never be compiled.
#[test]
fn every_file_here_is_a_module() {
    let missing =
        listingkit::claims::files_without_mod(env!("CARGO_MANIFEST_DIR"), include_str!("main.rs"));
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// Cargo.toml turns off the test harness of every binary and the library's
/// doctests: a `#[test]` in a binary or a doctest would never run.
#[test]
fn no_test_hides_where_it_would_not_run() {
    let found = listingkit::claims::tests_that_would_not_run(env!("CARGO_MANIFEST_DIR"));
    assert!(found.is_empty(), "{}", found.join("\n"));
}
