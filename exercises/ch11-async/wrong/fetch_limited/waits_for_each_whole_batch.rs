//! Mistake: runs the jobs in batches of `limit` and waits for the whole
//! batch before starting the next, so one slow job keeps the free slots
//! idle.
//! Caught by: a_free_slot_is_used_at_once
// REGION
let mut results = Vec::new();
let mut jobs = jobs.into_iter().peekable();
while jobs.peek().is_some() {
    let mut batch = JoinSet::new();
    for (index, job) in jobs.by_ref().take(limit).enumerate() {
        batch.spawn(async move { (index, job.await) });
    }
    let mut outputs: Vec<(usize, T)> = Vec::new();
    while let Some(finished) = batch.join_next().await {
        outputs.push(finished.expect("a job panicked"));
    }
    outputs.sort_by_key(|(index, _)| *index);
    results.extend(outputs.into_iter().map(|(_, output)| output));
}
let _ = (Semaphore::new(1), Arc::new(()));
results
