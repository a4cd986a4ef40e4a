//! Mistake: ignores `workers` and starts a thread for every task. The
//! results do come out in finishing order, but a hundred tasks would run as
//! a hundred threads at once: the pool's bound on concurrency, the reason to
//! have `max_workers` at all, is gone.
//! Caught by: never_more_than_workers_tasks_run_at_once
// REGION
let (finished, in_finishing_order) = unbounded();
for (index, task) in tasks.into_iter().enumerate() {
    let finished = finished.clone();
    thread::spawn(move || {
        let _ = finished.send((index, catch(task)));
    });
}
in_finishing_order
