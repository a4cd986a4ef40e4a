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
//! while `approve` runs too. The tests check the three steps on one thread
//! and the amount `approve` is asked about; then, while `approve` runs, they
//! check that the account is locked and let another customer withdraw if it
//! is not; and they have 8 threads withdraw at once, 20 times over, and
//! count the money.

use std::sync::Mutex;

pub struct Account {
    /// The balance, behind its lock. Public so that the tests can see
    /// whether `withdraw` holds the lock while it asks for approval.
    pub balance: Mutex<i64>,
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

    /// Takes `amount` off the balance if the balance covers it and
    /// `approve(amount)` says yes; returns whether it did.
    pub fn withdraw(&self, amount: i64, approve: impl Fn(i64) -> bool) -> bool {
        // SOLUTION: Check, approve and withdraw under one lock, held from the check to the withdrawal.
        let mut balance = self.balance.lock().unwrap();
        if *balance < amount || !approve(amount) {
            return false;
        }
        *balance -= amount;
        true
        // END SOLUTION
    }
}
