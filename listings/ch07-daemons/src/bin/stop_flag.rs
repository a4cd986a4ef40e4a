//! A stop flag, checked between jobs.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// One job: it must never be cut off halfway.
const JOB: Duration = Duration::from_millis(50);

fn main() {
    let stop = Arc::new(AtomicBool::new(false));

    let worker = {
        let stop = Arc::clone(&stop);
        thread::spawn(move || {
            let mut jobs_done = 0;
            // The flag is checked between jobs, never inside one.
            while !stop.load(Ordering::Relaxed) {
                thread::sleep(JOB); // stands in for a job's work
                jobs_done += 1;
            }
            jobs_done
        })
    };

    thread::sleep(Duration::from_millis(275));
    let asked = Instant::now();
    stop.store(true, Ordering::Relaxed);
    println!("main: stop flag set");

    let jobs_done = worker.join().expect("the worker panicked");
    let waited = asked.elapsed().as_secs_f64() * 1000.0;
    println!(
        "main: the worker stopped after {jobs_done} jobs, {waited:.0} ms after the flag was set"
    );
    println!(
        "main: a job takes {} ms; the worker finishes the one it is doing before it looks",
        JOB.as_millis()
    );
}
