//! Three workers taking jobs from one std `Receiver`.

use std::sync::mpsc;
use std::thread;

fn main() {
    let (jobs, queue) = mpsc::channel::<u64>();
    let mut workers = Vec::new();
    for _ in 0..3 {
        // Three workers taking jobs from one queue?
        let queue = queue.clone();
        workers.push(thread::spawn(move || queue.iter().sum::<u64>()));
    }
    for job in 1..=12 {
        jobs.send(job).unwrap();
    }
    drop(jobs);
    let total: u64 = workers.into_iter().map(|w| w.join().unwrap()).sum();
    println!("total: {total}");
}
