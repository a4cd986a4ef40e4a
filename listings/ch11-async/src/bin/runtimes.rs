//! The same four tasks on tokio's two runtimes.
//!
//! The same four tasks on tokio's two runtimes: the current-thread runtime
//! runs every task on the thread that called `block_on`, as asyncio runs
//! every coroutine on one thread; the multi-thread runtime spreads them over
//! its worker threads.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use tokio::runtime::{Builder, Runtime};

// ANCHOR: tasks
/// Computes for `ms` milliseconds without an `.await`, then says which
/// thread ran it.
async fn compute(ms: u64) -> String {
    let until = Instant::now() + Duration::from_millis(ms);
    while Instant::now() < until {
        std::hint::spin_loop();
    }
    thread::current().name().unwrap_or("unnamed").to_owned()
}

fn run_four_tasks(runtime: &Runtime) -> (BTreeSet<String>, Duration) {
    runtime.block_on(async {
        let started = Instant::now();
        let tasks: Vec<_> = (0..4).map(|_| tokio::spawn(compute(100))).collect();
        let mut threads = BTreeSet::new();
        for task in tasks {
            threads.insert(task.await.expect("the task panicked"));
        }
        (threads, started.elapsed())
    })
}
// ANCHOR_END: tasks

// ANCHOR: runtimes
fn main() -> std::io::Result<()> {
    let current_thread = Builder::new_current_thread().enable_all().build()?;
    let multi_thread = Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name_fn(|| {
            static NEXT: AtomicUsize = AtomicUsize::new(1);
            format!("worker-{}", NEXT.fetch_add(1, Ordering::SeqCst))
        })
        .enable_all()
        .build()?;

    println!("4 tasks, each computing for 100 ms without awaiting:");
    for (name, runtime) in [
        ("current_thread", &current_thread),
        ("multi_thread", &multi_thread),
    ] {
        let (threads, elapsed) = run_four_tasks(runtime);
        let threads: Vec<String> = threads.into_iter().collect();
        println!(
            "{name}: {:.2} s, ran on: {}",
            elapsed.as_secs_f64(),
            threads.join(", ")
        );
    }
    Ok(())
}
// ANCHOR_END: runtimes
