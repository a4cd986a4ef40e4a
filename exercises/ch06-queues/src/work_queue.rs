//! # A bounded work queue
//!
//! Chapter 6's headline listing had one producer and one consumer on a
//! bounded queue. Here there are several consumers, and you build the whole
//! thing: the queue, the workers, and a shutdown that loses nothing.
//!
//! Implement `run_jobs(jobs, capacity, workers, work)`:
//!
//! - make a crossbeam channel that holds at most `capacity` jobs, so that
//!   the producer waits whenever the workers fall behind (backpressure);
//! - start `workers` worker threads that all take jobs from that one queue,
//!   call `work` on each, and keep the results;
//! - be the producer yourself, on the calling thread: send every job from
//!   `jobs` into the queue, taking them from the iterator one at a time;
//! - end the workers by closing the queue, not with a sentinel: once the
//!   last job is in, drop the sender, and each worker's loop ends by itself
//!   when the queue is empty;
//! - return every result, in any order.
//!
//! The tests pass in their own jobs and `work`, which note what happens
//! when, to see how your queue behaves. They check that every job is done
//! exactly once, that the workers run at the same time, that the producer
//! takes no more jobs from the iterator while the queue is full, that a
//! producer who pauses between jobs loses none of them, and that
//! `run_jobs` returns once the jobs run out, even when there are none.

use crossbeam_channel::bounded;
use std::thread;

/// Feeds `jobs` to `workers` threads through a queue that holds at most
/// `capacity` jobs, and returns every result, in any order.
pub fn run_jobs<J, R>(
    jobs: impl IntoIterator<Item = J>,
    capacity: usize,
    workers: usize,
    work: impl Fn(J) -> R + Sync,
) -> Vec<R>
where
    J: Send,
    R: Send,
{
    assert!(
        workers > 0,
        "a queue with no workers would never be emptied"
    );
    // SOLUTION: Make a queue of `capacity` jobs, start `workers` scoped threads that work through it, send every job from this thread, drop the sender, and gather the workers' results.
    let (queue, inbox) = bounded(capacity);
    let work = &work;
    thread::scope(|s| {
        let workers: Vec<_> = (0..workers)
            .map(|_| {
                let inbox = inbox.clone();
                s.spawn(move || inbox.iter().map(work).collect::<Vec<R>>())
            })
            .collect();
        // Only the workers hold receivers now.
        drop(inbox);
        for job in jobs {
            // Waits while the queue holds `capacity` jobs.
            queue.send(job).expect("every worker has stopped");
        }
        // Closing the queue is what ends the workers' loops.
        drop(queue);
        workers
            .into_iter()
            .flat_map(|worker| worker.join().expect("a worker panicked"))
            .collect()
    })
    // END SOLUTION
}
