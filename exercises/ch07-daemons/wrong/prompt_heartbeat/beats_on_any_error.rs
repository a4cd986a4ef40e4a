//! Mistake: beats whenever `recv_timeout` returns `Err`, but a closed
//! channel is an `Err` too (`Disconnected`), so once the sender is dropped
//! the thread beats as fast as it can and never ends.
//! Caught by: it_beats_once_every_interval, the_first_beat_comes_one_interval_after_the_start, stop_returns_at_once_in_the_middle_of_a_long_interval, no_beat_comes_after_stop_returns, stop_returns_how_many_beats_there_were
// REGION
    stop: Sender<()>,
    thread: JoinHandle<u64>,
// REGION
    let mut beat = beat;
    let (stop, stop_requested) = mpsc::channel::<()>();
    let thread = thread::spawn(move || {
        let mut beats = 0;
        while stop_requested.recv_timeout(interval).is_err() {
            beat();
            beats += 1;
        }
        beats
    });
    Heartbeat { stop, thread }
