//! Threads vs tasks at 2,000 waiters: a task costs far less memory than a
//! thread. Memory is read from /proc, so the test runs on Linux only; the
//! margin (a quarter) is wide next to the measured ratio of about 15.

use listingkit::run_listing_with;
use std::time::Duration;

fn kib(output: &str, row: &str) -> f64 {
    output
        .lines()
        .find(|line| line.starts_with(&format!("| {row}")))
        .and_then(|line| line.split('|').nth(3))
        .and_then(|cell| cell.trim().strip_suffix(" KiB"))
        .and_then(|number| number.parse().ok())
        .unwrap_or_else(|| panic!("no memory for `{row}` in:\n{output}"))
}

#[test]
#[cfg(target_os = "linux")]
fn a_waiting_task_costs_far_less_memory_than_a_waiting_thread() {
    // Starting 2,000 threads on a busy machine may take a few seconds.
    let run = run_listing_with("many_waiters", &[], None, Duration::from_secs(30));
    assert!(run.success(), "{}", run.output);
    let (threads, tasks) = (
        kib(&run.output, "OS threads"),
        kib(&run.output, "tokio tasks"),
    );
    assert!(threads > 0.0, "{}", run.output);
    assert!(tasks < threads / 4.0, "{}", run.output);
}
