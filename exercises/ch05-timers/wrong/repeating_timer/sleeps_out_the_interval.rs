//! Mistake: the thread sleeps out each interval and only then looks at the
//! stop flag. Nothing runs after stop, but stop cannot interrupt the sleep:
//! it waits for the rest of the interval.
//! Caught by: stop_ends_a_wait_at_once
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
        let next_run = start + interval * (runs + 1);
        thread::sleep(next_run.saturating_duration_since(Instant::now()));
        if flag.load(std::sync::atomic::Ordering::SeqCst) {
            return runs;
        }
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
