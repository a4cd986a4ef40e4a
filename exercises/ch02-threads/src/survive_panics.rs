//! # Jobs that survive a panic
//!
//! When one of several threads panics, the others should still finish their
//! work, and whoever collects the results should learn which job failed and
//! why. Chapter 2's `thread_panic` listing showed the way: `join` returns
//! `Err` with the value the thread panicked with, its *payload*.
//!
//! Implement two functions:
//!
//! - `run_jobs(inputs, job)` runs `job` on every input, each on a thread of
//!   its own named after the input's position: `job-0`, `job-1`, and so on.
//!   Start every thread before you join any. Return one entry per input, in
//!   the order of the inputs: `Ok` with what the job returned, or `Err` with
//!   the panic message if the job panicked. A panicking job must not stop the
//!   others, nor `run_jobs` itself.
//! - `message_of(payload)` turns a panic's payload into its message.
//!   `panic!("no such book")` panics with a `&'static str`; a formatted
//!   message such as `panic!("book {id} is missing")`, or the message of
//!   `expect`, is a `String`. Any other payload (from
//!   `std::panic::panic_any`) gives the message `"(not a string)"`.
//!
//! The tests check the results of jobs that return and of jobs that panic,
//! with both kinds of message and with a payload that is not text, the
//! names of the threads, that the entries keep the order of the inputs when
//! the threads finish from the last to the first, and that the jobs run at
//! the same time. The panic
//! reports that you see in the test output come from the jobs' own threads;
//! they are expected.

use std::any::Any;
use std::thread;

/// Runs `job` on every input, on threads named `job-0`, `job-1`, …, and
/// reports each job's result or panic message, in input order.
pub fn run_jobs<T, R, F>(inputs: Vec<T>, job: F) -> Vec<Result<R, String>>
where
    T: Send + 'static,
    R: Send + 'static,
    F: Fn(T) -> R + Clone + Send + 'static,
{
    // SOLUTION: Spawn a thread named `job-<position>` for every input with `thread::Builder`, then join them in order, turning an `Err` from `join` into its message with `message_of`.
    let workers: Vec<thread::JoinHandle<R>> = inputs
        .into_iter()
        .enumerate()
        .map(|(position, input)| {
            let job = job.clone();
            thread::Builder::new()
                .name(format!("job-{position}"))
                .spawn(move || job(input))
                .expect("the OS refused to start a thread")
        })
        .collect();
    // `join` gives `Err` for a thread that panicked; keep it, don't unwrap it.
    workers
        .into_iter()
        .map(|worker| worker.join().map_err(message_of))
        .collect()
    // END SOLUTION
}

/// The message a thread panicked with, found in the panic's payload.
pub fn message_of(payload: Box<dyn Any + Send>) -> String {
    // SOLUTION: Look for a `&'static str` or a `String` in the payload with `downcast_ref`, and fall back to "(not a string)".
    if let Some(message) = payload.downcast_ref::<&str>() {
        (*message).to_owned()
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message.clone()
    } else {
        "(not a string)".to_owned()
    }
    // END SOLUTION
}
