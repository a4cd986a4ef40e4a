//! Mistake: avoids the deadlock by locking `from` and only *trying* to
//! lock `to`; when `to` is busy it lets go and reports the transfer as
//! refused. Two opposite transfers at the same moment then fail although
//! both accounts hold enough.
//! Caught by: opposite_transfers_at_the_same_moment_both_finish
// REGION
    let mut from_balance = from.balance.lock().unwrap();
    between_locks();
    let Ok(mut to_balance) = to.balance.try_lock() else {
        return false;
    };
    if *from_balance < amount {
        return false;
    }
    *from_balance -= amount;
    *to_balance += amount;
    true
