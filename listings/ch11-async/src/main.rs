//! A future runs nothing until it is awaited.
//!
//! A Rust future is as lazy as a Python coroutine object: calling an
//! `async fn` runs none of its body until the future is awaited. A spawned
//! task, like an asyncio task, runs without being awaited.

use std::time::{Duration, Instant};

use tokio::time::sleep;

// ANCHOR: lazy
async fn nap(name: &'static str, ms: u64, started: Instant) -> &'static str {
    println!(
        "  {name}: body starts at {:.2} s",
        started.elapsed().as_secs_f64()
    );
    sleep(Duration::from_millis(ms)).await;
    name
}

// One thread runs every task here, as one thread runs asyncio's event loop.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let started = Instant::now();
    let clock = || format!("{:.2} s", started.elapsed().as_secs_f64());

    let future = nap("future", 50, started);
    println!("nap() returned a future at {}", clock());
    sleep(Duration::from_millis(100)).await;
    println!("0.1 s later nothing has run; now await it at {}", clock());
    println!("awaited: {}", future.await);

    let task = tokio::spawn(nap("task", 50, started));
    println!("spawned a task at {}", clock());
    sleep(Duration::from_millis(100)).await;
    println!(
        "task.is_finished() = {} without awaiting it",
        task.is_finished()
    );
}
// ANCHOR_END: lazy
