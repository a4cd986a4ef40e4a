//! Mistake: numbers the threads from 1, `job-1`, `job-2`, …, so every name
//! is one off from the position of its input.
//! Caught by: jobs_run_on_threads_named_after_their_position
// REGION
    let workers: Vec<thread::JoinHandle<R>> = inputs
        .into_iter()
        .enumerate()
        .map(|(position, input)| {
            let job = job.clone();
            thread::Builder::new()
                .name(format!("job-{}", position + 1))
                .spawn(move || job(input))
                .expect("the OS refused to start a thread")
        })
        .collect();
    workers
        .into_iter()
        .map(|worker| worker.join().map_err(message_of))
        .collect()
