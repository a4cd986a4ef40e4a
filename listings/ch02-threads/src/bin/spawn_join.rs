//! Spawn a thread, then join it for its result.

use std::thread;

fn main() {
    let numbers: Vec<u64> = (1..=1000).collect();

    // `move` hands `numbers` to the new thread. Without it the closure would
    // only borrow them, and the thread might outlive `main`'s stack frame.
    let worker: thread::JoinHandle<u64> =
        thread::spawn(move || numbers.iter().map(|n| n * n).sum());

    println!("main: the worker is adding up the squares of 1..=1000");

    // `join` waits for the thread and hands back what its closure returned.
    let sum = worker.join().expect("the worker panicked");
    println!("main: join returned {sum}");
}
