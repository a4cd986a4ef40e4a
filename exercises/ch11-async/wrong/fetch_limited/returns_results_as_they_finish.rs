//! Mistake: pushes each output as its task ends, so the results come back
//! in the order the jobs finished (`as_completed`), not in the order of
//! the jobs (`gather`).
//! Caught by: results_come_back_in_the_order_of_the_jobs
// REGION
let slots = Arc::new(Semaphore::new(limit));
let mut running = JoinSet::new();
for job in jobs {
    let permit = slots
        .clone()
        .acquire_owned()
        .await
        .expect("the semaphore is never closed");
    running.spawn(async move {
        let output = job.await;
        drop(permit);
        output
    });
}
let mut results = Vec::new();
while let Some(finished) = running.join_next().await {
    results.push(finished.expect("a job panicked"));
}
results
