//! Mistake: gives each stage a thread but lets the second start only when
//! the first has done every item. The answer is right, but it is a batch
//! job, not a pipeline: no two stages are ever busy at the same time.
//! Caught by: the_stages_work_at_the_same_time
// REGION
let middle: Vec<B> = thread::scope(|s| {
    s.spawn(move || inputs.into_iter().map(first).collect())
        .join()
        .expect("the first stage panicked")
});
thread::scope(|s| {
    s.spawn(move || middle.into_iter().map(second).collect())
        .join()
        .expect("the second stage panicked")
})
