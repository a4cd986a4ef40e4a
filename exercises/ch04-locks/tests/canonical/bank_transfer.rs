use ch04_exercises::bank_transfer;

use bank_transfer::{Account, transfer};
use std::sync::Mutex;
use std::sync::mpsc::{self};
use std::thread;
use std::time::Duration;
use testkit::{Deadline, Meeting};

/// How long a test waits for transfers before it calls them deadlocked.
const DEADLINE: Duration = Duration::from_secs(3);

/// Runs `work` on a thread of its own and waits at most DEADLINE for it,
/// so that a deadlock fails the test instead of hanging it.
fn within<T: Send + 'static>(what: &str, work: impl FnOnce() -> T + Send + 'static) -> T {
    Deadline::new(DEADLINE)
        .if_late(
            "a deadlock? Two transfers that lock their accounts in opposite orders each hold \
             the lock the other one waits for. Or a transfer that lets go of its first lock \
             when the second is busy and tries again (`try_lock`), running `between_locks` \
             each time: lock the account with the lower id first, and wait for the other with \
             `lock`",
        )
        .run(what, work)
}

/// Locks both accounts at once, in id order, and adds up what they hold.
fn total_of(accounts: &[&Account]) -> u64 {
    let mut in_order = accounts.to_vec();
    in_order.sort_by_key(|a| a.id());
    let guards: Vec<_> = in_order.iter().map(|a| a.balance.lock().unwrap()).collect();
    guards.iter().map(|balance| **balance).sum()
}

#[test]
fn moves_the_money() {
    let (a, b) = (Account::new(1, 100), Account::new(2, 50));
    let moved: bool = transfer(&a, &b, 30, || {});
    assert!(moved);
    assert_eq!((a.balance(), b.balance()), (70, 80));
}

#[test]
fn moves_the_money_from_the_account_with_the_higher_id_too() {
    let (a, b) = (Account::new(1, 100), Account::new(2, 50));
    assert!(transfer(&b, &a, 20, || {}));
    assert_eq!(
        (a.balance(), b.balance()),
        (120, 30),
        "a transfer from account 2 to account 1 must take the money from account 2, \
         whichever account you locked first"
    );
}

#[test]
fn never_overdraws() {
    let (a, b) = (Account::new(1, 10), Account::new(2, 0));
    assert!(!transfer(&a, &b, 30, || {}), "account 1 holds only 10");
    assert_eq!((a.balance(), b.balance()), (10, 0));
    assert!(transfer(&a, &b, 10, || {}), "exactly the balance may move");
    assert_eq!((a.balance(), b.balance()), (0, 10));
}

#[test]
fn calls_between_locks_once_with_one_account_locked() {
    let (a, b) = (Account::new(1, 100), Account::new(2, 100));
    let calls = Mutex::new(Vec::new());
    transfer(&a, &b, 5, || {
        let locked = [a.balance.try_lock().is_err(), b.balance.try_lock().is_err()];
        calls.lock().unwrap().push(locked);
    });
    let calls = calls.into_inner().unwrap();
    assert_eq!(calls.len(), 1, "call `between_locks()` exactly once");
    assert_eq!(
        calls[0].iter().filter(|locked| **locked).count(),
        1,
        "when `between_locks()` is called, exactly one account must be locked"
    );
}

#[test]
fn opposite_transfers_at_the_same_moment_both_finish() {
    let (balances, moved) = within("two opposite transfers", || {
        let (a, b) = (Account::new(1, 100), Account::new(2, 100));
        // Each transfer waits between its locks for the other to get there
        // too (for as long as PATIENCE). Locked in opposite orders, each
        // then holds what the other one needs next.
        let meeting = Meeting::new(2, PATIENCE);
        let moved = thread::scope(|s| {
            let there = s.spawn(|| transfer(&a, &b, 10, || meeting.arrive()));
            let back = s.spawn(|| transfer(&b, &a, 25, || meeting.arrive()));
            (there.join().unwrap(), back.join().unwrap())
        });
        ((a.balance(), b.balance()), moved)
    });
    assert_eq!(moved, (true, true));
    assert_eq!(balances, (115, 85));
}

