//! Building an exercise package and running each of its tests on its own,
//! under a deadline, so that a deadlock or an endless loop is reported in
//! plain words instead of hanging the terminal.

use anyhow::{Context, Result, bail};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// How long the build of a learner's code may take before it is abandoned.
const BUILD_DEADLINE: Duration = Duration::from_secs(600);

/// The test target that holds an exercise's tests: `tests/canonical.rs` of
/// a learner's package, `tests/canonical/main.rs` of a chapter's package.
pub const TEST_TARGET: &str = "canonical";

/// Set to this tool's process id in the environment of every build and test
/// it starts. They run in process groups of their own, which a terminal's
/// Ctrl-C does not reach; [`kill_what_i_started`] finds them by it.
pub const STARTED_BY: &str = "WORKBOOK_STARTED_BY";

/// Kills every build and test this process started (and what they started
/// in turn), wherever they are in their work.
pub fn kill_what_i_started() {
    let marker = format!(
        "{STARTED_BY}={}",
        listingkit::process::this_process_marker()
    );
    // A second sweep catches one started while the first looked.
    for _ in 0..2 {
        listingkit::process::kill_marked_processes(&marker);
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Passed,
    /// An assertion failed: its message.
    Failed(String),
    /// The code panicked outside an assertion: the panic message.
    Panicked(String),
    /// A `todo!()` of the starter was reached: its prompt.
    NotWritten(String),
    /// Killed at the deadline.
    TimedOut(Duration),
}

#[derive(Debug, Clone)]
pub struct TestResult {
    pub name: String,
    pub outcome: Outcome,
    pub seconds: f64,
}

/// What building a set of packages produced.
pub struct Built {
    /// The executable of the test target `canonical` of each package that
    /// compiled, by package name.
    pub executables: BTreeMap<String, PathBuf>,
    /// The compiler's errors for each package that did not.
    pub errors: BTreeMap<String, String>,
}

/// Builds the test target `canonical` (and so the library it tests) of each
/// of `packages` in the workspace at `dir`.
pub fn build(dir: &Path, packages: &[&str], offline: bool) -> Result<Built> {
    build_in(dir, packages, offline, None)
}

/// Like [`build`], with the artifacts in `target_dir` (shared between
/// projects whose packages live at different paths, so nothing collides).
pub fn build_in(
    dir: &Path,
    packages: &[&str],
    offline: bool,
    target_dir: Option<&Path>,
) -> Result<Built> {
    // No packages means nothing to build; to cargo it would mean every
    // package of the workspace.
    if packages.is_empty() {
        return Ok(Built {
            executables: BTreeMap::new(),
            errors: BTreeMap::new(),
        });
    }
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .args(["build", "--test", TEST_TARGET, "--keep-going"])
        .arg("--message-format=json")
        .env(STARTED_BY, listingkit::process::this_process_marker())
        .current_dir(dir);
    if let Some(target_dir) = target_dir {
        command.env("CARGO_TARGET_DIR", target_dir);
    }
    for package in packages {
        command.args(["-p", package]);
    }
    if offline {
        command.arg("--offline");
    }
    // Many packages (the exercise proof builds every variant at once) get
    // more time, and cargo's JSON is kept whole: a message lost from the
    // middle would make a package look as if it had not compiled.
    let deadline = BUILD_DEADLINE + Duration::from_secs(5 * packages.len() as u64);
    let run = listingkit::run_with_deadline_keeping(command, None, deadline, 256 << 20)
        .context("cannot run cargo")?;
    if run.timed_out() {
        bail!("the build did not finish within {} s", deadline.as_secs());
    }
    if run.truncated {
        bail!("cargo printed more than 256 MiB; its messages were not all kept");
    }
    let mut executables = BTreeMap::new();
    let mut errors: BTreeMap<String, String> = BTreeMap::new();
    let mut other_lines = Vec::new();
    for line in run.output.lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            other_lines.push(line);
            continue;
        };
        // Target names do not tell packages apart (every package has a
        // `canonical`), so everything is filed under its package.
        let package = message["package_id"]
            .as_str()
            .map(package_name)
            .unwrap_or_default();
        let target = &message["target"];
        let is_tests = target["name"] == TEST_TARGET
            && target["kind"]
                .as_array()
                .is_some_and(|kinds| kinds.iter().any(|k| k == "test"));
        match message["reason"].as_str() {
            Some("compiler-artifact") if is_tests && message["profile"]["test"] == true => {
                if let Some(exe) = message["executable"].as_str() {
                    executables.insert(package, PathBuf::from(exe));
                }
            }
            Some("compiler-message") if message["message"]["level"] == "error" => {
                let rendered = message["message"]["rendered"].as_str().unwrap_or_default();
                if rendered.starts_with("error: aborting due to") {
                    continue;
                }
                let text = errors.entry(package).or_default();
                text.push_str(rendered.trim_end());
                text.push_str("\n\n");
            }
            _ => {}
        }
    }
    // A failure cargo reports outside any compiler message (a broken
    // Cargo.toml, say) would otherwise vanish.
    for package in packages {
        if !executables.contains_key(*package) && !errors.contains_key(*package) {
            let cargo_says: Vec<&str> = other_lines
                .iter()
                .copied()
                .filter(|l| l.contains("error"))
                .take(5)
                .collect();
            let text = if cargo_says.is_empty() {
                format!(
                    "error: cargo built no test target `{TEST_TARGET}` for {package} \
                     (is its tests/canonical.rs missing?)"
                )
            } else {
                cargo_says.join("\n")
            };
            errors.insert(package.to_string(), text);
        }
    }
    Ok(Built {
        executables,
        errors,
    })
}

