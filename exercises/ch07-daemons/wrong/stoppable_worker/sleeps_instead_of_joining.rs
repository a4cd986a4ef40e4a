//! Mistake: `stop` sets the flag, sleeps a few milliseconds "to let the
//! worker finish", and returns a count the worker keeps in a shared
//! counter. A job longer than the nap is still running when `stop` returns,
//! and its run is not counted.
//! Caught by: stop_waits_for_the_job_in_progress_to_finish
// REGION
    stop: Arc<AtomicBool>,
    runs: Arc<std::sync::atomic::AtomicU64>,
// REGION
    let mut job = job;
    let stop = Arc::new(AtomicBool::new(false));
    let runs = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let (stop_requested, counted) = (Arc::clone(&stop), Arc::clone(&runs));
    let _thread: JoinHandle<()> = thread::spawn(move || {
        while !stop_requested.load(Ordering::Relaxed) {
            job();
            counted.fetch_add(1, Ordering::SeqCst);
        }
    });
    StoppableWorker { stop, runs }
// REGION
    self.stop.store(true, Ordering::Relaxed);
    thread::sleep(std::time::Duration::from_millis(20));
    self.runs.load(Ordering::SeqCst)
