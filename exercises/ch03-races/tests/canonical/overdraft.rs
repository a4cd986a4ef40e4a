use ch03_exercises::overdraft;

use overdraft::{Account, BalanceLock};
use std::cell::{Cell, RefCell, RefMut};
use std::ops::{Deref, DerefMut};
use std::thread;

#[test]
fn withdraws_only_what_the_balance_covers() {
    let account = Account::new(100);
    let paid: bool = account.withdraw(60, |_| true);
    assert!(paid, "60 from 100");
    let balance: i64 = account.balance();
    assert_eq!(balance, 40);
    let paid: bool = account.withdraw(50, |_| true);
    assert!(!paid, "50 from 40 must be refused");
    let balance: i64 = account.balance();
    assert_eq!(balance, 40, "a refused withdrawal takes nothing");
    let paid: bool = account.withdraw(40, |_| true);
    assert!(paid, "40 from 40 empties the account");
    let balance: i64 = account.balance();
    assert_eq!(balance, 0);
}

#[test]
fn a_withdrawal_the_fraud_check_refuses_takes_nothing() {
    let account = Account::new(100);
    let paid: bool = account.withdraw(30, |_| false);
    assert!(!paid, "approve said no");
    let balance: i64 = account.balance();
    assert_eq!(balance, 100, "a refused withdrawal takes nothing");
}

#[test]
fn no_approval_is_asked_for_money_that_is_not_there() {
    let account = Account::new(100);
    let asked = Cell::new(false);
    let paid: bool = account.withdraw(150, |_| {
        asked.set(true);
        true
    });
    assert!(!paid, "150 from 100 must be refused");
    assert!(
        !asked.get(),
        "approve was asked about 150 from a balance of 100: check the balance first"
    );
    let balance: i64 = account.balance();
    assert_eq!(balance, 100);
}

#[test]
fn approve_is_asked_about_the_amount_withdrawn() {
    let account = Account::new(100);
    let asked = Cell::new(None);
    let paid: bool = account.withdraw(30, |amount| {
        asked.set(Some(amount));
        true
    });
    assert!(paid, "30 from 100, approved");
    let asked: Option<i64> = asked.get();
    assert_eq!(
        asked,
        Some(30),
        "the fraud check must be asked about the amount withdrawn, 30"
    );
}

#[test]
fn the_account_stays_locked_while_approve_runs() {
    let account = Account::new(100);
    let locked_during_approval = Cell::new(None);
    let paid: bool = account.withdraw(30, |_| {
        locked_during_approval.set(Some(account.balance.try_lock().is_err()));
        true
    });
    assert!(paid, "30 from 100, approved");
    let locked: Option<bool> = locked_during_approval.get();
    assert_eq!(
        locked,
        Some(true),
        "while approve ran, the account was not locked: take the lock before the check and \
         keep it until the withdrawal, approve included; checking again afterwards does not \
         stop another customer's withdrawal from slipping in between"
    );
}

#[test]
fn nobody_else_can_withdraw_while_a_withdrawal_is_being_approved() {
    let account = Account::new(100);
    let other_customer = Cell::new(None);
    let mine: bool = account.withdraw(80, |_| {
        // The fraud check takes a while. Meanwhile another customer asks
        // for 80 too, and gets to try if the account is not locked now.
        if let Ok(unlocked) = account.balance.try_lock() {
            drop(unlocked);
            other_customer.set(Some(account.withdraw(80, |_| true)));
        }
        true
    });
    let theirs: bool = other_customer.get().unwrap_or(false);
    let balance: i64 = account.balance();
    assert!(
        balance >= 0,
        "two withdrawals of 80 from 100 were both paid: the balance is {balance}. While yours was \
         being approved the account was unlocked, so the other customer's check saw 100 too. \
         Hold the lock from the check to the withdrawal"
    );
    let paid = 80 * (i64::from(mine) + i64::from(theirs));
    assert_eq!(
        balance,
        100 - paid,
        "yours was paid: {mine}, the other customer's: {theirs}"
    );
}

/// A lock that lets another customer withdraw 80, in one step of its own,
/// the first time the `withdraw` under test lets go of it: the moment a
/// racing thread could get in. All of it happens on the test's thread, in
/// this order, every time.
struct LetsAnotherCustomerIn {
    balance: RefCell<i64>,
    let_go: Cell<bool>,
    other_customer_paid: Cell<Option<bool>>,
}

impl LetsAnotherCustomerIn {
    fn new(balance: i64) -> LetsAnotherCustomerIn {
        LetsAnotherCustomerIn {
            balance: RefCell::new(balance),
            let_go: Cell::new(false),
            other_customer_paid: Cell::new(None),
        }
    }
}

struct Held<'a> {
    lock: &'a LetsAnotherCustomerIn,
    balance: Option<RefMut<'a, i64>>,
}

impl Deref for Held<'_> {
    type Target = i64;
    fn deref(&self) -> &i64 {
        self.balance.as_ref().unwrap()
    }
}

impl DerefMut for Held<'_> {
    fn deref_mut(&mut self) -> &mut i64 {
        self.balance.as_mut().unwrap()
    }
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        drop(self.balance.take());
        if !self.lock.let_go.replace(true) {
            let mut balance = self.lock.balance.borrow_mut();
            let paid = *balance >= 80;
            if paid {
                *balance -= 80;
            }
            self.lock.other_customer_paid.set(Some(paid));
        }
    }
}

impl BalanceLock for LetsAnotherCustomerIn {
    type Guard<'a> = Held<'a>;
    fn lock(&self) -> Held<'_> {
        let balance = self.balance.try_borrow_mut().expect(
            "withdraw locked the account while it already held the lock: with a real Mutex, \
             that waits for itself forever",
        );
        Held {
            lock: self,
            balance: Some(balance),
        }
    }
}

#[test]
fn nobody_else_can_withdraw_between_the_check_and_the_withdrawal() {
    let account = Account {
        balance: LetsAnotherCustomerIn::new(100),
    };
    let mine: bool = account.withdraw(80, |_| true);
    let theirs: Option<bool> = account.balance.other_customer_paid.get();
    let balance: i64 = *account.balance.balance.borrow();
    assert!(
        balance >= 0,
        "two withdrawals of 80 from 100 were both paid: the balance is {balance}. Your withdraw \
         let go of the lock after its check, another customer withdrew 80 at that moment, and \
         yours withdrew 80 too. Hold one lock from the check to the withdrawal"
    );
    assert_eq!(
        (mine, theirs, balance),
        (true, Some(false), 20),
        "(yours paid, the other customer's paid, the balance): the other customer could get in \
         only when your withdraw let go of the lock, which should be after it withdrew 80 \
         from 100; then the other's 80 is refused"
    );
}

#[test]
fn eight_customers_at_once_are_paid_exactly_what_the_balance_covers() {
    for round in 0..20 {
        let account = Account::new(100);
        let paid: i64 = thread::scope(|s| {
            let customers: Vec<_> = (0..8)
                .map(|_| {
                    s.spawn(|| {
                        account.withdraw(30, |_| {
                            thread::yield_now();
                            true
                        })
                    })
                })
                .collect();
            customers
                .into_iter()
                .filter_map(|customer| {
                    let paid: bool = customer.join().unwrap();
                    paid.then_some(30)
                })
                .sum::<i64>()
        });
        let balance: i64 = account.balance();
        assert_eq!(
            (paid, balance),
            (90, 10),
            "round {round}: 8 customers withdrawing 30 each from 100 should get 90 in all, \
             leaving 10 (paid, balance)"
        );
    }
}
