//! Python's `global counter` as a `static mut`.

use std::thread;

const THREADS: u64 = 4;
const INCREMENTS: u64 = 100_000;

// Python's `global counter`, as a mutable static.
static mut COUNTER: u64 = 0;

fn main() {
    let adders: Vec<_> = (0..THREADS)
        .map(|_| {
            thread::spawn(|| {
                for _ in 0..INCREMENTS {
                    COUNTER += 1;
                }
            })
        })
        .collect();
    for adder in adders {
        adder.join().unwrap();
    }
    println!("expected {}, counted {}", THREADS * INCREMENTS, COUNTER);
}
