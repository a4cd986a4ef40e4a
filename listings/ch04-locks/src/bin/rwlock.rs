//! An `RwLock`: readers hold it at the same time.

use std::collections::HashMap;
use std::sync::{Barrier, RwLock};
use std::thread;

const READERS: usize = 3;

fn main() {
    let prices = RwLock::new(HashMap::from([("tea", 3), ("coffee", 4)]));

    // Each reader waits at `all_reading` with its read guard in hand. The
    // barrier opens only when all of them are there, so they must all be
    // holding the lock at the same time.
    let all_reading = Barrier::new(READERS + 1);
    let may_leave = Barrier::new(READERS + 1);
    let seen = thread::scope(|s| {
        let readers: Vec<_> = (0..READERS)
            .map(|_| {
                s.spawn(|| {
                    let prices = prices.read().unwrap();
                    all_reading.wait();
                    let tea = prices["tea"];
                    may_leave.wait();
                    tea
                })
            })
            .collect();
        all_reading.wait();
        println!("{READERS} readers hold the read lock at the same time");
        let writer_got_in = prices.try_write().is_ok();
        println!("meanwhile a writer's try_write gets the lock: {writer_got_in}");
        may_leave.wait();
        readers
            .into_iter()
            .map(|r| r.join().unwrap())
            .collect::<Vec<_>>()
    });
    println!("the readers saw tea at {seen:?}");

    // One writer, and nobody else: not even a reader.
    let mut writing = prices.write().unwrap();
    writing.insert("tea", 5);
    let reader_got_in = thread::scope(|s| s.spawn(|| prices.try_read().is_ok()).join().unwrap());
    println!("while main writes, a reader's try_read gets the lock: {reader_got_in}");
    drop(writing);
    println!(
        "after the write, tea costs {}",
        prices.read().unwrap()["tea"]
    );
}
