//! A `Condvar`: the assistant waits for the baker's loaves.

use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::Duration;

const ORDER: usize = 3;

fn main() {
    // The counter where the baker puts loaves, and a Condvar on which to
    // announce "the counter has changed".
    let counter = Mutex::new(Vec::new());
    let counter_changed = Condvar::new();

    thread::scope(|s| {
        // main is the shop assistant, and holds the lock before the baker starts.
        let loaves = counter.lock().unwrap();
        println!("assistant: waiting for {ORDER} loaves");

        s.spawn(|| {
            for loaf in 1..=ORDER {
                thread::sleep(Duration::from_millis(50));
                let mut loaves = counter.lock().unwrap();
                loaves.push(format!("loaf {loaf}"));
                println!("baker: {} on the counter", loaves.len());
                counter_changed.notify_one();
            }
        });

        // wait_while unlocks the mutex while it sleeps. Each time it is
        // woken it locks the mutex again and checks the condition; it
        // returns, holding the lock, once the condition is false.
        let mut loaves = counter_changed
            .wait_while(loaves, |loaves| loaves.len() < ORDER)
            .unwrap();
        println!("assistant: woke up to {} loaves, boxing them", loaves.len());
        loaves.clear();
    });
    println!("counter after the order: {:?}", counter.lock().unwrap());
}
