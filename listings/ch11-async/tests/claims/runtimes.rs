//! Where tokio's two runtimes run their tasks. Only the threads are
//! asserted, never the times.

use listingkit::output_of;

fn threads_of<'a>(output: &'a str, runtime: &str) -> Vec<&'a str> {
    let line = output
        .lines()
        .find(|line| line.starts_with(&format!("{runtime}:")))
        .unwrap_or_else(|| panic!("no `{runtime}:` line in:\n{output}"));
    line.split("ran on: ")
        .nth(1)
        .unwrap_or_default()
        .split(", ")
        .collect()
}

#[test]
fn the_current_thread_runtime_runs_tasks_on_the_calling_thread_only() {
    let output = output_of("runtimes", &[]);
    assert_eq!(threads_of(&output, "current_thread"), ["main"], "{output}");
}

#[test]
fn the_multi_thread_runtime_runs_tasks_on_its_workers_not_the_caller() {
    let output = output_of("runtimes", &[]);
    let threads = threads_of(&output, "multi_thread");
    assert!(!threads.is_empty(), "{output}");
    assert!(threads.iter().all(|t| t.starts_with("worker-")), "{output}");
}
