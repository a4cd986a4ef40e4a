//! Mistake: catches each job's panic inside its thread and sends the entry
//! down a channel, so the entries come back in the order the threads
//! finished, not the order of the inputs.
//! Caught by: results_keep_input_order_when_later_jobs_finish_first
// REGION
    use std::panic::{self, AssertUnwindSafe};
    use std::sync::mpsc;

    let (sender, receiver) = mpsc::channel();
    let count = inputs.len();
    for (position, input) in inputs.into_iter().enumerate() {
        let job = job.clone();
        let sender = sender.clone();
        thread::Builder::new()
            .name(format!("job-{position}"))
            .spawn(move || {
                let entry = panic::catch_unwind(AssertUnwindSafe(|| job(input)));
                sender
                    .send(entry.map_err(message_of))
                    .expect("the caller stopped listening");
            })
            .expect("the OS refused to start a thread");
    }
    receiver.iter().take(count).collect()
