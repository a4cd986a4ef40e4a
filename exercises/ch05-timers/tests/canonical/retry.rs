use ch05_exercises::retry;

use retry::{GaveUp, Policy, retry};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};
use testkit::ms;

/// Runs `retry` on a thread and waits at most `deadline` for it, returning
/// what it returned and how long it took.
fn retry_within<T: Send + 'static>(
    deadline: Duration,
    policy: Policy,
    attempt: impl FnMut(Duration) -> Result<T, u32> + Send + 'static,
) -> (Result<T, GaveUp<u32>>, Duration) {
    let (done, result) = mpsc::channel();
    thread::spawn(move || {
        let start = Instant::now();
        let outcome = retry(policy, attempt);
        let _ = done.send((outcome, start.elapsed()));
    });
    match result.recv_timeout(deadline) {
        Ok(outcome) => outcome,
        Err(RecvTimeoutError::Timeout) => panic!(
            "retry did not return within {deadline:?}, with a budget of {:?}: is the deadline \
             fixed once, before the first attempt?",
            policy.budget
        ),
        Err(RecvTimeoutError::Disconnected) => panic!("retry panicked"),
    }
}

/// An attempt that fails at once with its own number.
fn failing() -> impl FnMut(Duration) -> Result<(), u32> + Send + 'static {
    let mut calls = 0;
    move |_| {
        calls += 1;
        Err(calls)
    }
}

#[test]
fn returns_the_first_success() {
    let policy = Policy {
        budget: ms(2000),
        per_attempt: ms(100),
        pause: ms(10),
    };
    let mut calls = 0;
    let (outcome, _) = retry_within(ms(3000), policy, move |_| {
        calls += 1;
        if calls < 3 { Err(calls) } else { Ok(calls) }
    });
    assert_eq!(outcome, Ok(3), "the third attempt succeeds");
}

#[test]
fn gives_up_with_the_last_error_when_time_runs_out() {
    let policy = Policy {
        budget: ms(300),
        per_attempt: ms(100),
        pause: ms(50),
    };
    let (outcome, took) = retry_within(ms(3000), policy, failing());
    let Err(gave_up) = outcome else {
        panic!("every attempt failed, yet retry returned Ok");
    };
    assert!(
        gave_up.attempts >= 2,
        "gave up after {} attempt(s)",
        gave_up.attempts
    );
    assert_eq!(
        gave_up.last_error,
        Some(gave_up.attempts),
        "the last error is kept"
    );
    assert!(
        took >= ms(300),
        "gave up after {took:?}, before the 300 ms budget was spent"
    );
    assert!(
        took < ms(1000),
        "gave up after {took:?}, long after the 300 ms budget"
    );
}

#[test]
fn no_attempt_is_promised_more_time_than_is_left() {
    let policy = Policy {
        budget: ms(500),
        per_attempt: ms(400),
        pause: Duration::ZERO,
    };
    let (allowed, given) = mpsc::channel();
    // Each attempt hangs for as long as it is allowed, then fails.
    let (outcome, took) = retry_within(ms(3000), policy, move |may_take| {
        allowed.send(may_take).unwrap();
        thread::sleep(may_take);
        Err::<(), u32>(0)
    });
    assert!(outcome.is_err());
    let given: Vec<Duration> = given.try_iter().collect();
    assert!(
        given.iter().all(|&t| t <= ms(400)),
        "more than per_attempt: {given:?}"
    );
    let total: Duration = given.iter().sum();
    assert!(
        total <= ms(500),
        "the attempts were promised {total:?} in all ({given:?}), more than the 500 ms budget: \
         give each the smaller of per_attempt and what is left"
    );
    assert!(took < ms(800), "took {took:?} with a 500 ms budget");
}

#[test]
fn a_pause_never_runs_past_the_deadline() {
    let policy = Policy {
        budget: ms(500),
        per_attempt: ms(100),
        pause: ms(400),
    };
    // Attempts fail at 0 and 400 ms; the second pause has only 100 ms left.
    let (outcome, took) = retry_within(ms(3000), policy, failing());
    assert!(outcome.is_err());
    assert!(
        took < ms(750),
        "took {took:?} with a 500 ms budget: the last pause must stop at the deadline"
    );
}

#[test]
fn a_pause_after_a_slow_attempt_ends_at_the_deadline() {
    let policy = Policy {
        budget: ms(600),
        per_attempt: ms(500),
        pause: ms(5000),
    };
    // The first attempt takes all of its 500 ms, leaving 100 ms of the
    // budget: the pause after it must end at 600 ms. Measured before the
    // attempt, what was left was 600 ms, and a pause capped by that ends at
    // 1100 ms.
    let attempt = |may_take: Duration| -> Result<(), u32> {
        thread::sleep(may_take);
        Err(1)
    };
    let (outcome, took) = retry_within(ms(3000), policy, attempt);
    assert!(outcome.is_err());
    assert!(
        took < ms(850),
        "took {took:?} with a 600 ms budget, after an attempt that took its 500 ms: cap the \
         pause by what is left after the attempt, looking at the clock again, not by what \
         was left before it"
    );
}

#[test]
fn a_zero_budget_allows_no_attempt() {
    let policy = Policy {
        budget: Duration::ZERO,
        per_attempt: ms(100),
        pause: ms(10),
    };
    let (outcome, _) = retry_within(ms(3000), policy, |_| -> Result<(), u32> {
        panic!("an attempt was made with no time left")
    });
    assert_eq!(
        outcome,
        Err(GaveUp {
            attempts: 0,
            last_error: None
        })
    );
}
