//! A `Receiver` moved into one thread.

use std::sync::mpsc;
use std::thread;

fn main() {
    let (jobs, inbox) = mpsc::channel::<u32>();
    // The Receiver moves into one thread: Send is all that takes.
    let worker = thread::spawn(move || inbox.iter().sum::<u32>());
    for job in 1..=4 {
        jobs.send(job).unwrap();
    }
    drop(jobs); // no more jobs: the worker's loop ends
    println!("sum of the jobs: {}", worker.join().unwrap());
}
