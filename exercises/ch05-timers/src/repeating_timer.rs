//! # A timer that repeats
//!
//! Python's `threading.Timer` fires once. For a heartbeat, a progress
//! report or a cache refresh you want an action every `interval` until you
//! say stop; in Python that is usually a `Timer` whose function starts the
//! next `Timer`. Here you build the repeating timer directly.
//!
//! `Repeater::start(interval, action)` runs `action` on a thread of its own,
//! `interval` after the start, then `2 × interval` after it, `3 × interval`,
//! and so on, until the repeater is stopped:
//!
//! - `stop` ends it at once, even in the middle of a wait, and returns how
//!   many times the action ran. Once `stop` has returned, the action never
//!   runs again.
//! - Dropping the repeater stops it too (the `Drop` impl below calls
//!   `halt`, which you write).
//! - The schedule is counted from the start, not from the end of the last
//!   run: an action that takes 60 ms of a 100 ms interval still runs ten
//!   times a second. Compute each run's deadline, and wait only for what is
//!   left of it.
//!
//! The tests check that the action runs again and again, never before its
//! time, that `stop` does not wait out the interval, that nothing runs
//! after `stop`, that `stop` or a drop while the action runs waits for it
//! to finish, that dropping stops it, and that a slow action does not make
//! the schedule drift.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

// SOLUTION: Give the repeater the fields it needs to tell its thread to stop, and to collect the count the thread returns.
pub struct Repeater {
    /// The stop button: dropping it disconnects the channel.
    stop: Option<Sender<()>>,
    /// The repeating thread; it returns how many times the action ran.
    thread: Option<JoinHandle<u32>>,
}
// STARTER
// pub struct Repeater {
//     // What does `halt` need to reach the thread, and to get its count back?
// }
// END SOLUTION

impl Repeater {
    /// Starts running `action` every `interval`, the first time one
    /// `interval` from now.
    pub fn start(interval: Duration, mut action: impl FnMut() + Send + 'static) -> Repeater {
        // SOLUTION: Spawn a thread that waits on a stop channel with `recv_timeout` until each run's deadline (start + n × interval), runs the action whenever the wait times out, and returns its count once the channel says stop.
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = thread::spawn(move || {
            let start = Instant::now();
            let mut runs = 0;
            loop {
                let next_run = start + interval * (runs + 1);
                let left = next_run.saturating_duration_since(Instant::now());
                match stopped.recv_timeout(left) {
                    Err(RecvTimeoutError::Timeout) => {
                        action();
                        runs += 1;
                    }
                    // A message, or the sender dropped: stop.
                    Ok(()) | Err(RecvTimeoutError::Disconnected) => return runs,
                }
            }
        });
        Repeater {
            stop: Some(stop),
            thread: Some(thread),
        }
        // END SOLUTION
    }

    /// Stops the repeater and returns how many times the action ran.
    pub fn stop(mut self) -> u32 {
        self.halt()
    }

    /// Tells the thread to stop, waits for it, and returns its count (0 if
    /// it was already halted).
    fn halt(&mut self) -> u32 {
        // SOLUTION: Tell the thread to stop so that its wait ends at once, then join it and return its count.
        drop(self.stop.take());
        match self.thread.take() {
            Some(thread) => thread.join().expect("the action panicked"),
            None => 0,
        }
        // END SOLUTION
    }
}

impl Drop for Repeater {
    fn drop(&mut self) {
        self.halt();
    }
}
