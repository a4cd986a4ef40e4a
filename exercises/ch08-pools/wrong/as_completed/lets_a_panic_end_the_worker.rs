//! Mistake: calls each task directly instead of through `catch`. A task
//! that panics unwinds through the worker's loop and ends the worker; its
//! result is never sent, and the tasks still in the queue are lost when the
//! last worker is gone. The receiver just ends early, with no error.
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
            let _ = finished.send((index, Ok(task())));
        }
    });
}
in_finishing_order
