//! Mistake: drops the `JoinSet` to cancel the losers and returns at once:
//! dropping the set only asks each task to stop, and the runtime drops
//! them later, after `first_reply` has returned, with whatever they hold.
//! Caught by: the_losers_are_cancelled, a_timeout_cancels_every_replica
// REGION
let mut racing = JoinSet::new();
for replica in replicas {
    racing.spawn(replica);
}
let outcome = time::timeout(budget, async {
    while let Some(finished) = racing.join_next().await {
        if let Ok(Ok(reply)) = finished {
            return Ok(reply);
        }
    }
    Err(NoReply::AllFailed)
})
.await
.unwrap_or(Err(NoReply::TimedOut));
// Dropping the set aborts every task still in it.
drop(racing);
outcome
