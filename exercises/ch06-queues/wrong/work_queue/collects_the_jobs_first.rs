//! Mistake: collects every job from the iterator into a `Vec` before
//! sending any, so the whole backlog is taken out of the iterator (and held
//! in memory) at once, however far behind the workers are.
//! Caught by: the_producer_waits_while_the_queue_is_full
// REGION
let jobs: Vec<J> = jobs.into_iter().collect();
let (queue, inbox) = bounded(capacity);
let work = &work;
thread::scope(|s| {
    let workers: Vec<_> = (0..workers)
        .map(|_| {
            let inbox = inbox.clone();
            s.spawn(move || inbox.iter().map(work).collect::<Vec<R>>())
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
