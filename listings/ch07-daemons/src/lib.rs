//! The workers and jobs shared by the fleet listings.
//!
//! Shared by the fleet listings: the same workers and the same jobs, so
//! that the only difference between them is how main ends.

use crossbeam_channel::{Receiver, Sender, unbounded};
use std::thread::{self, JoinHandle};
use std::time::Duration;

pub const WORKERS: usize = 4;
pub const JOBS: u32 = 20;
/// How long one job takes: 20 jobs on 4 workers need at least 1 s.
pub const JOB_TIME: Duration = Duration::from_millis(200);

/// A fleet of workers sharing one job queue.
pub struct Fleet {
    /// Send jobs here. Dropping it tells the workers no more are coming.
    pub jobs: Sender<u32>,
    /// Each finished job's number comes back here.
    pub finished: Receiver<u32>,
    pub workers: Vec<JoinHandle<()>>,
}

// ANCHOR: start_fleet
pub fn start_fleet() -> Fleet {
    let (jobs, queue) = unbounded::<u32>();
    let (finished_tx, finished) = unbounded();
    let workers = (0..WORKERS)
        .map(|_| {
            let queue = queue.clone();
            let finished_tx = finished_tx.clone();
            thread::spawn(move || {
                // Takes jobs until the queue is empty *and* closed.
                for job in queue {
                    thread::sleep(JOB_TIME); // the work
                    let _ = finished_tx.send(job);
                }
            })
        })
        .collect();
    Fleet {
        jobs,
        finished,
        workers,
    }
}
// ANCHOR_END: start_fleet
