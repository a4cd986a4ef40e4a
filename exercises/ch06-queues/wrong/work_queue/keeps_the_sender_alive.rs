//! Mistake: never drops the sender. The producer's loop only borrows it,
//! so it lives until the function returns, and the function cannot return
//! before the scope has joined the workers, whose loops wait for more jobs
//! for as long as a sender exists: they wait for ever.
//! Caught by: every_job_is_done_exactly_once, no_jobs_gives_no_results, the_workers_run_at_the_same_time, the_producer_waits_while_the_queue_is_full, a_producer_that_pauses_between_jobs_loses_none
// REGION
let (queue, inbox) = bounded(capacity);
let work = &work;
thread::scope(|s| {
    let workers: Vec<_> = (0..workers)
        .map(|_| {
            let inbox = inbox.clone();
            s.spawn(move || inbox.iter().map(work).collect::<Vec<R>>())
        })
        .collect();
    for job in jobs {
        queue.send(job).expect("every worker has stopped");
    }
    workers
        .into_iter()
        .flat_map(|worker| worker.join().expect("a worker panicked"))
        .collect()
})
