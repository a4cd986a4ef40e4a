use ch02_exercises::parallel_sum;

use parallel_sum::sum_in_parallel;
use std::collections::HashSet;
use std::sync::Mutex;
use std::thread::{self, ThreadId};
use std::time::Duration;
use testkit::Meeting;

fn plain_sum(chunk: &[u64]) -> u64 {
    chunk.iter().sum()
}

#[test]
fn adds_up_every_number() {
    for len in 1..=30 {
        let numbers: Vec<u64> = (1..=len).collect();
        for threads in 1..=8 {
            let total: u64 = sum_in_parallel(&numbers, threads, plain_sum);
            assert_eq!(
                total,
                len * (len + 1) / 2,
                "1..={len} on {threads} threads: if the total is too small, the numbers left \
                 over when {len} does not divide by {threads} were never summed"
            );
        }
    }
}

#[test]
fn every_number_is_summed_exactly_once() {
    for (len, threads) in [(10, 3), (7, 4), (3, 5), (100, 6)] {
        let numbers: Vec<u64> = (1..=len).collect();
        let summed = Mutex::new(Vec::new());
        let total: u64 = sum_in_parallel(&numbers, threads, |chunk| {
            summed.lock().unwrap().extend_from_slice(chunk);
            plain_sum(chunk)
        });
        assert_eq!(total, len * (len + 1) / 2, "1..={len} on {threads} threads");
        let mut summed = summed.into_inner().unwrap();
        summed.sort();
        assert_eq!(
            summed, numbers,
            "1..={len} on {threads} threads: these are the numbers the chunks held, sorted; \
             each number must be in exactly one chunk"
        );
    }
}

#[test]
fn an_empty_slice_sums_to_zero() {
    for threads in [1, 3] {
        let total: u64 = sum_in_parallel(&[], threads, plain_sum);
        assert_eq!(total, 0, "an empty slice on {threads} threads");
    }
}

#[test]
fn chunk_lengths_differ_by_at_most_one() {
    for (len, threads) in [(10, 4), (10, 3), (7, 4), (3, 5), (100, 6)] {
        let numbers: Vec<u64> = (1..=len).collect();
        let lengths: Mutex<Vec<usize>> = Mutex::new(Vec::new());
        let total: u64 = sum_in_parallel(&numbers, threads, |chunk| {
            lengths.lock().unwrap().push(chunk.len());
            plain_sum(chunk)
        });
        assert_eq!(total, len * (len + 1) / 2, "1..={len} on {threads} threads");
        let mut lengths = lengths.into_inner().unwrap();
        lengths.sort();
        let (shortest, longest) = (lengths[0], lengths[lengths.len() - 1]);
        assert!(
            longest - shortest <= 1,
            "1..={len} on {threads} threads gave chunks of lengths {lengths:?}: one thread does \
             {longest} numbers and another {shortest}; hand out the leftovers one per chunk"
        );
    }
}

#[test]
fn uses_exactly_the_requested_number_of_threads() {
    let caller = thread::current().id();
    for (len, threads) in [(8, 4), (10, 6), (3, 5), (0, 2)] {
        let numbers: Vec<u64> = (1..=len).collect();
        let summers: Mutex<Vec<ThreadId>> = Mutex::new(Vec::new());
        let total: u64 = sum_in_parallel(&numbers, threads, |chunk| {
            summers.lock().unwrap().push(thread::current().id());
            plain_sum(chunk)
        });
        assert_eq!(total, len * (len + 1) / 2, "1..={len} on {threads} threads");
        let summers = summers.into_inner().unwrap();
        assert_eq!(
            summers.len(),
            threads,
            "{len} numbers on {threads} threads: `sum_chunk` was called {} times; make exactly \
             {threads} chunks, even when some of them are empty",
            summers.len()
        );
        assert!(
            !summers.contains(&caller),
            "{len} numbers on {threads} threads: a chunk was summed on the calling thread; \
             give every chunk a scoped thread of its own"
        );
        let distinct: HashSet<ThreadId> = summers.into_iter().collect();
        assert_eq!(
            distinct.len(),
            threads,
            "{len} numbers on {threads} threads: some thread summed more than one chunk"
        );
    }
}

#[test]
fn chunks_are_summed_at_the_same_time() {
    let numbers: Vec<u64> = (1..=100).collect();
    let meeting = Meeting::new(4, PATIENCE);
    let total: u64 = sum_in_parallel(&numbers, 4, |chunk| {
        meeting.arrive();
        plain_sum(chunk)
    });
    if let Err(started) = meeting.outcome() {
        panic!(
            "the first chunk waited {PATIENCE:?} for the others, but only {started} of the 4 \
             chunks had started by then: were they summed one after another? Spawn every \
             thread before joining any"
        );
    }
    assert_eq!(total, 5050);
}

/// How long a caller waits at a `Meeting` for the others.
const PATIENCE: Duration = Duration::from_secs(1);
