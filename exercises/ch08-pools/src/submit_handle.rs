//! # A pool whose `submit` hands back a handle
//!
//! Python's `ThreadPoolExecutor.submit(fn)` queues `fn` and at once gives
//! you a `Future`; `future.result()` waits for the value. Here you build the
//! same thing from chapter 8's parts: a fixed set of worker threads, one
//! crossbeam queue of jobs that they all take from, and a channel per task
//! that carries its value back to whoever holds the handle.
//!
//! Implement four pieces:
//!
//! - `ThreadPool::new(size)` makes the job queue and starts `size` worker
//!   threads; each runs the jobs it takes from the queue, one after another,
//!   until the queue is closed and empty.
//! - `submit(task)` wraps `task` in a job that runs it and sends its value
//!   on a channel of its own, queues that job, and returns at once with a
//!   `TaskHandle` holding the receiving end. It never runs the task itself
//!   and never waits for it.
//! - `TaskHandle::result()` waits for that value and returns it.
//! - Dropping the pool shuts it down the way Python's
//!   `executor.shutdown(wait=True)` does: it closes the queue, so each
//!   worker's loop ends once the queue is empty, and joins every worker, so
//!   that every task submitted before the drop has run when `drop` returns.
//!
//! A task that panics takes its worker down with it here, and `result()`
//! panics too; the next exercise reports panics properly.
//!
//! The tests check the values the handles give, that `submit` returns
//! while its task is still waiting to run, that two tasks run at the same
//! time on a pool of two, that the tasks run on the pool's own workers and
//! never on the caller's thread, and that dropping the pool waits for every
//! queued task and then ends the workers.

use crossbeam_channel::{Receiver, Sender, bounded, unbounded};
use std::thread::{self, JoinHandle};

/// A job for a worker: any closure that runs once, on some thread.
type Job = Box<dyn FnOnce() + Send + 'static>;

/// A fixed number of worker threads that share one queue of jobs.
pub struct ThreadPool {
    /// The sending end of the queue; `None` once the pool is shutting down.
    jobs: Option<Sender<Job>>,
    workers: Vec<JoinHandle<()>>,
}

/// The future of one submitted task.
pub struct TaskHandle<T> {
    value: Receiver<T>,
}

impl ThreadPool {
    /// Starts `size` workers, each waiting for jobs.
    pub fn new(size: usize) -> ThreadPool {
        assert!(size > 0, "a pool with no workers would never run a task");
        // SOLUTION: Make an unbounded crossbeam channel of `Job`s and start `size` threads that each run every job they receive from it; keep the sender and the join handles.
        let (jobs, queue) = unbounded::<Job>();
        let workers = (0..size)
            .map(|_| {
                let queue = queue.clone();
                // The loop ends when the queue is closed and empty.
                thread::spawn(move || {
                    for job in queue {
                        job();
                    }
                })
            })
            .collect();
        ThreadPool {
            jobs: Some(jobs),
            workers,
        }
        // END SOLUTION
    }

    /// Queues `task` and returns at once with a handle to its value.
    pub fn submit<T, F>(&self, task: F) -> TaskHandle<T>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        // SOLUTION: Make a channel for the value, queue a job that runs `task` and sends what it returns, and return a handle holding the receiver.
        // Room for exactly one message, so the send never waits.
        let (value, handle) = bounded(1);
        let job = move || {
            // Nobody may be holding the handle any more; that is fine.
            let _ = value.send(task());
        };
        self.jobs
            .as_ref()
            .expect("the pool is shutting down")
            .send(Box::new(job))
            .expect("the workers are gone");
        TaskHandle { value: handle }
        // END SOLUTION
    }
}

impl Drop for ThreadPool {
    /// Lets the workers finish every queued job, then waits for them to end.
    fn drop(&mut self) {
        // SOLUTION: Drop the sender so that the queue closes, then join every worker.
        drop(self.jobs.take());
        for worker in self.workers.drain(..) {
            // A worker that panicked has nothing left to finish.
            let _ = worker.join();
        }
        // END SOLUTION
    }
}

impl<T> TaskHandle<T> {
    /// Waits for the task to finish and returns its value. Panics if the
    /// task panicked, as Python's `result()` re-raises its exception.
    pub fn result(self) -> T {
        // SOLUTION: Wait for the value on the receiver; if the channel closes without one, the task panicked.
        self.value
            .recv()
            .expect("the task panicked before it sent its value")
        // END SOLUTION
    }
}
