//! Mistake: stop tells the thread to stop but does not join it; it
//! returns a count the thread keeps in a shared counter. An action that
//! is running when stop is called goes on after stop has returned, and is
//! not in the count.
//! Caught by: stop_waits_for_a_running_action
// REGION
pub struct Repeater {
    stop: Option<Sender<()>>,
    runs: std::sync::Arc<std::sync::atomic::AtomicU32>,
}
// REGION
let (stop, stopped) = mpsc::channel::<()>();
let runs = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
let counter = std::sync::Arc::clone(&runs);
thread::spawn(move || {
    let start = Instant::now();
    let mut done = 0;
    loop {
        let next_run = start + interval * (done + 1);
        let left = next_run.saturating_duration_since(Instant::now());
        match stopped.recv_timeout(left) {
            Err(RecvTimeoutError::Timeout) => {
                action();
                done += 1;
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
            Ok(()) | Err(RecvTimeoutError::Disconnected) => return,
        }
    }
});
Repeater {
    stop: Some(stop),
    runs,
}
// REGION
match self.stop.take() {
    Some(stop) => {
        drop(stop);
        self.runs.load(std::sync::atomic::Ordering::SeqCst)
    }
    None => 0,
}
