//! Mistake: uses an unbounded channel, so a send never waits: the producer
//! runs through every job while the workers are still busy, and the queue
//! grows without limit. There is no backpressure.
//! Caught by: the_producer_waits_while_the_queue_is_full
// REGION
let (queue, inbox) = crossbeam_channel::unbounded();
let _ = capacity;
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
