//! Mistake: starts a thread per task, then joins them in the order they
//! were submitted and forwards each result as its join returns, which is
//! Python's `[f.result() for f in futures]` rather than `as_completed`. A
//! fast task queued behind a slow one waits for it, so the results come out
//! in submission order; and with a thread per task, `workers` is ignored.
//! Caught by: results_arrive_in_finishing_order, the_first_results_arrive_while_a_slow_task_still_runs, never_more_than_workers_tasks_run_at_once
// REGION
let (finished, in_submission_order) = unbounded();
let running: Vec<_> = tasks
    .into_iter()
    .map(|task| thread::spawn(move || catch(task)))
    .collect();
thread::spawn(move || {
    for (index, task) in running.into_iter().enumerate() {
        let outcome = task.join().expect("catch never lets a panic through");
        let _ = finished.send((index, outcome));
    }
});
in_submission_order
