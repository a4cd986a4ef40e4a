use ch03_exercises::overdraft;

use overdraft::Account;
use std::cell::Cell;
use std::thread;

#[test]
fn withdraws_only_what_the_balance_covers() {
    let account = Account::new(100);
    assert!(account.withdraw(60, |_| true), "60 from 100");
    assert_eq!(account.balance(), 40);
    assert!(
        !account.withdraw(50, |_| true),
        "50 from 40 must be refused"
    );
    assert_eq!(account.balance(), 40, "a refused withdrawal takes nothing");
    assert!(
        account.withdraw(40, |_| true),
        "40 from 40 empties the account"
    );
    assert_eq!(account.balance(), 0);
}

#[test]
fn a_withdrawal_the_fraud_check_refuses_takes_nothing() {
    let account = Account::new(100);
    assert!(!account.withdraw(30, |_| false), "approve said no");
    assert_eq!(account.balance(), 100, "a refused withdrawal takes nothing");
}

#[test]
fn no_approval_is_asked_for_money_that_is_not_there() {
    let account = Account::new(100);
    let asked = Cell::new(false);
    let paid = account.withdraw(150, |_| {
        asked.set(true);
        true
    });
    assert!(!paid, "150 from 100 must be refused");
    assert!(
        !asked.get(),
        "approve was asked about 150 from a balance of 100: check the balance first"
    );
    assert_eq!(account.balance(), 100);
}

#[test]
fn nobody_else_can_withdraw_while_a_withdrawal_is_being_approved() {
    let account = Account::new(100);
    let other_customer = Cell::new(None);
    let mine = account.withdraw(80, |_| {
        // The fraud check takes a while. Meanwhile another customer asks
        // for 80 too, and gets to try if the account is not locked now.
        if let Ok(unlocked) = account.balance.try_lock() {
            drop(unlocked);
            other_customer.set(Some(account.withdraw(80, |_| true)));
        }
        true
    });
    let theirs = other_customer.get().unwrap_or(false);
    let balance = account.balance();
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

#[test]
fn eight_customers_at_once_are_paid_exactly_what_the_balance_covers() {
    for round in 0..20 {
        let account = Account::new(100);
        let paid = thread::scope(|s| {
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
                .filter_map(|customer| customer.join().unwrap().then_some(30))
                .sum::<i64>()
        });
        assert_eq!(
            (paid, account.balance()),
            (90, 10),
            "round {round}: 8 customers withdrawing 30 each from 100 should get 90 in all, \
             leaving 10 (paid, balance)"
        );
    }
}
