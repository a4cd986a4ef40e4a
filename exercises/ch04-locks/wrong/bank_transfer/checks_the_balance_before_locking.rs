//! Mistake: checks that `from` holds enough before taking the locks, and
//! moves the money after taking them without checking again. Another
//! transfer can empty `from` in between, and this one then overdraws it.
//! Caught by: a_transfer_checks_the_balance_it_moves_under_the_lock
// REGION
    if from.balance() < amount {
        return false;
    }
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
    *from_balance = from_balance.wrapping_sub(amount);
    *to_balance += amount;
    true
