//! A `Mutex` shared through `Arc` by four threads.

use std::sync::{Arc, Mutex};
use std::thread;

fn main() {
    // One list of results, owned jointly by main and every worker.
    let results = Arc::new(Mutex::new(Vec::new()));

    let mut workers = Vec::new();
    for worker in 1..=4 {
        // A second handle to the same Mutex, for this worker to own.
        let results = Arc::clone(&results);
        workers.push(thread::spawn(move || {
            let square = worker * worker;
            results.lock().unwrap().push((worker, square));
        })); // the worker's handle is dropped when its thread ends
    }
    for worker in workers {
        worker.join().unwrap();
    }

    println!(
        "handles to the results after the joins: {}",
        Arc::strong_count(&results)
    );
    let mut results = results.lock().unwrap();
    results.sort();
    println!("results: {results:?}");
}
