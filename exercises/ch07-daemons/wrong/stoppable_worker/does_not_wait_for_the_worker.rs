//! Mistake: `stop` sets the flag and returns the count so far without
//! joining, so the job that was running goes on after `stop` returned.
//! Caught by: stop_waits_for_the_job_in_progress_to_finish
// REGION
    stop: Arc<AtomicBool>,
    runs: Arc<std::sync::atomic::AtomicU64>,
// REGION
    use std::sync::atomic::AtomicU64;

    let mut job = job;
    let stop = Arc::new(AtomicBool::new(false));
    let runs = Arc::new(AtomicU64::new(0));
    let (stop_requested, counted) = (Arc::clone(&stop), Arc::clone(&runs));
    thread::spawn(move || {
        while !stop_requested.load(Ordering::Relaxed) {
            job();
            counted.fetch_add(1, Ordering::SeqCst);
        }
    });
    StoppableWorker { stop, runs }
// REGION
    self.stop.store(true, Ordering::Relaxed);
    self.runs.load(Ordering::SeqCst)
