//! One deadline for all readings against a timeout for each.

use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

const READINGS: u32 = 10;
const EVERY: Duration = Duration::from_millis(100);
/// How long we are willing to wait for readings, in all.
const BUDGET: Duration = Duration::from_millis(350);

/// A sensor that sends a reading every 100 ms, ten in all, then hangs up.
fn sensor() -> Receiver<u32> {
    let (send, readings) = mpsc::channel();
    thread::spawn(move || {
        for reading in 1..=READINGS {
            thread::sleep(EVERY);
            if send.send(reading).is_err() {
                break; // Nobody is listening any more.
            }
        }
    });
    readings
}

fn main() {
    println!(
        "a reading every {} ms, {READINGS} in all; we mean to wait {} ms",
        EVERY.as_millis(),
        BUDGET.as_millis()
    );

    // The same timeout for every wait: each reading starts the clock again.
    let readings = sensor();
    let start = Instant::now();
    let mut count = 0;
    while readings.recv_timeout(BUDGET).is_ok() {
        count += 1;
    }
    println!(
        "the same timeout for every wait: stopped after {:.2} s, {count} readings",
        start.elapsed().as_secs_f64()
    );

    // One deadline: every wait gets only what is left of it.
    let readings = sensor();
    let start = Instant::now();
    let deadline = start + BUDGET;
    let mut count = 0;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match readings.recv_timeout(left) {
            Ok(_) => count += 1,
            Err(_) => break, // Time is up (or the sensor hung up).
        }
    }
    println!(
        "one deadline for all the waits: stopped after {:.2} s, {count} readings",
        start.elapsed().as_secs_f64()
    );
}
