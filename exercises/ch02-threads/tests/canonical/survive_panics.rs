use ch02_exercises::survive_panics;

use std::sync::Arc;
use std::thread;
use std::time::Duration;
use survive_panics::{message_of, run_jobs};
use testkit::{FinishingOrder, Meeting};

#[test]
fn jobs_that_return_give_ok() {
    let results: Vec<Result<u32, String>> = run_jobs(vec![1, 2, 3], |pages: u32| pages * 10);
    assert_eq!(results, [Ok(10), Ok(20), Ok(30)]);
}

#[test]
fn a_panicking_job_gives_err_and_the_others_still_give_ok() {
    let results: Vec<Result<u32, String>> = run_jobs(vec![0, 1, 2, 3], |book: u32| {
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
    let results: Vec<Result<u32, String>> = run_jobs(vec![1, 2, 3], |book: u32| match book {
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
    let results: Vec<Result<u16, String>> = run_jobs(vec![200, 404], |status: u16| {
        if status != 200 {
            std::panic::panic_any(status);
        }
        status
    });
    assert_eq!(results, [Ok(200), Err("(not a string)".to_owned())]);
}

#[test]
fn message_of_reads_both_kinds_of_text() {
    let text: String = message_of(Box::new("no such book"));
    assert_eq!(text, "no such book");
    let formatted: String = message_of(Box::new(String::from("book 7 is missing")));
    assert_eq!(
        formatted, "book 7 is missing",
        "a payload can be a `String` as well as a `&str`"
    );
    let number: String = message_of(Box::new(404));
    assert_eq!(number, "(not a string)");
}

#[test]
fn jobs_run_on_threads_named_after_their_position() {
    let names: Vec<Result<Option<String>, String>> = run_jobs(vec!['a', 'b', 'c'], |_: char| {
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
    let meeting = Arc::new(Meeting::new(4, PATIENCE));
    let attendee = Arc::clone(&meeting);
    let results: Vec<Result<u32, String>> = run_jobs(vec![1, 2, 3, 4], move |n: u32| {
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

#[test]
fn results_keep_input_order_when_later_jobs_finish_first() {
    // The threads finish from the last input to the first, every run, and
    // the last job, which finishes first, panics.
    let order = FinishingOrder::new(vec![3, 2, 1, 0], PATIENCE);
    let results: Vec<Result<usize, String>> = run_jobs(vec![0, 1, 2, 3], move |book: usize| {
        order.finish_in_turn(book);
        if book == 3 {
            panic!("book 3 is missing");
        }
        book * 10
    });
    assert_eq!(
        results,
        [Ok(0), Ok(10), Ok(20), Err("book 3 is missing".to_owned())],
        "the jobs finished from the last to the first, but the entries belong in the order \
         of the inputs: join the handles in that order, not as the threads finish"
    );
}

/// How long a caller waits at a `Meeting` for the others.
const PATIENCE: Duration = Duration::from_secs(1);
