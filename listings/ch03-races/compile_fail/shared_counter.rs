//! Four threads changing one local counter.

use std::thread;

const THREADS: u64 = 4;
const INCREMENTS: u64 = 100_000;

fn main() {
    let mut counter = 0;
    thread::scope(|s| {
        for _ in 0..THREADS {
            // Every thread wants to change the same `counter`.
            s.spawn(|| {
                for _ in 0..INCREMENTS {
                    counter += 1;
                }
            });
        }
    });
    println!("expected {}, counted {counter}", THREADS * INCREMENTS);
}
