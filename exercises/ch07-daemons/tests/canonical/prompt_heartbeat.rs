use ch07_exercises::prompt_heartbeat;

use prompt_heartbeat::Heartbeat;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

/// Stops `heartbeat` on a thread of its own and fails the test, rather than
/// hang, if `stop` has not returned within `limit`.
fn stop_within(heartbeat: Heartbeat, limit: Duration) -> u64 {
    let (count_tx, count) = mpsc::channel();
    thread::spawn(move || {
        let _ = count_tx.send(heartbeat.stop());
    });
    count.recv_timeout(limit).unwrap_or_else(|_| {
        panic!(
            "stop did not return within {limit:?}: the heartbeat thread must wake up as soon \
             as it is told to stop, not sleep out its interval; and a closed channel means \
             stop, not beat"
        )
    })
}

/// A beat that counts itself and reports each beat on a channel.
fn counting_beat() -> (
    Arc<AtomicU64>,
    mpsc::Receiver<Instant>,
    impl FnMut() + Send + 'static,
) {
    let count = Arc::new(AtomicU64::new(0));
    let (beat_tx, beats) = mpsc::channel();
    let counter = Arc::clone(&count);
    let beat = move || {
        counter.fetch_add(1, Ordering::SeqCst);
        let _ = beat_tx.send(Instant::now());
    };
    (count, beats, beat)
}

#[test]
fn it_beats_once_every_interval() {
    let (_, beats, beat) = counting_beat();
    let started = Instant::now();
    let heartbeat = Heartbeat::start(Duration::from_millis(20), beat);
    let mut last = started;
    for n in 1..=5 {
        let at = beats
            .recv_timeout(Duration::from_secs(2))
            .unwrap_or_else(|_| panic!("beat {n} never came"));
        assert!(
            at.duration_since(last) >= Duration::from_millis(20),
            "beat {n} came {:?} after the one before; the interval is 20 ms",
            at.duration_since(last)
        );
        last = at;
    }
    stop_within(heartbeat, Duration::from_secs(2));
}

#[test]
fn the_first_beat_comes_one_interval_after_the_start() {
    let (count, _beats, beat) = counting_beat();
    let heartbeat = Heartbeat::start(Duration::from_millis(400), beat);
    thread::sleep(Duration::from_millis(100));
    assert_eq!(
        count.load(Ordering::SeqCst),
        0,
        "a beat came before the first interval was over: wait first, then beat"
    );
    stop_within(heartbeat, Duration::from_secs(2));
}

#[test]
fn stop_returns_at_once_in_the_middle_of_a_long_interval() {
    let (count, _beats, beat) = counting_beat();
    let heartbeat = Heartbeat::start(Duration::from_secs(30), beat);
    thread::sleep(Duration::from_millis(50));
    let beats = stop_within(heartbeat, Duration::from_secs(1));
    assert_eq!(beats, 0);
    assert_eq!(count.load(Ordering::SeqCst), 0);
}

#[test]
fn no_beat_comes_after_stop_returns() {
    let (count, beats, beat) = counting_beat();
    let heartbeat = Heartbeat::start(Duration::from_millis(5), beat);
    for _ in 0..3 {
        beats
            .recv_timeout(Duration::from_secs(2))
            .expect("the heartbeat beats");
    }
    stop_within(heartbeat, Duration::from_secs(2));
    let when_stopped = count.load(Ordering::SeqCst);
    thread::sleep(Duration::from_millis(100));
    assert_eq!(
        count.load(Ordering::SeqCst),
        when_stopped,
        "the heartbeat went on beating after stop returned"
    );
}

#[test]
fn stop_returns_how_many_beats_there_were() {
    let (count, beats, beat) = counting_beat();
    let heartbeat = Heartbeat::start(Duration::from_millis(5), beat);
    for _ in 0..3 {
        beats
            .recv_timeout(Duration::from_secs(2))
            .expect("the heartbeat beats");
    }
    let returned = stop_within(heartbeat, Duration::from_secs(2));
    assert_eq!(returned, count.load(Ordering::SeqCst));
}
