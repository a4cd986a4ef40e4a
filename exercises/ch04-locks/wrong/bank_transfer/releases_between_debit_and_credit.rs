//! Mistake: locks one account at a time, taking the money out of `from`
//! and unlocking it before it locks `to`, so for a moment the money is in
//! neither account and anyone adding them up sees it missing.
//! Caught by: nobody_sees_the_total_change_in_the_middle_of_a_transfer, calls_between_locks_once_with_one_account_locked
// REGION
    {
        let mut from_balance = from.balance.lock().unwrap();
        if *from_balance < amount {
            return false;
        }
        *from_balance -= amount;
    }
    between_locks();
    *to.balance.lock().unwrap() += amount;
    true
