//! Mistake: joins the workers in `drop` without first dropping the sender.
//! The pool still holds it while it waits, so the queue never closes, each
//! worker waits for more jobs for ever, and so does `drop`: the program
//! hangs at the end of the pool's scope.
//! Caught by: each_handle_gives_its_tasks_value, a_pool_with_nothing_to_do_shuts_down, two_tasks_run_at_the_same_time_on_a_pool_of_two, tasks_run_on_the_pools_own_workers, dropping_the_pool_finishes_every_queued_task_first
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
for worker in self.workers.drain(..) {
    let _ = worker.join();
}