/// The package name in one of cargo's package ids:
/// `path+file:///p/ch01-why#ch01-exercises@0.1.0`, `path+file:///p/ch01-add#0.1.0`
/// (the folder is the name), or the older `ch01-add 0.1.0 (path+file:///p/ch01-add)`.
pub fn package_name(package_id: &str) -> String {
    if let Some((name, _)) = package_id.split_once(" (") {
        return name.split_whitespace().next().unwrap_or(name).to_owned();
    }
    let Some((url, fragment)) = package_id.rsplit_once('#') else {
        return package_id.to_owned();
    };
    match fragment.split_once('@') {
        Some((name, _version)) => name.to_owned(),
        None => url
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or(url)
            .to_owned(),
    }
}

/// The names of the tests in an executable: `name` in a learner's package,
/// `module::name` in a chapter's package of the repository.
pub fn list_tests(executable: &Path) -> Result<Vec<String>> {
    let mut command = Command::new(executable);
    command.args(["--list", "--format", "terse"]);
    let run = listingkit::run_with_deadline(command, None, Duration::from_secs(30))?;
    if !run.success() {
        bail!(
            "cannot list the tests of {}: {}",
            executable.display(),
            run.output
        );
    }
    Ok(run
        .output
        .lines()
        .filter_map(|l| l.strip_suffix(": test"))
        .map(str::to_owned)
        .collect())
}

/// Runs one test in a process of its own; kills it (and anything it
/// started) at the deadline.
pub fn run_test(executable: &Path, name: &str, deadline: Duration) -> Result<TestResult> {
    let command = test_command(executable, name);
    finish_test(command, name, deadline)
}

/// Like [`run_test`], for grading: runs in `work` (also its HOME and
/// TMPDIR, so well-behaved code writes there) and carries `marker`
/// (`NAME=value`) in its environment so that anything it leaves running can
/// be found and killed afterwards.
pub fn run_test_marked(
    executable: &Path,
    name: &str,
    deadline: Duration,
    work: &Path,
    marker: &str,
) -> Result<TestResult> {
    let mut command = test_command(executable, name);
    let (key, value) = marker.split_once('=').unwrap_or((marker, ""));
    command
        .current_dir(work)
        .env("HOME", work)
        .env("TMPDIR", work)
        .env(key, value);
    finish_test(command, name, deadline)
}

fn test_command(executable: &Path, name: &str) -> Command {
    let mut command = Command::new(executable);
    command
        .args(["--exact", name, "--nocapture", "--test-threads", "1"])
        .env(STARTED_BY, listingkit::process::this_process_marker());
    command
}

fn finish_test(command: Command, name: &str, deadline: Duration) -> Result<TestResult> {
    let run = listingkit::run_with_deadline(command, None, deadline)?;
    let outcome = if run.timed_out() {
        Outcome::TimedOut(deadline)
    } else if run.success() && run.output.contains("test result: ok. 1 passed") {
        Outcome::Passed
    } else {
        classify_failure(&run.output, run.status)
    };
    let short = name.strip_prefix("tests::").unwrap_or(name).to_owned();
    Ok(TestResult {
        name: short,
        outcome,
        seconds: run.elapsed.as_secs_f64(),
    })
}

/// Reads the panic message out of a failed test's output.
pub fn classify_failure(output: &str, status: Option<std::process::ExitStatus>) -> Outcome {
    let lines: Vec<&str> = output.lines().collect();
    let Some(at) = lines.iter().position(|l| l.contains(" panicked at ")) else {
        let how = match status.and_then(|s| s.code()) {
            Some(code) => format!("the test process exited with status {code} without a panic"),
            None => "the test process was killed by a signal (an abort or a crash)".to_owned(),
        };
        return Outcome::Panicked(how);
    };
    let message: Vec<&str> = lines[at + 1..]
        .iter()
        .take_while(|l| {
            !l.starts_with("note: ")
                && !l.starts_with("test ")
                && !l.starts_with("stack backtrace:")
        })
        .copied()
        .collect();
    let message = message.join("\n").trim().to_owned();
    if let Some(prompt) = message.strip_prefix("not yet implemented") {
        Outcome::NotWritten(prompt.trim_start_matches(':').trim().to_owned())
    } else if message.starts_with("assertion") || in_the_tests(lines[at]) {
        Outcome::Failed(message)
    } else {
        Outcome::Panicked(message)
    }
}

