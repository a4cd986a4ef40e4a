//! Mistake: checks the flag with `if` instead of `while`, so the worker
//! runs the job once and ends.
//! Caught by: the_job_runs_again_and_again_until_stopped
// REGION
    stop: Arc<AtomicBool>,
    thread: JoinHandle<u64>,
// REGION
    let mut job = job;
    let stop = Arc::new(AtomicBool::new(false));
    let stop_requested = Arc::clone(&stop);
    let thread = thread::spawn(move || {
        let mut runs = 0;
        if !stop_requested.load(Ordering::Relaxed) {
            job();
            runs += 1;
        }
        runs
    });
    StoppableWorker { stop, thread }
