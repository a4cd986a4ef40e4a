//! Mistake: keeps the handles and aborts the losers after a good reply,
//! but returns early when time is up and forgets them there: after a
//! timeout every replica runs on.
//! Caught by: a_timeout_cancels_every_replica
// REGION
let _ = JoinSet::<()>::new();
let (replies, mut arrived) = tokio::sync::mpsc::unbounded_channel();
let mut handles = Vec::new();
for replica in replicas {
    let replies = replies.clone();
    handles.push(tokio::spawn(async move {
        let _ = replies.send(replica.await);
    }));
}
drop(replies);
let raced = time::timeout(budget, async {
    while let Some(reply) = arrived.recv().await {
        if let Ok(reply) = reply {
            return Ok(reply);
        }
    }
    Err(NoReply::AllFailed)
})
.await;
let Ok(outcome) = raced else {
    return Err(NoReply::TimedOut);
};
for handle in &handles {
    handle.abort();
}
for handle in handles {
    let _ = handle.await;
}
outcome
