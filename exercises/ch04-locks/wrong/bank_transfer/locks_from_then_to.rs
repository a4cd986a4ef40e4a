//! Mistake: locks `from` and then `to`, so a transfer from A to B and one
//! from B to A each take one lock and then wait for ever for the other.
//! Caught by: opposite_transfers_at_the_same_moment_both_finish
// REGION
    let mut from_balance = from.balance.lock().unwrap();
    between_locks();
    let mut to_balance = to.balance.lock().unwrap();
    if *from_balance < amount {
        return false;
    }
    *from_balance -= amount;
    *to_balance += amount;
    true
