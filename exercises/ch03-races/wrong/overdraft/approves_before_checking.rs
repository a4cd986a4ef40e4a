//! Mistake: asks for approval before it checks the balance, so the fraud
//! check is asked about money that is not there.
//! Caught by: no_approval_is_asked_for_money_that_is_not_there
// REGION
        if !approve(amount) {
            return false;
        }
        let mut balance = self.balance.lock();
        if *balance < amount {
            return false;
        }
        *balance -= amount;
        true
