//! Blocking the current-thread runtime, and `spawn_blocking`.
//!
//! One thread runs every task on the current-thread runtime, so a task that
//! blocks it stops all the others: a ticker that should tick every 10 ms
//! shows how long it was kept waiting. `spawn_blocking` moves the blocking
//! call to a thread of its own, and cannot be aborted once it runs.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use tokio::sync::oneshot;
use tokio::time::sleep;

const TICK: Duration = Duration::from_millis(10);

/// Three ways to wait 200 ms, each a future of a different type, so boxed.
type Job = std::pin::Pin<Box<dyn Future<Output = ()>>>;

// ANCHOR: measure
/// Runs `job` while a ticker task ticks, and returns the ticker's longest gap.
async fn longest_gap_while(job: impl Future<Output = ()>) -> Duration {
    let gaps = Arc::new(Mutex::new(Vec::new()));
    let ticker = tokio::spawn({
        let gaps = Arc::clone(&gaps);
        async move {
            let mut last = Instant::now();
            loop {
                sleep(TICK).await;
                gaps.lock().unwrap().push(last.elapsed());
                last = Instant::now();
            }
        }
    });
    sleep(Duration::from_millis(50)).await; // let it tick a few times first
    job.await;
    sleep(Duration::from_millis(50)).await;
    ticker.abort();
    let longest = gaps.lock().unwrap().iter().copied().max();
    longest.unwrap_or_default()
}
// ANCHOR_END: measure

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: jobs
    println!("a ticker that should tick every 10 ms, while a task waits 200 ms:");
    let jobs: [(&str, Job); 3] = [
        (
            "std::thread::sleep",
            Box::pin(async { thread::sleep(Duration::from_millis(200)) }),
        ),
        (
            "tokio::time::sleep",
            Box::pin(sleep(Duration::from_millis(200))),
        ),
        (
            "spawn_blocking(thread::sleep)",
            Box::pin(async {
                let blocking =
                    tokio::task::spawn_blocking(|| thread::sleep(Duration::from_millis(200)));
                blocking.await.expect("the blocking task panicked");
            }),
        ),
    ];
    for (name, job) in jobs {
        let gap = longest_gap_while(job).await;
        println!("{name}: longest gap between ticks {} ms", gap.as_millis());
    }
    // ANCHOR_END: jobs

    // ANCHOR: abort
    let finished = Arc::new(AtomicBool::new(false));
    let (started, has_started) = oneshot::channel();
    let blocking = tokio::task::spawn_blocking({
        let finished = Arc::clone(&finished);
        move || {
            let _ = started.send(());
            thread::sleep(Duration::from_millis(100));
            finished.store(true, Ordering::SeqCst);
        }
    });
    has_started.await.expect("the blocking task did not start");
    blocking.abort();
    let outcome = if blocking.await.is_ok() { "Ok" } else { "Err" };
    println!(
        "abort() on a running spawn_blocking task: awaiting it gave {outcome}, its closure finished: {}",
        finished.load(Ordering::SeqCst)
    );
    // ANCHOR_END: abort
}
