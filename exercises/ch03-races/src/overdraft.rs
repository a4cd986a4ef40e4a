//! # No more overdrafts
//!
//! In chapter 3's `overdraft` listing, eight customers each withdrew the
//! whole balance at once and all eight were paid. Write `Account::withdraw`
//! so that it cannot happen. A withdrawal takes three steps, in this order:
//!
//! 1. check that the balance covers `amount`; if it does not, refuse
//!    (return `false`) without asking for approval;
//! 2. ask `approve(amount)`, the bank's fraud check; if it says no, refuse
//!    and leave the balance alone;
//! 3. take `amount` off the balance and return `true`.
//!
//! Many customers withdraw at the same time, and `approve` can be slow. No
//! other withdrawal may change the balance between your check and your
//! withdrawal, so the account stays locked from the check to the withdrawal,
//! while `approve` runs too.
//!
//! The balance sits behind a `BalanceLock`. In your programs that is a
//! `Mutex<i64>`; its `lock` here gives the guard directly, the `unwrap`
//! done for you. The tests also plug in a lock of their own, which lets
//! another customer withdraw at the moment you let go of the lock, the
//! moment a racing thread could get in. They check the three steps on one
//! thread and the amount `approve` is asked about; that the account is
//! locked while `approve` runs; that a customer who gets in whenever you let
//! go cannot withdraw between your check and your withdrawal; and they have
//! 8 threads withdraw at once, 20 times over, and count the money.

use std::ops::DerefMut;
use std::sync::{Mutex, MutexGuard};

/// A lock around a balance: the part of `Mutex<i64>` that an account uses.
pub trait BalanceLock {
    /// Holds the lock while it exists, and gives access to the balance.
    type Guard<'a>: DerefMut<Target = i64>
    where
        Self: 'a;
    /// Waits until no one else holds the lock, then takes it.
    fn lock(&self) -> Self::Guard<'_>;
}

impl BalanceLock for Mutex<i64> {
    type Guard<'a> = MutexGuard<'a, i64>;
    fn lock(&self) -> MutexGuard<'_, i64> {
        Mutex::lock(self).expect("a withdrawal panicked while it held the lock")
    }
}

pub struct Account<L = Mutex<i64>> {
    /// The balance, behind its lock. Public so that the tests can see
    /// whether `withdraw` holds the lock while it asks for approval, and
    /// build an account around a lock of their own.
    pub balance: L,
}

impl Account {
    pub fn new(balance: i64) -> Account {
        Account {
            balance: Mutex::new(balance),
        }
    }
}

impl<L: BalanceLock> Account<L> {
    pub fn balance(&self) -> i64 {
        *self.balance.lock()
    }

    /// Takes `amount` off the balance if the balance covers it and
    /// `approve(amount)` says yes; returns whether it did.
    pub fn withdraw(&self, amount: i64, approve: impl Fn(i64) -> bool) -> bool {
        // SOLUTION: Check, approve and withdraw under one lock, held from the check to the withdrawal.
        let mut balance = self.balance.lock();
        if *balance < amount || !approve(amount) {
            return false;
        }
        *balance -= amount;
        true
        // END SOLUTION
    }
}
