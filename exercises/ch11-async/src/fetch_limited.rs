//! # Fetch many, a few at a time
//!
//! Run a list of downloads as tokio tasks, never more than `limit` at once,
//! and hand back their results in the order of the list. In Python you would
//! wrap each coroutine in `async with semaphore:` and `gather` them all:
//! `gather` returns the results in the order of its arguments, whichever
//! finished first.
//!
//! `fetch_all(jobs, limit)` takes the jobs as futures that have not started
//! yet (a future does nothing until it is polled) and:
//!
//! - runs each job exactly once, on a task of its own (`tokio::spawn` or a
//!   `JoinSet`);
//! - has at most `limit` jobs running at any moment, and as soon as one
//!   ends, starts the next: a free slot does not wait for the rest of a
//!   batch;
//! - returns `results[i]` = the output of `jobs[i]`.
//!
//! `limit` is at least 1. A `tokio::sync::Semaphore` with `limit` permits is
//! the usual tool; a job holds its permit until it ends.

use std::future::Future;
use std::sync::Arc;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

pub async fn fetch_all<T, Job>(jobs: Vec<Job>, limit: usize) -> Vec<T>
where
    T: Send + 'static,
    Job: Future<Output = T> + Send + 'static,
{
    assert!(limit >= 1, "a limit of 0 would run nothing");
    // SOLUTION: Make a `Semaphore` with `limit` permits. For each job, take an owned permit, then spawn a task that runs the job while holding the permit and returns the job's index with its output. Put each output in its place.
    let slots = Arc::new(Semaphore::new(limit));
    let mut running = JoinSet::new();
    let count = jobs.len();
    for (index, job) in jobs.into_iter().enumerate() {
        // Wait here for a free slot: no more than `limit` jobs run at once.
        let permit = slots
            .clone()
            .acquire_owned()
            .await
            .expect("the semaphore is never closed");
        running.spawn(async move {
            let output = job.await;
            // The slot is free again only when the job has ended.
            drop(permit);
            (index, output)
        });
    }
    let mut results: Vec<Option<T>> = (0..count).map(|_| None).collect();
    while let Some(finished) = running.join_next().await {
        let (index, output) = finished.expect("a job panicked");
        results[index] = Some(output);
    }
    results
        .into_iter()
        .map(|r| r.expect("every job ran"))
        .collect()
    // END SOLUTION
}
