//! Mistake: closes the queue in `drop` but does not join the workers, as if
//! Python's `shutdown(wait=False)` were enough. The workers do finish the
//! queued tasks, but later, after `drop` has returned and the caller has
//! gone on as if they were done.
//! Caught by: dropping_the_pool_finishes_every_queued_task_first
// REGION
let (jobs, queue) = unbounded::<Job>();
let workers = (0..size)
    .map(|_| {
        let queue = queue.clone();
        thread::spawn(move || {
            for job in queue {
                job();
            }
        })
    })
    .collect();
ThreadPool {
    jobs: Some(jobs),
    workers,
}
// REGION
let (value, handle) = bounded(1);
let job = move || {
    let _ = value.send(task());
};
self.jobs
    .as_ref()
    .expect("the pool is shutting down")
    .send(Box::new(job))
    .expect("the workers are gone");
TaskHandle { value: handle }
// REGION
drop(self.jobs.take());
