//! # A transfer between two locked accounts
//!
//! Every account has a lock of its own, so that transfers between different
//! pairs of accounts can run at the same time. A transfer needs two of
//! them, which is exactly the dining philosophers' problem: take them in the
//! wrong order and two transfers going opposite ways deadlock.
//!
//! Implement `transfer(from, to, amount, between_locks)`:
//!
//! - hold both accounts' locks for the whole transfer, so that nobody can
//!   ever see the money gone from one account and not yet in the other;
//! - if `from` holds less than `amount`, move nothing and return `false`;
//!   otherwise move the money and return `true`;
//! - never deadlock, even when a transfer from A to B and one from B to A
//!   start at the same moment. One of chapter 4's fixes for the dining
//!   philosophers works here too;
//! - call `between_locks()` exactly once, after you have locked one account
//!   and before you lock the other. The tests pass a closure that pauses
//!   your transfer right there, to make the bad timing certain; real code
//!   would pass `|| {}`.
//!
//! `from` and `to` are always two different accounts with different ids.
//!
//! The tests check that money moves from `from` to `to` whichever of them
//! has the lower id, that a transfer never overdraws, that two opposite
//! transfers paused between their locks both finish, that nobody looking
//! at both accounts in the middle of a transfer sees the total change, that
//! a transfer whose account another transfer empties meanwhile sees that
//! it holds too little, and that many transfers on many threads keep the
//! total.

use std::sync::Mutex;

pub struct Account {
    id: u32,
    /// The balance, behind its lock. Public so that the tests can see which
    /// locks `transfer` holds, and take them in the same order.
    pub balance: Mutex<u64>,
}

impl Account {
    pub fn new(id: u32, balance: u64) -> Account {
        Account {
            id,
            balance: Mutex::new(balance),
        }
    }

    pub fn id(&self) -> u32 {
        self.id
    }

    pub fn balance(&self) -> u64 {
        *self.balance.lock().unwrap()
    }
}

/// Moves `amount` from `from` to `to` if `from` holds enough, holding both
/// locks throughout. Calls `between_locks` after taking the first lock.
pub fn transfer(from: &Account, to: &Account, amount: u64, between_locks: impl Fn()) -> bool {
    // SOLUTION: Lock the account with the lower id first, call `between_locks()`, lock the other one, and move the money only if `from` holds enough.
    let from_first = from.id() < to.id();
    let (first, second) = if from_first { (from, to) } else { (to, from) };
    let mut first = first.balance.lock().unwrap();
    between_locks();
    let mut second = second.balance.lock().unwrap();
    // The locks were taken in id order; the money still goes from `from`.
    let (from_balance, to_balance) = if from_first {
        (&mut *first, &mut *second)
    } else {
        (&mut *second, &mut *first)
    };
    if *from_balance < amount {
        return false;
    }
    *from_balance -= amount;
    *to_balance += amount;
    true
    // END SOLUTION
}
