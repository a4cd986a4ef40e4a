//! Mistake: `stop` only joins the thread, trusting that `self` goes away
//! anyway. It does, but only when `stop` returns, after the join: the
//! sender is still alive while `stop` waits, so the thread never hears that
//! it should stop, and `stop` never returns.
//! Caught by: it_beats_once_every_interval, the_first_beat_comes_one_interval_after_the_start, stop_returns_at_once_in_the_middle_of_a_long_interval, no_beat_comes_after_stop_returns, stop_returns_how_many_beats_there_were
// REGION
    stop: Sender<()>,
    thread: JoinHandle<u64>,
// REGION
    let mut beat = beat;
    let (stop, stop_requested) = mpsc::channel::<()>();
    let thread = thread::spawn(move || {
        let mut beats = 0;
        loop {
            match stop_requested.recv_timeout(interval) {
                Err(RecvTimeoutError::Timeout) => {
                    beat();
                    beats += 1;
                }
                Err(RecvTimeoutError::Disconnected) | Ok(()) => return beats,
            }
        }
    });
    Heartbeat { stop, thread }
// REGION
    self.thread.join().expect("the beat panicked")
