//! The chapter's claims about `Timer`, tried in this process: it fires
//! once, after its delay and not before; a cancelled or dropped timer never
//! fires, and stops at once; cancelling after it fired does no harm.
//!
//! Timing checks have wide margins: "not before the delay" is guaranteed by
//! the clock; every "at once" allows a second, against a delay of 30 s;
//! and a timer that must be cancelled in time gets a delay of 400 ms.

use ch05::Timer;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering::SeqCst};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

/// Runs `work` on a thread and waits at most `deadline` for its result.
fn within<T: Send + 'static>(deadline: Duration, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = mpsc::channel();
    thread::spawn(move || done.send(work()));
    match result.recv_timeout(deadline) {
        Ok(value) => value,
        Err(RecvTimeoutError::Timeout) => panic!("did not finish within {deadline:?}"),
        Err(RecvTimeoutError::Disconnected) => panic!("the work panicked"),
    }
}

/// A counter of how many times an action ran, and the action.
fn counted() -> (Arc<AtomicU32>, impl FnOnce() + Send + 'static) {
    let runs = Arc::new(AtomicU32::new(0));
    let action = {
        let runs = Arc::clone(&runs);
        move || {
            runs.fetch_add(1, SeqCst);
        }
    };
    (runs, action)
}

#[test]
fn fires_once_after_the_delay_and_not_before() {
    for _ in 0..5 {
        let (fired_at, when) = mpsc::channel();
        let start = Instant::now();
        let timer = Timer::start(ms(100), move || fired_at.send(Instant::now()).unwrap());
        let fired = when
            .recv_timeout(Duration::from_secs(5))
            .expect("the timer fired within 5 s")
            - start;
        assert!(fired >= ms(100), "fired after {fired:?}, before its delay");
        assert!(fired < ms(1500), "fired after {fired:?}, far too late");
        assert!(within(Duration::from_secs(5), move || timer.wait()));
        assert!(when.try_recv().is_err(), "fired only once");
    }
}

#[test]
fn start_returns_at_once_and_the_action_runs_elsewhere() {
    let (ran_on, thread_of) = mpsc::channel();
    let start = Instant::now();
    let timer = Timer::start(Duration::from_secs(1), move || {
        ran_on.send(thread::current().id()).unwrap()
    });
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "start waited for the delay"
    );
    let action_thread = thread_of.recv_timeout(Duration::from_secs(5)).unwrap();
    assert_ne!(action_thread, thread::current().id());
    drop(timer);
}

#[test]
fn a_cancelled_timer_never_fires() {
    // Three timers at once, so that one wait past the delay serves them all.
    let mut counters = Vec::new();
    for _ in 0..3 {
        let (runs, action) = counted();
        // The delay leaves a busy machine plenty of time to cancel first.
        let timer = Timer::start(ms(400), action);
        let fired = within(Duration::from_secs(5), move || timer.cancel());
        assert!(!fired, "cancel said the timer had fired");
        counters.push(runs);
    }
    // Well past the delay: a timer that was not really stopped fires now.
    thread::sleep(ms(700));
    for runs in counters {
        assert_eq!(runs.load(SeqCst), 0, "the action ran after cancel");
    }
}

#[test]
fn cancel_wakes_the_timer_at_once_instead_of_waiting_out_the_delay() {
    let timer = Timer::start(Duration::from_secs(30), || {});
    let start = Instant::now();
    assert!(!within(Duration::from_secs(5), move || timer.cancel()));
    let took = start.elapsed();
    assert!(took < Duration::from_secs(1), "cancel took {took:?}");
}

#[test]
fn dropping_a_timer_cancels_it_at_once() {
    let (runs, action) = counted();
    let timer = Timer::start(ms(400), action);
    within(Duration::from_secs(5), move || drop(timer));
    thread::sleep(ms(700));
    assert_eq!(
        runs.load(SeqCst),
        0,
        "the action ran after the timer was dropped"
    );

    let long = Timer::start(Duration::from_secs(30), || {});
    let start = Instant::now();
    within(Duration::from_secs(5), move || drop(long));
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "drop waited out the delay"
    );
}

#[test]
fn cancelling_after_it_fired_is_harmless() {
    let (runs, action) = counted();
    let timer = Timer::start(ms(10), action);
    let deadline = Instant::now() + Duration::from_secs(5);
    while runs.load(SeqCst) == 0 {
        assert!(
            Instant::now() < deadline,
            "the timer did not fire within 5 s"
        );
        thread::sleep(ms(5));
    }
    assert!(
        within(Duration::from_secs(5), move || timer.cancel()),
        "cancel says it fired"
    );
    thread::sleep(ms(100));
    assert_eq!(runs.load(SeqCst), 1, "the action ran exactly once");
}

#[test]
fn wait_returns_once_the_action_has_run() {
    let (runs, action) = counted();
    let timer = Timer::start(ms(50), action);
    assert!(within(Duration::from_secs(5), move || timer.wait()));
    assert_eq!(runs.load(SeqCst), 1, "wait returned before the action ran");
}
