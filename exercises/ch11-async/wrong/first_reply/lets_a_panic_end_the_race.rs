//! Mistake: unwraps what `join_next` gives with `expect`, so a replica
//! that panics makes `first_reply` panic too, instead of counting as one
//! more failure while the others race on.
//! Caught by: a_panicking_replica_counts_as_a_failure
// REGION
let mut racing = JoinSet::new();
for replica in replicas {
    racing.spawn(replica);
}
let outcome = time::timeout(budget, async {
    while let Some(finished) = racing.join_next().await {
        if let Ok(reply) = finished.expect("a replica panicked") {
            return Ok(reply);
        }
    }
    Err(NoReply::AllFailed)
})
.await
.unwrap_or(Err(NoReply::TimedOut));
racing.shutdown().await;
outcome
