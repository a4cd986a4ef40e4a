//! Eight customers withdraw at once: check-then-act, then one lock.

use ch03::Account;
use std::thread;

const OPENING_BALANCE: i64 = 100;
const CUSTOMERS: usize = 8;
const AMOUNT: i64 = 100;

fn main() {
    rush("check, then act", Account::withdraw_check_then_act);
    rush("one lock around both", Account::withdraw);
}

/// Every customer asks for the whole balance at the same moment.
fn rush(name: &str, withdraw: fn(&Account, i64) -> bool) {
    let account = Account::new(OPENING_BALANCE);
    let approved = thread::scope(|s| {
        let customers: Vec<_> = (0..CUSTOMERS)
            .map(|_| s.spawn(|| withdraw(&account, AMOUNT)))
            .collect();
        customers
            .into_iter()
            .map(|customer| customer.join().unwrap())
            .filter(|&approved| approved)
            .count()
    });
    let overdrawn = (-account.balance()).max(0);
    println!(
        "{:<22}{approved} of {CUSTOMERS} withdrawals of {AMOUNT} approved, \
         paid out {}, overdrawn by {overdrawn}",
        format!("{name}:"),
        approved as i64 * AMOUNT
    );
}
