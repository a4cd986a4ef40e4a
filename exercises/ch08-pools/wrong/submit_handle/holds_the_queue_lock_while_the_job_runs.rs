//! Mistake: shares one receiver between the workers behind a `Mutex` and
//! takes jobs with `while let Ok(job) = queue.lock().unwrap().recv()`. The
//! guard in a `while let` lives until the end of the loop body, so a worker
//! holds the lock while its job runs and the other workers wait for it:
//! the jobs run one at a time.
//! Caught by: two_tasks_run_at_the_same_time_on_a_pool_of_two
// REGION
let (jobs, queue) = unbounded::<Job>();
let queue = std::sync::Arc::new(std::sync::Mutex::new(queue));
let workers = (0..size)
    .map(|_| {
        let queue = std::sync::Arc::clone(&queue);
        thread::spawn(move || {
            while let Ok(job) = queue.lock().unwrap().recv() {
                job();
            }
        })
    })
    .collect();
ThreadPool {
    jobs: Some(jobs),
    workers,
}
