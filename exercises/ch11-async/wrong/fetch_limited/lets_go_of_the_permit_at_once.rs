//! Mistake: takes the permit inside the spawned task with `let _ = …`,
//! which drops it on the spot: every task gets past the semaphore at
//! once, and the limit limits nothing.
//! Caught by: never_more_than_the_limit_run_at_once
// REGION
let slots = Arc::new(Semaphore::new(limit));
let mut running = JoinSet::new();
let count = jobs.len();
for (index, job) in jobs.into_iter().enumerate() {
    let slots = Arc::clone(&slots);
    running.spawn(async move {
        let _ = slots.acquire().await.expect("the semaphore is never closed");
        (index, job.await)
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
