//! Mistake: starts a thread for the task and joins it before returning, to
//! be sure the task has run. The task does run on another thread, but
//! `submit` waits for it, so no two tasks ever overlap, and each task gets a
//! new thread instead of one of the pool's workers.
//! Caught by: submit_returns_while_its_task_is_still_waiting, two_tasks_run_at_the_same_time_on_a_pool_of_two, tasks_run_on_the_pools_own_workers
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
let worker = thread::spawn(task);
value
    .send(worker.join().expect("the task panicked"))
    .expect("the handle is right here");
TaskHandle { value: handle }
