//! A batch of jobs against a deadline, with a reminder timer.

use ch05::{Timer, run_batch};
use std::thread;
use std::time::{Duration, Instant};

/// How long a batch may take, in all.
const DEADLINE: Duration = Duration::from_millis(500);
/// When the reminder timer speaks up, unless the batch is done by then.
const REMIND_AFTER: Duration = Duration::from_millis(300);

/// Runs one batch of (name, milliseconds) jobs against the deadline, with
/// a timer that reminds us if we are still waiting after 0.3 s.
fn run(title: &str, jobs: &[(&'static str, u64)]) {
    println!(
        "{title}: {} jobs, deadline {:.2} s",
        jobs.len(),
        DEADLINE.as_secs_f64()
    );
    let start = Instant::now();
    let reminder = Timer::start(REMIND_AFTER, move || {
        println!(
            "  timer: still waiting after {:.2} s",
            start.elapsed().as_secs_f64()
        );
    });

    let work = jobs
        .iter()
        .map(|&(name, millis)| {
            move || {
                thread::sleep(Duration::from_millis(millis));
                name
            }
        })
        .collect();
    let batch = run_batch(work, start + DEADLINE);
    let elapsed = start.elapsed().as_secs_f64();
    let reminded = reminder.cancel();

    for (_, name) in &batch.done {
        println!("  done:   {name}");
    }
    for &number in &batch.missed {
        println!("  missed: {}", jobs[number].0);
    }
    println!("  {title} collected in: {elapsed:.2} s");
    if reminded {
        println!("  the reminder fired");
    } else {
        println!("  the reminder was cancelled before it fired");
    }
}

fn main() {
    let quick_jobs = [("thumbnail", 50), ("checksum", 80), ("preview", 120)];
    run("quick batch", &quick_jobs);
    let mixed_jobs = [
        ("thumbnail", 50),
        ("checksum", 80),
        ("transcode", 2000),
        ("preview", 120),
    ];
    run("mixed batch", &mixed_jobs);
    // The transcode job is still running; returning from main ends it.
}
