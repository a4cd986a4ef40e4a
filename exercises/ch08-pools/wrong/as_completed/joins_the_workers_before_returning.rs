//! Mistake: joins the workers before returning the receiver, to be sure
//! every task has run. The results are in finishing order, but the caller
//! gets none of them until the slowest task is done, which is the whole
//! point of `as_completed` lost.
//! Caught by: the_first_results_arrive_while_a_slow_task_still_runs, never_more_than_workers_tasks_run_at_once
// REGION
let (queue, jobs) = unbounded();
for job in tasks.into_iter().enumerate() {
    queue.send(job).expect("the receiving end is right here");
}
drop(queue);
let (finished, in_finishing_order) = unbounded();
let running: Vec<_> = (0..workers)
    .map(|_| {
        let jobs = jobs.clone();
        let finished = finished.clone();
        thread::spawn(move || {
            for (index, task) in jobs {
                let _ = finished.send((index, catch(task)));
            }
        })
    })
    .collect();
for worker in running {
    worker.join().expect("catch never lets a panic through");
}
in_finishing_order
