use ch05_exercises::repeating_timer;

use repeating_timer::Repeater;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};
use testkit::ms;

/// Runs `work` on a thread and waits at most `deadline` for its result.
fn within<T: Send + 'static>(
    deadline: Duration,
    what: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    testkit::within(deadline, what, work)
}

/// An action that reports the moment of each run on a channel.
fn reporting() -> (impl FnMut() + Send + 'static, Receiver<Instant>) {
    let (ran, runs) = mpsc::channel();
    (move || ran.send(Instant::now()).unwrap(), runs)
}

#[test]
fn runs_again_and_again_until_stopped() {
    let (action, runs) = reporting();
    let repeater = Repeater::start(ms(50), action);
    for run in 1..=3 {
        runs.recv_timeout(ms(2000))
            .unwrap_or_else(|_| panic!("run {run} did not come within 2 s of a 50 ms interval"));
    }
    let count: u32 = within(ms(2000), "stop", move || repeater.stop());
    let seen = 3 + runs.try_iter().count() as u32;
    assert_eq!(
        count, seen,
        "stop must return how many times the action ran"
    );
}

#[test]
fn no_run_comes_before_its_time() {
    let (action, runs) = reporting();
    let start = Instant::now();
    let repeater = Repeater::start(ms(60), action);
    for n in 1..=4u32 {
        let at = runs
            .recv_timeout(ms(2000))
            .unwrap_or_else(|_| panic!("run {n} did not come within 2 s"))
            - start;
        assert!(
            at >= ms(60) * n,
            "run {n} came after {at:?}, before its time ({:?})",
            ms(60) * n
        );
    }
    drop(repeater);
}

#[test]
fn stop_ends_a_wait_at_once() {
    let (action, runs) = reporting();
    let repeater = Repeater::start(Duration::from_secs(3), action);
    let start = Instant::now();
    let count: u32 = within(ms(2500), "stop", move || repeater.stop());
    let took = start.elapsed();
    assert!(
        took < Duration::from_secs(1),
        "stop took {took:?}: it must wake the waiting thread, not wait out the 3 s interval"
    );
    assert_eq!(count, 0);
    assert!(
        runs.try_recv().is_err(),
        "the action ran although it was not due"
    );
}

#[test]
fn nothing_runs_after_stop() {
    let (action, runs) = reporting();
    let repeater = Repeater::start(ms(500), action);
    runs.recv_timeout(ms(3000))
        .expect("the first run did not come within 3 s of a 500 ms interval");
    // Stop halfway to the second run, which is due 500 ms after the first:
    // by then the thread is surely waiting for it, not about to look at a
    // flag, so stop must be able to wake a waiting thread.
    thread::sleep(ms(250));
    let count: u32 = within(ms(2500), "stop", move || repeater.stop());
    assert_eq!(
        count, 1,
        "stopped between the first and the second run, yet the action ran {count} times"
    );
    thread::sleep(ms(600));
    assert!(runs.try_recv().is_err(), "the action ran after stop");
}

#[test]
fn dropping_it_stops_it() {
    let (action, runs) = reporting();
    let repeater = Repeater::start(ms(100), action);
    let start = Instant::now();
    within(ms(2500), "drop", move || drop(repeater));
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "drop waited too long"
    );
    thread::sleep(ms(400));
    assert!(
        runs.try_recv().is_err(),
        "the action ran after the repeater was dropped"
    );
}

#[test]
fn a_slow_action_does_not_make_the_schedule_drift() {
    let (ran, runs) = mpsc::channel();
    let start = Instant::now();
    // Each run takes 60 ms of its 100 ms interval.
    let repeater = Repeater::start(ms(100), move || {
        let _ = ran.send(Instant::now());
        thread::sleep(ms(60));
    });
    let mut eighth = None;
    for _ in 1..=8 {
        eighth = Some(runs.recv_timeout(ms(3000)).expect("a run within 3 s") - start);
    }
    drop(repeater);
    let eighth = eighth.unwrap();
    // On schedule, the eighth run starts at 800 ms. Waiting a whole interval
    // after each run instead puts it at 800 + 7 × 60 = 1220 ms.
    assert!(
        eighth < ms(1000),
        "the eighth run started after {eighth:?}, not near 800 ms: is each wait counted from \
         the start (start + n × interval), or from the end of the last run?"
    );
}

#[test]
fn stop_waits_for_a_running_action() {
    // The first run holds on until the test lets it go; stop is called
    // while it runs.
    let (started, action_started) = mpsc::channel();
    let (release, gate) = mpsc::channel::<()>();
    let (finished, action_finished) = mpsc::channel();
    let mut first = true;
    let repeater = Repeater::start(ms(50), move || {
        if first {
            first = false;
            let _ = started.send(());
            let _ = gate.recv_timeout(ms(2000)); // until the test drops `release`
            let _ = finished.send(());
        }
    });
    action_started
        .recv_timeout(ms(2000))
        .expect("the first run did not come within 2 s of a 50 ms interval");
    let (returned, stopped) = mpsc::channel();
    thread::spawn(move || {
        let _ = returned.send(repeater.stop());
    });
    match stopped.recv_timeout(ms(300)) {
        Err(RecvTimeoutError::Timeout) => {}
        Ok(count) => panic!(
            "stop returned {count} while the action was still running: it must wait for the \
             thread (join it), so that nothing runs once stop has returned"
        ),
        Err(RecvTimeoutError::Disconnected) => panic!("stop panicked"),
    }
    drop(release);
    let count: u32 = match stopped.recv_timeout(ms(2000)) {
        Ok(count) => count,
        Err(_) => panic!("stop did not return within 2 s of the action finishing"),
    };
    assert!(
        action_finished.try_recv().is_ok(),
        "stop returned before the running action had finished"
    );
    assert_eq!(count, 1, "the action ran once, and that run counts");
}

#[test]
fn dropping_it_while_the_action_runs_waits_for_that_run() {
    // As above, with the repeater dropped instead of stopped: a drop that
    // only tells the thread to stop, without joining it, returns while the
    // action still runs.
    let (started, action_started) = mpsc::channel();
    let (release, gate) = mpsc::channel::<()>();
    let (finished, action_finished) = mpsc::channel();
    let mut first = true;
    let repeater = Repeater::start(ms(50), move || {
        if first {
            first = false;
            let _ = started.send(());
            let _ = gate.recv_timeout(ms(2000)); // until the test drops `release`
            let _ = finished.send(());
        }
    });
    action_started
        .recv_timeout(ms(2000))
        .expect("the first run did not come within 2 s of a 50 ms interval");
    let (returned, dropped) = mpsc::channel();
    thread::spawn(move || {
        drop(repeater);
        let _ = returned.send(());
    });
    match dropped.recv_timeout(ms(300)) {
        Err(RecvTimeoutError::Timeout) => {}
        Ok(()) => panic!(
            "dropping the repeater returned while the action was still running: drop must \
             wait for the thread (join it), as stop does"
        ),
        Err(RecvTimeoutError::Disconnected) => panic!("dropping the repeater panicked"),
    }
    drop(release);
    dropped
        .recv_timeout(ms(2000))
        .expect("drop did not return within 2 s of the action finishing");
    assert!(
        action_finished.try_recv().is_ok(),
        "drop returned before the running action had finished"
    );
}
