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
        let beats: u64 = heartbeat.stop();
        let _ = count_tx.send(beats);
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
    let beats: u64 = stop_within(heartbeat, Duration::from_secs(1));
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
    let returned: u64 = stop_within(heartbeat, Duration::from_secs(2));
    assert_eq!(returned, count.load(Ordering::SeqCst));
}

#[test]
fn stop_waits_for_a_beat_in_progress() {
    // The first beat cannot finish until the test drops `release`.
    let (release, gate) = mpsc::channel::<()>();
    let (in_beat_tx, in_beat) = mpsc::channel();
    let finished = Arc::new(AtomicU64::new(0));
    let heartbeat = {
        let finished = Arc::clone(&finished);
        Heartbeat::start(Duration::from_millis(5), move || {
            let _ = in_beat_tx.send(());
            let _ = gate.recv();
            finished.fetch_add(1, Ordering::SeqCst);
        })
    };
    in_beat
        .recv_timeout(Duration::from_secs(2))
        .expect("the first beat never came");
    let (count_tx, count) = mpsc::channel();
    thread::spawn(move || {
        let beats: u64 = heartbeat.stop();
        let _ = count_tx.send(beats);
    });
    if let Ok(beats) = count.recv_timeout(Duration::from_millis(300)) {
        panic!(
            "stop returned ({beats} beats) while a beat was still running: join the heartbeat \
             thread, so that no beat is left running after stop"
        );
    }
    drop(release);
    let beats: u64 = count
        .recv_timeout(Duration::from_secs(2))
        .expect("stop did not return within 2 s after the beat in progress ended");
    assert_eq!(
        beats,
        finished.load(Ordering::SeqCst),
        "every beat that ran finished before stop returned"
    );
}

#[test]
fn two_heartbeats_count_their_own_beats() {
    // A quick heartbeat and one that never beats, at the same time.
    let (count, beats, beat) = counting_beat();
    let quick = Heartbeat::start(Duration::from_millis(5), beat);
    let (silent_count, _silent_beats, silent_beat) = counting_beat();
    let silent = Heartbeat::start(Duration::from_secs(30), silent_beat);
    for _ in 0..3 {
        beats
            .recv_timeout(Duration::from_secs(2))
            .expect("the quick heartbeat beats");
    }
    let silent_said: u64 = stop_within(silent, Duration::from_secs(2));
    assert_eq!(silent_count.load(Ordering::SeqCst), 0);
    assert_eq!(
        silent_said, 0,
        "a heartbeat that never beat said it beat {silent_said} times: each heartbeat must \
         count its own beats, not share one counter (a `static`) with every other"
    );
    let quick_said: u64 = stop_within(quick, Duration::from_secs(2));
    assert_eq!(quick_said, count.load(Ordering::SeqCst));
}
