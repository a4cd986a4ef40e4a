//! Mistake: `stop` joins the thread first and sets the flag after, "so that
//! the job in progress can finish". But the worker only ends once it sees
//! the flag, so the join waits for ever and `stop` never returns.
//! Caught by: stop_returns_soon_after_it_is_called, stop_waits_for_the_job_in_progress_to_finish, stop_returns_how_many_times_the_job_ran, two_workers_are_stopped_independently
// REGION
    stop: Arc<AtomicBool>,
    thread: JoinHandle<u64>,
// REGION
    let mut job = job;
    let stop = Arc::new(AtomicBool::new(false));
    let stop_requested = Arc::clone(&stop);
    let thread = thread::spawn(move || {
        let mut runs = 0;
        while !stop_requested.load(Ordering::Relaxed) {
            job();
            runs += 1;
        }
        runs
    });
    StoppableWorker { stop, thread }
// REGION
    let runs = self.thread.join().expect("the job panicked");
    self.stop.store(true, Ordering::Relaxed);
    runs
