//! Mistake: a worker leaves when no job has come for a second
//! (`recv_timeout`), like Python's `queue.get(timeout=1)` with
//! `except Empty: break`, instead of when the queue is closed. A producer
//! that pauses longer than that finds no worker left for its next jobs.
//! Caught by: a_producer_that_pauses_between_jobs_loses_none
// REGION
    let quiet = std::time::Duration::from_secs(1);
    let (queue, inbox) = bounded(capacity);
    let work = &work;
    thread::scope(|s| {
        let workers: Vec<_> = (0..workers)
            .map(|_| {
                let inbox = inbox.clone();
                s.spawn(move || {
                    let mut results = Vec::new();
                    while let Ok(job) = inbox.recv_timeout(quiet) {
                        results.push(work(job));
                    }
                    results
                })
            })
            .collect();
        drop(inbox);
        for job in jobs {
            queue.send(job).expect("every worker has stopped");
        }
        drop(queue);
        workers
            .into_iter()
            .flat_map(|worker| worker.join().expect("a worker panicked"))
            .collect()
    })
