//! Mistake: joins each job's thread right after starting it, so a slow job
//! holds up all the jobs after it: they run one after another.
//! Caught by: jobs_run_at_the_same_time
// REGION
    inputs
        .into_iter()
        .enumerate()
        .map(|(position, input)| {
            let job = job.clone();
            thread::Builder::new()
                .name(format!("job-{position}"))
                .spawn(move || job(input))
                .expect("the OS refused to start a thread")
                .join()
                .map_err(message_of)
        })
        .collect()
