//! Mistake: beats first and waits after, so the first beat comes at once
//! instead of one interval after the start.
//! Caught by: the_first_beat_comes_one_interval_after_the_start
// REGION
    stop: Sender<()>,
    thread: JoinHandle<u64>,
// REGION
    let mut beat = beat;
    let (stop, stop_requested) = mpsc::channel::<()>();
    let thread = thread::spawn(move || {
        let mut beats = 0;
        loop {
            beat();
            beats += 1;
            match stop_requested.recv_timeout(interval) {
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) | Ok(()) => return beats,
            }
        }
    });
    Heartbeat { stop, thread }
