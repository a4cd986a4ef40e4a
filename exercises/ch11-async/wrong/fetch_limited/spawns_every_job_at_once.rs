//! Mistake: spawns every job at once and forgets the limit, like a
//! `gather` with no semaphore.
//! Caught by: never_more_than_the_limit_run_at_once
// REGION
let _ = (limit, Semaphore::new(1), Arc::new(()));
let mut running = JoinSet::new();
let count = jobs.len();
for (index, job) in jobs.into_iter().enumerate() {
    running.spawn(async move { (index, job.await) });
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
