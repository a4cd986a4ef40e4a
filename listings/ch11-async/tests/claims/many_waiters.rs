//! Threads vs tasks at 2,000 waiters: a task costs far less memory than a
//! thread, in Rust and in Python. Memory is read from /proc, so the tests
//! run on Linux only; the margin (a quarter) is wide next to the measured
//! ratios of about 15 (Rust) and 12 (Python).

use listingkit::{Run, listing_bin, run_listing_with, run_with_deadline};
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

/// Starting 2,000 threads in Rust and again in Python may take several
/// seconds on a busy machine.
const DEADLINE: Duration = Duration::from_secs(30);

/// One run of the listing, shared by the tests that read its table.
fn table() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(|| {
        let run = run_listing_with("many_waiters", &[], None, DEADLINE);
        assert!(run.success(), "{}", run.output);
        run
    })
}

fn kib(output: &str, row: &str) -> f64 {
    output
        .lines()
        .find(|line| line.starts_with(&format!("| {row} ")))
        .and_then(|line| line.split('|').nth(3))
        .and_then(|cell| cell.trim().strip_suffix(" KiB"))
        .and_then(|number| number.parse().ok())
        .unwrap_or_else(|| panic!("no memory for `{row}` in:\n{output}"))
}

#[test]
#[cfg(target_os = "linux")]
fn a_waiting_task_costs_far_less_memory_than_a_waiting_thread() {
    let output = &table().output;
    let (threads, tasks) = (kib(output, "Rust threads"), kib(output, "tokio tasks"));
    assert!(threads > 0.0, "{output}");
    assert!(tasks < threads / 4.0, "{output}");
}

#[test]
#[cfg(target_os = "linux")]
fn a_waiting_asyncio_task_costs_far_less_memory_than_a_waiting_python_thread() {
    if !listingkit::python3_installed() {
        eprintln!("python3 is not installed: nothing to check");
        return;
    }
    let output = &table().output;
    assert!(output.contains("python: Python 3"), "{output}");
    let (threads, tasks) = (kib(output, "Python threads"), kib(output, "asyncio tasks"));
    assert!(threads > 0.0, "{output}");
    assert!(tasks < threads / 4.0, "{output}");
}

#[test]
fn without_python_the_table_says_the_python_rows_are_left_out() {
    let mut command = Command::new(listing_bin("many_waiters"));
    command.env("THREADWORK_PYTHON", "/nonexistent/python3");
    let run = run_with_deadline(command, None, DEADLINE).expect("many_waiters starts");
    assert!(!run.timed_out(), "{}", run.output);
    assert!(run.success(), "{}", run.output);
    assert!(
        run.output.contains(
            "python skipped: `/nonexistent/python3` could not be run (No such file or directory"
        ),
        "{}",
        run.output
    );
    assert!(
        run.output.contains("the Python rows are left out"),
        "{}",
        run.output
    );
    assert!(!run.output.contains("| Python threads"), "{}", run.output);
    assert!(run.output.contains("| tokio tasks"), "{}", run.output);
}

/// With too little address space for 2,000 stacks of 8 MiB, the Python
/// program measures as many threads as it could start, and says so.
#[test]
#[cfg(target_os = "linux")]
fn python_short_of_threads_measures_fewer_and_says_so() {
    if !listingkit::python3_installed() {
        eprintln!("python3 is not installed: nothing to check");
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("python/many_waiters.py");
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("ulimit -v 1500000 && exec python3 \"$0\"")
        .arg(script);
    let run = run_with_deadline(command, None, DEADLINE).expect("sh starts");
    assert!(!run.timed_out(), "{}", run.output);
    assert!(run.success(), "{}", run.output);
    assert!(
        run.output.contains("threads could start; measuring"),
        "{}",
        run.output
    );
    assert!(!run.output.contains("Traceback"), "{}", run.output);
    assert!(kib(&run.output, "Python threads") > 0.0, "{}", run.output);
}
