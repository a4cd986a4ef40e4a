//! Mistake: awaits each job in turn in a loop, so only one ever runs: the
//! order and the limit are right, and the whole is as slow as the sum.
//! Caught by: the_limit_is_used_jobs_run_side_by_side, a_free_slot_is_used_at_once
// REGION
let _ = (limit, Semaphore::new(1), Arc::new(()), JoinSet::<()>::new());
let mut results = Vec::new();
for job in jobs {
    results.push(job.await);
}
results
