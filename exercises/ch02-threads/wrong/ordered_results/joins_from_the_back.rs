//! Mistake: takes the handles off the end of the `Vec` with `pop`, so the
//! results come back in reverse order.
//! Caught by: results_keep_input_order_when_the_first_input_is_slowest, results_keep_input_order_when_the_last_input_is_slowest
// REGION
    let mut workers: Vec<thread::JoinHandle<R>> = inputs
        .into_iter()
        .map(|input| {
            let work = work.clone();
            thread::spawn(move || work(input))
        })
        .collect();
    let mut results = Vec::new();
    while let Some(worker) = workers.pop() {
        results.push(worker.join().expect("a worker panicked"));
    }
    results
