//! Runs listing programs under a deadline and checks the outputs the book
//! stores for them.
//!
//! Two users: the listing tests (`listings/*/tests`), which run each binary
//! and check the claim the book makes about it, and the `workbook` tool, which
//! re-captures the stored outputs. Nothing here may hang: every child runs in
//! its own process group, and the whole group is killed at the deadline.
#![forbid(unsafe_code)]

pub mod claims;
pub mod outputs;
pub mod process;

pub use outputs::assert_stored_outputs_match;
// The names the listing tests and the workbook tool have always used.
pub use process::{
    OUTPUT_CAP, OUTPUT_TAIL, Run, kill_pid, run_with_deadline, run_with_deadline_keeping,
};

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// How long a listing may run before a test calls it hung.
pub const LISTING_DEADLINE: Duration = Duration::from_secs(10);

/// The path of a binary of the package whose tests are running.
///
/// Cargo builds a package's binaries into the target folder before it runs
/// that package's integration tests, which live one level down in `deps/`.
pub fn listing_bin(name: &str) -> PathBuf {
    let test_exe = std::env::current_exe().expect("path of the running test");
    let profile_dir = test_exe
        .parent()
        .and_then(Path::parent)
        .expect("test binaries live in target/<profile>/deps");
    profile_dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

/// Runs one of this package's binaries (for tests): stdin closed, the
/// standard deadline. Panics, with the output, if it hangs.
pub fn run_listing(name: &str, args: &[&str]) -> Run {
    run_listing_with(name, args, None, LISTING_DEADLINE)
}

/// Like [`run_listing`], with input on stdin and a deadline of your choice.
pub fn run_listing_with(name: &str, args: &[&str], stdin: Option<&str>, deadline: Duration) -> Run {
    let mut command = Command::new(listing_bin(name));
    command.args(args);
    let run = run_with_deadline(command, stdin, deadline)
        .unwrap_or_else(|e| panic!("could not start listing `{name}`: {e}"));
    assert!(
        !run.timed_out(),
        "listing `{name}` did not finish within {deadline:?}; it printed:\n{}",
        run.output
    );
    run
}

/// Runs a listing that must succeed and returns its output.
pub fn output_of(name: &str, args: &[&str]) -> String {
    let run = run_listing(name, args);
    assert!(
        run.success(),
        "listing `{name}` exited with {:?}; it printed:\n{}",
        run.status,
        run.output
    );
    run.output
}

/// Whether `python3` runs here: the tests of the chapters' Python programs
/// print a note and check nothing when it does not.
pub fn python3_installed() -> bool {
    std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Finds the first number that follows `label` in `text`, e.g.
/// `number_after("elapsed: 0.21 s", "elapsed:") == Some(0.21)`.
pub fn number_after(text: &str, label: &str) -> Option<f64> {
    let rest = &text[text.find(label)? + label.len()..];
    let start = rest.find(|c: char| c.is_ascii_digit())?;
    let digits: String = rest[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    digits.trim_end_matches('.').parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_numbers_after_labels() {
        let text = "sequential: 1.60 s\nthreaded: 0.21 s (7.6x faster)";
        assert_eq!(number_after(text, "threaded:"), Some(0.21));
        assert_eq!(number_after(text, "sequential:"), Some(1.6));
        assert_eq!(number_after(text, "pooled:"), None);
    }
}