#[test]
fn nobody_sees_the_total_change_in_the_middle_of_a_transfer() {
    for (from, to) in [(0, 1), (1, 0)] {
        let totals_seen = within("a transfer with an audit in the middle", move || {
            let accounts = [Account::new(1, 100), Account::new(2, 100)];
            let audits = Mutex::new(Vec::new());
            thread::scope(|s| {
                // In the middle of the transfer, an auditor adds up both
                // accounts, locking both. The transfer waits for the audit
                // for up to PATIENCE: if it still holds a lock, the auditor
                // has to wait for the transfer to finish instead.
                let audit_now = || {
                    let (done, audited) = mpsc::channel();
                    let (accounts, audits) = (&accounts, &audits);
                    s.spawn(move || {
                        let total = total_of(&[&accounts[0], &accounts[1]]);
                        audits.lock().unwrap().push(total);
                        let _ = done.send(());
                    });
                    let _ = audited.recv_timeout(PATIENCE);
                };
                assert!(transfer(&accounts[from], &accounts[to], 30, audit_now));
            });
            audits.into_inner().unwrap()
        });
        assert_eq!(
            totals_seen,
            [200],
            "an auditor locking both accounts in the middle of a transfer saw the total as \
             {totals_seen:?}: hold both locks from before the money leaves one account until \
             after it reaches the other"
        );
    }
}

#[test]
fn a_transfer_checks_the_balance_it_moves_under_the_lock() {
    // Account 2 holds 100, and two transfers want all of it. The one to
    // account 1 locks account 1 first and then pauses until the one to
    // account 3, started only then and needing no lock the first one
    // holds, has taken the 100. When it then gets account 2's lock, the money is gone.
    let (moved, balances) = within("two transfers draining one account", || {
        let accounts = [Account::new(1, 0), Account::new(2, 100), Account::new(3, 0)];
        let (drained, other_is_done) = mpsc::channel();
        let (paused, first_has_paused) = mpsc::channel();
        let moved = thread::scope(|s| {
            let accounts = &accounts;
            let first = s.spawn(move || {
                transfer(&accounts[1], &accounts[0], 100, || {
                    let _ = paused.send(());
                    let _ = other_is_done.recv_timeout(PATIENCE);
                })
            });
            // The second transfer starts only once the first is between
            // its locks.
            let _ = first_has_paused.recv_timeout(PATIENCE);
            let second = s.spawn(move || {
                let moved = transfer(&accounts[1], &accounts[2], 100, || {});
                let _ = drained.send(());
                moved
            });
            (first.join().unwrap(), second.join().unwrap())
        });
        let balances = (
            accounts[0].balance(),
            accounts[1].balance(),
            accounts[2].balance(),
        );
        (moved, balances)
    });
    let (moved, balances): ((bool, bool), (u64, u64, u64)) = (moved, balances);
    assert!(
        moved != (true, false),
        "the transfer from account 2 to account 1 moved the money, although the transfer \
         from account 2 to account 3 was started while the first was between its locks and \
         should have gone first: the first transfer held account 2's lock while it paused. \
         Lock the account with the lower id first (here account 1, the one the money goes \
         to), whichever way the money goes (moved: {moved:?}, balances: {balances:?})"
    );
    assert_eq!(
        (moved, balances),
        ((false, true), (0, 0, 100)),
        "account 2 held 100 and two transfers of 100 left it: only one may succeed. Check \
         that `from` holds enough with both locks held, right before moving the money, not \
         before taking the locks"
    );
}

#[test]
fn many_transfers_on_many_threads_keep_the_total() {
    let total = within("many transfers", || {
        let accounts = [
            Account::new(1, 1000),
            Account::new(2, 1000),
            Account::new(3, 1000),
        ];
        thread::scope(|s| {
            for worker in 0..4 {
                let accounts = &accounts;
                s.spawn(move || {
                    for round in 0..500 {
                        let from = (worker + round) % 3;
                        let to = (from + 1 + round % 2) % 3;
                        transfer(&accounts[from], &accounts[to], (round % 7) as u64, || {});
                    }
                });
            }
        });
        total_of(&[&accounts[0], &accounts[1], &accounts[2]])
    });
    assert_eq!(total, 3000, "money was made or lost");
}

/// How long a caller waits at a `Meeting` for the others.
const PATIENCE: Duration = Duration::from_millis(500);
