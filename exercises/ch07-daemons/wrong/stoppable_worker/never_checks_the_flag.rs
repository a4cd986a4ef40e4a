//! Mistake: the worker loops for ever and never looks at the flag, so
//! `stop` sets it and then waits in `join` for a thread that never ends.
//! Caught by: the_job_runs_again_and_again_until_stopped, stop_returns_soon_after_it_is_called, stop_waits_for_the_job_in_progress_to_finish, stop_returns_how_many_times_the_job_ran, the_job_runs_on_a_thread_of_its_own
// REGION
    stop: Arc<AtomicBool>,
    thread: JoinHandle<u64>,
// REGION
    let mut job = job;
    let stop = Arc::new(AtomicBool::new(false));
    let thread = thread::spawn(move || {
        let mut runs: u64 = 0;
        loop {
            job();
            runs += 1;
        }
    });
    StoppableWorker { stop, thread }
