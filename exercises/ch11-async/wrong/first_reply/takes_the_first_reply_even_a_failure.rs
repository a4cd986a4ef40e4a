//! Mistake: takes whichever reply comes first, so one fast failure ends
//! the race although a good reply was on its way.
//! Caught by: a_failure_does_not_end_the_race
// REGION
let mut racing = JoinSet::new();
for replica in replicas {
    racing.spawn(replica);
}
let outcome = time::timeout(budget, async {
    match racing.join_next().await {
        Some(finished) => finished.expect("a replica panicked").map_err(|_| NoReply::AllFailed),
        None => Err(NoReply::AllFailed),
    }
})
.await
.unwrap_or(Err(NoReply::TimedOut));
racing.shutdown().await;
outcome
