//! Mistake: refuses a transfer when `from` holds exactly `amount`
//! (`<=` instead of `<`), so an account can never be emptied.
//! Caught by: never_overdraws
// REGION
    let from_first = from.id < to.id;
    let (first, second) = if from_first { (from, to) } else { (to, from) };
    let mut first = first.balance.lock().unwrap();
    between_locks();
    let mut second = second.balance.lock().unwrap();
    let (from_balance, to_balance) = if from_first {
        (&mut *first, &mut *second)
    } else {
        (&mut *second, &mut *first)
    };
    if *from_balance <= amount {
        return false;
    }
    *from_balance -= amount;
    *to_balance += amount;
    true
