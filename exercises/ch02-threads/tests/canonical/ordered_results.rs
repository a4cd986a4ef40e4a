use ch02_exercises::ordered_results;

use ordered_results::map_on_threads;
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, ThreadId};
use std::time::Duration;

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
    let order = FinishingOrder::new(vec![1, 3, 0, 2]);
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
    let order = FinishingOrder::new(vec![2, 0, 3, 1]);
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
    let meeting = Arc::new(Meeting::new(6));
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

/// A meeting point for the code under test: each caller waits there until
/// `expected` callers have arrived, which only happens if they all run at
/// the same time. If one waits longer than `PATIENCE`, the meeting is called
/// off and nobody waits any more, so that code running the callers one after
/// another fails the test rather than hang.
struct Meeting {
    expected: usize,
    state: Mutex<MeetingState>,
    changed: Condvar,
}

struct MeetingState {
    arrived: usize,
    /// How many had arrived when the meeting was called off.
    called_off_at: Option<usize>,
}

impl Meeting {
    fn new(expected: usize) -> Meeting {
        let state = MeetingState {
            arrived: 0,
            called_off_at: None,
        };
        Meeting {
            expected,
            state: Mutex::new(state),
            changed: Condvar::new(),
        }
    }

    fn arrive(&self) {
        let mut state = self.state.lock().unwrap();
        state.arrived += 1;
        self.changed.notify_all();
        let (mut state, wait) = self
            .changed
            .wait_timeout_while(state, PATIENCE, |state| {
                state.arrived < self.expected && state.called_off_at.is_none()
            })
            .unwrap();
        if wait.timed_out() {
            state.called_off_at = Some(state.arrived);
            self.changed.notify_all();
        }
    }

    /// `Err` with how many had arrived if the meeting was called off.
    fn outcome(&self) -> Result<(), usize> {
        let state = self.state.lock().unwrap();
        match state.called_off_at {
            Some(arrived) => Err(arrived),
            None if state.arrived < self.expected => Err(state.arrived),
            None => Ok(()),
        }
    }
}

/// Makes the threads that run the inputs finish in a chosen order, every
/// run. `finish_in_turn(input)` returns only once the threads of the inputs
/// before it in `order` have exited: not just returned from `work`, but
/// ended, after whatever the thread did with the result (a thread-local
/// guard reports the end). If the threads do not all run at once, a wait
/// gives up after `PATIENCE` and nobody waits any more, so that the test
/// ends rather than hang.
struct FinishingOrder {
    order: Vec<usize>,
    state: Mutex<Finished>,
    changed: Condvar,
}

struct Finished {
    exited: Vec<usize>,
    called_off: bool,
}

impl FinishingOrder {
    fn new(order: Vec<usize>) -> Arc<FinishingOrder> {
        Arc::new(FinishingOrder {
            order,
            state: Mutex::new(Finished {
                exited: Vec::new(),
                called_off: false,
            }),
            changed: Condvar::new(),
        })
    }

    fn finish_in_turn(self: &Arc<FinishingOrder>, input: usize) {
        let guard = ExitGuard {
            order: Arc::clone(self),
            input,
        };
        ON_EXIT.with(|slot| *slot.borrow_mut() = Some(guard));
        let turn = self.order.iter().position(|&i| i == input).unwrap();
        let before = &self.order[..turn];
        let state = self.state.lock().unwrap();
        let (mut state, wait) = self
            .changed
            .wait_timeout_while(state, PATIENCE, |state| {
                !state.called_off && before.iter().any(|i| !state.exited.contains(i))
            })
            .unwrap();
        if wait.timed_out() {
            state.called_off = true;
            self.changed.notify_all();
        }
    }
}

/// Dropped when its thread ends, after the thread's closure has returned.
struct ExitGuard {
    order: Arc<FinishingOrder>,
    input: usize,
}

impl Drop for ExitGuard {
    fn drop(&mut self) {
        let mut state = self.order.state.lock().unwrap();
        state.exited.push(self.input);
        self.order.changed.notify_all();
    }
}

thread_local! {
    static ON_EXIT: RefCell<Option<ExitGuard>> = const { RefCell::new(None) };
}
