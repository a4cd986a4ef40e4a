//! Mistake: the flag is a plain `bool`. The `move` closure gets a copy of
//! it, so when `stop` sets the worker's field, the thread's copy stays
//! `false` and the thread never ends.
//! Caught by: the_job_runs_again_and_again_until_stopped, stop_returns_soon_after_it_is_called, stop_waits_for_the_job_in_progress_to_finish, stop_returns_how_many_times_the_job_ran, the_job_runs_on_a_thread_of_its_own
// REGION
    stopped: bool,
    thread: JoinHandle<u64>,
// REGION
    let mut job = job;
    let stopped = false;
    let thread = thread::spawn(move || {
        let mut runs = 0;
        while !stopped {
            job();
            runs += 1;
        }
        runs
    });
    StoppableWorker { stopped, thread }
// REGION
    let mut worker = self;
    worker.stopped = true;
    worker.thread.join().expect("the job panicked")
