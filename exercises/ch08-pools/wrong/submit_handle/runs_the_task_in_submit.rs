//! Mistake: calls the task inside `submit` and puts its value in the
//! channel straight away, so the handle is ready when `submit` returns. The
//! pool's workers sit idle: every task runs on the caller's thread, one
//! after another, and `submit` does not return until its task is done.
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
value.send(task()).expect("the handle is right here");
TaskHandle { value: handle }
