//! Mistake: unwraps each worker's `join` in `drop`. A task that panicked
//! ended its worker with a panic, `join` hands that back as an `Err`, and
//! `drop` panics in turn: one failed task brings down whoever drops the pool.
//! Caught by: a_panicking_task_fails_only_its_own_handle
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
for worker in self.workers.drain(..) {
    worker.join().expect("a worker panicked");
}
