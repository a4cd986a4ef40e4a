use ch01_exercises::best_speedup;

use best_speedup::TimeSpent;
use std::time::Duration;
use testkit::ms;

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
        let best: Duration = run.best_case(1, cores);
        assert_about(
            best,
            ms(1400),
            "one thread does everything one step after another, however many cores there are",
        );
    }
}

#[test]
fn waiting_overlaps_across_all_the_threads() {
    let downloads = time_spent(ms(1000), Duration::ZERO);
    let best: Duration = downloads.best_case(10, 2);
    assert_about(
        best,
        ms(100),
        "ten threads can all wait at the same time, even on two cores: a waiting thread needs no core",
    );
}

#[test]
fn computing_stops_getting_faster_at_the_number_of_cores() {
    let primes = time_spent(Duration::ZERO, ms(1000));
    let best: Duration = primes.best_case(8, 2);
    assert_about(
        best,
        ms(500),
        "only two threads can compute at once on two cores; the other six take turns",
    );
}

#[test]
fn cores_without_a_thread_to_run_do_not_help() {
    let primes = time_spent(Duration::ZERO, ms(1000));
    let best: Duration = primes.best_case(2, 16);
    assert_about(
        best,
        ms(500),
        "two threads keep two cores busy; the other fourteen cores have nothing to run",
    );
}

#[test]
fn waiting_and_computing_shrink_separately() {
    let run = time_spent(ms(800), ms(600));
    let best: Duration = run.best_case(4, 2);
    assert_about(
        best,
        ms(500),
        "the waiting shrinks four times (200 ms) and the computing only twice (300 ms)",
    );
}

#[test]
fn best_speedup_compares_the_best_case_with_the_sequential_run() {
    let run = time_spent(ms(1000), ms(1000));
    let speedup: f64 = run.best_speedup(10, 2);
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
        let speedup: f64 = primes.best_speedup(threads, 4);
        let expected = threads.min(4) as f64;
        assert!(
            (speedup - expected).abs() < 1e-6,
            "computing with {threads} threads on 4 cores: expected a speed-up of {expected}, got {speedup}"
        );
    }
}

#[test]
fn times_below_a_millisecond_are_kept() {
    let quick = time_spent(Duration::from_micros(900), Duration::from_micros(300));
    let best: Duration = quick.best_case(3, 1);
    assert_about(
        best,
        Duration::from_micros(600),
        "900 µs of waiting on 3 threads is 300 µs, and 300 µs of computing on one core stays \
         300 µs; divide the `Duration`s themselves, not whole milliseconds",
    );
    let speedup: f64 = quick.best_speedup(3, 1);
    assert!(
        (speedup - 2.0).abs() < 1e-6,
        "1200 µs sequentially, at best 600 µs: expected a speed-up of 2, got {speedup}"
    );
}
