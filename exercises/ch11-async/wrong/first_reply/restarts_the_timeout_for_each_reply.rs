//! Mistake: puts the timeout around each `join_next` instead of around the
//! whole race, so every failure that arrives in time starts the clock
//! again, and the race can run far past its budget.
//! Caught by: the_deadline_covers_the_whole_race
// REGION
let mut racing = JoinSet::new();
for replica in replicas {
    racing.spawn(replica);
}
let outcome = loop {
    match time::timeout(budget, racing.join_next()).await {
        Err(_) => break Err(NoReply::TimedOut),
        Ok(None) => break Err(NoReply::AllFailed),
        Ok(Some(finished)) => {
            if let Ok(reply) = finished.expect("a replica panicked") {
                break Ok(reply);
            }
        }
    }
};
racing.shutdown().await;
outcome
