//! Mistake: a worker stops as soon as it finds the queue empty
//! (`try_recv`, like `while not q.empty()` in Python). An empty queue only
//! means that the producer has not sent the next job yet: after a pause,
//! the producer finds every worker gone and its jobs are never done.
//! Caught by: a_producer_that_pauses_between_jobs_loses_none
// REGION
let (queue, inbox) = bounded(capacity);
let work = &work;
thread::scope(|s| {
    let workers: Vec<_> = (0..workers)
        .map(|_| {
            let inbox = inbox.clone();
            s.spawn(move || {
                let mut results = Vec::new();
                while let Ok(job) = inbox.try_recv() {
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
