//! Mistake: sleeps for the whole interval and checks a stop flag after it,
//! so `stop` has to wait until the interval in progress is over.
//! Caught by: stop_returns_at_once_in_the_middle_of_a_long_interval
// REGION
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: JoinHandle<u64>,
// REGION
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let mut beat = beat;
    let stop = Arc::new(AtomicBool::new(false));
    let stop_requested = Arc::clone(&stop);
    let thread = thread::spawn(move || {
        let mut beats = 0;
        loop {
            thread::sleep(interval);
            if stop_requested.load(Ordering::Relaxed) {
                return beats;
            }
            beat();
            beats += 1;
        }
    });
    Heartbeat { stop, thread }
// REGION
    self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    self.thread.join().expect("the beat panicked")
