//! # The first good reply, under one deadline
//!
//! Ask several replicas of a service the same question at once, take the
//! first good reply, and cancel the rest. In Python you would create a task
//! per replica, loop over `asyncio.as_completed(tasks, timeout=…)` until a
//! result is not an exception, and then `cancel()` the tasks still running.
//!
//! `first_reply(replicas, budget)` runs every replica on a task of its own
//! and returns:
//!
//! - `Ok(reply)` with the first `Ok` that any replica returns, as soon as it
//!   arrives; a replica that fails does not end the race, and neither does
//!   one that panics: tokio catches the panic, and it counts as a failure;
//! - `Err(NoReply::AllFailed)` as soon as every replica has failed (or at
//!   once, when there are none);
//! - `Err(NoReply::TimedOut)` when `budget`, counted once from the call,
//!   runs out first.
//!
//! Whatever the outcome, no replica is left running: by the time
//! `first_reply` returns, every loser has been cancelled and dropped, with
//! whatever it held. Aborting a task only asks: the task is dropped later,
//! when the runtime gets to it, so wait until it has been. A tokio task is
//! not cancelled by dropping its `JoinHandle`; it runs on.
//!
//! Never block the thread: the tests run on one thread, so a blocking
//! call in `first_reply` stops every replica.

use std::future::Future;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time;

#[derive(Debug, PartialEq, Eq)]
pub enum NoReply {
    AllFailed,
    TimedOut,
}

pub async fn first_reply<T, E, Replica>(
    replicas: Vec<Replica>,
    budget: Duration,
) -> Result<T, NoReply>
where
    T: Send + 'static,
    E: Send + 'static,
    Replica: Future<Output = Result<T, E>> + Send + 'static,
{
    // SOLUTION: Spawn every replica on a `JoinSet`. Inside one `time::timeout(budget, …)`, take results with `join_next` until a replica's `Ok` comes (a panic is a failure; all failed when the set runs dry). Then cancel whatever is still running, and wait until it is gone (`shutdown().await`), before returning.
    let mut racing = JoinSet::new();
    for replica in replicas {
        racing.spawn(replica);
    }
    // One timeout around the whole race, not one per reply.
    let outcome = time::timeout(budget, async {
        while let Some(finished) = racing.join_next().await {
            // `Ok(Ok(reply))`: the replica answered. `Ok(Err(_))`: it
            // failed. `Err(_)`: it panicked, which counts as a failure.
            if let Ok(Ok(reply)) = finished {
                return Ok(reply);
            }
        }
        Err(NoReply::AllFailed)
    })
    .await
    .unwrap_or(Err(NoReply::TimedOut));
    // Cancel the losers, on every path, and wait until they are dropped:
    // `abort_all` or dropping the set would only ask.
    racing.shutdown().await;
    outcome
    // END SOLUTION
}
