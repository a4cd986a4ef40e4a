//! Mistake: locks the accounts in id order, as it should, but then takes
//! the money from whichever account it locked first, so a transfer from
//! account 2 to account 1 moves money the wrong way.
//! Caught by: moves_the_money_from_the_account_with_the_higher_id_too
// REGION
    let (first, second) = if from.id < to.id { (from, to) } else { (to, from) };
    let mut first = first.balance.lock().unwrap();
    between_locks();
    let mut second = second.balance.lock().unwrap();
    if *first < amount {
        return false;
    }
    *first -= amount;
    *second += amount;
    true
