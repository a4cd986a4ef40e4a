//! Mistake: stop sets a flag that the thread checks only before it goes to
//! sleep, so a thread already asleep wakes up at the end of the interval
//! and runs the action once more, and stop waits for all of it.
//! Caught by: nothing_runs_after_stop
// REGION
pub struct Repeater {
    stopped: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<JoinHandle<u32>>,
}
// REGION
let stopped = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
let flag = std::sync::Arc::clone(&stopped);
let thread = thread::spawn(move || {
    let start = Instant::now();
    let mut runs = 0;
    loop {
        if flag.load(std::sync::atomic::Ordering::SeqCst) {
            return runs;
        }
        let next_run = start + interval * (runs + 1);
        thread::sleep(next_run.saturating_duration_since(Instant::now()));
        action();
        runs += 1;
    }
});
Repeater {
    stopped,
    thread: Some(thread),
}
// REGION
self.stopped.store(true, std::sync::atomic::Ordering::SeqCst);
match self.thread.take() {
    Some(thread) => thread.join().expect("the action panicked"),
    None => 0,
}
