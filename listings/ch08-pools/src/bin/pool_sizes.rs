//! Pools of different sizes, for waiting and for computing.
//!
//! The same two jobs on pools of different sizes: ten downloads that mostly
//! wait, and a prime count that only computes. More workers than cores helps
//! the first and not the second.

use std::thread;
use std::time::Instant;

use ch01::{BOOKS, BookServer, LATENCY, PRIMES_BELOW, count_primes, download_book};
use ch08::ThreadPool;
use rayon::prelude::*;

fn main() -> std::io::Result<()> {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    println!("cores: {cores}");

    // ANCHOR: waiting
    let server = BookServer::start(LATENCY)?;
    let addr = server.addr();
    println!("{BOOKS} downloads of {} ms each:", LATENCY.as_millis());
    for workers in [1, 2, 4, 10] {
        let pool = ThreadPool::new(workers);
        let started = Instant::now();
        let books = pool.map((0..BOOKS).collect(), move |id| download_book(addr, id));
        let elapsed = started.elapsed();
        let bytes: usize = books
            .into_iter()
            .map(|book| {
                book.expect("a download panicked")
                    .map_or(0, |text| text.len())
            })
            .sum();
        println!(
            "  {workers:>2} {}: {:.2} s ({bytes} bytes)",
            if workers == 1 { "worker " } else { "workers" },
            elapsed.as_secs_f64()
        );
    }
    // ANCHOR_END: waiting

    // ANCHOR: computing
    // Forty slices of the range, so that every thread has work to take.
    let slices: Vec<_> = (0..40u64)
        .map(|s| s * PRIMES_BELOW / 40..(s + 1) * PRIMES_BELOW / 40)
        .collect();
    println!("primes below {PRIMES_BELOW}:");
    for threads in [1, 2, 4] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("could not start the pool");
        let started = Instant::now();
        let primes: usize =
            pool.install(|| slices.par_iter().map(|s| count_primes(s.clone())).sum());
        println!(
            "  {threads:>2} {}: {:.2} s ({primes} primes)",
            if threads == 1 { "thread " } else { "threads" },
            started.elapsed().as_secs_f64()
        );
    }
    // ANCHOR_END: computing
    Ok(())
}
