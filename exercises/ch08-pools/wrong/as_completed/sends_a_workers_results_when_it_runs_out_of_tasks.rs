//! Mistake: each worker gathers its outcomes in a `Vec` and sends them all
//! when the queue is empty, to save sends. A result then waits for every
//! other task its worker takes after it: with one worker, nothing comes out
//! until the last task is done.
//! Caught by: a_result_is_sent_as_soon_as_its_task_finishes
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
        let mut outcomes = Vec::new();
        for (index, task) in jobs {
            outcomes.push((index, catch(task)));
        }
        for outcome in outcomes {
            let _ = finished.send(outcome);
        }
    });
}
in_finishing_order
