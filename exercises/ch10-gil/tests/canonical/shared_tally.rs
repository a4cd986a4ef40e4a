use ch10_exercises::shared_tally;

use shared_tally::Tally;
use std::sync::Barrier;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// How long a test waits for the threads before it calls them stuck.
const DEADLINE: Duration = Duration::from_secs(3);
const THREADS: usize = 4;
const ADDS_PER_THREAD: u64 = 2_000;

#[test]
fn a_tally_can_be_handed_to_threads() {
    fn shareable<T: Clone + Send + Sync + 'static>() {}
    shareable::<Tally>();
}

#[test]
fn a_word_never_added_counts_zero() {
    let tally = Tally::new();
    assert_eq!(tally.count("thread"), 0);
    assert_eq!(tally.total(), 0);
}

#[test]
fn each_add_counts_one() {
    let tally = Tally::new();
    tally.add("lock");
    tally.add("lock");
    tally.add("queue");
    assert_eq!(tally.count("lock"), 2);
    assert_eq!(tally.count("queue"), 1);
    assert_eq!(tally.total(), 3);
}

#[test]
fn every_clone_sees_the_same_counts() {
    let tally = Tally::new();
    let other = tally.clone();
    tally.add("owner");
    other.add("owner");
    assert_eq!(
        tally.count("owner"),
        2,
        "the original missed what its clone added"
    );
    assert_eq!(
        other.count("owner"),
        2,
        "the clone missed what the original added"
    );
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
    assert_eq!(tally.count("shared"), THREADS as u64 * ADDS_PER_THREAD);
    for id in 0..THREADS {
        assert_eq!(tally.count(&format!("thread {id}")), 1);
    }
    assert_eq!(tally.total(), THREADS as u64 * (ADDS_PER_THREAD + 1));
}
