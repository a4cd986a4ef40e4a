//! A work queue: three workers on one crossbeam receiver.

use crossbeam_channel::unbounded;
use std::thread;
use std::time::Duration;

const WORKERS: usize = 3;
const JOBS: u64 = 12;

/// A job takes `size` milliseconds.
fn process(size: u64) -> u64 {
    thread::sleep(Duration::from_millis(size));
    size
}

fn main() {
    let (jobs, queue) = unbounded();

    let workers: Vec<_> = (1..=WORKERS)
        .map(|worker| {
            // A crossbeam receiver can be cloned: every worker takes jobs
            // from the one queue, and each job goes to exactly one of them.
            let queue = queue.clone();
            thread::spawn(move || {
                let done: Vec<u64> = queue.iter().map(process).collect();
                println!("worker {worker}: {} jobs", done.len());
                done
            })
        })
        .collect();

    for job in 1..=JOBS {
        jobs.send(job * 5).expect("every worker hung up");
    }
    drop(jobs);

    let mut done: Vec<u64> = workers
        .into_iter()
        .flat_map(|worker| worker.join().expect("a worker panicked"))
        .collect();
    done.sort();
    let sent: Vec<u64> = (1..=JOBS).map(|job| job * 5).collect();
    println!("jobs done: {} of {JOBS}", done.len());
    println!("each job done exactly once: {}", done == sent);
}
