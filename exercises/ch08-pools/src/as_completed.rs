//! # Results in the order they finish
//!
//! Python's `concurrent.futures.as_completed(futures)` hands you each
//! future as soon as it is done, fastest first, so that you can use the
//! first results while the slow tasks are still running. A task that raised
//! comes out like any other, and `result()` re-raises its exception there,
//! for that task alone.
//!
//! Implement `as_completed(workers, tasks)`:
//!
//! - run `tasks` on `workers` threads of a small pool of your own: a
//!   crossbeam queue of `(index, task)` pairs, and `workers` threads that
//!   take from it, so that never more than `workers` tasks run at once;
//! - run each task through `catch` (given below), which turns a panic into
//!   `Err(TaskPanicked(message))`, so that a panicking task ends neither its
//!   worker nor the tasks queued after it;
//! - send each `(index, outcome)` pair on a results channel the moment the
//!   task finishes, `index` being the task's position in `tasks`;
//! - return that channel's receiver at once, without waiting for any task.
//!   Iterating over it yields the pairs in finishing order, and ends after
//!   the last task, because by then every sender is gone.
//!
//! The tests check that every task is reported once with its index, that
//! fast tasks come out before slow ones, that the first results arrive while
//! a slow task is still running, that a panicking task is reported as an
//! `Err` and the tasks after it still run, and that never more than
//! `workers` tasks run at once. The panic reports in the test output come
//! from tasks that panic on purpose; they are expected.

use crossbeam_channel::{Receiver, unbounded};
use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::thread;

/// What a task that panicked left behind: its panic message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskPanicked(pub String);

/// Runs `task`, turning a panic into an `Err` instead of ending the thread.
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

/// Runs `tasks` on `workers` threads and returns a receiver that yields
/// `(index, outcome)` for each task, in the order the tasks finish.
pub fn as_completed<T, F>(
    workers: usize,
    tasks: Vec<F>,
) -> Receiver<(usize, Result<T, TaskPanicked>)>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    assert!(workers > 0, "a pool with no workers would never run a task");
    // SOLUTION: Queue every `(index, task)` on a crossbeam channel and close it; start `workers` threads that run each task they take through `catch` and send `(index, outcome)` on a results channel; return the results' receiver.
    let (queue, jobs) = unbounded();
    for job in tasks.into_iter().enumerate() {
        queue.send(job).expect("the receiving end is right here");
    }
    // The workers' loops end once the queue is empty.
    drop(queue);
    let (finished, in_finishing_order) = unbounded();
    for _ in 0..workers {
        let jobs = jobs.clone();
        let finished = finished.clone();
        thread::spawn(move || {
            for (index, task) in jobs {
                // The caller may have stopped listening; the other tasks
                // still run.
                let _ = finished.send((index, catch(task)));
            }
        });
    }
    // Only the workers hold senders now: the receiver ends after the last
    // task.
    in_finishing_order
    // END SOLUTION
}
