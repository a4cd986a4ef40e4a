//! The counter and the bank account that chapter 3 races on.
//!
//! The shared state that chapter 3's listings race on, each with its wrong
//! and its fixed way of changing it: a counter that many threads add 1 to,
//! and a bank account that many customers withdraw from.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Barrier, Mutex};
use std::thread;
use std::time::Duration;

// ANCHOR: count_with
/// Many threads adding 1 to one shared counter.
/// Starts `threads` threads that each add 1 `increments` times, using
/// `add_one`, and returns the final count.
pub fn count_with(threads: usize, increments: u64, add_one: fn(&AtomicU64)) -> u64 {
    let counter = AtomicU64::new(0);
    // Nobody starts adding before every thread is ready, so that they overlap.
    let start = Barrier::new(threads);
    thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                start.wait();
                for _ in 0..increments {
                    add_one(&counter);
                }
            });
        }
    });
    counter.into_inner()
}
// ANCHOR_END: count_with

// ANCHOR: load_then_store
/// Load, then store: two atomic steps that can lose an update.
/// Reads the counter, then writes back what it read plus one. Each step is
/// atomic; the two together are not: another thread's update can land
/// between them and be overwritten.
pub fn load_then_store(counter: &AtomicU64) {
    let seen = counter.load(Relaxed);
    counter.store(seen + 1, Relaxed);
}
// ANCHOR_END: load_then_store

// ANCHOR: fetch_add
/// Reads, adds and writes in one indivisible step.
pub fn fetch_add(counter: &AtomicU64) {
    counter.fetch_add(1, Relaxed);
}
// ANCHOR_END: fetch_add

// ANCHOR: compare_exchange
/// A compare-exchange loop: add 1 only to the value you saw.
/// Writes `seen + 1` only if the counter still holds `seen`; if another
/// thread got there first, tries again from what the counter holds now.
pub fn compare_exchange_loop(counter: &AtomicU64) {
    let mut seen = counter.load(Relaxed);
    while let Err(now) = counter.compare_exchange(seen, seen + 1, Relaxed, Relaxed) {
        seen = now;
    }
}
// ANCHOR_END: compare_exchange

/// How long the bank takes to approve a withdrawal: a fraud check, a call
/// to another service.
pub const APPROVAL: Duration = Duration::from_millis(1);

/// A bank account that many customers withdraw from at once.
pub struct Account {
    balance: Mutex<i64>,
}

impl Account {
    pub fn new(balance: i64) -> Account {
        Account {
            balance: Mutex::new(balance),
        }
    }

    pub fn balance(&self) -> i64 {
        *self.balance.lock().unwrap()
    }

    // ANCHOR: check_then_act
    /// Check, then act: the lock is let go between the steps.
    /// Checks that the balance covers `amount`, has the withdrawal approved,
    /// then takes the money: three steps, each under the lock on its own.
    pub fn withdraw_check_then_act(&self, amount: i64) -> bool {
        if self.balance() < amount {
            return false;
        }
        // The balance is unlocked here: other customers can check it too.
        approve(amount);
        *self.balance.lock().unwrap() -= amount;
        true
    }
    // ANCHOR_END: check_then_act

    // ANCHOR: withdraw
    /// The same three steps under one lock, from the check to the payout.
    /// Nobody can check the balance until it is up to date.
    pub fn withdraw(&self, amount: i64) -> bool {
        let mut balance = self.balance.lock().unwrap();
        if *balance < amount {
            return false;
        }
        approve(amount);
        *balance -= amount;
        true
    } // `balance`, the guard, is dropped here: that unlocks the account.
    // ANCHOR_END: withdraw
}

fn approve(_amount: i64) {
    thread::sleep(APPROVAL);
}
