use ch01_exercises::best_speedup;

use best_speedup::TimeSpent;
use std::time::Duration;

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

fn time_spent(waiting: Duration, computing: Duration) -> TimeSpent {
    TimeSpent { waiting, computing }
}

/// Any honest way of dividing a `Duration` lands within a microsecond.
fn assert_about(actual: Duration, expected: Duration, why: &str) {
    let off = actual.abs_diff(expected);
    assert!(
        off <= Duration::from_micros(1),
        "got {actual:?}, expected {expected:?}: {why}"
    );
}

#[test]
fn one_thread_takes_as_long_as_the_sequential_run() {
    let run = time_spent(ms(800), ms(600));
    for cores in [1, 2, 8] {
        assert_about(
            run.best_case(1, cores),
            ms(1400),
            "one thread does everything one step after another, however many cores there are",
        );
    }
}

#[test]
fn waiting_overlaps_across_all_the_threads() {
    let downloads = time_spent(ms(1000), Duration::ZERO);
    assert_about(
        downloads.best_case(10, 2),
        ms(100),
        "ten threads can all wait at the same time, even on two cores: a waiting thread needs no core",
    );
}

#[test]
fn computing_stops_getting_faster_at_the_number_of_cores() {
    let primes = time_spent(Duration::ZERO, ms(1000));
    assert_about(
        primes.best_case(8, 2),
        ms(500),
        "only two threads can compute at once on two cores; the other six take turns",
    );
}

#[test]
fn cores_without_a_thread_to_run_do_not_help() {
    let primes = time_spent(Duration::ZERO, ms(1000));
    assert_about(
        primes.best_case(2, 16),
        ms(500),
        "two threads keep two cores busy; the other fourteen cores have nothing to run",
    );
}

#[test]
fn waiting_and_computing_shrink_separately() {
    let run = time_spent(ms(800), ms(600));
    assert_about(
        run.best_case(4, 2),
        ms(500),
        "the waiting shrinks four times (200 ms) and the computing only twice (300 ms)",
    );
}

#[test]
fn best_speedup_compares_the_best_case_with_the_sequential_run() {
    let run = time_spent(ms(1000), ms(1000));
    let speedup = run.best_speedup(10, 2);
    assert!(
        (speedup - 2.0 / 0.6).abs() < 1e-6,
        "2 s sequentially, at best 0.1 s + 0.5 s with 10 threads on 2 cores: \
         expected a speed-up of about 3.33, got {speedup}"
    );
}

#[test]
fn computing_alone_speeds_up_at_most_as_many_times_as_there_are_cores() {
    let primes = time_spent(Duration::ZERO, ms(1200));
    for threads in 1..=12 {
        let speedup = primes.best_speedup(threads, 4);
        let expected = threads.min(4) as f64;
        assert!(
            (speedup - expected).abs() < 1e-6,
            "computing with {threads} threads on 4 cores: expected a speed-up of {expected}, got {speedup}"
        );
    }
}
