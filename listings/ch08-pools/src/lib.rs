//! The chapter's thread pool, with `submit` and `as_completed`.
//!
//! A fixed set of workers that take jobs from one
//! crossbeam queue, with `submit` handles and `as_completed`, the Rust
//! counterparts of `concurrent.futures.ThreadPoolExecutor`.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::thread::{self, JoinHandle};

use crossbeam_channel::{Receiver, Sender, bounded, unbounded};

// ANCHOR: pool
/// A job: any closure that runs once on some thread.
type Job = Box<dyn FnOnce() + Send + 'static>;

/// A fixed number of worker threads sharing one job queue.
pub struct ThreadPool {
    jobs: Option<Sender<Job>>,
    workers: Vec<JoinHandle<()>>,
}

impl ThreadPool {
    /// Starts `size` workers (at least one), each waiting for jobs.
    pub fn new(size: usize) -> ThreadPool {
        let (jobs, queue) = unbounded::<Job>();
        let workers = (0..size.max(1))
            .map(|n| {
                let queue: Receiver<Job> = queue.clone();
                thread::Builder::new()
                    .name(format!("pool-worker-{n}"))
                    .spawn(move || {
                        // Ends when the queue is empty and the pool has
                        // dropped its sender. A job that panics ends
                        // only itself, never the worker.
                        for job in queue {
                            let _ = catch(job);
                        }
                    })
                    .expect("the system refused to start a worker thread")
            })
            .collect();
        ThreadPool {
            jobs: Some(jobs),
            workers,
        }
    }

    /// Queues `job`; the next free worker runs it.
    pub fn execute(&self, job: impl FnOnce() + Send + 'static) {
        if let Some(jobs) = &self.jobs {
            // The workers live as long as the sender: this cannot fail.
            jobs.send(Box::new(job)).expect("the workers are gone");
        }
    }

    pub fn size(&self) -> usize {
        self.workers.len()
    }
}

impl Drop for ThreadPool {
    /// Closes the queue, lets the workers finish every queued job, and
    /// waits for them to end.
    fn drop(&mut self) {
        drop(self.jobs.take());
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}
// ANCHOR_END: pool

// ANCHOR: submit
/// What a task that panicked left behind: its panic message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskPanicked(pub String);

/// Runs `task`, turning a panic into an `Err` instead of killing the thread.
pub fn catch<T>(task: impl FnOnce() -> T) -> Result<T, TaskPanicked> {
    panic::catch_unwind(AssertUnwindSafe(task)).map_err(|payload| TaskPanicked(message(&*payload)))
}

fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic without a message".to_string()
    }
}

/// The future of one submitted task, like Python's `Future`.
pub struct TaskHandle<T> {
    outcome: Receiver<Result<T, TaskPanicked>>,
}

impl<T> TaskHandle<T> {
    /// Waits for the task and returns its value, or `Err` if it panicked.
    pub fn result(self) -> Result<T, TaskPanicked> {
        self.outcome
            .recv()
            .unwrap_or_else(|_| Err(TaskPanicked("the pool dropped the task".into())))
    }
}

impl ThreadPool {
    /// Queues `task` and returns a handle to its result.
    pub fn submit<T: Send + 'static>(
        &self,
        task: impl FnOnce() -> T + Send + 'static,
    ) -> TaskHandle<T> {
        // Room for exactly one message: the task's outcome.
        let (outcome, handle) = bounded(1);
        self.execute(move || {
            // Nobody may be waiting any more; that is fine.
            let _ = outcome.send(catch(task));
        });
        TaskHandle { outcome: handle }
    }
}
// ANCHOR_END: submit

// ANCHOR: map
impl ThreadPool {
    /// Python's `pool.map`: runs `task` on every item, at the same time as
    /// far as the workers allow, and returns the outcomes in input order.
    pub fn map<I, T, F>(&self, items: Vec<I>, task: F) -> Vec<Result<T, TaskPanicked>>
    where
        I: Send + 'static,
        T: Send + 'static,
        F: Fn(I) -> T + Send + Sync + 'static,
    {
        let task = std::sync::Arc::new(task);
        // Submit everything first, then wait on the handles in order: the
        // order of the handles, not the order of finishing, orders the result.
        let handles: Vec<_> = items
            .into_iter()
            .map(|item| {
                let task = std::sync::Arc::clone(&task);
                self.submit(move || task(item))
            })
            .collect();
        handles.into_iter().map(TaskHandle::result).collect()
    }
}
// ANCHOR_END: map

// ANCHOR: as_completed
impl ThreadPool {
    /// Runs every task on the pool and returns a receiver that yields
    /// `(index, outcome)` pairs in the order the tasks finish.
    pub fn as_completed<T, F>(&self, tasks: Vec<F>) -> Receiver<(usize, Result<T, TaskPanicked>)>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let (finished, in_finishing_order) = unbounded();
        for (index, task) in tasks.into_iter().enumerate() {
            let finished = finished.clone();
            self.execute(move || {
                let _ = finished.send((index, catch(task)));
            });
        }
        // Each task holds a sender; the receiver ends after the last task.
        in_finishing_order
    }
}
// ANCHOR_END: as_completed
