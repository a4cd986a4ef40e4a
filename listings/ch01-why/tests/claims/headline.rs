//! The claims the chapter makes about `cargo run -p ch01`.

use ch01::{BOOKS, LATENCY};
use listingkit::{number_after, output_of, run_listing};

fn seconds_after(output: &str, label: &str) -> f64 {
    number_after(output, label).unwrap_or_else(|| panic!("no `{label}` in:\n{output}"))
}

#[test]
fn prints_both_parts_and_the_waiting_is_at_least_books_times_latency() {
    let output = output_of("ch01", &[]);
    let waiting = seconds_after(&output, "waiting for the network:");
    let computing = seconds_after(&output, "computing:");
    let total = seconds_after(&output, "total:");
    // One download after another can never beat the sum of the latencies.
    assert!(
        waiting >= BOOKS as f64 * LATENCY.as_secs_f64(),
        "waiting {waiting} s:\n{output}"
    );
    assert!(computing > 0.0, "{output}");
    // Each figure is rounded to 0.01 s on its own.
    assert!((waiting + computing - total).abs() <= 0.015, "{output}");
}

#[test]
fn the_waiting_is_set_by_the_server_not_by_this_machine() {
    let output = output_of("ch01", &["--books", "4", "--latency-ms", "300"]);
    assert!(output.contains("downloaded 4 books"), "{output}");
    assert!(
        seconds_after(&output, "waiting for the network:") >= 1.2,
        "{output}"
    );

    let output = output_of("ch01", &["--latency-ms", "0"]);
    // Ten local downloads with no latency take milliseconds.
    assert!(
        seconds_after(&output, "waiting for the network:") < 0.5,
        "{output}"
    );
}

#[test]
fn prints_the_cores_this_process_may_use() {
    let output = output_of("ch01", &["--books", "1"]);
    let cores = std::thread::available_parallelism().unwrap().get();
    assert_eq!(
        number_after(&output, "cores:"),
        Some(cores as f64),
        "{output}"
    );
    assert!(
        output.contains(&format!("at most {cores}× faster")),
        "{output}"
    );
}

#[test]
fn bad_arguments_get_a_message_and_a_failing_exit_code() {
    for (args, complaint) in [
        (
            &["--books", "many"][..],
            "--books needs a whole number, got `many`",
        ),
        (&["--books"][..], "--books needs a value"),
        (
            &["--latency-ms", "-5"][..],
            "--latency-ms needs a whole number",
        ),
        (&["--latency-ms", "60000"][..], "--latency-ms must be below"),
        (&["--fast"][..], "unknown argument `--fast`"),
    ] {
        let run = run_listing("ch01", args);
        assert_eq!(
            run.status.and_then(|s| s.code()),
            Some(2),
            "{args:?}:\n{}",
            run.output
        );
        assert!(run.output.contains(complaint), "{args:?}:\n{}", run.output);
        assert!(
            run.output.contains("usage: ch01"),
            "{args:?}:\n{}",
            run.output
        );
        assert!(
            !run.output.contains("panicked"),
            "{args:?}:\n{}",
            run.output
        );
    }
}
