//! Many waiters: OS threads against tokio tasks.
//!
//! Where async wins: many waiters. The same number of 100 ms waits, once as
//! OS threads and once as tokio tasks, with the wall time and the memory
//! (resident set) each waiter added.

use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

const WAITERS: usize = 2_000;
const WAIT: Duration = Duration::from_millis(100);

/// This process's resident memory in KiB, from /proc (Linux); 0 elsewhere.
fn resident_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

// ANCHOR: waiters
/// Starts every waiter, measures memory while all of them wait, then waits
/// for them all. Returns the wall time and the KiB each waiter added.
fn with_threads() -> (Duration, f64) {
    let before = resident_kib();
    let started = Instant::now();
    let all_started = Arc::new(Barrier::new(WAITERS + 1));
    let waiters: Vec<_> = (0..WAITERS)
        .map(|_| {
            let all_started = Arc::clone(&all_started);
            thread::spawn(move || {
                all_started.wait();
                thread::sleep(WAIT);
            })
        })
        .collect();
    all_started.wait(); // every thread exists now, and each one waits
    let during = resident_kib();
    for waiter in waiters {
        waiter.join().expect("a waiter panicked");
    }
    (started.elapsed(), per_waiter(before, during))
}

fn with_tasks(runtime: &tokio::runtime::Runtime) -> (Duration, f64) {
    runtime.block_on(async {
        let before = resident_kib();
        let started = Instant::now();
        let waiters: Vec<_> = (0..WAITERS)
            .map(|_| tokio::spawn(tokio::time::sleep(WAIT)))
            .collect();
        let during = resident_kib(); // every task exists now, and each one waits
        for waiter in waiters {
            waiter.await.expect("a waiter panicked");
        }
        (started.elapsed(), per_waiter(before, during))
    })
}
// ANCHOR_END: waiters

fn per_waiter(before: u64, during: u64) -> f64 {
    during.saturating_sub(before) as f64 / WAITERS as f64
}

// ANCHOR: table
fn main() -> std::io::Result<()> {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let (task_time, task_kib) = with_tasks(&runtime);
    let (thread_time, thread_kib) = with_threads();
    println!(
        "{WAITERS} waiters, each waiting {} ms; {cores} cores",
        WAIT.as_millis()
    );
    println!("| waiters as  | wall time | memory per waiter |");
    println!("|-------------|-----------|-------------------|");
    println!(
        "| OS threads  | {:7.3} s | {thread_kib:11.1} KiB |",
        thread_time.as_secs_f64()
    );
    println!(
        "| tokio tasks | {:7.3} s | {task_kib:11.1} KiB |",
        task_time.as_secs_f64()
    );
    let times = thread_time.as_secs_f64() / task_time.as_secs_f64();
    println!("wall time, threads / tasks: {times:.1}");
    println!(
        "memory per waiter, threads / tasks: {:.0}",
        thread_kib / task_kib.max(0.1)
    );
    Ok(())
}
// ANCHOR_END: table
