//! asyncio's gather, as_completed, wait_for and "first one wins", in tokio:
//! `join!`, `JoinSet::join_next`, `time::timeout` and `select!`.

use std::time::{Duration, Instant};

use tokio::task::JoinSet;
use tokio::time::{sleep, timeout};

async fn nap(name: &'static str, ms: u64) -> &'static str {
    sleep(Duration::from_millis(ms)).await;
    name
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: join
    // gather: all three at once, results in the order written.
    let started = Instant::now();
    let (a, b, c) = tokio::join!(nap("300 ms", 300), nap("100 ms", 100), nap("200 ms", 200));
    let seconds = started.elapsed().as_secs_f64();
    println!("join!: [{a}, {b}, {c}] in {seconds:.2} s");
    // ANCHOR_END: join

    // ANCHOR: join_set
    // as_completed: spawned tasks, collected in the order they finish.
    let mut tasks = JoinSet::new();
    for (name, ms) in [("300 ms", 300), ("100 ms", 100), ("200 ms", 200)] {
        tasks.spawn(nap(name, ms));
    }
    let mut finished = Vec::new();
    while let Some(result) = tasks.join_next().await {
        finished.push(result.expect("a task panicked"));
    }
    println!("JoinSet::join_next: [{}]", finished.join(", "));
    // ANCHOR_END: join_set

    // ANCHOR: timeout
    // wait_for: a deadline on one future.
    let started = Instant::now();
    match timeout(Duration::from_millis(100), nap("slow answer", 1_000)).await {
        Ok(name) => println!("timeout: {name} arrived in time"),
        Err(elapsed) => println!(
            "timeout: Err({elapsed}) after {:.2} s",
            started.elapsed().as_secs_f64()
        ),
    }
    // ANCHOR_END: timeout

    // ANCHOR: select
    // The first of two to finish wins; the other branch is dropped.
    let started = Instant::now();
    tokio::select! {
        mirror = nap("mirror A", 300) => println!("select!: {mirror} answered first"),
        mirror = nap("mirror B", 100) => println!("select!: {mirror} answered first"),
    }
    println!(
        "select!: done after {:.2} s",
        started.elapsed().as_secs_f64()
    );
    // ANCHOR_END: select
}
