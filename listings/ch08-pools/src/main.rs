//! Why pools: a thread per job against threads that already exist.
//!
//! Why pools: what it costs to start a thread per job, compared with
//! handing the same jobs to threads that already exist, and how a pool
//! bounds how many jobs run at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use ch08::ThreadPool;
use crossbeam_channel::unbounded;

const JOBS: usize = 2_000;

/// A job so small that starting it is most of the work.
fn tiny_job(n: usize) -> usize {
    (0..100).map(|k| k * n).sum()
}

fn main() {
    // ANCHOR: startup
    // One thread per job: start it, let it run, join it.
    let started = Instant::now();
    let mut total = 0;
    for n in 0..JOBS {
        total += thread::spawn(move || tiny_job(n))
            .join()
            .expect("job panicked");
    }
    let spawned = started.elapsed();

    // The same jobs sent to two workers that are already running.
    let pool = ThreadPool::new(2);
    let started = Instant::now();
    let (results, finished) = unbounded();
    for n in 0..JOBS {
        let results = results.clone();
        pool.execute(move || results.send(tiny_job(n)).expect("main hung up"));
    }
    drop(results);
    let pooled_total: usize = finished.iter().sum();
    let pooled = started.elapsed();
    // ANCHOR_END: startup
    drop(pool);

    println!(
        "{JOBS} tiny jobs, same answer both ways: {}",
        total == pooled_total
    );
    println!(
        "a new thread per job: {:.1} ms, {:.1} us per job",
        spawned.as_secs_f64() * 1e3,
        spawned.as_secs_f64() * 1e6 / JOBS as f64
    );
    println!(
        "a pool of 2 workers: {:.1} ms, {:.1} us per job",
        pooled.as_secs_f64() * 1e3,
        pooled.as_secs_f64() * 1e6 / JOBS as f64
    );
    println!(
        "starting threads made it {:.0} times slower",
        spawned.as_secs_f64() / pooled.as_secs_f64()
    );

    // ANCHOR: bounded
    // A pool of four bounds how many jobs run at once.
    // Twelve jobs that each wait 50 ms: never more than four are running,
    // however many are queued.
    let pool = ThreadPool::new(4);
    let running = Arc::new(AtomicUsize::new(0));
    let most_at_once = Arc::new(AtomicUsize::new(0));
    for _ in 0..12 {
        let (running, most_at_once) = (Arc::clone(&running), Arc::clone(&most_at_once));
        pool.execute(move || {
            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
            most_at_once.fetch_max(now, Ordering::SeqCst);
            thread::sleep(Duration::from_millis(50));
            running.fetch_sub(1, Ordering::SeqCst);
        });
    }
    let started = Instant::now();
    drop(pool); // waits for every queued job
    println!(
        "12 jobs of 50 ms on 4 workers: {:.2} s, at most {} running at once",
        started.elapsed().as_secs_f64(),
        most_at_once.load(Ordering::SeqCst)
    );
    // ANCHOR_END: bounded
}
