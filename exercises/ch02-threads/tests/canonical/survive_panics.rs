use ch02_exercises::survive_panics;

use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;
use survive_panics::{message_of, run_jobs};

#[test]
fn jobs_that_return_give_ok() {
    let results = run_jobs(vec![1, 2, 3], |pages: u32| pages * 10);
    assert_eq!(results, [Ok(10), Ok(20), Ok(30)]);
}

#[test]
fn a_panicking_job_gives_err_and_the_others_still_give_ok() {
    let results = run_jobs(vec![0, 1, 2, 3], |book: u32| {
        if book == 1 {
            panic!("no such book");
        }
        // The others are still running when book 1 has already panicked.
        thread::sleep(Duration::from_millis(50));
        book * 100
    });
    assert_eq!(
        results,
        [Ok(0), Err("no such book".to_owned()), Ok(200), Ok(300)],
        "job 1 panicked; its entry must be its message and the others their results"
    );
}

#[test]
fn formatted_panic_messages_are_kept() {
    let results = run_jobs(vec![1, 2, 3], |book: u32| match book {
        2 => panic!("book {book} has no title"),
        3 => "twelve"
            .parse::<u32>()
            .expect("the page count is not a number"),
        _ => book,
    });
    assert_eq!(results[0], Ok(1));
    assert_eq!(
        results[1],
        Err("book 2 has no title".to_owned()),
        "a formatted panic message arrives as a `String`, not a `&str`"
    );
    // `expect` adds the error to the message: "…: ParseIntError { … }".
    match &results[2] {
        Err(message) => assert!(
            message.starts_with("the page count is not a number: "),
            "the message of `expect` arrives as a `String`, not a `&str`; got {message:?}"
        ),
        Ok(pages) => panic!("job 3 panicked, but its entry is Ok({pages})"),
    }
}

#[test]
fn a_panic_that_is_not_text_still_gives_err() {
    let results = run_jobs(vec![200, 404], |status: u16| {
        if status != 200 {
            std::panic::panic_any(status);
        }
        status
    });
    assert_eq!(results, [Ok(200), Err("(not a string)".to_owned())]);
}

#[test]
fn message_of_reads_both_kinds_of_text() {
    assert_eq!(message_of(Box::new("no such book")), "no such book");
    assert_eq!(
        message_of(Box::new(String::from("book 7 is missing"))),
        "book 7 is missing",
        "a payload can be a `String` as well as a `&str`"
    );
    assert_eq!(message_of(Box::new(404)), "(not a string)");
}

#[test]
fn jobs_run_on_threads_named_after_their_position() {
    let names = run_jobs(vec!['a', 'b', 'c'], |_: char| {
        thread::current().name().map(str::to_owned)
    });
    let expected: Vec<Result<Option<String>, String>> = (0..3)
        .map(|position| Ok(Some(format!("job-{position}"))))
        .collect();
    assert_eq!(
        names, expected,
        "name each thread with `thread::Builder::new().name(…)` before spawning it"
    );
}

#[test]
fn jobs_run_at_the_same_time() {
    let meeting = Arc::new(Meeting::new(4));
    let attendee = Arc::clone(&meeting);
    let results = run_jobs(vec![1, 2, 3, 4], move |n: u32| {
        attendee.arrive();
        n
    });
    if let Err(started) = meeting.outcome() {
        panic!(
            "the first job waited {PATIENCE:?} for the others, but only {started} of the 4 \
             had started by then: were they run one after another? Spawn every thread before \
             joining any"
        );
    }
    assert_eq!(results, [Ok(1), Ok(2), Ok(3), Ok(4)]);
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
