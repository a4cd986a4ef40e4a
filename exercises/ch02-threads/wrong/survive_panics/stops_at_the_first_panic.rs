//! Mistake: stops collecting at the first job that panicked, so the entries
//! of the jobs after it are missing from the result.
//! Caught by: a_panicking_job_gives_err_and_the_others_still_give_ok, formatted_panic_messages_are_kept
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
    let mut entries = Vec::new();
    for worker in workers {
        let entry = worker.join().map_err(message_of);
        let failed = entry.is_err();
        entries.push(entry);
        if failed {
            break;
        }
    }
    entries
