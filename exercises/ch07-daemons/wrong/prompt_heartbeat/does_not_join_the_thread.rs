//! Mistake: `stop` closes the channel and returns the count the thread
//! keeps in a shared counter, without joining. The thread does stop, but a
//! beat that was running when `stop` was called is still running after
//! `stop` has returned.
//! Caught by: stop_waits_for_a_beat_in_progress
// REGION
    stop: Sender<()>,
    beats: std::sync::Arc<std::sync::atomic::AtomicU64>,
// REGION
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};
    let mut beat = beat;
    let (stop, stop_requested) = mpsc::channel::<()>();
    let beats = Arc::new(AtomicU64::new(0));
    let counted = Arc::clone(&beats);
    let _thread: JoinHandle<()> = thread::spawn(move || {
        while let Err(RecvTimeoutError::Timeout) = stop_requested.recv_timeout(interval) {
            beat();
            counted.fetch_add(1, Ordering::SeqCst);
        }
    });
    Heartbeat { stop, beats }
// REGION
    drop(self.stop);
    self.beats.load(std::sync::atomic::Ordering::SeqCst)
