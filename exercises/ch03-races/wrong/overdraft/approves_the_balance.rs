//! Mistake: asks the fraud check about the balance instead of the amount
//! being withdrawn.
//! Caught by: approve_is_asked_about_the_amount_withdrawn
// REGION
        let mut balance = self.balance.lock();
        if *balance < amount || !approve(*balance) {
            return false;
        }
        *balance -= amount;
        true
