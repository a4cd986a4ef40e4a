//! Blocking the runtime, measured. The blocked gap cannot be shorter than
//! the 200 ms block; the other two are allowed a wide margin for a busy
//! machine. The abort claim needs no timing: the task says when it started.

use listingkit::output_of;

fn gap_ms(output: &str, job: &str) -> u64 {
    output
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{job}: longest gap between ticks ")))
        .and_then(|rest| rest.strip_suffix(" ms"))
        .and_then(|number| number.parse().ok())
        .unwrap_or_else(|| panic!("no gap for `{job}` in:\n{output}"))
}

#[test]
fn std_sleep_in_a_task_stalls_the_ticker_and_the_async_ways_do_not() {
    let output = output_of("blocking_runtime", &[]);
    assert!(gap_ms(&output, "std::thread::sleep") >= 200, "{output}");
    assert!(gap_ms(&output, "tokio::time::sleep") < 150, "{output}");
    assert!(
        gap_ms(&output, "spawn_blocking(thread::sleep)") < 150,
        "{output}"
    );
}

#[test]
fn a_running_spawn_blocking_task_cannot_be_aborted() {
    let output = output_of("blocking_runtime", &[]);
    assert!(
        output.contains("awaiting it gave Ok, its closure finished: true"),
        "{output}"
    );
}
