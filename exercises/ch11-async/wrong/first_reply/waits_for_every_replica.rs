//! Mistake: gathers every reply first and only then looks for a good one,
//! so the race is as slow as its slowest replica.
//! Caught by: returns_as_soon_as_a_good_reply_arrives
// REGION
let mut racing = JoinSet::new();
for replica in replicas {
    racing.spawn(replica);
}
let outcome = time::timeout(budget, async {
    let mut replies = Vec::new();
    while let Some(finished) = racing.join_next().await {
        replies.push(finished.expect("a replica panicked"));
    }
    replies
        .into_iter()
        .find_map(|reply| reply.ok())
        .ok_or(NoReply::AllFailed)
})
.await
.unwrap_or(Err(NoReply::TimedOut));
racing.shutdown().await;
outcome
