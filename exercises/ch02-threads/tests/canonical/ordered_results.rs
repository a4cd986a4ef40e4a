use ch02_exercises::ordered_results;

use ordered_results::map_on_threads;
use std::collections::HashSet;
use std::sync::Arc;
use std::thread::{self, ThreadId};
use std::time::Duration;
use testkit::{FinishingOrder, Meeting};

#[test]
fn every_input_gives_one_result() {
    let inputs: Vec<u64> = (1..=20).collect();
    let mut results: Vec<u64> = map_on_threads(inputs, |n| n * 10);
    // Sorted, so that this test is only about the count, not the order.
    results.sort();
    let expected: Vec<u64> = (1..=20).map(|n| n * 10).collect();
    assert_eq!(
        results, expected,
        "every input must give exactly one result"
    );
}

#[test]
fn no_inputs_give_no_results() {
    let results: Vec<u64> = map_on_threads(Vec::<u64>::new(), |n| n + 1);
    assert!(results.is_empty());
}

#[test]
fn results_keep_input_order_when_the_first_input_is_slowest() {
    // The threads finish from the last input to the first, every run.
    let inputs = vec![2, 0, 3, 1];
    let order = FinishingOrder::new(vec![1, 3, 0, 2], PATIENCE);
    let results: Vec<String> = map_on_threads(inputs, move |book: usize| {
        order.finish_in_turn(book);
        format!("book {book}")
    });
    assert_eq!(
        results,
        ["book 2", "book 0", "book 3", "book 1"],
        "the threads finished from the last input to the first, but the results belong in \
         the order of the inputs: collect them by joining the handles in that order, not as \
         the threads finish"
    );
}

#[test]
fn results_keep_input_order_when_the_last_input_is_slowest() {
    // The threads finish from the first input to the last, every run.
    let inputs = vec![2, 0, 3, 1];
    let order = FinishingOrder::new(vec![2, 0, 3, 1], PATIENCE);
    let results: Vec<String> = map_on_threads(inputs, move |book: usize| {
        order.finish_in_turn(book);
        format!("book {book}")
    });
    assert_eq!(
        results,
        ["book 2", "book 0", "book 3", "book 1"],
        "the results must come back in the order of the inputs; \
         are the handles joined from the back of the Vec?"
    );
}

#[test]
fn every_input_runs_on_a_new_thread_of_its_own() {
    let caller = thread::current().id();
    let workers: Vec<ThreadId> = map_on_threads((0..8).collect(), |_: u32| thread::current().id());
    assert!(
        !workers.contains(&caller),
        "an input was worked on by the calling thread; spawn a thread for every input"
    );
    let distinct: HashSet<ThreadId> = workers.into_iter().collect();
    assert_eq!(
        distinct.len(),
        8,
        "8 inputs ran on only {} threads; spawn one thread per input",
        distinct.len()
    );
}

#[test]
fn inputs_are_worked_on_at_the_same_time() {
    let meeting = Arc::new(Meeting::new(6, PATIENCE));
    let attendee = Arc::clone(&meeting);
    let mut results: Vec<u32> = map_on_threads((1..=6).collect(), move |n: u32| {
        attendee.arrive();
        n
    });
    if let Err(started) = meeting.outcome() {
        panic!(
            "the first input waited {PATIENCE:?} for the others, but only {started} of the 6 \
             had started by then: were they worked on one after another? Spawn every thread \
             before joining any"
        );
    }
    // Sorted, so that this test is only about timing, not the order.
    results.sort();
    assert_eq!(results, [1, 2, 3, 4, 5, 6]);
}

/// How long a caller waits at a `Meeting` for the others.
const PATIENCE: Duration = Duration::from_secs(1);
