//! # Results in input order
//!
//! Python's `ThreadPoolExecutor.map` runs a function on many inputs at once
//! and still hands back the results in the order of the inputs, whichever
//! finished first. Build the same thing from chapter 2's tools: one thread
//! per input, and the join handles.
//!
//! Implement `map_on_threads(inputs, work)`:
//!
//! - start one thread per input with `thread::spawn`; each thread calls
//!   `work` on its own input, which it owns;
//! - every thread needs a `work` of its own to call: clone it for each thread
//!   and `move` the clone in, as you move the input;
//! - start all the threads before you wait for any, so that the inputs are
//!   worked on at the same time;
//! - return the results in the order of `inputs`, although the threads may
//!   finish in any order.
//!
//! The tests check one result per input, the order of the results when the
//! threads finish from the last input to the first and from the first to the
//! last (their `work` waits for the other threads to end, to force that
//! order on every run), that every input
//! runs on a new thread of its own, and that all the inputs are being worked
//! on at the same moment.

use std::thread;

/// Calls `work` on every input, each on a thread of its own, and returns the
/// results in the order of `inputs`.
pub fn map_on_threads<T, R, F>(inputs: Vec<T>, work: F) -> Vec<R>
where
    T: Send + 'static,
    R: Send + 'static,
    F: Fn(T) -> R + Clone + Send + 'static,
{
    // SOLUTION: Spawn one thread per input that calls its own clone of `work` on it, keep the handles in input order, then join them in that order.
    let workers: Vec<thread::JoinHandle<R>> = inputs
        .into_iter()
        .map(|input| {
            let work = work.clone();
            thread::spawn(move || work(input))
        })
        .collect();
    // Joining in the order of the inputs gives the results in that order,
    // however the threads were scheduled.
    workers
        .into_iter()
        .map(|worker| worker.join().expect("a worker panicked"))
        .collect()
    // END SOLUTION
}
