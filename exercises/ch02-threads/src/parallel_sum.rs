//! # A parallel sum over scoped threads
//!
//! Chapter 2's `scoped_threads` listing let threads borrow data that `main`
//! still owns. Use that to add up a slice of numbers on several threads at
//! once.
//!
//! Implement `sum_in_parallel(numbers, threads, sum_chunk)`:
//!
//! - cut `numbers` into exactly `threads` chunks, one after another, of
//!   near-equal length (chapter 1's `split_range` exercise does the same for
//!   ranges). Every number is in exactly one chunk; when there are more
//!   threads than numbers, some chunks are empty;
//! - give every chunk a scoped thread of its own, which calls `sum_chunk` on
//!   it. The threads borrow `numbers`: no copying, no `Arc`;
//! - start every thread before you join any, so that the chunks are summed at
//!   the same time;
//! - return the total of what the `sum_chunk` calls returned.
//!
//! `sum_chunk` adds up one chunk. The tests pass in their own versions, which
//! note which thread runs them and wait for each other, to see how your
//! threads behave. They check the total for even and uneven splits, that
//! every number is summed exactly once, that an empty slice sums to zero,
//! that exactly `threads` new threads do the summing, and that all the
//! chunks are in progress at the same moment.

use std::thread;

/// Adds up `numbers` on `threads` scoped threads, each calling `sum_chunk`
/// on its own chunk of the slice.
pub fn sum_in_parallel(
    numbers: &[u64],
    threads: usize,
    sum_chunk: impl Fn(&[u64]) -> u64 + Sync,
) -> u64 {
    assert!(threads > 0, "cannot sum on zero threads");
    // SOLUTION: Cut `numbers` into `threads` chunks, sum each one with `sum_chunk` on a scoped thread of its own, start them all before joining any, and add up what they return.
    let (size, longer) = (numbers.len() / threads, numbers.len() % threads);
    // Each thread gets a copy of this borrow, not of the closure.
    let sum_chunk = &sum_chunk;
    thread::scope(|s| {
        let mut rest = numbers;
        let mut summers = Vec::with_capacity(threads);
        for chunk_number in 0..threads {
            let (chunk, after) = rest.split_at(size + usize::from(chunk_number < longer));
            rest = after;
            summers.push(s.spawn(move || sum_chunk(chunk)));
        }
        // Only now, with every thread started, wait for their sums.
        summers
            .into_iter()
            .map(|summer| summer.join().expect("a summing thread panicked"))
            .sum()
    })
    // END SOLUTION
}
