//! Mistake: runs the action first and waits afterwards, so the first run
//! comes at once instead of one interval after the start.
//! Caught by: no_run_comes_before_its_time, stop_ends_a_wait_at_once, dropping_it_stops_it
// REGION
pub struct Repeater {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<u32>>,
}
// REGION
let (stop, stopped) = mpsc::channel::<()>();
let thread = thread::spawn(move || {
    let start = Instant::now();
    let mut runs = 0;
    loop {
        action();
        runs += 1;
        let next_run = start + interval * runs;
        match stopped.recv_timeout(next_run.saturating_duration_since(Instant::now())) {
            Err(RecvTimeoutError::Timeout) => {}
            Ok(()) | Err(RecvTimeoutError::Disconnected) => return runs,
        }
    }
});
Repeater {
    stop: Some(stop),
    thread: Some(thread),
}
