//! A worker that `select!`s between jobs and a shutdown channel.

use crossbeam_channel::{bounded, select, unbounded};
use std::thread;
use std::time::{Duration, Instant};

fn main() {
    let (jobs_tx, jobs) = unbounded::<u32>();
    // Nothing is ever sent on this channel: dropping the sender closes it,
    // and a closed channel is always ready to receive from.
    let (shutdown_tx, shutdown) = bounded::<()>(0);

    // ANCHOR: worker
    let worker = thread::spawn(move || {
        let mut jobs_done = 0;
        loop {
            // Waits for whichever comes first: a job, or the shutdown.
            select! {
                recv(jobs) -> job => match job {
                    Ok(job) => {
                        thread::sleep(Duration::from_millis(10)); // the work
                        println!("worker: job {job} done");
                        jobs_done += 1;
                    }
                    Err(_) => break, // every job sender is gone
                },
                recv(shutdown) -> _ => break,
            }
        }
        jobs_done
    });
    // ANCHOR_END: worker

    for job in 1..=3 {
        jobs_tx.send(job).expect("the worker is running");
    }
    // Time for the three jobs; then the worker waits for a fourth that
    // never comes. A stop flag would not wake it.
    thread::sleep(Duration::from_millis(300));

    let asked = Instant::now();
    drop(shutdown_tx);
    let jobs_done = worker.join().expect("the worker panicked");
    let waited = asked.elapsed().as_secs_f64() * 1000.0;
    println!("main: the worker stopped after {jobs_done} jobs, {waited:.1} ms after shutdown");
    // Main still holds `jobs_tx`: the job channel itself never closed.
    drop(jobs_tx);
}
