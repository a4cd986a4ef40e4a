use ch02_exercises::ordered_results;

use ordered_results::map_on_threads;
use std::collections::HashSet;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, ThreadId};
use std::time::Duration;

/// Stands in for a download that takes `millis` milliseconds.
fn slow_job(millis: u64) -> String {
    thread::sleep(Duration::from_millis(millis));
    format!("took {millis} ms")
}

#[test]
fn every_input_gives_one_result() {
    let inputs: Vec<u64> = (1..=20).collect();
    let mut results = map_on_threads(inputs, |n| n * 10);
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
    let results = map_on_threads(Vec::<u64>::new(), |n| n + 1);
    assert!(results.is_empty());
}

#[test]
fn results_keep_input_order_when_the_first_input_is_slowest() {
    let results = map_on_threads(vec![300, 200, 100, 0], slow_job);
    assert_eq!(
        results,
        ["took 300 ms", "took 200 ms", "took 100 ms", "took 0 ms"],
        "the last input finished first, but its result belongs last: collect the results \
         by joining the handles in the order of the inputs, not as the threads finish"
    );
}

#[test]
fn results_keep_input_order_when_the_last_input_is_slowest() {
    let results = map_on_threads(vec![0, 100, 200, 300], slow_job);
    assert_eq!(
        results,
        ["took 0 ms", "took 100 ms", "took 200 ms", "took 300 ms"],
        "the results must come back in the order of the inputs; \
         are the handles joined from the back of the Vec?"
    );
}

#[test]
fn every_input_runs_on_a_new_thread_of_its_own() {
    let caller = thread::current().id();
    let workers = map_on_threads((0..8).collect(), |_: u32| thread::current().id());
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
    let mut results = map_on_threads((1..=6).collect(), move |n: u32| {
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
