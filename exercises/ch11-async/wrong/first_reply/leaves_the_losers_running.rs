//! Mistake: spawns each replica with `tokio::spawn`, sends the replies on a
//! channel and drops the `JoinHandle`s: a dropped handle detaches its task,
//! so the losers run on to their end after the race is over.
//! Caught by: the_losers_are_cancelled, a_timeout_cancels_every_replica
// REGION
let _ = JoinSet::<()>::new();
let (replies, mut arrived) = tokio::sync::mpsc::unbounded_channel();
for replica in replicas {
    let replies = replies.clone();
    tokio::spawn(async move {
        let _ = replies.send(replica.await);
    });
}
drop(replies);
time::timeout(budget, async {
    while let Some(reply) = arrived.recv().await {
        if let Ok(reply) = reply {
            return Ok(reply);
        }
    }
    Err(NoReply::AllFailed)
})
.await
.unwrap_or(Err(NoReply::TimedOut))
