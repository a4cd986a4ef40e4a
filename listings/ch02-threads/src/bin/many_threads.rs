//! Four workers, each with its own share of the numbers.

use std::thread;

const WORKERS: u64 = 4;
const UP_TO: u64 = 1000;

fn main() {
    let share = UP_TO / WORKERS;

    let mut workers = Vec::new();
    for worker in 0..WORKERS {
        // These locals are the worker's arguments: `move` copies them into
        // its closure, so every worker gets its own `first` and `last`.
        let first = worker * share + 1;
        let last = first + share - 1;
        workers.push(thread::spawn(move || {
            let sum: u64 = (first..=last).map(|n| n * n).sum();
            (first, last, sum)
        }));
    }

    // Joining in the order of spawning keeps the report in that order, however
    // the threads were scheduled.
    let mut total = 0;
    for (worker, handle) in workers.into_iter().enumerate() {
        let (first, last, sum) = handle.join().expect("a worker panicked");
        println!("worker {worker}: squares of {first}..={last} add up to {sum}");
        total += sum;
    }

    println!("total from {WORKERS} workers: {total}");
    println!(
        "formula n(n+1)(2n+1)/6:   {}",
        UP_TO * (UP_TO + 1) * (2 * UP_TO + 1) / 6
    );
}
