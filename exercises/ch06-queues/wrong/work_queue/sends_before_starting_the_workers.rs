//! Mistake: sends every job first and starts the workers afterwards. With
//! a bounded queue, the producer waits for room as soon as the queue is
//! full, but nobody is there yet to take a job out: it waits for ever.
//! Caught by: every_job_is_done_exactly_once, the_producer_waits_while_the_queue_is_full
// REGION
let (queue, inbox) = bounded(capacity);
let work = &work;
for job in jobs {
    queue.send(job).expect("every worker has stopped");
}
drop(queue);
thread::scope(|s| {
    let workers: Vec<_> = (0..workers)
        .map(|_| {
            let inbox = inbox.clone();
            s.spawn(move || inbox.iter().map(work).collect::<Vec<R>>())
        })
        .collect();
    workers
        .into_iter()
        .flat_map(|worker| worker.join().expect("a worker panicked"))
        .collect()
})
