//! Mistake: a worker leaves once the queue has been empty for half a second
//! (`recv_timeout`), like a Python loop that runs `q.get()` jobs only
//! while there are some. A task submitted after the pool has sat idle
//! finds no worker: `submit` panics, or the task never runs.
//! Caught by: a_task_submitted_after_a_quiet_spell_still_runs
// REGION
        let (jobs, queue) = unbounded::<Job>();
        let workers = (0..size)
            .map(|_| {
                let queue = queue.clone();
                thread::spawn(move || {
                    while let Ok(job) = queue.recv_timeout(std::time::Duration::from_millis(500)) {
                        job();
                    }
                })
            })
            .collect();
        ThreadPool {
            jobs: Some(jobs),
            workers,
        }
