//! Cancelling in tokio.
//!
//! Cancelling in tokio: a future that is dropped stops at the `.await` where
//! it waited, runs its destructors and nothing else; `abort` does that to a
//! spawned task; a `watch` channel asks many tasks to stop on their own.

use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinSet;
use tokio::time::{sleep, timeout};

// ANCHOR: download
/// Stands for anything a task must give back: a connection, a file, a lock.
struct Connection(u32);

impl Drop for Connection {
    fn drop(&mut self) {
        println!("  connection {}: given back (its Drop ran)", self.0);
    }
}

async fn download(id: u32, ms: u64) -> &'static str {
    let _connection = Connection(id);
    println!("  download {id}: connected, waiting for the answer");
    sleep(Duration::from_millis(ms)).await;
    println!("  download {id}: answer received");
    "a book"
}
// ANCHOR_END: download

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: drop
    println!("timeout drops the future it gave up on:");
    let outcome = timeout(Duration::from_millis(50), download(1, 1_000)).await;
    println!("  outcome: {outcome:?}");

    println!("abort() cancels a spawned task:");
    let task = tokio::spawn(download(2, 10_000));
    sleep(Duration::from_millis(50)).await;
    task.abort();
    match task.await {
        Ok(book) => println!("  finished anyway with {book}"),
        Err(error) => println!(
            "  awaiting it: Err, is_cancelled() = {}",
            error.is_cancelled()
        ),
    }
    // ANCHOR_END: drop

    // ANCHOR: shutdown
    println!("a shutdown signal to three workers:");
    let (stop, stopping) = watch::channel(false);
    let mut workers = JoinSet::new();
    for id in 1..=3 {
        let mut stopping = stopping.clone();
        workers.spawn(async move {
            let mut jobs = 0;
            loop {
                tokio::select! {
                    _ = stopping.wait_for(|&stop| stop) => break,
                    _ = sleep(Duration::from_millis(20)) => jobs += 1, // one small job
                }
            }
            // Here a worker can finish what it holds, even with more `.await`s.
            format!("worker {id}: saw the signal, stopped after {jobs} jobs")
        });
    }
    sleep(Duration::from_millis(100)).await;
    stop.send_replace(true);
    while let Some(result) = workers.join_next().await {
        println!("  {}", result.expect("a worker panicked"));
    }
    // ANCHOR_END: shutdown
}
