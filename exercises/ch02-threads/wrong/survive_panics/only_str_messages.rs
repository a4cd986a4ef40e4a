//! Mistake: looks only for a `&str` in the payload, so the message of a
//! formatted `panic!` or of `expect`, which is a `String`, is lost.
//! Caught by: formatted_panic_messages_are_kept, message_of_reads_both_kinds_of_text
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
        .map(|worker| worker.join().map_err(message_of))
        .collect()
// REGION
    match payload.downcast_ref::<&str>() {
        Some(message) => (*message).to_owned(),
        None => "(not a string)".to_owned(),
    }
