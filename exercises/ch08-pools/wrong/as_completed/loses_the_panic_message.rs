//! Mistake: catches panics with `catch_unwind` of its own instead of the
//! `catch` given, and reports every one as the same fixed text. The task
//! is reported as failed, but why it failed (its panic message) is lost.
//! Caught by: a_panicking_task_is_reported_and_the_others_still_run
// REGION
let (queue, jobs) = unbounded();
for job in tasks.into_iter().enumerate() {
    queue.send(job).expect("the receiving end is right here");
}
drop(queue);
let (finished, in_finishing_order) = unbounded();
for _ in 0..workers {
    let jobs = jobs.clone();
    let finished = finished.clone();
    thread::spawn(move || {
        for (index, task) in jobs {
            let outcome = panic::catch_unwind(AssertUnwindSafe(task))
                .map_err(|_| TaskPanicked("the task panicked".to_string()));
            let _ = finished.send((index, outcome));
        }
    });
}
in_finishing_order
