//! A bounded channel makes the producer wait for room.

use crossbeam_channel::bounded;
use std::thread;
use std::time::{Duration, Instant};

/// The queue holds at most this many jobs; a sixth must wait for room.
const CAPACITY: usize = 5;
const JOBS: u32 = 10;
/// The consumer is busy elsewhere for this long before it takes a job...
const WARM_UP: Duration = Duration::from_millis(300);
/// ...and then spends this long on each job.
const PER_JOB: Duration = Duration::from_millis(50);

fn main() {
    let start = Instant::now();
    let ms = move || start.elapsed().as_millis();
    let (jobs, queue) = bounded(CAPACITY);

    let consumer = thread::spawn(move || {
        thread::sleep(WARM_UP);
        let mut taken = 0;
        // No sentinel: the loop ends by itself once the queue is empty and
        // every sender has been dropped.
        for job in queue {
            println!("[{:>4} ms] consumer: took {job}", ms());
            taken += 1;
            thread::sleep(PER_JOB);
        }
        println!(
            "[{:>4} ms] consumer: queue closed, {taken} jobs taken",
            ms()
        );
        taken
    });

    for job in 1..=JOBS {
        // Waits while the queue holds CAPACITY jobs.
        jobs.send(job).expect("the consumer hung up");
        println!(
            "[{:>4} ms] producer: sent {job}, queue holds {}",
            ms(),
            jobs.len()
        );
    }
    println!("[{:>4} ms] producer: all sent, dropping the sender", ms());
    drop(jobs);

    let taken = consumer.join().expect("the consumer panicked");
    println!("sent {JOBS}, taken {taken}");
}
