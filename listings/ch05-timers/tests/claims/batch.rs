//! The chapter's claims about a batch with one deadline: what finished in
//! time is reported done, what did not is reported missed, the collector
//! stops at the deadline rather than waiting for the slow jobs, and it
//! stops early when every job is done.

use ch05::run_batch;
use listingkit::{number_after, output_of};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

/// Runs `work` on a thread and waits at most `deadline` for its result.
fn within<T: Send + 'static>(deadline: Duration, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = mpsc::channel();
    thread::spawn(move || done.send(work()));
    match result.recv_timeout(deadline) {
        Ok(value) => value,
        Err(RecvTimeoutError::Timeout) => panic!("did not finish within {deadline:?}"),
        Err(RecvTimeoutError::Disconnected) => panic!("the work panicked"),
    }
}

/// Jobs that sleep for the given milliseconds and return them.
fn sleepers(millis: &[u64]) -> Vec<impl FnOnce() -> u64 + Send + 'static> {
    millis
        .iter()
        .map(|&millis| {
            move || {
                thread::sleep(Duration::from_millis(millis));
                millis
            }
        })
        .collect()
}

#[test]
fn fast_jobs_are_done_and_slow_ones_missed_at_the_deadline() {
    for _ in 0..3 {
        let (batch, took) = within(Duration::from_secs(5), || {
            let start = Instant::now();
            let jobs = sleepers(&[50, 2000, 50, 2000, 50]);
            let batch = run_batch(jobs, start + Duration::from_millis(500));
            (batch, start.elapsed())
        });
        let mut done: Vec<usize> = batch.done.iter().map(|&(number, _)| number).collect();
        done.sort();
        assert_eq!(done, [0, 2, 4], "the 50 ms jobs are done");
        assert!(batch.done.iter().all(|&(_, millis)| millis == 50));
        assert_eq!(batch.missed, [1, 3], "the 2 s jobs are missed");
        // It waits for the deadline (the slow jobs might still have made it),
        // and not for the slow jobs.
        assert!(
            took >= Duration::from_millis(500),
            "gave up early, after {took:?}"
        );
        assert!(took < Duration::from_millis(1500), "took {took:?}");
    }
}

#[test]
fn a_batch_that_is_all_done_returns_before_its_deadline() {
    let (batch, took) = within(Duration::from_secs(10), || {
        let start = Instant::now();
        let batch = run_batch(sleepers(&[50, 80, 20]), start + Duration::from_secs(5));
        (batch, start.elapsed())
    });
    assert_eq!(batch.done.len(), 3);
    assert!(batch.missed.is_empty());
    assert!(
        took < Duration::from_secs(2),
        "waited {took:?} for a 5 s deadline"
    );
}

#[test]
fn results_come_in_the_order_the_jobs_finished() {
    let batch = within(Duration::from_secs(5), || {
        run_batch(
            sleepers(&[300, 10, 150]),
            Instant::now() + Duration::from_secs(3),
        )
    });
    let order: Vec<u64> = batch.done.iter().map(|&(_, millis)| millis).collect();
    assert_eq!(order, [10, 150, 300]);
}

#[test]
fn a_job_that_panics_is_reported_missed_without_holding_up_the_rest() {
    let batch = within(Duration::from_secs(5), || {
        let jobs: Vec<Box<dyn FnOnce() -> u32 + Send>> = vec![
            Box::new(|| 1),
            Box::new(|| panic!("job 1 fails")),
            Box::new(|| 3),
        ];
        run_batch(jobs, Instant::now() + Duration::from_secs(3))
    });
    assert_eq!(batch.missed, [1]);
    assert_eq!(batch.done.len(), 2);
}

#[test]
fn the_headline_reports_the_quick_batch_done_and_the_transcode_missed() {
    let output = output_of("ch05", &[]);
    let (quick, mixed) = output
        .split_once("mixed batch:")
        .unwrap_or_else(|| panic!("two batches in:\n{output}"));
    for name in ["thumbnail", "checksum", "preview"] {
        assert!(quick.contains(&format!("done:   {name}\n")), "{output}");
        assert!(mixed.contains(&format!("done:   {name}\n")), "{output}");
    }
    assert!(!quick.contains("missed"), "{output}");
    assert!(mixed.contains("missed: transcode\n"), "{output}");
    assert!(!mixed.contains("done:   transcode"), "{output}");

    // The quick batch ends as soon as its jobs do, long before the reminder
    // is due; the mixed one waits until the deadline, past the reminder.
    let quick_took = number_after(&output, "quick batch collected in:").expect(&output);
    let mixed_took = number_after(&output, "mixed batch collected in:").expect(&output);
    assert!(quick_took < 0.3, "{output}");
    assert!(mixed_took >= 0.5, "{output}");
    assert!(
        quick.contains("the reminder was cancelled before it fired"),
        "{output}"
    );
    assert!(!quick.contains("timer: still waiting"), "{output}");
    assert!(mixed.contains("the reminder fired"), "{output}");
    assert!(mixed.contains("timer: still waiting after"), "{output}");
}
