//! Results in input order with `map`, in finishing order with `as_completed`.
//!
//! Three jobs of 300, 100 and 200 ms: rayon's `map` keeps the order of the
//! inputs, `as_completed` gives the results in the order they finish.

use std::thread;
use std::time::Duration;

use ch08::ThreadPool;
use rayon::prelude::*;

fn nap(ms: u64) -> u64 {
    thread::sleep(Duration::from_millis(ms));
    ms
}

fn main() {
    let naps = vec![300, 100, 200];

    // ANCHOR: map
    // Python's pool.map: results in input order, whatever finishes first.
    let in_input_order: Vec<u64> = naps.par_iter().map(|&ms| nap(ms)).collect();
    println!("map:          {in_input_order:?}");
    // ANCHOR_END: map

    // ANCHOR: as_completed
    let pool = ThreadPool::new(3);
    let tasks: Vec<_> = naps.iter().map(|&ms| move || nap(ms)).collect();
    let mut in_finishing_order = Vec::new();
    for (index, outcome) in pool.as_completed(tasks) {
        let ms = outcome.expect("a nap cannot panic");
        println!("  task {index} finished: {ms} ms");
        in_finishing_order.push(ms);
    }
    println!("as_completed: {in_finishing_order:?}");
    // ANCHOR_END: as_completed
}
