//! Main closes the queue and joins, and every job finishes.

use ch07::{JOBS, WORKERS, start_fleet};

fn main() {
    let fleet = start_fleet();
    for job in 1..=JOBS {
        fleet.jobs.send(job).expect("the workers are running");
    }
    println!("main: queued {JOBS} jobs for {WORKERS} workers");

    // ANCHOR: drain
    // No more jobs: once the queue is empty, every worker's loop ends.
    drop(fleet.jobs);
    println!("main: no more jobs; waiting for the workers to empty the queue");
    for worker in fleet.workers {
        worker.join().expect("a worker panicked");
    }
    // Every worker has ended, so every finished job is in the channel.
    let mut finished: Vec<u32> = fleet.finished.try_iter().collect();
    // ANCHOR_END: drain
    finished.sort();
    let each_once = finished == (1..=JOBS).collect::<Vec<_>>();
    println!(
        "main: {} of {JOBS} jobs finished, each exactly once: {each_once}",
        finished.len()
    );
}