/// Whether a ` panicked at <file>:` line points into the tests rather than
/// the exercise's code: `tests/canonical.rs` of a learner's package,
/// `tests/canonical/<module>.rs` of a chapter's package (or `/tests.rs`, where
/// tests used to be a module), or into the tests' shared helpers (the
/// `testkit` package: a meeting called off, a finishing order broken).
fn in_the_tests(panicked_at: &str) -> bool {
    let Some((_, location)) = panicked_at.split_once(" panicked at ") else {
        return false;
    };
    let file = location.split(':').next().unwrap_or_default();
    file == "tests/canonical.rs"
        || file.ends_with("/tests/canonical.rs")
        || file.starts_with("tests/canonical/")
        || file.contains("/tests/canonical/")
        || file.ends_with("/tests.rs")
        || file == "testkit/src/lib.rs"
        || file.ends_with("/testkit/src/lib.rs")
}

/// One line for a result, in plain words.
pub fn describe(result: &TestResult) -> String {
    match &result.outcome {
        Outcome::Passed => format!("passed     {} ({:.2} s)", result.name, result.seconds),
        Outcome::Failed(message) => format!("FAILED     {}: {}", result.name, indent_rest(message)),
        Outcome::Panicked(message) => {
            format!("PANICKED   {}: {}", result.name, indent_rest(message))
        }
        Outcome::NotWritten(_) => {
            format!(
                "NOT DONE   {}: reached a todo!() you have not written yet",
                result.name
            )
        }
        Outcome::TimedOut(deadline) => format!(
            "TIMED OUT  {}: did not finish in {} s — likely a deadlock or an endless loop",
            result.name,
            deadline.as_secs()
        ),
    }
}

fn indent_rest(message: &str) -> String {
    message.lines().collect::<Vec<_>>().join("\n             ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The exercise proof builds only the variants whose verdicts changed;
    /// when none did, cargo must not be asked to build the whole project
    /// (here a folder that does not exist: running cargo there would fail).
    #[test]
    fn building_no_packages_runs_nothing() {
        let built = build(Path::new("/nonexistent/threadwork-project"), &[], true).unwrap();
        assert!(built.executables.is_empty() && built.errors.is_empty());
    }

    #[test]
    fn panics_are_told_apart() {
        let assertion = "thread 'tests::t' panicked at src/tests.rs:9:5:\nassertion `left == right` failed: sums differ\n  left: 1\n right: 2\nnote: run with `RUST_BACKTRACE=1`";
        assert_eq!(
            classify_failure(assertion, None),
            Outcome::Failed(
                "assertion `left == right` failed: sums differ\n  left: 1\n right: 2".into()
            )
        );
        let todo = "thread 'tests::t' panicked at src/lib.rs:9:5:\nnot yet implemented: Split the range\nnote: …";
        assert_eq!(
            classify_failure(todo, None),
            Outcome::NotWritten("Split the range".into())
        );
        let own = "thread '<unnamed>' panicked at src/lib.rs:3:9:\nattempt to divide by zero\n";
        assert_eq!(
            classify_failure(own, None),
            Outcome::Panicked("attempt to divide by zero".into())
        );
        let test_panic = "thread 'tests::t' panicked at src/tests.rs:30:9:\nthe chunks took 2s: were they summed one after another?\n";
        assert!(matches!(
            classify_failure(test_panic, None),
            Outcome::Failed(_)
        ));
        for file in [
            "ch02-parallel-sum/tests/canonical.rs",
            "tests/canonical.rs",
            "exercises/ch02-threads/tests/canonical/parallel_sum.rs",
            "tests/canonical/parallel_sum.rs",
            "testkit/src/lib.rs",
            "/home/x/.cache/grading/deps-1f/testkit/src/lib.rs",
        ] {
            let test_panic = format!(
                "thread 't' panicked at {file}:30:9:\nthe chunks took 2s: were they summed one after another?\n"
            );
            assert_eq!(
                classify_failure(&test_panic, None),
                Outcome::Failed("the chunks took 2s: were they summed one after another?".into()),
                "{file}"
            );
        }
        let own = "thread 't' panicked at ch02-parallel-sum/src/lib.rs:3:9:\nchunk size is zero\n";
        assert!(matches!(classify_failure(own, None), Outcome::Panicked(_)));
    }

    #[test]
    fn package_ids_give_the_package_name() {
        for (id, name) in [
            (
                "path+file:///work/main/exercises/ch01-why#ch01-exercises@0.1.0",
                "ch01-exercises",
            ),
            ("path+file:///tmp/me/ch01-add#0.1.0", "ch01-add"),
            (
                "path+file:///tmp/v/ch02-parallel-sum--wrong--joins-early#0.1.0",
                "ch02-parallel-sum--wrong--joins-early",
            ),
            ("ch01-add 0.1.0 (path+file:///tmp/me/ch01-add)", "ch01-add"),
            (
                "registry+https://github.com/rust-lang/crates.io-index#rayon@1.10.0",
                "rayon",
            ),
        ] {
            assert_eq!(package_name(id), name, "{id}");
        }
    }
}
