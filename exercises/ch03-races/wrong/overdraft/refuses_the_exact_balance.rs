//! Mistake: pays out only when the balance is more than the amount, so a
//! withdrawal of the whole balance is refused.
//! Caught by: withdraws_only_what_the_balance_covers
// REGION
        let mut balance = self.balance.lock();
        if *balance <= amount || !approve(amount) {
            return false;
        }
        *balance -= amount;
        true
