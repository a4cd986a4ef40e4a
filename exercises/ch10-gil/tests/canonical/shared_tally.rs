use ch10_exercises::shared_tally;

use shared_tally::Tally;
use std::sync::Barrier;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;
use testkit::Deadline;

/// How long a test waits for the threads before it calls them stuck.
const DEADLINE: Duration = Duration::from_secs(3);
const THREADS: usize = 4;
const ADDS_PER_THREAD: u64 = 2_000;

/// Runs `test` on a thread of its own and fails, rather than hang, if it
/// has not finished within DEADLINE (a tally that locks twice deadlocks).
fn within(test: impl FnOnce() + Send + 'static) {
    Deadline::new(DEADLINE)
        .if_late(
            "does a method lock the counts while it already holds them (a `Mutex` is not \
             reentrant, unlike Python's `RLock`)?",
        )
        .run("the test", test)
}

#[test]
fn a_tally_can_be_handed_to_threads() {
    fn shareable<T: Clone + Send + Sync + 'static>() {}
    shareable::<Tally>();
}

#[test]
fn a_word_never_added_counts_zero() {
    within(|| {
        let tally = Tally::new();
        let thread: u64 = tally.count("thread");
        assert_eq!(thread, 0);
        let total: u64 = tally.total();
        assert_eq!(total, 0);
    });
}

#[test]
fn each_add_counts_one() {
    within(|| {
        let tally = Tally::new();
        tally.add("lock");
        tally.add("lock");
        tally.add("queue");
        let lock: u64 = tally.count("lock");
        assert_eq!(lock, 2);
        let queue: u64 = tally.count("queue");
        assert_eq!(queue, 1);
        let total: u64 = tally.total();
        assert_eq!(
            total, 3,
            "the total adds up every count, not the number of words"
        );
    });
}

#[test]
fn every_clone_sees_the_same_counts() {
    within(|| {
        let tally = Tally::new();
        let other = tally.clone();
        tally.add("owner");
        other.add("owner");
        let seen_by_original: u64 = tally.count("owner");
        assert_eq!(
            seen_by_original, 2,
            "the original missed what its clone added"
        );
        let seen_by_clone: u64 = other.count("owner");
        assert_eq!(seen_by_clone, 2, "the clone missed what the original added");
    });
}

#[test]
fn two_tallies_keep_separate_counts() {
    within(|| {
        // Two tallies made with `new`, not clones: they share nothing.
        let first = Tally::new();
        let second = Tally::new();
        first.add("apart");
        first.add("apart");
        second.add("apart");
        let in_first: u64 = first.count("apart");
        let in_second: u64 = second.count("apart");
        assert_eq!(
            (in_first, in_second),
            (2, 1),
            "two tallies made with `new` share their counts: each `new` must make counts of \
             its own, not hand out one map shared by all (a `static`)"
        );
    });
}

#[test]
fn additions_from_many_threads_at_once_are_all_counted() {
    let tally = Tally::new();
    let start_together = std::sync::Arc::new(Barrier::new(THREADS));
    let (done, finished) = mpsc::channel();
    for id in 0..THREADS {
        let (tally, start_together, done) = (tally.clone(), start_together.clone(), done.clone());
        thread::spawn(move || {
            start_together.wait();
            for _ in 0..ADDS_PER_THREAD {
                tally.add("shared");
            }
            tally.add(&format!("thread {id}"));
            let _ = done.send(());
        });
    }
    for _ in 0..THREADS {
        match finished.recv_timeout(DEADLINE) {
            Ok(()) => {}
            Err(RecvTimeoutError::Timeout) => {
                panic!("the threads did not finish within {DEADLINE:?}")
            }
            Err(RecvTimeoutError::Disconnected) => panic!("a thread panicked while adding"),
        }
    }
    let shared: u64 = tally.count("shared");
    assert_eq!(shared, THREADS as u64 * ADDS_PER_THREAD);
    for id in 0..THREADS {
        let own: u64 = tally.count(&format!("thread {id}"));
        assert_eq!(own, 1);
    }
    let total: u64 = tally.total();
    assert_eq!(total, THREADS as u64 * (ADDS_PER_THREAD + 1));
}
