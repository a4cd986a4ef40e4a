//! Mistake: waits a whole `interval` after each run (a duration) instead of
//! until the run's deadline, so the time the action takes is added to
//! every interval and the schedule drifts.
//! Caught by: a_slow_action_does_not_make_the_schedule_drift
// REGION
pub struct Repeater {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<u32>>,
}
// REGION
let (stop, stopped) = mpsc::channel::<()>();
let thread = thread::spawn(move || {
    let mut runs = 0;
    loop {
        match stopped.recv_timeout(interval) {
            Err(RecvTimeoutError::Timeout) => {
                action();
                runs += 1;
            }
            Ok(()) | Err(RecvTimeoutError::Disconnected) => return runs,
        }
    }
});
Repeater {
    stop: Some(stop),
    thread: Some(thread),
}
