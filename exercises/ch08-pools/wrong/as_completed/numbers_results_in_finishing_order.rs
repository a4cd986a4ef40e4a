//! Mistake: numbers the results as they come out, from a counter the
//! workers share, like `for i, f in enumerate(as_completed(futures))` in
//! Python. The number is the task's place in the finishing order, not its
//! position in `tasks`, so the caller matches results to the wrong tasks.
//! Caught by: results_arrive_in_finishing_order, the_first_results_arrive_while_a_slow_task_still_runs
// REGION
let (queue, jobs) = unbounded();
for task in tasks {
    queue.send(task).expect("the receiving end is right here");
}
drop(queue);
let (finished, in_finishing_order) = unbounded();
let done = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
for _ in 0..workers {
    let jobs = jobs.clone();
    let finished = finished.clone();
    let done = std::sync::Arc::clone(&done);
    thread::spawn(move || {
        for task in jobs {
            let outcome = catch(task);
            let index = done.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let _ = finished.send((index, outcome));
        }
    });
}
in_finishing_order
