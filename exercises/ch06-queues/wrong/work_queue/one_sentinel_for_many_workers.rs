//! Mistake: stops the workers the way a Python program often does, with a
//! `None` sentinel after the last job, but sends only one. The first worker
//! to take it stops; the others wait for a sentinel that never comes, and
//! the sender, kept alive in the calling thread, never closes the queue.
//! Caught by: every_job_is_done_exactly_once, no_jobs_gives_no_results, the_workers_run_at_the_same_time, a_producer_that_pauses_between_jobs_loses_none
// REGION
let (queue, inbox) = bounded(capacity);
let work = &work;
thread::scope(|s| {
    let workers: Vec<_> = (0..workers)
        .map(|_| {
            let inbox = inbox.clone();
            s.spawn(move || {
                let mut results = Vec::new();
                while let Ok(Some(job)) = inbox.recv() {
                    results.push(work(job));
                }
                results
            })
        })
        .collect();
    for job in jobs {
        queue.send(Some(job)).expect("every worker has stopped");
    }
    queue.send(None).expect("every worker has stopped");
    workers
        .into_iter()
        .flat_map(|worker| worker.join().expect("a worker panicked"))
        .collect()
})
