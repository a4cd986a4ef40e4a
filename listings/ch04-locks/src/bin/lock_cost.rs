//! What a round of lock, update, unlock costs in std and parking_lot.

use std::hint::black_box;
use std::sync::{Barrier, Mutex};
use std::thread;
use std::time::Instant;

/// Rounds per thread: enough to average out the clock, few enough that the
/// whole listing takes well under a second.
const ROUNDS: u32 = 5_000_000;

/// What the lock protects: a count, and which thread last held the lock, so
/// that we can count how often the lock changed hands.
#[derive(Default)]
struct Tally {
    rounds: u64,
    last_holder: usize,
    handoffs: u64,
}

impl Tally {
    fn add(&mut self, thread: usize) {
        self.rounds += 1;
        if self.last_holder != thread {
            self.last_holder = thread;
            self.handoffs += 1;
        }
    }
}

/// Runs `round` ROUNDS times on each of `threads` threads, all started
/// together, and returns the wall-clock time per round in nanoseconds: how
/// long the program took, shared out over every lock taken.
fn ns_per_round(threads: usize, round: impl Fn(usize) + Sync) -> f64 {
    let round = &round;
    let start_line = &Barrier::new(threads + 1);
    let start = thread::scope(|s| {
        for thread in 1..=threads {
            s.spawn(move || {
                start_line.wait();
                for _ in 0..ROUNDS {
                    round(thread);
                }
            });
        }
        start_line.wait();
        Instant::now()
    });
    start.elapsed().as_nanos() as f64 / (threads as f64 * f64::from(ROUNDS))
}

fn main() {
    println!("{ROUNDS} rounds per thread; a round locks, updates a tally and unlocks");
    let mut handoffs = Vec::new();
    for (threads, how) in [(1, "uncontended (1 thread)"), (2, "contended (2 threads)")] {
        let tally = Mutex::new(Tally::default());
        let ns = ns_per_round(threads, |me| black_box(&tally).lock().unwrap().add(me));
        println!("std::sync::Mutex, {how}: {ns:.1} ns per round");
        let tally = tally.into_inner().unwrap();
        assert_eq!(tally.rounds, threads as u64 * u64::from(ROUNDS));
        handoffs.push(("std::sync::Mutex", tally.handoffs));

        let tally = parking_lot::Mutex::new(Tally::default());
        let ns = ns_per_round(threads, |me| black_box(&tally).lock().add(me));
        println!("parking_lot::Mutex, {how}: {ns:.1} ns per round");
        let tally = tally.into_inner();
        assert_eq!(tally.rounds, threads as u64 * u64::from(ROUNDS));
        handoffs.push(("parking_lot::Mutex", tally.handoffs));
    }
    // The last two entries are the contended runs.
    for (lock, handoffs) in &handoffs[2..] {
        println!("times the lock changed hands between the 2 threads, {lock}: {handoffs}");
    }
}
