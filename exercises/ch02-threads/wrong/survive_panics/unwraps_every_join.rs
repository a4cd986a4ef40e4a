//! Mistake: calls `expect` on every `join`, so the first job that panicked
//! makes `run_jobs` itself panic, and the other results are lost.
//! Caught by: a_panicking_job_gives_err_and_the_others_still_give_ok, formatted_panic_messages_are_kept, a_panic_that_is_not_text_still_gives_err
// REGION
    let workers: Vec<thread::JoinHandle<R>> = inputs
        .into_iter()
        .enumerate()
        .map(|(position, input)| {
            let job = job.clone();
            thread::Builder::new()
                .name(format!("job-{position}"))
                .spawn(move || job(input))
                .expect("the OS refused to start a thread")
        })
        .collect();
    workers
        .into_iter()
        .map(|worker| Ok(worker.join().expect("a job panicked")))
        .collect()
