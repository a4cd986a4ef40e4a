//! Mistake: starts a thread for every task and bounds them with a counter
//! of running tasks, checked and then raised in two steps. Several threads
//! can pass the check at once, so more than `workers` may run together;
//! and a pool that starts a thread per task is not a pool.
//! Caught by: the_tasks_run_on_the_pools_own_workers_threads
// REGION
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
let running = Arc::new(AtomicUsize::new(0));
let (finished, in_finishing_order) = unbounded();
for (index, task) in tasks.into_iter().enumerate() {
    let running = Arc::clone(&running);
    let finished = finished.clone();
    thread::spawn(move || {
        while running.load(SeqCst) >= workers {
            thread::yield_now();
        }
        running.fetch_add(1, SeqCst);
        let outcome = catch(task);
        running.fetch_sub(1, SeqCst);
        let _ = finished.send((index, outcome));
    });
}
in_finishing_order
