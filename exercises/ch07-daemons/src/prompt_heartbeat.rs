//! # A heartbeat that stops when it is told
//!
//! A heartbeat thread calls a function at a steady interval ("still
//! alive", a progress dot, a lease renewal) for as long as the program
//! runs. Stopping it must not take up to a whole interval: with an
//! interval of a minute, nobody wants to wait a minute for the program to
//! exit. Python would wait on `threading.Event.wait(interval)`, which
//! returns early when the event is set; in Rust, wait on a channel with
//! `recv_timeout`, and stop the heartbeat by closing the channel.
//!
//! Build `Heartbeat`; the fields are yours to choose.
//!
//! - `start(interval, beat)` starts a thread that calls `beat` once every
//!   `interval`, the first time one interval after the start;
//! - `stop(self)` stops the heartbeat at once, even in the middle of an
//!   interval, and returns how many beats there were; no beat happens after
//!   `stop` has returned.
//!
//! The tests check the interval, the first beat, how quickly `stop` returns
//! in the middle of a long interval, that `stop` waits for a beat that is
//! running, that no beat comes after `stop`, and the count, also with two
//! heartbeats at once.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::Duration;

pub struct Heartbeat {
    // SOLUTION: Choose the fields: a way to wake the thread when it is time to stop, and a way to wait for it.
    /// Never used to send: dropping it closes the channel, and that wakes
    /// the heartbeat thread at once.
    stop: Sender<()>,
    /// The heartbeat thread; it returns how many beats it made.
    thread: JoinHandle<u64>,
    // STARTER
    // END SOLUTION
}

impl Heartbeat {
    /// Starts a thread that calls `beat` every `interval` until `stop`.
    pub fn start<F: FnMut() + Send + 'static>(interval: Duration, beat: F) -> Heartbeat {
        // SOLUTION: Make a channel and keep its sender. On the thread, wait on the receiver with `recv_timeout(interval)`: a timeout means "beat now"; a closed channel means "stop".
        let mut beat = beat;
        let (stop, stop_requested) = mpsc::channel::<()>();
        let thread = thread::spawn(move || {
            let mut beats = 0;
            loop {
                match stop_requested.recv_timeout(interval) {
                    Err(RecvTimeoutError::Timeout) => {
                        beat();
                        beats += 1;
                    }
                    // The sender is gone (or something was sent): stop.
                    Err(RecvTimeoutError::Disconnected) | Ok(()) => return beats,
                }
            }
        });
        Heartbeat { stop, thread }
        // END SOLUTION
    }

    /// Stops the heartbeat at once and returns how many beats there were.
    pub fn stop(self) -> u64 {
        // SOLUTION: Close the channel by dropping the sender, then join the thread and return its count.
        drop(self.stop);
        self.thread.join().expect("the beat panicked")
        // END SOLUTION
    }
}
