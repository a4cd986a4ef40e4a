//! Mistake: counts the beats in a `static AtomicU64`, the easy way to get a
//! number out of a thread. Every heartbeat adds to the same counter, so a
//! heartbeat reports the beats of all the others too.
//! Caught by: two_heartbeats_count_their_own_beats
// REGION
    stop: Sender<()>,
    thread: JoinHandle<()>,
    beats: &'static std::sync::atomic::AtomicU64,
// REGION
    use std::sync::atomic::{AtomicU64, Ordering};
    static BEATS: AtomicU64 = AtomicU64::new(0);
    let mut beat = beat;
    let (stop, stop_requested) = mpsc::channel::<()>();
    let thread = thread::spawn(move || {
        while let Err(RecvTimeoutError::Timeout) = stop_requested.recv_timeout(interval) {
            beat();
            BEATS.fetch_add(1, Ordering::SeqCst);
        }
    });
    Heartbeat {
        stop,
        thread,
        beats: &BEATS,
    }
// REGION
    drop(self.stop);
    self.thread.join().expect("the beat panicked");
    self.beats.load(std::sync::atomic::Ordering::SeqCst)
