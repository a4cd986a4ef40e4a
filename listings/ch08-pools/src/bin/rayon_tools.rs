//! rayon's four tools.
//!
//! rayon's four tools: `par_iter`, `join`, `scope`, and a pool of a chosen
//! size with `ThreadPoolBuilder` and `install`.

use std::collections::HashMap;

use ch01::{book_text, count_primes, sum_of_squares_in};
use rayon::prelude::*;

fn word_counts(text: &str) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for word in text.split_whitespace() {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}

fn main() {
    // ANCHOR: par_iter
    // par_iter: the loop body runs on rayon's global pool.
    // By default that pool has one thread per logical CPU.
    let chunks: Vec<_> = (0..10u64)
        .map(|c| c * 100_000 + 1..(c + 1) * 100_000 + 1)
        .collect();
    let squares: u64 = chunks
        .par_iter()
        .map(|chunk| sum_of_squares_in(chunk.clone()))
        .reduce(|| 0, u64::wrapping_add);
    println!("par_iter: sum of squares up to 1000000 (mod 2^64) = {squares}");
    // ANCHOR_END: par_iter

    // ANCHOR: join
    // join: two closures, perhaps at the same time; both results come back.
    let (low, high) = rayon::join(
        || count_primes(0..500_000),
        || count_primes(500_000..1_000_000),
    );
    println!("join: {low} + {high} = {} primes below 1000000", low + high);
    // ANCHOR_END: join

    // ANCHOR: scope
    // scope: tasks that borrow local data.
    // Spawn any number of them; the scope returns when every one of them
    // has finished.
    let books: Vec<String> = (0..4).map(book_text).collect();
    let mut threads_in_book = vec![0; books.len()];
    rayon::scope(|s| {
        for (book, slot) in books.iter().zip(&mut threads_in_book) {
            s.spawn(move |_| *slot = word_counts(book).get("thread").copied().unwrap_or(0));
        }
    });
    println!("scope: \"thread\" appears {threads_in_book:?} times in books 0 to 3");
    // ANCHOR_END: scope

    // ANCHOR: builder
    // Python's max_workers: a pool of exactly two threads.
    // `install` runs a closure inside it, and every par_iter in that closure
    // uses this pool.
    let two = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .thread_name(|n| format!("two-{n}"))
        .build()
        .expect("could not start the pool");
    let (threads, primes) = two.install(|| {
        let primes: usize = chunks.par_iter().map(|c| count_primes(c.clone())).sum();
        (rayon::current_num_threads(), primes)
    });
    println!("install: {primes} primes up to 1000000, counted by a pool of {threads} threads");
    // ANCHOR_END: builder
}
