//! `Instant` and `Duration`: measuring time and sleeping.

use std::thread;
use std::time::{Duration, Instant};

fn main() {
    // A Duration is a length of time, never negative.
    let nap = Duration::from_millis(150);
    println!(
        "nap: {nap:?}, or {} ms, or {} s",
        nap.as_millis(),
        nap.as_secs_f64()
    );

    // An Instant is a moment on a clock that never goes backwards.
    let start = Instant::now();
    thread::sleep(nap);
    let slept = start.elapsed();
    println!(
        "asked to sleep 150 ms, slept {:.1} ms: at least as long as asked: {}",
        slept.as_secs_f64() * 1000.0,
        slept >= nap
    );

    // A deadline is an Instant. Compute it once; ask how long is left.
    let deadline = start + Duration::from_millis(400);
    let left = deadline.saturating_duration_since(Instant::now());
    println!("left until the deadline: {} ms", left.as_millis());
    thread::sleep(left);
    println!(
        "slept what was left; deadline passed: {}",
        Instant::now() >= deadline
    );

    // Past the deadline, no time is left, and that is zero, not negative.
    println!(
        "left now: {:?}; checked_duration_since says {:?}",
        deadline.saturating_duration_since(Instant::now()),
        deadline.checked_duration_since(Instant::now())
    );
    println!("whole run: {:.2} s", start.elapsed().as_secs_f64());
}
