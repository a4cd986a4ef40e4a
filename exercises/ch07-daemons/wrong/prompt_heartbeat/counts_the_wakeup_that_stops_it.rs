//! Mistake: counts every time the thread wakes up, before looking at why it
//! woke. The last wake-up is the closed channel, which is not a beat, so
//! `stop` always reports one beat more than there were.
//! Caught by: stop_returns_at_once_in_the_middle_of_a_long_interval, stop_returns_how_many_beats_there_were, two_heartbeats_count_their_own_beats
// REGION
    stop: Sender<()>,
    thread: JoinHandle<u64>,
// REGION
    let mut beat = beat;
    let (stop, stop_requested) = mpsc::channel::<()>();
    let thread = thread::spawn(move || {
        let mut beats = 0;
        loop {
            let woke = stop_requested.recv_timeout(interval);
            beats += 1;
            match woke {
                Err(RecvTimeoutError::Timeout) => beat(),
                Err(RecvTimeoutError::Disconnected) | Ok(()) => return beats,
            }
        }
    });
    Heartbeat { stop, thread }
