//! Mistake: has every thread push its result onto a shared list, the way a
//! Python program appends to a list from its threads, so the results come
//! back in the order the threads finished.
//! Caught by: results_keep_input_order_when_the_first_input_is_slowest
// REGION
    use std::sync::{Arc, Mutex};

    let results = Arc::new(Mutex::new(Vec::new()));
    let workers: Vec<thread::JoinHandle<()>> = inputs
        .into_iter()
        .map(|input| {
            let work = work.clone();
            let results = Arc::clone(&results);
            thread::spawn(move || {
                let result = work(input);
                results.lock().expect("a worker panicked").push(result);
            })
        })
        .collect();
    for worker in workers {
        worker.join().expect("a worker panicked");
    }
    let results = Arc::try_unwrap(results)
        .ok()
        .expect("every worker has finished");
    results.into_inner().expect("a worker panicked")
