//! # A worker you can stop
//!
//! A background worker runs one job after another (poll a mailbox, check a
//! folder, refresh a cache) until it is told to stop. In Python you would
//! give it a `threading.Event` and check `stop.is_set()` between jobs. In
//! Rust the flag is an `AtomicBool` that the worker and its owner share.
//!
//! Build `StoppableWorker`; the fields are yours to choose.
//!
//! - `start(job)` starts a thread that calls `job` again and again until the
//!   worker is stopped;
//! - `stop(self)` asks the worker to stop, waits until it has finished the
//!   job it was doing (a job is never cut off halfway), and returns how many
//!   times `job` ran.
//!
//! The tests check that the job runs many times, on a thread of its own;
//! that `stop` returns soon after it is called; that the job in progress is
//! finished before `stop` returns; that the count is right; and that two
//! workers running at once are stopped one at a time (each has a flag of
//! its own).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};

pub struct StoppableWorker {
    // SOLUTION: Choose the fields: a stop flag shared with the thread, and a way to wait for the thread.
    /// Set by `stop`, read by the worker between jobs.
    stop: Arc<AtomicBool>,
    /// The worker thread; it returns how many jobs it ran.
    thread: JoinHandle<u64>,
    // STARTER
    // END SOLUTION
}

impl StoppableWorker {
    /// Starts a thread that runs `job` over and over until `stop`.
    pub fn start<F: FnMut() + Send + 'static>(job: F) -> StoppableWorker {
        // SOLUTION: Make the flag, give the thread a clone of the `Arc`, and loop: check the flag, and if it is not set, run the job once and count it.
        let mut job = job;
        let stop = Arc::new(AtomicBool::new(false));
        let stop_requested = Arc::clone(&stop);
        let thread = thread::spawn(move || {
            let mut runs = 0;
            // Checked between jobs, never inside one.
            while !stop_requested.load(Ordering::Relaxed) {
                job();
                runs += 1;
            }
            runs
        });
        StoppableWorker { stop, thread }
        // END SOLUTION
    }

    /// Asks the worker to stop, waits for the job in progress to finish, and
    /// returns how many times the job ran.
    pub fn stop(self) -> u64 {
        // SOLUTION: Set the flag, then join the thread and return what it counted.
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().expect("the job panicked")
        // END SOLUTION
    }
}
