//! Mistake: starts the jobs with plain `thread::spawn`, so their threads
//! have no names and a panic report cannot say which job failed.
//! Caught by: jobs_run_on_threads_named_after_their_position
// REGION
    let workers: Vec<thread::JoinHandle<R>> = inputs
        .into_iter()
        .map(|input| {
            let job = job.clone();
            thread::spawn(move || job(input))
        })
        .collect();
    workers
        .into_iter()
        .map(|worker| worker.join().map_err(message_of))
        .collect()
