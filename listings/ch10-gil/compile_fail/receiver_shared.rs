//! Two threads sharing one `Receiver`.

use std::sync::mpsc;
use std::thread;

fn main() {
    let (jobs, inbox) = mpsc::channel::<u32>();
    thread::scope(|scope| {
        for _ in 0..2 {
            let inbox = &inbox; // two threads take from one Receiver
            scope.spawn(move || inbox.iter().sum::<u32>());
        }
        for job in 1..=4 {
            jobs.send(job).unwrap();
        }
        drop(jobs);
    });
}
