//! # One counter per thread
//!
//! A downloader numbers its requests 1, 2, 3, … so that its log lines can be
//! matched with the server's. The numbers belong to the thread that sends
//! the requests: two downloaders each have a request number 1, and a thread
//! started later begins again at 1.
//!
//! Implement `next_request_number()`. The first time a thread calls it, it
//! returns 1; each later call on the same thread returns one more than the
//! last. Calls on other threads do not change this thread's count.
//!
//! Keep the count in a `thread_local!` static declared inside the function,
//! Rust's answer to Python's `threading.local`: every thread gets a count of
//! its own, created the first time that thread uses it.
//!
//! The tests check that a new thread starts at 1, that each call on a thread
//! gets one more than the one before, that threads running at the
//! same time each count from 1, and that a thread's count is unchanged by
//! the threads it starts.

use std::cell::Cell;

/// The number of this request among the ones this thread has sent: 1, 2, 3, …
pub fn next_request_number() -> u64 {
    // SOLUTION: Keep this thread's count in a `thread_local!` `Cell`, add one to it, and return the new count.
    thread_local! {
        // Every thread gets its own, starting from zero requests sent.
        static REQUESTS_SENT: Cell<u64> = const { Cell::new(0) };
    }
    REQUESTS_SENT.with(|sent| {
        sent.set(sent.get() + 1);
        sent.get()
    })
    // END SOLUTION
}
