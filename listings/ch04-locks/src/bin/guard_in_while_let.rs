//! A guard in a `while let` condition stays locked through the body.

use std::collections::VecDeque;
use std::sync::{Mutex, TryLockError};
use std::thread;

type Queue = Mutex<VecDeque<u32>>;

/// Asks for the queue's lock from another thread, without waiting: is it free?
fn lock_is_free(queue: &Queue) -> bool {
    thread::scope(|s| {
        s.spawn(|| !matches!(queue.try_lock(), Err(TryLockError::WouldBlock)))
            .join()
            .unwrap()
    })
}

/// The slow part of a job. It only reports whether the queue was locked
/// while it ran: locking the queue here, on a thread that already holds the
/// lock, might panic or deadlock.
fn work(job: u32, queue: &Queue) {
    println!(
        "  job {job}: queue free during the work: {}",
        lock_is_free(queue)
    );
}

fn main() {
    let queue = Mutex::new(VecDeque::from([1, 2, 3]));

    println!("while let, lock() in the condition:");
    // ANCHOR: trap
    while let Some(job) = queue.lock().unwrap().pop_front() {
        // The guard made in the condition lives to the end of this pass.
        work(job, &queue);
    }
    // ANCHOR_END: trap

    queue.lock().unwrap().extend([1, 2, 3]);
    println!("the job taken in a statement of its own:");
    // ANCHOR: fix
    loop {
        let next = queue.lock().unwrap().pop_front(); // the guard dies at this `;`
        let Some(job) = next else { break };
        work(job, &queue);
    }
    // ANCHOR_END: fix

    println!("if let, lock() in the condition:");
    // ANCHOR: if_let
    for jobs in [vec![4], vec![]] {
        queue.lock().unwrap().extend(jobs);
        if let Some(job) = queue.lock().unwrap().pop_front() {
            work(job, &queue); // held here, as in `while let`...
        } else {
            // ...but since edition 2024, dropped before `else`.
            println!("  no job: queue free in else: {}", lock_is_free(&queue));
        }
    }
    // ANCHOR_END: if_let
}
